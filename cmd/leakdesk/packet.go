package main

import (
	"context"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/pdf"
)

// buildPacket turns the request into the report model's options; masking
// follows the recipient's default unless the request says otherwise.
func buildPacket(svc *incident.Service, cf *incident.CaseFile, req packetRequest) (report.Packet, error) {
	opts := report.Options{IncludeExhibits: req.Exhibits, Exhibits: req.Only, Instructions: req.Instructions,
		AttachOriginals: req.Attach, Zone: svc.Location()}
	opts.Mask = req.Mask // nil: report.DefaultMasking for the recipient
	for k, v := range req.Fields {
		opts.SetField(k, v)
	}
	p, err := report.Build(cf, req.Kind, opts, svc.Now())
	if err != nil {
		return report.Packet{}, incident.Errorf(incident.CodeInvalid, "无法生成这份材料："+err.Error(),
			"Cannot build this packet: "+err.Error(), err)
	}
	return p, nil
}

// renderPacket writes the PDF (temp file, then rename) and returns its SHA-256.
func renderPacket(ctx context.Context, svc *incident.Service, path string, p report.Packet) (string, error) {
	return pdf.WriteFile(path, p, exhibitSource{ctx: ctx, svc: svc})
}
