package ui

import (
	"context"

	"leakdesk/internal/report"
)

// PacketOptions turns the tab's request into the packet model's options,
// for the preview here and the export in cmd/leakdesk alike.
func PacketOptions(req ExportRequest) report.Options {
	m := req.Masking
	opts := report.Options{Mask: &m, IncludeExhibits: req.Exhibits == nil || len(req.Exhibits) > 0,
		Exhibits: req.Exhibits, Instructions: req.Instructions}
	for k, v := range req.Fields {
		opts.SetField(k, v)
	}
	return opts
}

// ExportFunc renders one packet of a case to a PDF and returns where it went.
// It arrives from cmd/leakdesk so that internal/ui never imports the PDF
// renderer. progress is called with 0..1 from the exporting goroutine. The
// function writes a temporary file beside req.Path and renames it, so an
// existing file is never left half-written, and it records the export as
// an event of the case (packet kind, SHA-256 of the PDF).
type ExportFunc func(ctx context.Context, caseID int64, req ExportRequest, progress func(float64)) (pdfPath string, err error)

// ExportRequest says which packet to build and how.
type ExportRequest struct {
	// Packet is the recipient kind, one of the Packet* constants.
	Packet string
	// Path is where the PDF goes.
	Path string
	// Masking says which numbers are hidden (ID: first 6 + last 4; phone:
	// 3 + 4; card: last 4); the tab starts from report.DefaultMasking.
	Masking report.Masking
	// Exhibits are the IDs of the exhibits to list and reproduce, in the
	// case's exhibit order. nil means the packet's default; an empty,
	// non-nil slice means none.
	Exhibits []int64
	// Instructions asks for the first page for the user (where to take
	// the packet, how many copies), marked as not to be submitted.
	Instructions bool
	// Attach embeds each exhibit's original file in the PDF as an
	// attachment (checked by default for the full packet).
	Attach bool
	// Fields are the recipient-specific words the user checked or typed,
	// by the Field* keys below; empty values mean "use the case's".
	Fields map[string]string
}

// Keys of ExportRequest.Fields.
const (
	// FieldRecipient is who the packet is addressed to: the police
	// station, the regulator's office, the company's privacy desk.
	FieldRecipient = "recipient"
	// FieldRespondent and FieldRespondentAddress name the organisation
	// complained about or asked to delete (prefilled from the case source).
	FieldRespondent        = "respondent"
	FieldRespondentAddress = "respondent_address"
	// FieldDemands are the user's requests, one per line.
	FieldDemands = "demands"
	// FieldLosses describes money lost, for the police.
	FieldLosses = "losses"
	// FieldReplyChannel is how the provider should answer (post, e-mail).
	FieldReplyChannel = "reply_channel"
)

// Packet kinds: the report model's one list (report.Kinds), named here for
// the screens.
const (
	PacketPolice   = report.KindPolice   // 报案材料
	PacketConsumer = report.KindConsumer // 投诉书 to 12315
	// PacketAssociation is the 投诉及调解申请书 to a consumer association.
	PacketAssociation = report.KindAssociation
	PacketRegulator   = report.KindRegulator // complaint under PIPL Art. 65
	PacketProvider    = report.KindProvider  // deletion demand to the data holder
	PacketFull        = report.KindFull      // the whole case file
	// PacketReconsideration is the 复议申请书 after a refusal to open a case.
	PacketReconsideration = report.KindReconsideration
	// PacketReview is the 复核申请书 to the next-level police.
	PacketReview = report.KindReview
	// PacketSupervision is the 立案监督申请书 to the procuratorate.
	PacketSupervision = report.KindSupervision
	// PacketCivil is the 民事起诉状 draft.
	PacketCivil = report.KindCivil
	// PacketCredit is the 征信 complaint to the local PBoC branch.
	PacketCredit = report.KindCredit
)

func packetKinds() []string { return report.Kinds() }
