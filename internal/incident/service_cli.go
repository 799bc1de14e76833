package incident

import (
	"context"
	"regexp"
	"strconv"
)

var sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// PacketExport describes one packet written to a file, for the history: the
// hash lets anyone later tell whether a printed or uploaded packet is the
// one leakdesk produced.
type PacketExport struct {
	Kind      string // police, consumer, regulator, provider, full
	Recipient string // optional: the station, office or company addressed
	SHA256    string // of the PDF, hex
	Pages     int    // 0 when unknown
	Masked    bool
	Exhibits  bool // exhibits were reproduced
}

// RecordPacketExport appends a "packet.exported" event to the case. The
// file name is not recorded: local paths can name the user.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) RecordPacketExport(ctx context.Context, caseID int64, p PacketExport) error {
	if p.Kind == "" {
		return invalid("kind", "缺少材料类型。", "The packet kind is missing.")
	}
	if !sha256RE.MatchString(p.SHA256) {
		return invalid("sha256", "材料的 SHA-256 无效。", "The packet's SHA-256 is not valid.")
	}
	if err := checkText("recipient", p.Recipient, maxShort); err != nil {
		return err
	}
	return s.update(ctx, func(t *txn) error {
		if _, err := t.GetCase(caseID); err != nil {
			return err
		}
		data := map[string]string{"packet": p.Kind, "sha256": p.SHA256,
			"masked": strconv.FormatBool(p.Masked), "exhibits": strconv.FormatBool(p.Exhibits)}
		if p.Recipient != "" {
			data["recipient"] = p.Recipient
		}
		if p.Pages > 0 {
			data["pages"] = strconv.Itoa(p.Pages)
		}
		return t.record(caseID, EventPacketExported, subject("case", caseID), data)
	})
}

// RecordCaseExport appends a "case.exported" event: a case file carries
// every personal detail, so the history says when one left the store.
// Errors: CodeNotFound.
func (s *Service) RecordCaseExport(ctx context.Context, caseID int64, format string) error {
	return s.update(ctx, func(t *txn) error {
		if _, err := t.GetCase(caseID); err != nil {
			return err
		}
		return t.record(caseID, EventCaseExported, subject("case", caseID), map[string]string{"format": format})
	})
}
