package incident

import (
	"context"
	"strconv"
)

// BundleExport describes one hand-off bundle written for a case, for its
// history. The file name is not recorded: local paths can name the user.
type BundleExport struct {
	SHA256    string // of the .leakcase file, hex
	To        string // "age-key" or "passphrase"
	Recipient string // the age public key, when To is "age-key"
	Exhibits  int
}

// RecordBundleExport appends a "bundle.exported" event to the case.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) RecordBundleExport(ctx context.Context, caseID int64, b BundleExport) error {
	if !sha256RE.MatchString(b.SHA256) {
		return invalid("sha256", "文件的 SHA-256 无效。", "The file's SHA-256 is not valid.")
	}
	return s.update(ctx, func(t *txn) error {
		if _, err := t.GetCase(caseID); err != nil {
			return err
		}
		data := map[string]string{"sha256": b.SHA256, "to": b.To, "exhibits": strconv.Itoa(b.Exhibits)}
		if b.Recipient != "" {
			data["recipient"] = b.Recipient
		}
		return t.record(caseID, EventBundleExported, subject("case", caseID), data)
	})
}

// ImportBundle is ImportCase for a case received in a hand-off bundle: the
// history records "bundle.imported" with the bundle file's SHA-256, in the
// same transaction as the case.
// Errors: as ImportCase.
func (s *Service) ImportBundle(ctx context.Context, cf *CaseFile, content ExhibitContent, bundleSHA256 string) (int64, error) {
	return s.importCase(ctx, cf, content, EventBundleImported, map[string]string{"bundle_sha256": bundleSHA256})
}
