package pdf

import (
	"testing"

	"leakdesk/internal/report"
)

func TestBMPOnly(t *testing.T) {
	p := report.Packet{Title: "短信😀", Exhibits: []report.ExhibitRef{{Record: []report.KV{{Key: "内容：", Value: "请点击𠀀链接"}}}}}
	q := bmpOnly(p)
	if q.Title != "短信□" || q.Exhibits[0].Record[0].Value != "请点击□链接" {
		t.Errorf("got %q %q", q.Title, q.Exhibits[0].Record[0].Value)
	}
	if cleanText("a😀b") != "a□b" {
		t.Error("cleanText keeps a non-BMP rune")
	}
}
