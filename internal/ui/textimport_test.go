package ui

import (
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDecodeText(t *testing.T) {
	const story = "2026年3月1日接到自称快递客服的电话，对方知道我的订单号。"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(story)
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string][]byte{
		"utf8":     []byte(story),
		"utf8-bom": append([]byte("\xef\xbb\xbf"), story...),
		"gbk":      []byte(gbk),
	} {
		got, err := decodeStory(in)
		if err != nil || got != story {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	// Notepad on Windows saves CRLF; the field gets LF.
	const lines = "第一行\n第二行\n"
	gbkCRLF, _ := simplifiedchinese.GBK.NewEncoder().String("第一行\r\n第二行\r\n")
	for name, in := range map[string][]byte{
		"utf8-crlf": []byte("\xef\xbb\xbf第一行\r\n第二行\r\n"),
		"gbk-crlf":  []byte(gbkCRLF),
	} {
		if got, err := decodeStory(in); err != nil || got != lines {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}
