package exhibit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"runtime"
	"testing"
)

func TestProbeDecode(t *testing.T) {
	tests := []struct {
		name        string
		data        []byte
		format      string
		w, h, orien int
	}{
		{"jpeg", encJPEG(t, 10, 6), "jpeg", 10, 6, 1},
		{"jpeg exif 6 big-endian", withEXIF(encJPEG(t, 10, 6), true, 6), "jpeg", 10, 6, 6},
		{"jpeg exif 8 little-endian", withEXIF(encJPEG(t, 10, 6), false, 8), "jpeg", 10, 6, 8},
		{"png interlaced", interlacedPNG(13, 9), "png", 13, 9, 1},
		{"png 16-bit", png16(t), "png", 6, 4, 1},
		{"png alpha", pngAlpha(t), "png", 5, 3, 1},
		{"gif", encGIF(t), "gif", 7, 5, 1},
		{"bmp", encBMP(t), "bmp", 9, 4, 1},
		{"tiff", encTIFF(t), "tiff", 8, 3, 1},
		{"webp lossless", b64(t, webpLossless), "webp", 1, 1, 1},
		{"webp lossy", b64(t, webpLossy), "webp", 1, 1, 1},
		{"webp alpha", b64(t, webpAlpha), "webp", 1, 1, 1},
		{"webp exif 3", webpWithEXIF(t, 3), "webp", 1, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := ImageInfo{Format: tt.format, Width: tt.w, Height: tt.h, Orientation: tt.orien}
			info, err := Probe(bytes.NewReader(tt.data))
			if err != nil || info != want {
				t.Fatalf("Probe = %+v, %v; want %+v", info, err, want)
			}
			img, info, err := Decode(bytes.NewReader(tt.data), 0)
			if err != nil || info != want {
				t.Fatalf("Decode = %+v, %v", info, err)
			}
			if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
				t.Errorf("decoded %v", b)
			}
			data, typ, pinfo, err := ForPrint(bytes.NewReader(tt.data), 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			checkEmbeddable(t, data, typ, pinfo)
			pw, ph := tt.w, tt.h
			if tt.orien >= 5 {
				pw, ph = ph, pw
			}
			if pinfo.Width != pw || pinfo.Height != ph {
				t.Errorf("ForPrint %dx%d, want %dx%d", pinfo.Width, pinfo.Height, pw, ph)
			}
		})
	}
}

// checkEmbeddable asserts what gofpdf needs: a decodable JPEG, or a PNG that
// is 8-bit, non-interlaced and without alpha.
func checkEmbeddable(t *testing.T, data []byte, typ string, info ImageInfo) {
	t.Helper()
	var cfg image.Config
	var err error
	switch typ {
	case "jpg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
		if err == nil {
			depth, ct, interlace := data[24], data[25], data[28]
			if depth > 8 || interlace != 0 || ct == 4 || ct == 6 {
				t.Errorf("png not embeddable: depth=%d colortype=%d interlace=%d", depth, ct, interlace)
			}
		}
	default:
		t.Fatalf("imgType %q", typ)
	}
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != info.Width || cfg.Height != info.Height {
		t.Errorf("info %+v does not describe data %dx%d", info, cfg.Width, cfg.Height)
	}
}

