package sqlite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
)

// testPhoto is a small real JPEG (seed varies its pixels, so two photos
// are two exhibits).
func testPhoto(t testing.TB, seed uint8) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, 96, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 96; x++ {
			m.Set(x, y, color.RGBA{uint8(x * 2), uint8(y*3) + seed, 120, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPrintCheckVerdictAtCapture (issue 10 §5): a JPEG added as evidence
// keeps the print check's verdict on its bytes, bound to their hash, in
// the sealed metadata; it survives reopening the store and editing the
// exhibit. A damaged JPEG and other files get none (the export checks
// them as before).
func TestPrintCheckVerdictAtCapture(t *testing.T) {
	dir := t.TempDir()
	s, svc := openTestDir(t, dir, Options{})
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "照片"})
	if err != nil {
		t.Fatal(err)
	}
	photo := testPhoto(t, 0)
	var pngBuf bytes.Buffer
	png.Encode(&pngBuf, image.NewGray(image.Rect(0, 0, 8, 8)))
	files := []struct {
		name string
		b    []byte
		size int64
		want bool
	}{
		{"photo.jpg", photo, int64(len(photo)), true},
		{"unknown-size.jpg", testPhoto(t, 7), -1, true},
		{"cut.jpg", photo[:len(photo)/2], int64(len(photo) / 2), false},
		{"screen.png", pngBuf.Bytes(), int64(pngBuf.Len()), false},
		{"note.txt", []byte("not a photo"), 11, false},
	}
	ids := map[string]int64{}
	for _, f := range files {
		e, err := svc.AddExhibit(ctx, id, f.name, bytes.NewReader(f.b), f.size, incident.ImportOptions{})
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		ids[f.name] = e.ID
		sum := sha256.Sum256(f.b)
		if want := exhibit.IntactVerdict(f.b, hex.EncodeToString(sum[:])); e.PrintCheck != want || (want != "") != f.want {
			t.Errorf("%s: verdict %q, want %q (one: %v)", f.name, e.PrintCheck, want, f.want)
		}
	}
	if err := svc.UpdateExhibit(ctx, incident.Exhibit{ID: ids["photo.jpg"], Title: "现场照片", Source: "本人拍摄"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, svc = openTestDir(t, dir, Options{})
	for _, f := range files {
		e, err := svc.Exhibit(ctx, ids[f.name])
		if err != nil {
			t.Fatal(err)
		}
		if got := e.PrintCheck != "" && strings.HasSuffix(e.PrintCheck, e.SHA256); got != f.want {
			t.Errorf("%s after reopening: verdict %q for %s", f.name, e.PrintCheck, e.SHA256)
		}
	}
}

// TestPrintCheckVerdictOnImport: a case imported from a case file or
// bundle gets verdicts taken from the imported bytes, never the ones the
// file claims (here the photo's verdict is claimed for every exhibit).
func TestPrintCheckVerdictOnImport(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "导入"})
	if err != nil {
		t.Fatal(err)
	}
	photo := testPhoto(t, 1)
	want := map[string]bool{}
	var claimed string
	for _, f := range []struct {
		name string
		b    []byte
		ok   bool
	}{{"photo.jpg", photo, true}, {"cut.jpg", photo[:len(photo)/3], false}, {"note.txt", []byte("文字"), false}} {
		e, err := svc.AddExhibit(ctx, id, f.name, bytes.NewReader(f.b), int64(len(f.b)), incident.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want[e.SHA256] = f.ok
		if f.ok {
			claimed = e.PrintCheck
		}
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cf.Exhibits {
		cf.Exhibits[i].PrintCheck = claimed
	}
	id2 := reimport(t, ctx, svc, cf)
	got, err := svc.CaseFile(ctx, id2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Exhibits) != 3 {
		t.Fatalf("%d exhibits imported", len(got.Exhibits))
	}
	for _, e := range got.Exhibits {
		if has := e.PrintCheck != "" && strings.HasSuffix(e.PrintCheck, e.SHA256); has != want[e.SHA256] || (e.PrintCheck != "" && !has) {
			t.Errorf("%s: verdict %q after import", e.FileName, e.PrintCheck)
		}
	}
}
