package exhibit

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestSniff(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("骗子的短信内容：请转账到安全账户。"))
	eml := "Received: from mx.qq.com\r\nFrom: a@b.cn\r\nSubject: hi\r\n\r\nbody"
	tests := []struct {
		name, file string
		head       []byte
		want       string
	}{
		{"jpeg", "x.png", encJPEG(t, 8, 8), "image/jpeg"},
		{"png", "", encPNG(t, gradient(2, 2)), "image/png"},
		{"gif", "", encGIF(t), "image/gif"},
		{"webp", "", b64(t, webpLossy), "image/webp"},
		{"bmp", "", encBMP(t), "image/bmp"},
		{"tiff le", "", encTIFF(t), "image/tiff"},
		{"tiff be", "", []byte("MM\x00*\x00\x00\x00\x08"), "image/tiff"},
		{"heic", "", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "image/heic"},
		{"pdf", "a.txt", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "application/pdf"},
		{"pdf after bom", "", []byte("\xEF\xBB\xBF%PDF-1.4\n"), "application/pdf"},
		{"zip", "", []byte("PK\x03\x04\x14\x00\x00\x00"), "application/zip"},
		{"mp3 id3", "", []byte("ID3\x04\x00\x00\x00\x00\x00\x00"), "audio/mpeg"},
		{"mp3 frame", "", []byte{0xFF, 0xFB, 0x90, 0x64, 0, 0}, "audio/mpeg"},
		{"aac adts", "", []byte{0xFF, 0xF1, 0x50, 0x80, 0, 0}, "audio/aac"},
		{"m4a", "", []byte("\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00"), "audio/mp4"},
		{"mp4", "", []byte("\x00\x00\x00\x20ftypisom\x00\x00\x02\x00"), "video/mp4"},
		{"3gp", "", []byte("\x00\x00\x00\x14ftyp3gp4\x00\x00\x00\x00"), "video/3gpp"},
		{"mov", "", []byte("\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00"), "video/quicktime"},
		{"wav", "", []byte("RIFF\x24\x00\x00\x00WAVEfmt "), "audio/wav"},
		{"avi", "", []byte("RIFF\x24\x00\x00\x00AVI LIST"), "video/x-msvideo"},
		{"amr", "", []byte("#!AMR\n\x3c"), "audio/amr"},
		{"amr-wb", "", []byte("#!AMR-WB\n"), "audio/amr-wb"},
		{"silk", "", []byte("\x02#!SILK_V3\x0c\x00"), "audio/silk"},
		{"ogg", "", []byte("OggS\x00\x02\x00\x00"), "audio/ogg"},
		{"webm", "", []byte("\x1A\x45\xDF\xA3\x9f\x42\x86\x81\x01\x42\x82\x84webm"), "video/webm"},
		{"mkv", "", []byte("\x1A\x45\xDF\xA3\xa3\x42\x86\x81\x01\x42\x82\x88matroska"), "video/x-matroska"},
		{"utf8 text", "", []byte("你好，这是诈骗电话记录"), "text/plain; charset=utf-8"},
		{"utf8 text cut mid-rune", "", []byte("你好")[:5], "text/plain; charset=utf-8"},
		{"gbk text", "note.txt", gbk, "text/plain; charset=gb18030"},
		{"utf16", "", []byte("\xFF\xFEh\x00i\x00"), "text/plain; charset=utf-16le"},
		{"html", "", []byte("<!doctype html><html>"), "text/html; charset=utf-8"},
		{"binary", "a.txt", []byte{0, 1, 2, 3, 'a'}, "application/octet-stream"},
		{"BMW is text", "", []byte("BMW owner called at 10:00, said the car was..."), "text/plain; charset=utf-8"},
		{"eml by name", "message.eml", []byte("From: a@b.cn\r\n\r\nhi"), "message/rfc822"},
		{"eml strong, no ext", "message", []byte(eml), "message/rfc822"},
		{"eml strong, renamed .txt", "saved.txt", []byte(eml), "text/plain; charset=utf-8"},
		{"one header, not eml", "notes", []byte("Subject: what the caller said\nHe asked for my ID.\n"), "text/plain; charset=utf-8"},
		{"mbox from line", "x.eml", []byte("From - Sat Jan 01 00:00:00 2022\nX-Mozilla-Status: 0001\nFrom: a@b\n\n"), "message/rfc822"},
		{"note with colon", "x.eml", []byte("Note: call police\nDate: today\n"), "text/plain; charset=utf-8"},
		{"empty", "", nil, "text/plain; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff(tt.head, tt.file); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCategory(t *testing.T) {
	tests := []struct{ ct, want string }{
		{"image/jpeg", "image"}, {"image/heic", "image"}, {"application/pdf", "pdf"},
		{"message/rfc822", "email"}, {"text/plain; charset=utf-8", "text"}, {"text/html", "text"},
		{"audio/amr", "audio"}, {"video/mp4", "video"}, {"application/zip", "file"},
		{"application/octet-stream", "file"}, {"", "file"},
	}
	for _, tt := range tests {
		if got := Category(tt.ct); got != tt.want {
			t.Errorf("Category(%q) = %q, want %q", tt.ct, got, tt.want)
		}
	}
	if !IsImage("image/png") || IsImage("text/plain") || !IsText("TEXT/plain; charset=gb18030") ||
		!IsEmail("message/rfc822") || !IsPDF("application/pdf") || !IsAudioVideo("video/3gpp") ||
		IsAudioVideo("image/gif") || !Decodable("image/webp") || Decodable("image/heic") {
		t.Error("predicate mismatch")
	}
}
