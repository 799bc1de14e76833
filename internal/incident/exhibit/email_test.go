package exhibit

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func gbkB64(t *testing.T, s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func TestParseEmail(t *testing.T) {
	gbkSubj := gbkB64(t, "您的账户存在风险")
	gbkBytes, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("附件清单"))
	big5, _ := traditionalchinese.Big5.NewEncoder().Bytes([]byte("帳戶凍結通知"))
	pct := ""
	for _, c := range gbkBytes {
		pct += fmt.Sprintf("%%%02X", c)
	}
	// A GBK character split across two encoded words, as some mailers do.
	whole, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("退款"))
	split := fmt.Sprintf("=?gb2312?B?%s?= =?gb2312?B?%s?=",
		base64.StdEncoding.EncodeToString(whole[:1]), base64.StdEncoding.EncodeToString(whole[1:]))

	tests := []struct {
		name string
		msg  string
		want Email
	}{
		{
			name: "GBK subject, UTF-8 QP body",
			msg: "From: =?UTF-8?B?5byg5LiJ?= <zhang@example.cn>\r\n" +
				"To: victim@example.com\r\n" +
				"Subject: =?GBK?B?" + gbkSubj + "?=\r\n" +
				"Date: Tue, 5 Mar 2024 10:20:30 +0800 (CST)\r\n" +
				"MIME-Version: 1.0\r\n" +
				"Content-Type: text/plain; charset=utf-8\r\n" +
				"Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
				"=E4=BD=A0=E5=A5=BD=EF=BC=8C=E8=AF=B7=E7=82=B9=E5=87=BB=E9=93=BE=E6=8E=A5=\r\n" +
				"=E3=80=82\r\n",
			want: Email{
				From: "张三 <zhang@example.cn>", To: "victim@example.com", Subject: "您的账户存在风险",
				Date:       "Tue, 5 Mar 2024 10:20:30 +0800 (CST)",
				DateParsed: time.Date(2024, 3, 5, 2, 20, 30, 0, time.UTC),
				Text:       "你好，请点击链接。",
			},
		},
		{
			name: "alternative with HTML only",
			msg: "From: a@b.cn\nSubject: =?utf-8?Q?=E9=80=9A=E7=9F=A5?=\nContent-Type: multipart/alternative; boundary=\"XX\"\n\n" +
				"--XX\nContent-Type: text/html; charset=gb2312\nContent-Transfer-Encoding: base64\n\n" +
				base64.StdEncoding.EncodeToString(mustGBK(t, "<html><head><style>p{}</style></head><body><p>请&nbsp;联系<b>客服</b></p><p>电话&#65306;400</p><script>x()</script></body></html>")) + "\n" +
				"--XX--\n",
			want: Email{From: "a@b.cn", Subject: "通知", Text: "请 联系客服\n\n电话：400"},
		},
		{
			name: "nested multipart with attachments",
			msg: "From: x@y\r\nTo: a@b\r\nTo: c@d\r\nCc: =?big5?B?" + base64.StdEncoding.EncodeToString(big5) + "?= <e@f>\r\n" +
				"Subject: " + split + "\r\n" +
				"Content-Type: multipart/mixed; boundary=outer\r\n\r\n" +
				"preamble\r\n--outer\r\n" +
				"Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n" +
				"--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nplain body\r\n" +
				"--inner\r\nContent-Type: text/html\r\n\r\n<p>html body</p>\r\n" +
				"--inner--\r\n" +
				"--outer\r\nContent-Type: application/pdf; name=\"=?GBK?B?" + gbkB64(t, "判决书") + "?=.pdf\"\r\n" +
				"Content-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n" +
				"--outer\r\nContent-Type: application/octet-stream\r\n" +
				"Content-Disposition: attachment; filename*=GBK''" + pct + ".xlsx\r\n\r\nxx\r\n" +
				"--outer\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"C:\\Users\\me\\shot.png\"\r\n\r\nxx\r\n" +
				"--outer\r\nContent-Type: message/rfc822\r\n\r\nSubject: Fwd scam\r\n\r\nhello\r\n" +
				"--outer--\r\n",
			want: Email{
				From: "x@y", To: "a@b, c@d", Cc: "帳戶凍結通知 <e@f>", Subject: "退款",
				Text:        "plain body",
				Attachments: []string{"判决书.pdf", "附件清单.xlsx", "shot.png", "Fwd scam.eml"},
			},
		},
		{
			name: "raw GBK header, no charset",
			msg:  "From: a@b\nSubject: " + string(mustGBK(t, "中奖通知")) + "\n\n" + string(mustGBK(t, "恭喜")),
			want: Email{From: "a@b", Subject: "中奖通知", Text: "恭喜"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseEmail(strings.NewReader(tt.msg), 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			if !got.DateParsed.Equal(tt.want.DateParsed) {
				t.Errorf("DateParsed = %v, want %v", got.DateParsed, tt.want.DateParsed)
			}
			got.DateParsed, tt.want.DateParsed = time.Time{}, time.Time{}
			if tt.want.Date == "" {
				got.Date = ""
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func mustGBK(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseEmailBounds(t *testing.T) {
	t.Run("limit cuts the body", func(t *testing.T) {
		msg := "From: a@b\n\n" + strings.Repeat("x", 10_000)
		em, err := ParseEmail(strings.NewReader(msg), 100)
		if err != nil {
			t.Fatal(err)
		}
		if !em.Truncated || len(em.Text) > 100 {
			t.Errorf("Truncated=%v len=%d", em.Truncated, len(em.Text))
		}
	})
	t.Run("text capped", func(t *testing.T) {
		msg := "From: a@b\n\n" + strings.Repeat("字", MaxEmailText)
		em, err := ParseEmail(strings.NewReader(msg), 0)
		if err != nil {
			t.Fatal(err)
		}
		if !em.Truncated || len(em.Text) > MaxEmailText || !strings.HasSuffix(em.Text, "字") {
			t.Errorf("Truncated=%v len=%d", em.Truncated, len(em.Text))
		}
	})
	t.Run("deep nesting", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("From: a@b\nContent-Type: multipart/mixed; boundary=b0\n\n")
		for i := 1; i < 200; i++ {
			fmt.Fprintf(&b, "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n", i-1, i)
		}
		em, err := ParseEmail(strings.NewReader(b.String()), 0)
		if err != nil {
			t.Fatal(err)
		}
		if !em.Truncated {
			t.Error("expected Truncated")
		}
	})
	t.Run("not an email", func(t *testing.T) {
		if _, err := ParseEmail(strings.NewReader("\x00\x01binary junk"), 0); err == nil {
			t.Error("expected error")
		}
	})
}
