package incident

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidIDNumber(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"11010519491231002X", true},
		{"11010519491231002x", true},
		{"110105194912310021", false}, // wrong check digit
		{"33010619910315002", false},  // 17 characters
		{"3301061991031500AB", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := ValidIDNumber(tc.id); got != tc.want {
			t.Errorf("ValidIDNumber(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestIDNumberWarning(t *testing.T) {
	tests := []struct {
		id   string
		want string // a word of the Chinese warning; "" for none
	}{
		{"", ""},
		{"11010519491231002X", ""},
		{" 11010519491231002x ", ""},
		{"33010619910315002X", ""}, // the demo victim's number
		{"110105194912310021", "校验码"},
		{"330106199103150020", "校验码"},
		{"33010619910315002", "17位"},
		{"3301061991031500AB", "18位"},
		{"123", "3位"},
	}
	for _, tc := range tests {
		w := IDNumberWarning(tc.id)
		switch {
		case tc.want == "" && w != nil:
			t.Errorf("IDNumberWarning(%q) = %q, want none", tc.id, w.ZH)
		case tc.want != "" && (w == nil || !strings.Contains(w.ZH, tc.want) || w.EN == ""):
			t.Errorf("IDNumberWarning(%q) = %v, want a warning with %q", tc.id, w, tc.want)
		}
	}
}

func validCase() Case {
	return Case{Title: "快递信息泄露", SourceKind: SourceCourier, Status: CaseOpen}
}

// validateNow is the clock the checks get: years before the real date, so a
// check that read the machine's clock instead would let the "future" case pass.
var validateNow = time.Date(2020, 1, 1, 10, 0, 0, 0, time.UTC)

func TestCaseValidate(t *testing.T) {
	tests := []struct {
		name      string
		edit      func(*Case)
		wantField string
	}{
		{"ok", func(*Case) {}, ""},
		{"ok with ID", func(c *Case) { c.Victim.IDNumber = "11010519491231002X" }, ""},
		{"no title", func(c *Case) { c.Title = "  " }, "title"},
		{"doubtful ID is kept", func(c *Case) { c.Victim.IDNumber = "123" }, ""},
		{"ID with a wrong check digit is kept", func(c *Case) { c.Victim.IDNumber = "110105194912310021" }, ""},
		{"bad kind", func(c *Case) { c.SourceKind = "bakery" }, "source_kind"},
		{"bad status", func(c *Case) { c.Status = "" }, "status"},
		{"huge narrative", func(c *Case) { c.Narrative = strings.Repeat("泄", maxLong+1) }, "narrative"},
		{"invalid utf8", func(c *Case) { c.Victim.Name = "\xff\xfe" }, "victim.name"},
		{"future discovery", func(c *Case) { c.DiscoveredAt = validateNow.AddDate(0, 0, 2) }, "discovered_at"},
		{"tomorrow is allowed", func(c *Case) { c.DiscoveredAt = validateNow.AddDate(0, 0, 1) }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := validCase()
			tc.edit(&c)
			err := c.Validate(validateNow)
			if tc.wantField == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeInvalid || e.Field != tc.wantField {
				t.Fatalf("got %v, want invalid %s", err, tc.wantField)
			}
			if e.Message("zh") == "" || e.Message("en") == "" || e.Message("zh") == e.Message("en") {
				t.Fatalf("messages must exist in both languages: %q / %q", e.Message("zh"), e.Message("en"))
			}
		})
	}
}

func TestRecordValidate(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		v         interface{ Validate() error }
		wantField string
	}{
		{"account ok", Account{Service: "淘宝"}, ""},
		{"account no service", Account{}, "service"},
		{"step custom ok", Step{Title: "打电话给银行", Status: StepTodo}, ""},
		{"step playbook ok", Step{Kind: "police-report", Status: StepDoing}, ""},
		{"step no title", Step{Status: StepTodo}, "title"},
		{"step bad status", Step{Kind: "x", Status: "waiting"}, "status"},
		{"comm ok", Communication{At: now, Direction: Incoming, Channel: "phone", Summary: "自称快递客服"}, ""},
		{"comm no time", Communication{Direction: Incoming, Channel: "phone", Summary: "x"}, "at"},
		{"comm bad channel", Communication{At: now, Direction: Incoming, Channel: "fax", Summary: "x"}, "channel"},
		{"comm empty", Communication{At: now, Direction: Outgoing, Channel: "sms"}, "summary"},
		{"exhibit ok", Exhibit{Kind: ExhibitFile, Title: "诈骗短信截图"}, ""},
		{"exhibit sms no text", Exhibit{Kind: ExhibitSMS, Title: "短信"}, "text"},
		{"exhibit web no url", Exhibit{Kind: ExhibitWeb, Title: "帖子", RecordText: "身份证照片"}, "url"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.v.Validate()
			var e *Error
			switch {
			case tc.wantField == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.wantField != "" && (!errors.As(err, &e) || e.Field != tc.wantField):
				t.Fatalf("got %v, want invalid %s", err, tc.wantField)
			}
		})
	}
}

func TestUserMessageHidesCauses(t *testing.T) {
	err := errors.New("disk I/O error at /home/wang/secret")
	for _, lang := range []string{"zh", "en"} {
		if msg := UserMessage(err, lang); strings.Contains(msg, "/home") || msg == "" {
			t.Errorf("%s: %q", lang, msg)
		}
	}
	if got := UserMessage(NotFound("case", 3), "en"); !strings.Contains(got, "3") {
		t.Errorf("not-found message lacks the id: %q", got)
	}
}
