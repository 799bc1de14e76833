package exhibit

import (
	"bytes"
	"strings"
)

// Checking that a JPEG is whole (jpegComplete and jpegScanCheck, or a full
// decode) was a third of an export's CPU: ForPDF runs it on every photo of
// every packet, again and again for the same stored bytes. The check's
// verdict is therefore kept with the exhibit when it is captured (its
// bytes are read then anyway) and reused at export — only for the bytes it
// was computed on: the verdict names the file's SHA-256, and the export
// uses it only when the bytes it read hash to that same value (it checks
// every exhibit against its recorded hash before printing it anyway).

// jpegIntactV1 names the check a verdict comes from. A later, stricter
// check gets a new name, and verdicts of the old one are then ignored (the
// file is checked at export, as without a verdict).
const jpegIntactV1 = "jpeg-intact-1:"

// IntactVerdict checks the JPEG b as ForPDF does before it passes a JPEG
// through unchanged (every segment, every Huffman code of the image data;
// progressive and other rarer kinds decoded in full) and returns the
// verdict to keep with it: "" when b is not a whole JPEG that ForPDF
// passes through (not a JPEG, damaged, cut short, too large to decode).
// sha256 is the hex SHA-256 of b, which the caller has computed (the
// import hashes the bytes as it stores them).
func IntactVerdict(b []byte, sha256 string) (verdict string) {
	if sha256 == "" || formatOf(Sniff(b[:min(len(b), SniffLen)], "")) != "jpeg" {
		return ""
	}
	s, err := newSource(bytes.NewReader(b))
	if err != nil {
		return ""
	}
	s.whole = b
	// The export's own path, with its budget, so that the verdict says
	// exactly what the export would have found.
	data, typ, _, err := s.forPrint(0, DefaultPixelBudget, true)
	if err != nil || typ != "jpg" || len(data) != len(b) {
		return ""
	}
	return jpegIntactV1 + strings.ToLower(sha256)
}

// verdictFor reports whether verdict says that the bytes whose hex
// SHA-256 is sha256 are a whole JPEG.
func verdictFor(verdict, sha256 string) bool {
	h, ok := strings.CutPrefix(verdict, jpegIntactV1)
	return ok && len(h) == 64 && sha256 != "" && strings.EqualFold(h, sha256)
}

// ForPDFBytesVerdict is ForPDFBytes for stored evidence whose capture-time
// verdict (IntactVerdict) is given: when the verdict is for sha256 — the
// hash of b, which the caller must have checked against b itself — the
// JPEG's data is not checked again; its header is still read (size,
// orientation, pixel budget). Any other verdict, or none, changes nothing.
func ForPDFBytesVerdict(b []byte, budget int, verdict, sha256 string) (data []byte, imgType string, info ImageInfo, err error) {
	s, err := newSource(bytes.NewReader(b))
	if err != nil {
		return nil, "", ImageInfo{}, err
	}
	s.whole = b
	s.intact = verdictFor(verdict, sha256)
	return s.forPrint(0, budget, true)
}
