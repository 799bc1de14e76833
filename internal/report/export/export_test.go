package export_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/demo"
	"leakdesk/internal/incident/sqlite"
	"leakdesk/internal/report"
	"leakdesk/internal/report/export"
	"leakdesk/internal/report/pdf"
)

func openService(t *testing.T) *incident.Service {
	t.Helper()
	clock := incident.FixedClock{T: time.Date(2025, 11, 3, 2, 0, 0, 0, time.UTC)}
	st, err := sqlite.Open(t.TempDir(), sqlite.Options{NoAutoBackup: true, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return incident.NewService(st, clock)
}

// noisyPNG is a photo-sized image that does not compress to nothing.
func noisyPNG(t *testing.T, seed int64) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 600, 400))
	r := rand.New(rand.NewSource(seed))
	for i := range img.Pix {
		img.Pix[i] = byte(r.Intn(256))
	}
	img.Set(0, 0, color.Black)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The export workflow with the real PDF renderer: the progress bar moves
// while the exhibits are read (not one jump to 1 at the end), ends at 1
// only after the export is recorded, and the history holds the file's
// SHA-256.
func TestPacketProgressAndRecord(t *testing.T) {
	ctx := context.Background()
	svc := openService(t)
	id, err := demo.Create(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		img := noisyPNG(t, int64(i))
		if _, err := svc.AddExhibit(ctx, id, "photo.png", bytes.NewReader(img), int64(len(img)), incident.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var seen []float64
	path := filepath.Join(t.TempDir(), "police.pdf")
	res, err := export.Packet(ctx, svc, id, export.Request{Kind: report.KindPolice, Path: path, IncludeExhibits: true},
		func(path string, p report.Packet, src export.ExhibitSource) (string, error) {
			return pdf.WriteFile(path, p, src)
		},
		func(v float64) { seen = append(seen, v) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	middle := 0
	for i, v := range seen {
		if i > 0 && v < seen[i-1] {
			t.Fatalf("progress went back: %v", seen)
		}
		if v > 0.1 && v < 0.9 {
			middle++
		}
	}
	if len(seen) == 0 || seen[len(seen)-1] != 1 || middle < 3 {
		t.Fatalf("progress %v: want steps between 0.1 and 0.9 and a last 1", seen)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	last := cf.Events[len(cf.Events)-1]
	if last.Kind != incident.EventPacketExported || last.Data["sha256"] != res.SHA256 || last.Data["packet"] != report.KindPolice {
		t.Fatalf("last event %s %v, want the export with sha %s", last.Kind, last.Data, res.SHA256)
	}
}

// Masking: nil keeps the recipient's default, so the window and the command
// line print the same packet for the same choice; a given masking is kept.
func TestPacketMasking(t *testing.T) {
	ctx := context.Background()
	svc := openService(t)
	id, err := demo.Create(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range report.Kinds() {
		for _, tc := range []struct {
			mask *report.Masking
			want report.Masking
		}{
			{nil, report.DefaultMasking(kind)},
			{&report.Masking{ID: true, Phone: true, Card: true}, report.Masking{ID: true, Phone: true, Card: true}},
			{&report.Masking{}, report.Masking{}},
		} {
			p, err := export.Build(context.Background(), svc, cf, export.Request{Kind: kind, Mask: tc.mask})
			if err != nil {
				t.Fatal(err)
			}
			if p.Mask.ID != tc.want.ID || p.Mask.Phone != tc.want.Phone || p.Mask.Card != tc.want.Card {
				t.Errorf("%s mask %v: %+v, want %+v", kind, tc.mask, p.Mask, tc.want)
			}
		}
	}
}

// A cancelled export stops, leaves no file and records nothing.
func TestPacketCancelled(t *testing.T) {
	svc := openService(t)
	id, err := demo.Create(context.Background(), svc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	path := filepath.Join(t.TempDir(), "police.pdf")
	_, err = export.Packet(ctx, svc, id, export.Request{Kind: report.KindPolice, Path: path, IncludeExhibits: true},
		func(path string, p report.Packet, src export.ExhibitSource) (string, error) {
			cancel()
			return pdf.WriteFile(path, p, src)
		}, nil)
	if incident.ErrorCode(err) != incident.CodeCancelled {
		t.Fatalf("err %v, want cancelled", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("file left behind: %v", err)
	}
	cf, _ := svc.CaseFile(context.Background(), id)
	if last := cf.Events[len(cf.Events)-1]; last.Kind == incident.EventPacketExported {
		t.Fatal("a cancelled export was recorded")
	}
}
