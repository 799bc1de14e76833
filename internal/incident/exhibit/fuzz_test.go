package exhibit

import (
	"bytes"
	"errors"
	"image"
	"strings"
	"testing"
	"unicode/utf8"
)

// R11: the parsers here see files chosen by whoever attacked the user. CI
// runs the seeds; run each with -fuzz for at least 10 minutes before release.

func FuzzSniff(f *testing.F) {
	f.Add([]byte("From: a@b\r\nSubject: x\r\n\r\n"), "m.eml")
	f.Add([]byte("Received: x\nFrom: y\n\n"), "")
	f.Add([]byte("\x00\x00\x00\x20ftypisom"), "v.mp4")
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "), "")
	f.Add([]byte("BM\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x28\x00\x00\x00"), "")
	f.Add([]byte("\xd6\xd0\xce\xc4"), "gbk.txt")
	f.Add([]byte("\xFF\xFB\x90\x64"), "")
	f.Add([]byte("  %PDF-1.4"), "")
	f.Add(mhtmlPage(), "page.mhtml")
	f.Add([]byte(smsBackupXML()), "sms.xml")
	f.Add(silkFile(2, true), "")
	f.Add(docxFile(f, "x"), "a.docx")
	f.Fuzz(func(t *testing.T, head []byte, name string) {
		ct := Sniff(head, name)
		if ct == "" || ct != Sniff(head, name) {
			t.Fatalf("Sniff = %q", ct)
		}
		if len(head) > SniffLen && Sniff(head[:SniffLen], name) != ct {
			t.Fatal("looked past SniffLen")
		}
		// The name may only move a file between text, e-mail and a saved
		// page (a .txt name keeps a MIME message as text).
		if other := Sniff(head, "other.bin"); other != ct {
			for _, c := range []string{ct, other} {
				if !IsText(c) && !IsEmail(c) && !IsMHTML(c) {
					t.Fatalf("name changed %q to %q", ct, other)
				}
			}
		}
		switch Category(ct) {
		case "image", "pdf", "email", "text", "audio", "video", "file":
		default:
			t.Fatalf("Category(%q)", ct)
		}
		if f := FormatOf(ct); f.Key == "" || strings.Contains(f.ZH, "/") && f.Key != "m4a-recording" {
			t.Fatalf("FormatOf(%q) = %+v", ct, f)
		}
	})
}

