package exhibit

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// The parsers added for recordings, saved pages, Word documents, SMS
// backups and transcripts see files chosen by whoever attacked the user.
// Each must return within its bounds and never panic.

func FuzzReadAudioInfo(f *testing.F) {
	f.Add(amrFile(3), uint8(0))
	f.Add(amrWBFile(2), uint8(1))
	f.Add(silkFile(4, true), uint8(2))
	f.Add(wavFile(8000, 10), uint8(3))
	f.Add(mp3Xing(10, "Xing"), uint8(4))
	f.Add(mp3VBRI(10), uint8(4))
	f.Add(mp3Frames(3), uint8(4))
	f.Add(m4aFile(1000, 5000, true, true), uint8(5))
	f.Add(adtsFile(3), uint8(6))
	cts := []string{"audio/amr", "audio/amr-wb", "audio/silk", "audio/wav", "audio/mpeg", "audio/mp4", "audio/aac"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		ct := cts[int(which)%len(cts)]
		info, err := ReadAudioInfo(bytes.NewReader(data), int64(len(data)), ct)
		if err != nil {
			return
		}
		if info.Duration < 0 || info.Codec == "" {
			t.Fatalf("%s: %+v", ct, info)
		}
	})
}

func FuzzParseWebPage(f *testing.F) {
	f.Add(mhtmlPage(), true)
	f.Add([]byte(htmlPage), false)
	f.Add([]byte("<title>a</title><script>x</script><!-- saved from url=(0010)http://a -->"), false)
	f.Add([]byte("From: <Saved by Blink>\nContent-Type: multipart/related; boundary=b\n\n--b\nContent-Type: text/html\n\n<p>x\n--b--"), true)
	f.Fuzz(func(t *testing.T, data []byte, mhtml bool) {
		ct := "text/html"
		if mhtml {
			ct = TypeMHTML
		}
		p, err := ParseWebPage(bytes.NewReader(data), ct, 1<<16)
		if err != nil {
			return
		}
		for _, s := range []string{p.URL, p.Title, p.Text} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
		}
		if len(p.Text) > MaxEmailText || len(p.URL) > 2048 || strings.ContainsAny(p.URL, "\n\r") {
			t.Fatalf("bounds: %d %q", len(p.Text), p.URL)
		}
	})
}

func FuzzDocxText(f *testing.F) {
	f.Add(docxFile(f, "一", "二"))
	f.Add(zipOf(f, map[string][]byte{"word/document.xml": []byte("<w:p><w:t>x</w:t><w:tab/><w:br/></w:p>")}))
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DocxText(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Text) || len(d.Text) > MaxEmailText {
			t.Fatalf("text: %d bytes", len(d.Text))
		}
	})
}

func FuzzParseSMSBackup(f *testing.F) {
	f.Add(smsBackupXML())
	f.Add(`<smses><sms address="1" date="1700000000000" type="2" body="&#55357;&#56832;&#55357;"/></smses>`)
	f.Add(`<?xml version="1.0" encoding="gbk"?><smses><sms address="1" date="9" body="x"/>`)
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseSMSBackup(strings.NewReader(s))
		if err != nil {
			return
		}
		if len(b.Messages) > MaxSMSMessages {
			t.Fatal("too many messages")
		}
		for _, m := range b.Messages {
			if m.Number == "" || m.At.IsZero() || !utf8.ValidString(m.Text) || len(m.Text) > maxSMSBody {
				t.Fatalf("message %+v", m)
			}
		}
	})
}

func FuzzParseTranscript(f *testing.F) {
	f.Add("[00:05] 我：你好\n续行\n[1:02:03.5] x")
	f.Add("[0:0] :")
	f.Fuzz(func(t *testing.T, s string) {
		lines, err := ParseTranscript(s)
		if err != nil {
			return
		}
		again, err := ParseTranscript(FormatTranscript(lines))
		if err != nil || len(again) != len(lines) {
			t.Fatalf("round trip: %v, %d vs %d", err, len(again), len(lines))
		}
		for _, l := range lines {
			if l.Offset < 0 {
				t.Fatal("negative offset")
			}
		}
	})
}
