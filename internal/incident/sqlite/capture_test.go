package sqlite

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// exifJPEG is a minimal JPEG whose EXIF holds DateTimeOriginal when (a
// wall time, no offset), as a phone camera writes it.
func exifJPEG(when string) []byte {
	le := binary.LittleEndian
	tiff := []byte("II*\x00")
	tiff = le.AppendUint32(tiff, 8)
	tiff = le.AppendUint16(tiff, 1) // IFD0: the Exif IFD pointer
	tiff = le.AppendUint16(tiff, 0x8769)
	tiff = le.AppendUint16(tiff, 4)
	tiff = le.AppendUint32(tiff, 1)
	tiff = le.AppendUint32(tiff, 26)
	tiff = le.AppendUint32(tiff, 0)
	tiff = le.AppendUint16(tiff, 1) // Exif IFD at 26: DateTimeOriginal
	tiff = le.AppendUint16(tiff, 0x9003)
	tiff = le.AppendUint16(tiff, 2)
	tiff = le.AppendUint32(tiff, uint32(len(when)+1))
	tiff = le.AppendUint32(tiff, 44)
	tiff = le.AppendUint32(tiff, 0)
	tiff = append(append(tiff, when...), 0)
	payload := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(payload)+2))
	out = append(out, payload...)
	return append(out, 0xFF, 0xD9)
}

// Issue 15 item 8: a file's capture time defaults to the photo's EXIF
// DateTimeOriginal (as a wall time in the case's zone), else the file's
// time, and says so; the user's own time replaces the mark.
func TestCaptureTimeDefaults(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := context.Background()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "capture"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	photo := filepath.Join(dir, "photo.jpg")
	shot := filepath.Join(dir, "screenshot.png")
	if err := os.WriteFile(photo, exifJPEG("2026:11:25 14:02:11"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shot, []byte("\x89PNG\r\n\x1a\nnot really"), 0o600); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2026, 11, 26, 8, 30, 0, 0, time.UTC)
	if err := os.Chtimes(shot, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		opt  incident.ImportOptions
		at   time.Time
		from incident.CaptureSource
	}{
		{photo, incident.ImportOptions{}, time.Date(2026, 11, 25, 6, 2, 11, 0, time.UTC), incident.CapturedEXIF},
		{shot, incident.ImportOptions{}, mtime, incident.CapturedFileTime},
	}
	for _, tc := range tests {
		e, err := svc.AddExhibitPath(ctx, id, tc.path, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.Exhibit(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.CapturedAt.Equal(tc.at) || got.CapturedFrom != tc.from {
			t.Errorf("%s: captured %v from %q, want %v from %q", filepath.Base(tc.path), got.CapturedAt, got.CapturedFrom, tc.at, tc.from)
		}
		// Saving the same time without confirming keeps the mark; a new
		// time, or confirming, is the user's own.
		got.Title = "renamed"
		if err := svc.UpdateExhibit(ctx, *got); err != nil {
			t.Fatal(err)
		}
		if again, _ := svc.Exhibit(ctx, e.ID); again.CapturedFrom != tc.from {
			t.Errorf("%s: a title edit changed the mark to %q", filepath.Base(tc.path), again.CapturedFrom)
		}
		got.CapturedAt = got.CapturedAt.Add(time.Hour)
		if err := svc.UpdateExhibit(ctx, *got); err != nil {
			t.Fatal(err)
		}
		if again, _ := svc.Exhibit(ctx, e.ID); again.CapturedFrom != incident.CapturedEntered {
			t.Errorf("%s: a time the user typed is still marked %q", filepath.Base(tc.path), again.CapturedFrom)
		}
	}
	// A time given on import is the user's.
	os.WriteFile(filepath.Join(dir, "given.png"), []byte("\x89PNG\r\n\x1a\nanother"), 0o600)
	e, err := svc.AddExhibitPath(ctx, id, filepath.Join(dir, "given.png"), incident.ImportOptions{CapturedAt: mtime.Add(-time.Hour)})
	if err != nil || e.CapturedFrom != incident.CapturedEntered {
		t.Fatalf("given time: %v, %v", e, err)
	}
	// A record without a time takes the import time, marked.
	r, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitSMS, RecordNumber: "10690000", RecordText: "退款链接"})
	if err != nil || r.CapturedFrom != incident.CapturedImported {
		t.Fatalf("record without time: %+v, %v", r, err)
	}
}
