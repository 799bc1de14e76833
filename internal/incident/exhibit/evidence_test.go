package exhibit

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSniffEvidenceKinds(t *testing.T) {
	tests := []struct {
		name, file string
		data       []byte
		wantCT     string
		wantKey    string
	}{
		{"amr", "", amrFile(3), "audio/amr", "amr-recording"},
		{"amr-wb", "", amrWBFile(3), "audio/amr-wb", "amr-recording"},
		{"silk wechat", "", silkFile(3, true), "audio/silk", "silk-voice"},
		{"silk qq", "", silkFile(3, false), "audio/silk", "silk-voice"},
		{"wav", "", wavFile(8000, 100), "audio/wav", "wav-recording"},
		{"mp3 cbr", "", mp3Frames(10), "audio/mpeg", "mp3-recording"},
		{"mp3 id3", "", mp3Xing(100, "Xing"), "audio/mpeg", "mp3-recording"},
		{"m4a", "", m4aFile(1000, 5000, true, false), "audio/mp4", "m4a-recording"},
		{"adts", "", adtsFile(5), "audio/aac", "m4a-recording"},
		{"mhtml", "page.mhtml", mhtmlPage(), TypeMHTML, "mhtml-page"},
		{"mhtml no name", "", mhtmlPage(), TypeMHTML, "mhtml-page"},
		{"html", "page.html", []byte(htmlPage), "text/html; charset=utf-8", "html-page"},
		{"docx", "a.docx", docxFile(t, "内容"), TypeDOCX, "docx"},
		{"docx renamed", "a.bin", docxFile(t, "内容"), TypeDOCX, "docx"},
		{"sms backup", "sms.xml", []byte(smsBackupXML()), TypeSMSBackup + "; charset=utf-8", "sms-backup"},
		{"other xml", "x.xml", []byte(`<?xml version="1.0"?><smsesx/>`), "text/plain; charset=utf-8", "text"},
		{"plain zip", "", zipOf(t, map[string][]byte{"a.txt": []byte("x")}), "application/zip", "archive"},
		{"old doc (ole)", "", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 600)...), "application/x-ole-storage", "office-other"},
		{"7z", "", []byte("7z\xBC\xAF\x27\x1C\x00\x04"), "application/x-7z-compressed", "archive"},
		{"email with inline images stays email", "m.eml", []byte("Received: x\r\nFrom: a@b\r\nTo: c@d\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=q\r\n\r\n"), TypeEmail, "email"},
		{"email to .txt stays text", "m.txt", mhtmlPage(), "text/plain; charset=utf-8", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := Sniff(tt.data, tt.file)
			if ct != tt.wantCT {
				t.Fatalf("Sniff = %q, want %q", ct, tt.wantCT)
			}
			if f := FormatOf(ct); f.Key != tt.wantKey {
				t.Errorf("FormatOf(%q) = %q, want %q", ct, f.Key, tt.wantKey)
			}
		})
	}
}

func TestFormatsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats() {
		if f.Key == "" || f.ZH == "" || f.EN == "" || seen[f.Key] {
			t.Errorf("format %+v: empty field or duplicate key", f)
		}
		seen[f.Key] = true
		switch f.Form {
		case FormDocumentary, FormElectronic, FormAudioVisual:
		default:
			t.Errorf("%s: form %q", f.Key, f.Form)
		}
		if !f.Printed && (f.NoPrintZH == "" || f.NoPrintEN == "") {
			t.Errorf("%s is not printed but gives no reason", f.Key)
		}
		if strings.Contains(f.ZH+f.EN, "/") && !strings.Contains(f.ZH, "M4A/AAC") {
			t.Errorf("%s label looks like a MIME type: %q", f.Key, f.ZH)
		}
		if f.Recording && f.Form != FormAudioVisual {
			t.Errorf("%s: a recording must be 视听资料", f.Key)
		}
	}
	if f, _ := FormatByKey("amr-recording"); f.ZH != "通话录音（AMR）" {
		t.Errorf("amr label %q", f.ZH)
	}
	for _, k := range []string{"call", "sms", "web", "note"} {
		if _, ok := FormatOfRecord(k); !ok {
			t.Errorf("no record format for %s", k)
		}
	}
	if _, ok := FormatOfRecord("file"); ok {
		t.Error("a file is not a record")
	}
	if FormatOf("video/mp4").Form != FormAudioVisual || FormatOf("image/png").Form != FormElectronic {
		t.Error("forms")
	}
}

