package exhibit

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Generated recordings, pages, documents and SMS backups: minimal but valid
// headers and frames, built here so every byte is visible in review.

// amrFile is an AMR-NB file of n 12.2 kbit/s frames (20 ms each).
func amrFile(n int) []byte {
	b := []byte("#!AMR\n")
	for range n {
		b = append(b, 7<<3|4) // FT 7 (12.2k), quality bit
		b = append(b, make([]byte, 31)...)
	}
	return b
}

// amrWBFile is AMR-WB with n 23.85 kbit/s frames.
func amrWBFile(n int) []byte {
	b := []byte("#!AMR-WB\n")
	for range n {
		b = append(b, 8<<3|4)
		b = append(b, make([]byte, 60)...)
	}
	return b
}

// silkFile is a WeChat SILK file (leading 0x02) of n packets.
func silkFile(n int, wechat bool) []byte {
	var b []byte
	if wechat {
		b = append(b, 2)
	}
	b = append(b, "#!SILK_V3"...)
	for i := range n {
		size := 20 + i%7
		b = binary.LittleEndian.AppendUint16(b, uint16(size))
		b = append(b, bytes.Repeat([]byte{byte(i)}, size)...)
	}
	return append(b, 0xFF, 0xFF)
}

// wavFile is 16-bit mono PCM at rate Hz lasting ms milliseconds, with an
// extra LIST chunk before data as phone recorders write.
func wavFile(rate, ms int) []byte {
	data := rate * 2 * ms / 1000
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(4+8+16+8+4+8+data))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, binary.LittleEndian, uint32(16))
	binary.Write(&b, binary.LittleEndian, uint16(1))
	binary.Write(&b, binary.LittleEndian, uint16(1))
	binary.Write(&b, binary.LittleEndian, uint32(rate))
	binary.Write(&b, binary.LittleEndian, uint32(rate*2))
	binary.Write(&b, binary.LittleEndian, uint16(2))
	binary.Write(&b, binary.LittleEndian, uint16(16))
	b.WriteString("LIST")
	binary.Write(&b, binary.LittleEndian, uint32(4))
	b.WriteString("INFO")
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(data))
	b.Write(make([]byte, data))
	return b.Bytes()
}

// mp3Frame is one MPEG-1 Layer III frame header at 128 kbit/s, 44.1 kHz,
// stereo: 417 bytes.
var mp3Header = []byte{0xFF, 0xFB, 0x90, 0x00}

const mp3FrameLen = 417 // 144*128000/44100

func mp3Frames(n int) []byte {
	var b []byte
	for range n {
		b = append(b, mp3Header...)
		b = append(b, make([]byte, mp3FrameLen-4)...)
	}
	return b
}

func id3Tag(payload int) []byte {
	b := []byte("ID3\x04\x00\x00")
	b = append(b, byte(payload>>21&0x7F), byte(payload>>14&0x7F), byte(payload>>7&0x7F), byte(payload&0x7F))
	return append(b, make([]byte, payload)...)
}

// mp3Xing is an ID3-tagged VBR file whose Xing header says frames; only a
// few audio frames follow, so the count can only come from the header.
func mp3Xing(frames uint32, tag string) []byte {
	first := make([]byte, mp3FrameLen)
	copy(first, mp3Header)
	x := 4 + 32
	copy(first[x:], tag)
	binary.BigEndian.PutUint32(first[x+4:], 1) // flags: frames
	binary.BigEndian.PutUint32(first[x+8:], frames)
	b := append(id3Tag(300), first...)
	return append(b, mp3Frames(3)...)
}

func mp3VBRI(frames uint32) []byte {
	first := make([]byte, mp3FrameLen)
	copy(first, mp3Header)
	v := 4 + 32
	copy(first[v:], "VBRI")
	binary.BigEndian.PutUint32(first[v+14:], frames)
	return append(first, mp3Frames(2)...)
}

func box(typ string, body ...[]byte) []byte {
	n := 8
	for _, b := range body {
		n += len(b)
	}
	out := binary.BigEndian.AppendUint32(nil, uint32(n))
	out = append(out, typ...)
	for _, b := range body {
		out = append(out, b...)
	}
	return out
}

// m4aFile is an M4A whose mvhd says dur/scale seconds; moovLast puts the
// movie box after the audio, as phone recorders do; v1 uses 64-bit times.
func m4aFile(scale, dur uint32, moovLast, v1 bool) []byte {
	ftyp := box("ftyp", []byte("M4A \x00\x00\x00\x00M4A isom"))
	var mvhd []byte
	if v1 {
		mvhd = append([]byte{1, 0, 0, 0}, make([]byte, 16)...)
		mvhd = binary.BigEndian.AppendUint32(mvhd, scale)
		mvhd = binary.BigEndian.AppendUint64(mvhd, uint64(dur))
	} else {
		mvhd = append([]byte{0, 0, 0, 0}, make([]byte, 8)...)
		mvhd = binary.BigEndian.AppendUint32(mvhd, scale)
		mvhd = binary.BigEndian.AppendUint32(mvhd, dur)
	}
	mvhd = append(mvhd, make([]byte, 80)...)
	mdhd := append([]byte{0, 0, 0, 0}, make([]byte, 8)...)
	mdhd = binary.BigEndian.AppendUint32(mdhd, 16000)
	secs := uint32(5) // what the track says when mvhd is useless
	if scale > 0 {
		secs = dur / scale
	}
	mdhd = binary.BigEndian.AppendUint32(mdhd, secs*16000)
	mdhd = append(mdhd, 0, 0, 0, 0)
	moov := box("moov", box("mvhd", mvhd), box("trak", box("mdia", box("mdhd", mdhd))))
	mdat := box("mdat", make([]byte, 4000))
	if moovLast {
		return append(append(ftyp, mdat...), moov...)
	}
	return append(append(ftyp, moov...), mdat...)
}

