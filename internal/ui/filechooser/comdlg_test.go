package filechooser

import (
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf16"
)

func TestComdlgFilter(t *testing.T) {
	got := comdlgFilter([]Filter{{"图片", []string{"*.png", "*.jpg"}}, {"*.pdf", []string{"*.pdf"}}})
	want := "图片 (*.png;*.jpg)\x00*.png;*.jpg\x00*.pdf\x00*.pdf\x00\x00"
	if got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if comdlgFilter(nil) != "" {
		t.Error("no filters gave a filter string")
	}
}

func TestComdlgPaths(t *testing.T) {
	for _, tc := range []struct {
		buf  []string
		want []string
	}{
		{[]string{""}, nil},
		{[]string{`C:\Users\王芳\Pictures\call 1.jpg`, ""}, []string{`C:\Users\王芳\Pictures\call 1.jpg`}},
		{[]string{`C:\Users\王芳\Pictures`, "a.jpg", "订单.pdf", ""}, []string{filepath.Join(`C:\Users\王芳\Pictures`, "a.jpg"), filepath.Join(`C:\Users\王芳\Pictures`, "订单.pdf")}},
	} {
		if got := comdlgPaths(tc.buf); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.buf, got, tc.want)
		}
	}
}

func TestSplitNUL(t *testing.T) {
	buf := make([]uint16, 32)
	copy(buf, utf16.Encode([]rune(`C:\王芳`)))
	copy(buf[6:], utf16.Encode([]rune("b.png"))) // after a NUL
	got := splitNUL(buf)
	if len(got) != 3 || got[0] != `C:\王芳` || got[1] != "b.png" || got[2] != "" {
		t.Errorf("%q", got)
	}
}
