package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
)

// Write encrypts a bundle of caseJSON and evidence to r and writes it to w.
//
// The evidence bytes are checked against each Entry's Size and SHA256 as
// they stream; a mismatch (the store's copy changed) fails the export. On
// any error Write returns without finishing the age stream, so what reached
// w is not a valid bundle; the caller writes to a temporary file and
// renames it only when Write returns nil.
func Write(w io.Writer, r Recipient, caseJSON io.Reader, evidence []Entry) error {
	if r.r == nil {
		return errors.New("bundle: no recipient")
	}
	m := Manifest{Format: Format, Version: Version, Evidence: make([]EntryInfo, 0, len(evidence))}
	seen := map[string]bool{}
	for _, e := range evidence {
		switch {
		case !evidenceName(e.Name):
			return fmt.Errorf("%w: %q (want evidence/NNNN)", ErrBadName, e.Name)
		case seen[e.Name]:
			return fmt.Errorf("%w: %q twice", ErrBadName, e.Name)
		case e.Size < 0 || !validSHA256(e.SHA256) || e.Open == nil:
			return fmt.Errorf("bundle: entry %q: needs a size, a lowercase hex SHA-256 and Open", e.Name)
		}
		seen[e.Name] = true
		m.Evidence = append(m.Evidence, EntryInfo{Name: e.Name, Size: e.Size, SHA256: e.SHA256})
	}

	// The manifest comes first and carries the case's hash, so the case is
	// read before anything is written; it is small. The cap is the default
	// read limit: never write what a default reader would refuse.
	maxCase := DefaultLimits().MaxCaseJSON
	cj, err := io.ReadAll(io.LimitReader(caseJSON, maxCase+1))
	if err != nil {
		return fmt.Errorf("bundle: reading case: %w", err)
	}
	if int64(len(cj)) > maxCase {
		return fmt.Errorf("%w: case JSON over %d bytes", ErrTooLarge, maxCase)
	}
	sum := sha256.Sum256(cj)
	m.Case = EntryInfo{Name: caseName, Size: int64(len(cj)), SHA256: hex.EncodeToString(sum[:])}
	mj, err := json.Marshal(m)
	if err != nil {
		return err
	}

	aw, err := age.Encrypt(w, r.r)
	if err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	if _, err := io.WriteString(aw, magic); err != nil {
		return err
	}
	if err := writeFrame(aw, manifestName, int64(len(mj)), bytes.NewReader(mj), ""); err != nil {
		return err
	}
	if err := writeFrame(aw, caseName, int64(len(cj)), bytes.NewReader(cj), m.Case.SHA256); err != nil {
		return err
	}
	for _, e := range evidence {
		if err := writeEntry(aw, e); err != nil {
			return err
		}
	}
	// Only a finished stream carries age's final-chunk flag; everything
	// before this point leaves a file Read calls truncated.
	return aw.Close()
}

func writeEntry(w io.Writer, e Entry) error {
	rc, err := e.Open()
	if err != nil {
		return fmt.Errorf("bundle: opening %s: %w", e.Name, err)
	}
	defer rc.Close()
	if err := writeFrame(w, e.Name, e.Size, rc, e.SHA256); err != nil {
		return err
	}
	// A source longer than its recorded size is as wrong as a shorter one.
	if n, _ := io.ReadFull(rc, make([]byte, 1)); n > 0 {
		return fmt.Errorf("%w: %s is longer than its recorded size", ErrTampered, e.Name)
	}
	return nil
}

// writeFrame writes one frame, copying exactly size bytes from src and,
// when wantSHA is set, checking their hash.
func writeFrame(w io.Writer, name string, size int64, src io.Reader, wantSHA string) error {
	hdr := binary.BigEndian.AppendUint16(nil, uint16(len(name)))
	hdr = append(hdr, name...)
	hdr = binary.BigEndian.AppendUint64(hdr, uint64(size))
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.CopyN(io.MultiWriter(w, h), src, size)
	if err == io.EOF {
		return fmt.Errorf("%w: %s is %d bytes, recorded as %d", ErrTampered, name, n, size)
	}
	if err != nil {
		return fmt.Errorf("bundle: writing %s: %w", name, err)
	}
	if wantSHA != "" && hex.EncodeToString(h.Sum(nil)) != wantSHA {
		return fmt.Errorf("%w: %s does not match its recorded SHA-256", ErrTampered, name)
	}
	return nil
}