func FuzzParseEmail(f *testing.F) {
	f.Add("From: =?GBK?B?1cXI/Q==?= <a@b>\r\nSubject: =?utf-8?Q?=E4=BD=A0?=\r\n\r\nbody")
	f.Add("From: a\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html\n\n<p>x</p>\n--b\nContent-Disposition: attachment; filename*=GBK''%D6%D0\n\nx\n--b--\n")
	f.Add("From: a\nContent-Type: multipart/alternative; boundary=\"q\"\n\n--q\nContent-Transfer-Encoding: base64\n\n5L2g5aW9\n--q--")
	f.Add("From a@b Sat Jan  1 00:00:00 2022\nX-Mozilla-Status: 1\n Subject: x\n\n")
	f.Add("Content-Type: message/rfc822\n\nSubject: inner\n\n")
	f.Add("Subject: =?x?q?=ZZ_=?= =?gb18030?B?gTCBMA?=\nContent-Type: text/plain; charset*=''x\n\n=\r\n=4")
	f.Fuzz(func(t *testing.T, msg string) {
		em, err := ParseEmail(strings.NewReader(msg), 1<<16)
		if err != nil {
			return
		}
		if len(em.Text) > MaxEmailText || !utf8.ValidString(em.Text) {
			t.Fatalf("bad text: %d bytes", len(em.Text))
		}
		for _, s := range append([]string{em.From, em.To, em.Cc, em.Subject, em.Date}, em.Attachments...) {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\r\n\x00") {
				t.Fatalf("bad header value %q", s)
			}
		}
		for _, a := range em.Attachments {
			if strings.ContainsAny(a, `/\`) || a == "" {
				t.Fatalf("bad attachment name %q", a)
			}
		}
	})
}

// fuzzBudget keeps each decode small so the fuzzer explores parsers, not
// allocations.
const fuzzBudget = 1 << 16

func FuzzProbe(f *testing.F) {
	f.Add(encJPEG(f, 4, 4))
	f.Add(withEXIF(encJPEG(f, 3, 2), true, 6))
	f.Add(interlacedPNG(5, 3))
	f.Add(png16(f))
	f.Add(pngAlpha(f))
	f.Add(bombPNG(20000, 20000))
	f.Add(encGIF(f))
	f.Add(encBMP(f))
	f.Add(encTIFF(f))
	f.Add(b64(f, webpLossless))
	f.Add(b64(f, webpLossy))
	f.Add(b64(f, webpAlpha))
	f.Add(webpWithEXIF(f, 5))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Probe(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrCannotDecode) {
				t.Fatalf("Probe error not ErrCannotDecode: %v", err)
			}
			return
		}
		if info.Orientation < 1 || info.Orientation > 8 || info.Width <= 0 || info.Height <= 0 {
			t.Fatalf("info %+v", info)
		}
		img, _, err := Decode(bytes.NewReader(data), fuzzBudget)
		small := int64(info.Width)*int64(info.Height) <= fuzzBudget
		switch {
		case !small && !errors.Is(err, ErrTooManyPixels):
			t.Fatalf("over budget: %v", err)
		case small && err != nil && !errors.Is(err, ErrCannotDecode):
			t.Fatalf("unexpected error %v", err)
		case err == nil:
			if !img.Bounds().In(image.Rect(img.Bounds().Min.X, img.Bounds().Min.Y, img.Bounds().Min.X+info.Width, img.Bounds().Min.Y+info.Height)) {
				t.Fatalf("decoded %v beyond header %+v", img.Bounds(), info)
			}
			out, typ, pinfo, err := ForPrint(bytes.NewReader(data), 64, fuzzBudget)
			if err != nil {
				// A decoder may accept a frame and still fail on the second read path;
				// it must say so with ErrCannotDecode.
				if !errors.Is(err, ErrCannotDecode) {
					t.Fatalf("ForPrint: %v", err)
				}
				return
			}
			if len(out) == 0 || (typ != "jpg" && typ != "png") || pinfo.Orientation != 1 || max(pinfo.Width, pinfo.Height) > 64 {
				t.Fatalf("ForPrint %q %+v", typ, pinfo)
			}
			// ForPDF is what the packet renderer runs.
			out, typ, pinfo, err = ForPDF(bytes.NewReader(data), fuzzBudget)
			if err != nil {
				if !errors.Is(err, ErrCannotDecode) {
					t.Fatalf("ForPDF: %v", err)
				}
				return
			}
			if len(out) == 0 || (typ != "jpg" && typ != "png") || pinfo.Orientation < 1 || pinfo.Orientation > 8 ||
				(pinfo.Orientation != 1 && typ != "jpg") || pinfo.Width <= 0 || pinfo.Height <= 0 {
				t.Fatalf("ForPDF %q %+v", typ, pinfo)
			}
		}
	})
}

func FuzzExifOrientation(f *testing.F) {
	f.Add(exifTIFF(false, 6))
	f.Add(exifTIFF(true, 8))
	f.Add(withEXIF([]byte{0xFF, 0xD8, 0xFF, 0xD9}, true, 3))
	f.Add(append([]byte("Exif\x00\x00"), exifTIFF(false, 2)...))
	f.Add(webpWithEXIF(f, 7))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, o := range []int{
			orientationFromTIFF(b),
			orientationFromExifPayload(b),
			orientationFromJPEG(bytes.NewReader(b)),
			orientationFromWebP(bytes.NewReader(b)),
			orientationFromTIFFFile(bytes.NewReader(b), int64(len(b))),
		} {
			if o < 1 || o > 8 {
				t.Fatalf("orientation %d", o)
			}
		}
	})
}

func BenchmarkThumbnail12MP(b *testing.B) {
	data := encJPEG(b, 4000, 3000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Thumbnail(bytes.NewReader(data), 256, 0); err != nil {
			b.Fatal(err)
		}
	}
}
