package facts

import (
	"slices"
	"strings"
	"testing"
)

func TestRegisterParses(t *testing.T) {
	fs := All()
	if len(fs) < 100 {
		t.Fatalf("register has %d facts; the app cites well over 100", len(fs))
	}
	for _, f := range fs {
		if f.ZH == "" || f.EN == "" || f.Source == "" {
			t.Errorf("%s: empty text or source", f.ID)
		}
	}
	// The items cn-facts §8 and cn-channels-verified mark UNVERIFIED stay so.
	for _, id := range []string{"hotline.12363", "hotline.12345", "url.cyberpolice-old", "law.app-method-number", "period.gbt35273-30", "period.police-3-7-30"} {
		f, ok := Get(id)
		if !ok || f.Status != Unverified {
			t.Errorf("%s: got %+v, want a registered UNVERIFIED fact", id, f)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for name, data := range map[string]string{
		"columns":     "a.b\tVERIFIED\tx\n",
		"status":      "a.b\tMAYBE\t\t\t\tz\tz\tsrc\n",
		"duplicate":   "a.b\tVERIFIED\t\t\t\tz\tz\tsrc\na.b\tVERIFIED\t\t\t\tz\tz\tsrc\n",
		"no source":   "a.b\tVERIFIED\t\t\t\tz\tz\t\n",
		"unknown law": "x.art1\tVERIFIED\tlaw.none\t第一条\tArt. 1\t\t\tsrc\n",
		"no text":     "a.b\tVERIFIED\t\t\t\t\t\tsrc\n",
	} {
		if _, err := parse(data); err == nil {
			t.Errorf("%s: parse accepted %q", name, data)
		}
	}
}

func TestMustGet(t *testing.T) {
	if got := MustGet("pipl.art65"); got.ZH != "个人信息保护法第六十五条" || got.EN != "Personal Information Protection Law Art. 65" {
		t.Errorf("pipl.art65 = %q / %q", got.ZH, got.EN)
	}
	for _, id := range []string{"no.such.fact", "hotline.12363"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MustGet(%q) did not panic", id)
				}
			}()
			MustGet(id)
		}()
	}
	if f, ok := Get("hotline.12363"); !ok || f.Printable() {
		t.Errorf("Get(hotline.12363) = %+v, %v; want the fact, not printable", f, ok)
	}
}

func TestExpandAndCite(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"zh", "拨打{hotline.110}", "拨打110"},
		{"zh", "（{crpl.art14+crpl.art29+crpl.art56}）", "（消费者权益保护法第十四条、第二十九条、第五十六条）"},
		{"en", "({crpl.art14+crpl.art29})", "(Consumer Rights Protection Law Art. 14, Art. 29)"},
		{"zh", "依照{crl.art253-1@formal}", "依照《中华人民共和国刑法》第二百五十三条之一"},
		{"zh", "no {placeholder here} {}", "no {placeholder here} {}"},
		{"zh", "{crpl.art29@art}规定", "第二十九条规定"},
		{"zh", "（以下简称{law.interp2017@short}）", "（以下简称《解释》）"},
		{"zh", "{pipl.art47+pipl.art50@art}", "第四十七条、第五十条"},
		{"en", "{crpl.art29@art}", "Art. 29"},
		{"en", "{express.art34+express.art39+express.art44}", "Interim Regulations on Express Delivery Art. 34, Art. 39, Art. 44"},
	} {
		if got := Expand(c.lang, c.in); got != c.want {
			t.Errorf("Expand(%s, %q) = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
	for _, bad := range []string{"{pipl.art65+crl.art266}", "{hotline.110@formal}", "{no.such}", "{hotline.12363}"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Expand(%q) did not panic", bad)
				}
			}()
			Expand("zh", bad)
		}()
	}
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		text string
		bad  []string
	}{
		{"依照个人信息保护法第六十五条投诉。", nil},
		{"消费者权益保护法第十四条、第二十九条、第五十六条", nil},
		{"Consumer Rights Protection Law Art. 14, Art. 29 and Art. 56", nil},
		{"消费者权益保护法第十四条、第九十九条", []string{"第九十九条"}},
		{"请拨打12363咨询", []string{"12363"}},
		{"拨打12315或12399", []string{"12399"}},
		{"见网络安全法第九十条", []string{"网络安全法第九十条"}},
		{"see www.example.cn and https://x.gov.cn/a", []string{"www.example.cn", "https://x.gov.cn/a"}},
		{"《某某管理办法》规定", []string{"《某某管理办法》"}},
		{"Criminal Law Art. 253-1", nil},
		{"Criminal Law Art. 999", []string{"Art. 999"}},
		{"国家金融监督管理总局", nil},
		{"30天后再看看", nil}, // ordinary words, though an UNVERIFIED fact has this text
		{"号码10690000123456", nil},
		{"《中华人民共和国消费者权益保护法》第十四条规定，……；第二十九条规定，……", nil},
		{"《中华人民共和国消费者权益保护法》第十四条规定，……；第九十九条规定", []string{"第九十九条"}},
		{"第二十九条规定", []string{"第二十九条"}}, // no law named before it
	} {
		var got []string
		for _, p := range Check(c.text) {
			got = append(got, p.Text)
		}
		// Each expected finding must be reported (patterns may report it
		// with some context), and a clean text must give none.
		if len(c.bad) == 0 && len(got) > 0 {
			t.Errorf("Check(%q) = %q, want nothing", c.text, got)
		}
		for _, b := range c.bad {
			if !slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, b) || strings.Contains(b, g) }) {
				t.Errorf("Check(%q) = %q, want a finding for %q", c.text, got, b)
			}
		}
	}
}

func TestCheckSource(t *testing.T) {
	for _, c := range []struct {
		text string
		bad  bool
	}{
		{"依照{pipl.art65}投诉", false},
		{"依照个人信息保护法第六十五条投诉", true},
		{"拨打110", true},
		{"拨打{hotline.110}", false},
		{"向国家金融监督管理总局投诉", true},
		{"see {no.such.fact}", true},
		{"call {hotline.12363}", true},
		{"the Civil Code says", true},
		{"保存证据", false},
	} {
		if got := CheckSource(c.text); (len(got) > 0) != c.bad {
			t.Errorf("CheckSource(%q) = %v, want problems: %v", c.text, got, c.bad)
		}
	}
}