func TestReadAudioInfo(t *testing.T) {
	tests := []struct {
		name      string
		data      []byte
		want      time.Duration
		codec     string
		estimated bool
	}{
		{"amr 1500 frames", amrFile(1500), dur("30s"), "AMR-NB", false},
		{"amr cut mid-frame", amrFile(50)[:6+49*32+10], dur("980ms"), "AMR-NB", false},
		{"amr-wb", amrWBFile(250), dur("5s"), "AMR-WB", false},
		{"silk wechat", silkFile(300, true), dur("6s"), "SILK", false},
		{"silk qq no terminator", silkFile(50, false)[:9+50*2+1200], dur("1s"), "SILK", false},
		{"wav", wavFile(8000, 2500), dur("2.5s"), "PCM", false},
		{"mp3 cbr counted", mp3Frames(383), dur("10.005s"), "MP3", false},
		{"mp3 xing", mp3Xing(38281, "Xing"), dur("999.993s"), "MP3", false},
		{"mp3 info tag", mp3Xing(383, "Info"), dur("10.005s"), "MP3", false},
		{"mp3 vbri", mp3VBRI(766), dur("20.01s"), "MP3", false},
		{"mp3 id3 then frames", append(id3Tag(5000), mp3Frames(100)...), dur("2.612s"), "MP3", false},
		// issue 16: the frame count used to stop at the first bytes that
		// were no frame header.
		{"mp3 damaged stretch inside", join(mp3Frames(100), junk(3000), mp3Frames(283)), dur("10.005s"), "MP3", false},
		{"mp3 two damaged stretches", join(mp3Frames(100), junk(700), mp3Frames(183), junk(5), mp3Frames(100)), dur("10.005s"), "MP3", false},
		{"mp3 id3v1 tag at the end", join(mp3Frames(383), []byte("TAG"), junk(125)), dur("10.005s"), "MP3", false},
		{"mp3 garbage at the end", join(mp3Frames(383), junk(20000)), dur("10.005s"), "MP3", false},
		{"mp3 gap beyond the bound", join(mp3Frames(100), junk(maxMP3Gap+10), mp3Frames(100)), dur("2.612s"), "MP3", false},
		{"mp3 stray header in the gap", join(mp3Frames(100), junk(50), mp3Header, junk(50), mp3Frames(283)), dur("10.005s"), "MP3", false},
		{"m4a moov first", m4aFile(1000, 65000, false, false), dur("65s"), "AAC", false},
		{"m4a moov last v1", m4aFile(44100, 44100*125, true, true), dur("125s"), "AAC", false},
		{"adts", adtsFile(160), dur("10.24s"), "AAC", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := Sniff(tt.data, "")
			info, err := ReadAudioInfo(bytes.NewReader(tt.data), int64(len(tt.data)), ct)
			if err != nil {
				t.Fatalf("ReadAudioInfo(%s): %v", ct, err)
			}
			if info.Duration != tt.want || info.Codec != tt.codec || info.Estimated != tt.estimated {
				t.Errorf("got %v %s est=%v, want %v %s est=%v", info.Duration, info.Codec, info.Estimated, tt.want, tt.codec, tt.estimated)
			}
		})
	}
}

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// junk is n bytes that hold no MPEG frame header (no 0xFF).
func junk(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7%200 + 1)
	}
	return b
}

