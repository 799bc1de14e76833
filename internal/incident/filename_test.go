package incident

import "testing"

// TestSafeFileName: the names from the review's F11 reproduction and their
// relatives come out as plain base names.
func TestSafeFileName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"photo.jpg", "photo.jpg"},
		{"身份证 正面.png", "身份证 正面.png"},
		{"screenshot.png" + "                    " + "/../../../../.config/autostart/update.desktop", "update.desktop"},
		{"/etc/passwd", "passwd"},
		{`C:\Users\v\Desktop\evil.lnk`, "evil.lnk"},
		{`..\..\start.bat`, "start.bat"},
		{"invoice\u202efdp.exe", "invoicefdp.exe"},
		{"a\u2066b\u2069c\u200e\u200f\u061cd.txt", "abcd.txt"},
		{"line\nbreak\x00\x1b[31m.txt", "linebreak[31m.txt"},
		{"c1\u0085\u009b.txt", "c1.txt"},
		{"re: 投诉?.eml", "re_ 投诉_.eml"},
		{"..", ""},
		{"../", ""},
		{" .hidden. ", "hidden"},
		{"", ""},
	} {
		if got := SafeFileName(tc.in); got != tc.want {
			t.Errorf("SafeFileName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