func TestForPrint(t *testing.T) {
	t.Run("jpeg orientation 1 returned unchanged", func(t *testing.T) {
		orig := encJPEG(t, 40, 20)
		keep := bytes.Clone(orig)
		data, typ, _, err := ForPrint(bytes.NewReader(orig), 3000, 0)
		if err != nil || typ != "jpg" || !bytes.Equal(data, orig) {
			t.Fatalf("typ=%q err=%v same=%v", typ, err, bytes.Equal(data, orig))
		}
		if !bytes.Equal(orig, keep) {
			t.Error("input modified")
		}
	})
	t.Run("plain png returned unchanged", func(t *testing.T) {
		orig := encPNG(t, gradient(12, 7))
		data, typ, _, err := ForPrint(bytes.NewReader(orig), 3000, 0)
		if err != nil || typ != "png" || !bytes.Equal(data, orig) {
			t.Fatalf("typ=%q err=%v same=%v", typ, err, bytes.Equal(data, orig))
		}
	})
	t.Run("exif 6 swaps dimensions", func(t *testing.T) {
		orig := withEXIF(encJPEG(t, 40, 20), false, 6)
		data, typ, info, err := ForPrint(bytes.NewReader(orig), 3000, 0)
		if err != nil || typ != "jpg" {
			t.Fatal(typ, err)
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != 20 || cfg.Height != 40 || info.Width != 20 || info.Height != 40 {
			t.Fatalf("cfg %+v info %+v err %v", cfg, info, err)
		}
	})
	t.Run("downscale keeps aspect", func(t *testing.T) {
		data, typ, info, err := ForPrint(bytes.NewReader(encJPEG(t, 400, 100)), 100, 0)
		if err != nil || typ != "jpg" || info.Width != 100 || info.Height != 25 {
			t.Fatalf("%q %+v %v", typ, info, err)
		}
		checkEmbeddable(t, data, typ, info)
	})
	t.Run("alpha flattened on white", func(t *testing.T) {
		m := image.NewNRGBA(image.Rect(0, 0, 2, 1)) // fully transparent
		data, typ, _, err := ForPrint(bytes.NewReader(encPNG(t, m)), 0, 0)
		if err != nil || typ != "png" {
			t.Fatal(typ, err)
		}
		out, _ := png.Decode(bytes.NewReader(data))
		if r, g, b, a := out.At(0, 0).RGBA(); r != 0xFFFF || g != 0xFFFF || b != 0xFFFF || a != 0xFFFF {
			t.Errorf("pixel %v", out.At(0, 0))
		}
	})
	t.Run("lossy webp becomes jpeg", func(t *testing.T) {
		_, typ, _, err := ForPrint(bytes.NewReader(b64(t, webpLossy)), 0, 0)
		if err != nil || typ != "jpg" {
			t.Fatal(typ, err)
		}
	})
	t.Run("reads from current offset", func(t *testing.T) {
		orig := encJPEG(t, 8, 8)
		r := bytes.NewReader(append([]byte("prefix"), orig...))
		r.Seek(6, 0)
		data, _, _, err := ForPrint(r, 0, 0)
		if err != nil || !bytes.Equal(data, orig) {
			t.Fatal(err)
		}
	})
}

func TestOrient(t *testing.T) {
	// Source 3×2 "abc/def"; each case is the upright view, row by row.
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i, c := range "abcdef" {
		src.SetRGBA(i%3, i/3, color.RGBA{uint8(c), 0, 0, 255})
	}
	tests := map[int][]string{
		1: {"abc", "def"}, 2: {"cba", "fed"}, 3: {"fed", "cba"}, 4: {"def", "abc"},
		5: {"ad", "be", "cf"}, 6: {"da", "eb", "fc"}, 7: {"fc", "eb", "da"}, 8: {"cf", "be", "ad"},
	}
	for o, want := range tests {
		got := orient(src, o)
		var rows []string
		for y := 0; y < got.Rect.Dy(); y++ {
			var row []byte
			for x := 0; x < got.Rect.Dx(); x++ {
				row = append(row, got.RGBAAt(x, y).R)
			}
			rows = append(rows, string(row))
		}
		if len(rows) != len(want) {
			t.Errorf("orientation %d: %q, want %q", o, rows, want)
			continue
		}
		for i := range rows {
			if rows[i] != want[i] {
				t.Errorf("orientation %d: %q, want %q", o, rows, want)
				break
			}
		}
	}
}

func TestThumbnail(t *testing.T) {
	th, err := Thumbnail(bytes.NewReader(withEXIF(encJPEG(t, 400, 200), true, 8)), 64, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b := th.Bounds(); b.Dx() != 32 || b.Dy() != 64 {
		t.Errorf("thumbnail %v", b)
	}
	th, err = Thumbnail(bytes.NewReader(encGIF(t)), 64, 0)
	if err != nil || th.Bounds().Dx() != 7 {
		t.Errorf("small image must not be upscaled: %v %v", th, err)
	}
}

// R10: image bombs are refused from the header, without decoding.
func TestBombAndDamage(t *testing.T) {
	bomb := bombPNG(20000, 20000)
	if len(bomb) > 120 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	info, err := Probe(bytes.NewReader(bomb))
	if err != nil || info.Width != 20000 {
		t.Fatalf("Probe %+v %v", info, err)
	}
	calls := map[string]func() error{
		"Decode":    func() error { _, _, err := Decode(bytes.NewReader(bomb), DefaultPixelBudget); return err },
		"Thumbnail": func() error { _, err := Thumbnail(bytes.NewReader(bomb), 256, 0); return err },
		"ForPrint":  func() error { _, _, _, err := ForPrint(bytes.NewReader(bomb), 3000, 0); return err },
	}
	for name, call := range calls {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := call()
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrTooManyPixels) {
			t.Errorf("%s: err = %v, want ErrTooManyPixels", name, err)
		}
		if d := after.TotalAlloc - before.TotalAlloc; d > 2<<20 {
			t.Errorf("%s allocated %d bytes", name, d)
		}
	}

	jpg := encJPEG(t, 64, 64)
	badTIFF := []byte("II*\x00\x08\x00\x00\x00\x05\x00" +
		"\x00\x01\x04\x00\x01\x00\x00\x00\x64\x00\x00\x00" + // width 100
		"\x01\x01\x04\x00\x01\x00\x00\x00\x64\x00\x00\x00" + // height 100
		"\x11\x01\x04\x00\x01\x00\x00\x00\xff\xff\xff\x7f" + // strip offset far away
		"\x17\x01\x04\x00\x01\x00\x00\x00\xf0\xff\xff\xff" + // strip of 4 GB
		"\x06\x01\x03\x00\x01\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00")
	damaged := map[string][]byte{
		"truncated jpeg":     jpg[:len(jpg)/2],
		"jpeg header only":   jpg[:20],
		"bad tiff":           badTIFF,
		"tiff garbage":       append([]byte("MM\x00*\xff\xff\xff\xf0"), bytes.Repeat([]byte{0xAB}, 64)...),
		"truncated png":      encPNG(t, gradient(30, 30))[:60],
		"png wrong crc":      append(bombPNG(2, 2)[:30], 0, 0, 0, 0),
		"webp truncated":     b64(t, webpLossy)[:30],
		"gif truncated":      encGIF(t)[:20],
		"bmp truncated":      encBMP(t)[:60],
		"text is not image":  []byte("hello"),
		"heic not decodable": []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
		"empty":              nil,
	}
	for name, data := range damaged {
		t.Run(name, func(t *testing.T) {
			if _, _, err := Decode(bytes.NewReader(data), 0); !errors.Is(err, ErrCannotDecode) {
				t.Errorf("Decode err = %v", err)
			}
			if _, _, _, err := ForPrint(bytes.NewReader(data), 3000, 0); !errors.Is(err, ErrCannotDecode) {
				t.Errorf("ForPrint err = %v", err)
			}
			if _, err := Thumbnail(bytes.NewReader(data), 64, 0); !errors.Is(err, ErrCannotDecode) {
				t.Errorf("Thumbnail err = %v", err)
			}
		})
	}
}

func TestExifOrientation(t *testing.T) {
	for o := uint16(1); o <= 8; o++ {
		for _, be := range []bool{false, true} {
			if got := orientationFromTIFF(exifTIFF(be, o)); got != int(o) {
				t.Errorf("tiff be=%v %d: got %d", be, o, got)
			}
			if got := orientationFromJPEG(bytes.NewReader(withEXIF(encJPEG(t, 2, 2), be, o))); got != int(o) {
				t.Errorf("jpeg be=%v %d: got %d", be, o, got)
			}
		}
	}
	bad := map[string][]byte{
		"value 9":      exifTIFF(false, 9),
		"value 0":      exifTIFF(true, 0),
		"short":        []byte("II*\x00"),
		"offset loops": []byte("II*\x00\x00\x00\x00\x00"),
		"offset past":  []byte("MM\x00*\x7f\xff\xff\xff"),
		"huge count":   append([]byte("II*\x00\x08\x00\x00\x00\xff\xff"), make([]byte, 30)...),
	}
	for name, b := range bad {
		if got := orientationFromTIFF(b); got != 1 {
			t.Errorf("%s: got %d", name, got)
		}
	}
	// A TIFF file whose IFD0 is at the end, as many writers place it.
	tf := exifTIFF(false, 7)
	moved := append([]byte("II*\x00"), binary.LittleEndian.AppendUint32(nil, 16)...)
	moved = append(moved, make([]byte, 8)...)
	moved = append(moved, tf[8:]...)
	if got := orientationFromTIFFFile(bytes.NewReader(moved), int64(len(moved))); got != 7 {
		t.Errorf("tiff file: got %d", got)
	}
}

// TestForPDFTruncatedJPEG: ForPDF checks a JPEG's structure instead of
// decoding it; every cut of a valid file must still be refused, and the
// file itself accepted byte for byte.
func TestForPDFTruncatedJPEG(t *testing.T) {
	orig := encJPEG(t, 120, 80)
	data, typ, _, err := ForPDF(bytes.NewReader(orig), 0)
	if err != nil || typ != "jpg" || !bytes.Equal(data, orig) {
		t.Fatalf("valid JPEG: %v %q, same bytes %v", err, typ, bytes.Equal(data, orig))
	}
	for n := 0; n < len(orig)-1; n++ {
		if _, _, _, err := ForPDF(bytes.NewReader(orig[:n]), 0); err == nil {
			t.Fatalf("JPEG cut to %d of %d bytes accepted", n, len(orig))
		} else if !errors.Is(err, ErrCannotDecode) {
			t.Fatalf("cut to %d: %v is not ErrCannotDecode", n, err)
		}
	}
}

// TestForPDFBytes: the in-memory form gives ForPDF's answer for every
// kind, and a picture it passes through is the caller's array, not a copy
// (what spares an export a copy of every photo); one it converts is new.
func TestForPDFBytes(t *testing.T) {
	cases := map[string][]byte{
		"jpeg":        encJPEG(t, 40, 20),
		"jpeg exif 6": withEXIF(encJPEG(t, 40, 20), false, 6),
		"png":         encPNG(t, gradient(12, 7)),
		"png 16-bit":  png16(t),
		"webp":        b64(t, webpLossy),
		"truncated":   encJPEG(t, 40, 20)[:300],
	}
	for name, b := range cases {
		want, wtyp, winfo, werr := ForPDF(bytes.NewReader(b), 0)
		got, typ, info, err := ForPDFBytes(b, 0)
		if !bytes.Equal(got, want) || typ != wtyp || info != winfo || (err == nil) != (werr == nil) {
			t.Errorf("%s: ForPDFBytes = %d bytes %q %+v %v; ForPDF = %d bytes %q %+v %v", name, len(got), typ, info, err, len(want), wtyp, winfo, werr)
		}
		if err != nil {
			continue
		}
		same := &got[0] == &b[0]
		if passed := bytes.Equal(got, b); same != passed {
			t.Errorf("%s: passed through %v, shares the caller's array %v", name, passed, same)
		}
	}
}