func TestReadAudioInfoLongMP3IsEstimated(t *testing.T) {
	data := mp3Frames(mp3ScanFrames + 5000)
	info, err := ReadAudioInfo(bytes.NewReader(data), int64(len(data)), "audio/mpeg")
	if err != nil {
		t.Fatal(err)
	}
	want := samplesToDuration(int64(mp3ScanFrames+5000)*1152, 44100)
	if !info.Estimated || info.Duration != want {
		t.Errorf("got %v est=%v, want %v estimated", info.Duration, info.Estimated, want)
	}
}

func TestReadAudioInfoHostile(t *testing.T) {
	hugeWAV := wavFile(8000, 100)
	copy(hugeWAV[len(hugeWAV)-800-4:], []byte{0xFF, 0xFF, 0xFF, 0xFF}) // data size 4 GB
	bigBox := m4aFile(1000, 5000, false, false)
	copy(bigBox[len(bigBox)-4008:], []byte{0, 0, 0, 1}) // mdat: 64-bit size follows
	zeroScale := m4aFile(0, 5000, false, false)
	tests := []struct {
		name string
		ct   string
		data []byte
		want time.Duration // 0: an error is expected
	}{
		{"wav data size past the end", "audio/wav", hugeWAV, dur("100ms")},
		{"wav header only", "audio/wav", wavFile(8000, 100)[:20], 0},
		{"amr header only", "audio/amr", []byte("#!AMR\n"), 0},
		{"amr reserved frame type", "audio/amr", []byte("#!AMR\n\x48\x00"), 0},
		{"silk header only", "audio/silk", []byte("#!SILK_V3"), 0},
		{"mp3 garbage", "audio/mpeg", append(id3Tag(10), bytes.Repeat([]byte{0xFF}, 100)...), 0},
		{"mp3 id3 claims 256 MB", "audio/mpeg", []byte("ID3\x04\x00\x00\x7F\x7F\x7F\x7F"), 0},
		{"m4a no moov", "audio/mp4", box("ftyp", []byte("M4A ")), 0},
		{"m4a box claims 64-bit size", "audio/mp4", bigBox, dur("5s")},
		{"m4a zero timescale uses mdhd", "audio/mp4", zeroScale, dur("5s")},
		{"m4a self-nesting moov", "audio/mp4", nested("moov", 5000), 0},
		{"unknown type", "audio/ogg", []byte("OggS"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := ReadAudioInfo(bytes.NewReader(tt.data), int64(len(tt.data)), tt.ct)
			if tt.want == 0 {
				if err == nil {
					t.Fatalf("no error, got %+v", info)
				}
				return
			}
			if err != nil || info.Duration != tt.want {
				t.Fatalf("got %v, %v; want %v", info.Duration, err, tt.want)
			}
		})
	}
}

func nested(typ string, depth int) []byte {
	b := []byte{}
	for range depth {
		b = box(typ, b)
	}
	return b
}