// adtsFile is raw AAC: n ADTS frames at 16 kHz.
func adtsFile(n int) []byte {
	var b []byte
	const flen = 100
	for range n {
		h := []byte{0xFF, 0xF1, 0x60, 0x40, 0, 0, 0xFC}
		h[2] = 1<<6 | 8<<2 // AAC LC, 16 kHz
		h[3] = 0x40 | byte(flen>>11)
		h[4] = byte(flen >> 3)
		h[5] = byte(flen&7)<<5 | 0x1F
		b = append(b, h...)
		b = append(b, make([]byte, flen-7)...)
	}
	return b
}

// mhtmlPage is what Chrome writes for "Save page as… Webpage, single file".
func mhtmlPage() []byte {
	return []byte("From: <Saved by Blink>\r\n" +
		"Snapshot-Content-Location: https://shop.example.cn/order?id=42\r\n" +
		"Subject: =?utf-8?B?" + "6K6i5Y2V6K+m5oOF" + "?=\r\n" + // 订单详情
		"Date: Mon, 3 Nov 2025 14:20:05 +0800\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/related;\r\n" +
		"\ttype=\"text/html\";\r\n" +
		"\tboundary=\"----MultipartBoundary--abc----\"\r\n" +
		"\r\n\r\n" +
		"------MultipartBoundary--abc----\r\n" +
		"Content-Type: text/html\r\n" +
		"Content-ID: <frame-1@mhtml.blink>\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n" +
		"Content-Location: https://shop.example.cn/order?id=42\r\n\r\n" +
		"<html><head><title>=E8=AE=A2=E5=8D=95</title><script>alert(1)</script></head>" +
		"<body><h1>=E8=AE=A2=E5=8D=95=E8=AF=A6=E6=83=85</h1><p>=E6=94=B6=E8=B4=A7=E4=BA=BA=EF=BC=9A=E5=BC=A0=E4=B8=89</p></body></html>\r\n" +
		"------MultipartBoundary--abc----\r\n" +
		"Content-Type: image/png\r\n" +
		"Content-Transfer-Encoding: base64\r\n" +
		"Content-Location: https://shop.example.cn/logo.png\r\n\r\n" +
		"iVBORw0KGgo=\r\n" +
		"------MultipartBoundary--abc------\r\n")
}

const htmlPage = `<!DOCTYPE html>
<!-- saved from url=(0036)https://forum.example.cn/t/leak/123 -->
<html><head><meta charset="utf-8"><title>出售快递数据 - 论坛</title>
<style>body{color:red}</style><script>document.write("<p>injected</p>")</script></head>
<body><div>卖家：老王</div><p>出售 2025 年快递单号 10 万条</p><noscript>x</noscript></body></html>`

// docxFile builds a .docx with the given document.xml body paragraphs.
func docxFile(t testing.TB, paras ...string) []byte {
	t.Helper()
	var body strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&body, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, p)
	}
	body.WriteString(`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`)
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body.String() + `</w:body></w:document>`
	return zipOf(t, map[string][]byte{"word/document.xml": []byte(doc)})
}

func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels"} {
		w, _ := zw.Create(name)
		w.Write([]byte(`<?xml version="1.0"?><Types/>`))
	}
	for name, b := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBomb declares a small document.xml that inflates past the cap, and
// hugeDeclared declares a 100 GB one.
func zipBomb(t testing.TB, declared uint64, inflatedMB int) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range inflatedMB {
		fw.Write(zeros)
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

func smsBackupXML() string {
	return `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<!--File Created By SMS Backup & Restore v10.20.002 on 03/11/2025 14:22:00-->
<smses count="4" backup_set="x" backup_date="1762150920000" type="full">
  <sms protocol="0" address="10690000123" date="1762149600000" type="1" subject="null" body="【某银行】您的账户存在风险，请点击 http://x.cn 处理 &#55357;&#56832;" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="2025年11月3日 14:00:00" contact_name="(Unknown)" />
  <sms protocol="0" address="+86 138 0013 8000" date="1762149700000" type="2" body="你是谁？" read="1" status="-1" contact_name="null" />
  <sms protocol="0" address="10690000123" date="1762149800000" type="1" body="请勿泄露验证码 &amp; 密码" contact_name="银行" />
  <mms date="1762149900000" address="123"><parts/></mms>
  <sms address="" date="1" type="1" body="no address" />
</smses>`
}

func dur(s string) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestWriteFixtures writes the generated fixtures to $LEAKDESK_FIXTURE_DIR,
// for driving the built binary by hand (evidence add, packets); skipped
// otherwise.
func TestWriteFixtures(t *testing.T) {
	dir := os.Getenv("LEAKDESK_FIXTURE_DIR")
	if dir == "" {
		t.Skip("LEAKDESK_FIXTURE_DIR not set")
	}
	files := map[string][]byte{
		"通话录音.amr": amrFile(3000), "语音.silk": silkFile(450, true), "录音.wav": wavFile(8000, 4000),
		"录音.mp3": mp3Xing(2297, "Xing"), "录音.m4a": m4aFile(1000, 83000, true, false),
		"订单页面.mhtml": mhtmlPage(), "论坛.html": []byte(htmlPage),
		"情况说明.docx": docxFile(t, "关于个人信息泄露的情况说明", "2025年11月3日，我接到自称快递客服的电话。"),
		"sms.xml":   []byte(smsBackupXML()),
		"整理稿.txt":   []byte("[00:00] 对方：你好，我是快递客服，你的包裹丢了。\n[00:08] 我：你怎么知道我的订单号？\n[00:15] 对方：系统里有你的信息，姓名、电话、地址都对吧？\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