func TestParseWebPage(t *testing.T) {
	p, err := ParseWebPage(bytes.NewReader(mhtmlPage()), TypeMHTML, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != "https://shop.example.cn/order?id=42" || p.Title != "订单详情" ||
		!p.Saved.Equal(time.Date(2025, 11, 3, 6, 20, 5, 0, time.UTC)) {
		t.Errorf("mhtml: %+v", p)
	}
	if !strings.Contains(p.Text, "收货人：张三") || strings.Contains(p.Text, "alert") || strings.Contains(p.Text, "iVBOR") {
		t.Errorf("mhtml text %q", p.Text)
	}
	h, err := ParseWebPage(strings.NewReader(htmlPage), "text/html; charset=utf-8", 0)
	if err != nil {
		t.Fatal(err)
	}
	if h.URL != "https://forum.example.cn/t/leak/123" || h.Title != "出售快递数据 - 论坛" || !h.Saved.IsZero() {
		t.Errorf("html: %+v", h)
	}
	if !strings.Contains(h.Text, "卖家：老王") || strings.Contains(h.Text, "injected") || strings.Contains(h.Text, "color:red") {
		t.Errorf("html text %q", h.Text)
	}
	gbk := []byte("<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gbk\"><title>\xb2\xe2\xca\xd4</title></head><body>\xb2\xe2\xca\xd4</body></html>")
	g, _ := ParseWebPage(bytes.NewReader(gbk), "text/html", 0)
	if g.Title != "测试" || g.Text != "测试" {
		t.Errorf("gbk page: %+v", g)
	}
	canon, _ := ParseWebPage(strings.NewReader(`<html><head><link rel="canonical" href="https://a.cn/x?a=1&amp;b=2"></head></html>`), "text/html", 0)
	if canon.URL != "https://a.cn/x?a=1&b=2" {
		t.Errorf("canonical %q", canon.URL)
	}
}

func TestParseWebPageHostile(t *testing.T) {
	deep := strings.Repeat("<div>", 200000) + "底" + strings.Repeat("</div>", 200000)
	p, err := ParseWebPage(strings.NewReader(deep), "text/html", 0)
	if err != nil || !strings.Contains(p.Text, "底") {
		t.Errorf("deep nesting: %v %q", err, p.Text[:min(len(p.Text), 20)])
	}
	big := strings.Repeat("字", 300000)
	p, _ = ParseWebPage(strings.NewReader("<p>"+big), "text/html", 0)
	if !p.Truncated || len(p.Text) > MaxEmailText {
		t.Errorf("long text not bounded: %d %v", len(p.Text), p.Truncated)
	}
	p, _ = ParseWebPage(strings.NewReader("<p>"+big), "text/html", 1000)
	if !p.Truncated || len(p.Text) > 1000 || !strings.HasPrefix(p.Text, "字字") {
		t.Errorf("limit not honoured: %d", len(p.Text))
	}
	// MIME nesting past the e-mail walker's depth bound.
	var m strings.Builder
	m.WriteString("From: <Saved by Blink>\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=b0\r\n\r\n")
	for i := 1; i < 50; i++ {
		m.WriteString("--b" + string(rune('0'+i%10)) + "\r\nContent-Type: multipart/related; boundary=b" + string(rune('0'+(i+1)%10)) + "\r\n\r\n")
	}
	if _, err := ParseWebPage(strings.NewReader(m.String()), TypeMHTML, 0); err != nil {
		t.Errorf("deep MHTML: %v", err)
	}
	if _, err := ParseWebPage(strings.NewReader("\x00\x01"), TypeMHTML, 0); !errors.Is(err, ErrNotWebPage) {
		t.Errorf("garbage MHTML: %v", err)
	}
}

func TestDocxText(t *testing.T) {
	d := docxFile(t, "关于个人信息泄露的情况说明", "2025年11月3日，我接到诈骗电话。")
	got, err := DocxText(bytes.NewReader(d), int64(len(d)))
	if err != nil {
		t.Fatal(err)
	}
	want := "关于个人信息泄露的情况说明\n2025年11月3日，我接到诈骗电话。\n甲\n　乙"
	if got.Text != want {
		t.Errorf("text %q, want %q", got.Text, want)
	}
}

func TestDocxHostile(t *testing.T) {
	deep := `<w:document xmlns:w="w">` + strings.Repeat("<w:p>", 1000) + `<w:t>x</w:t>` + strings.Repeat("</w:p>", 1000) + `</w:document>`
	many := map[string][]byte{"word/document.xml": []byte("<w:document/>")}
	for i := range maxDocxEntries + 1 {
		many[strings.Repeat("d/", 1)+string(rune('a'+i%26))+strings.Repeat("x", i/26)] = nil
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		// archive/zip itself stops reading at the declared size.
		{"zip bomb (declares 1000 bytes, inflates to 8 MB)", zipBomb(t, 1000, 8), ErrDocxDamaged},
		{"declares 100 GB", zipBomb(t, 100<<30, 1), ErrDocxTooBig},
		{"deep nesting", zipOf(t, map[string][]byte{"word/document.xml": []byte(deep)}), ErrDocxTooBig},
		{"too many entries", zipOf(t, many), ErrDocxTooBig},
		{"no document.xml", zipOf(t, map[string][]byte{"xl/workbook.xml": []byte("<x/>")}), ErrNotDocx},
		{"truncated", docxFile(t, "x")[:200], ErrNotDocx},
		{"not a zip", []byte("hello"), ErrNotDocx},
		{"broken xml", zipOf(t, map[string][]byte{"word/document.xml": []byte("<<<>")}), ErrDocxDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DocxText(bytes.NewReader(tt.data), int64(len(tt.data)))
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestParseSMSBackup(t *testing.T) {
	b, err := ParseSMSBackup(strings.NewReader(smsBackupXML()))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Messages) != 3 || b.Skipped != 2 {
		t.Fatalf("messages %d skipped %d: %+v", len(b.Messages), b.Skipped, b)
	}
	m := b.Messages[0]
	if m.Number != "10690000123" || m.Sent || !m.At.Equal(time.UnixMilli(1762149600000)) ||
		m.Text != "【某银行】您的账户存在风险，请点击 http://x.cn 处理 😀" || m.Contact != "" {
		t.Errorf("first: %+v", m)
	}
	if !b.Messages[1].Sent || b.Messages[1].Number != "+86 138 0013 8000" {
		t.Errorf("second: %+v", b.Messages[1])
	}
	if b.Messages[2].Text != "请勿泄露验证码 & 密码" || b.Messages[2].Contact != "银行" {
		t.Errorf("third: %+v", b.Messages[2])
	}
	for _, bad := range []string{"", "<html/>", "not xml", "<?xml version='1.0'?><other><sms/></other>",
		strings.Repeat("<smses>", 100)} {
		if _, err := ParseSMSBackup(strings.NewReader(bad)); !errors.Is(err, ErrNotSMSBackup) {
			t.Errorf("%.30q: err = %v", bad, err)
		}
	}
	// Truncated mid-file: what was read is kept.
	cut := smsBackupXML()[:strings.Index(smsBackupXML(), "你是谁")]
	b, err = ParseSMSBackup(strings.NewReader(cut))
	if err != nil || len(b.Messages) != 1 || !b.Truncated {
		t.Errorf("truncated: %v %+v", err, b)
	}
}

func TestParseTranscript(t *testing.T) {
	in := "\uFEFF[00:05] 我：你好，哪位？\n\n[00:07] 对方: 我是客服\n继续说明情况\n[1:02:03.5] 无说话人的一段\n"
	got, err := ParseTranscript(in)
	if err != nil {
		t.Fatal(err)
	}
	want := []TranscriptLine{
		{5 * time.Second, "我", "你好，哪位？"},
		{7 * time.Second, "对方", "我是客服\n继续说明情况"},
		{time.Hour + 2*time.Minute + 3500*time.Millisecond, "", "无说话人的一段"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: %+v, want %+v", i, got[i], want[i])
		}
	}
	round, err := ParseTranscript(FormatTranscript(got))
	if err != nil || len(round) != 3 || round[0] != want[0] {
		t.Errorf("round trip: %v %+v", err, round)
	}
	for _, bad := range []struct {
		in   string
		line int
	}{{"no time", 1}, {"[00:05 x", 1}, {"[00:05] ok\n[0:75] bad", 2}, {"[aa:bb] x", 1}, {"[1:2:3:4] x", 1}} {
		_, err := ParseTranscript(bad.in)
		var te *TranscriptError
		if !errors.As(err, &te) || te.Line != bad.line || te.ZH == "" {
			t.Errorf("%q: %v", bad.in, err)
		}
	}
	if FormatDuration(3*time.Minute+25*time.Second, "zh") != "3分25秒" || FormatDuration(3725*time.Second, "en") != "1:02:05" {
		t.Error("FormatDuration")
	}
}
