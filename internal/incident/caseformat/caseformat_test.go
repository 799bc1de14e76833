package caseformat_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/caseformat"
)

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// sample builds a case that uses every field, with a valid event chain.
func sample() (*incident.CaseFile, [][]byte) {
	at := time.Date(2025, 11, 3, 6, 20, 0, 0, time.UTC)
	png := []byte("\x89PNG\r\n\x1a\n fake image bytes")
	sms := []byte("类型：短信记录\n内容：\n您的快递丢失，点击退款\n")
	cf := &incident.CaseFile{
		Case: incident.Case{ID: 7, Title: "快递信息泄露", Victim: incident.Victim{Name: "王芳", IDNumber: "11010519491231002X", Phone: "13800138000", Address: "杭州"},
			DiscoveredAt: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), Narrative: "第一行\n第二行", SourceOrg: "某快递", SourceAddr: "杭州西湖区",
			SourceKind: incident.SourceCourier, Status: incident.CaseOpen,
			Intake: incident.Intake{Leaked: []string{"name", "phone"}, Happened: []string{"scam-contact"}, SourceKind: "courier", SourceOrg: "某快递", Insider: "unsure", GainsYuan: 12.5,
				SourceCode: "91330106MA2XXXXXX1", SourceRep: "张三"},
			CreatedAt: at, UpdatedAt: at.Add(time.Hour),
			Authorisation: &incident.Authorisation{IssuedOn: time.Date(2025, 11, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
				SignedOn: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC), Agent: "陈律"},
			JointConsent: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)},
		Matter: &incident.Matter{ID: 3, Title: "某楼盘业主", Respondent: incident.Respondent{Name: "某房地产开发有限公司", Addr: "某市某路1号",
			Kind: incident.SourceRealEstate, Contacts: []string{"0755-1234"}}},
		Leaked:   []incident.LeakedData{{ID: 3, Category: "other", Description: "姓名电话地址", Count: 3}},
		Accounts: []incident.Account{{ID: 4, Service: "淘宝", Login: "wf***", Exposed: "订单", PasswordChanged: true, TwoFactor: true, Notes: "n"}},
		Steps: []incident.Step{
			{ID: 10, Kind: "secure-accounts", Position: 1, Status: incident.StepDone, CompletedAt: at},
			{ID: 11, Kind: "", Position: 2, Title: "自定义", Why: "因为", Status: incident.StepDoing, FollowUp: time.Date(2025, 11, 12, 0, 0, 0, 0, time.UTC), FollowUpEstimate: true, Reference: "12315-1", Organisation: "市场监管", Channel: "12315"},
		},
		Communications: []incident.Communication{{ID: 20, At: at, Direction: incident.Incoming, Channel: "phone", Counterpart: "95xxx", Summary: "冒充客服", StepID: 11}},
		Exhibits: []incident.Exhibit{
			{ID: 30, Number: 1, Kind: incident.ExhibitFile, Title: "截图", Source: "手机", Proves: "诈骗", CapturedAt: at, ImportedAt: at, FileName: "a.png", Size: int64(len(png)), ContentType: "image/png", SHA256: sum(png), StepIDs: []int64{10}, CommIDs: []int64{20}},
			{ID: 31, Number: 2, Kind: incident.ExhibitSMS, Title: "短信", CapturedAt: at, ImportedAt: at, Size: int64(len(sms)), ContentType: "text/plain; charset=utf-8", SHA256: sum(sms), RecordNumber: "10690000", RecordText: "您的快递丢失，点击退款"},
		},
	}
	prev := ""
	for i, kind := range []string{"case.created", "plan.generated", "exhibit.added"} {
		e := incident.Event{CaseID: 7, Seq: int64(i + 1), At: at.Add(time.Duration(i) * time.Minute), Kind: kind, Subject: "case:7", Data: map[string]string{"k": fmt.Sprint(i)}, PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		cf.Events = append(cf.Events, e)
	}
	return cf, [][]byte{png, sms}
}

func encode(t testing.TB, cf *incident.CaseFile, content [][]byte, inline bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	open := func(i int) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content[i])), nil }
	if err := caseformat.Encode(&buf, cf, open, inline); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	for _, inline := range []bool{true, false} {
		t.Run(fmt.Sprint("inline=", inline), func(t *testing.T) {
			cf, content := sample()
			doc := encode(t, cf, content, inline)
			if !json.Valid(doc) {
				t.Fatalf("not JSON:\n%s", doc)
			}
			got, contents, err := caseformat.Decode(bytes.NewReader(doc), 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			// Events carry the case ID in their hash, which Decode restores.
			if !reflect.DeepEqual(caseformat.FromCaseFile(got), caseformat.FromCaseFile(cf)) {
				t.Errorf("round trip differs:\n got %+v\nwant %+v", caseformat.FromCaseFile(got), caseformat.FromCaseFile(cf))
			}
			for i := range content {
				rc, err := contents.Open(i)
				if !inline {
					if err == nil {
						t.Errorf("exhibit %d: content without inline", i)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(rc)
				if !bytes.Equal(b, content[i]) {
					t.Errorf("exhibit %d content differs", i)
				}
			}
		})
	}
}

func TestEncodeRefusesDamagedContent(t *testing.T) {
	cf, content := sample()
	content[0] = append([]byte{}, content[0]...)
	content[0][3] ^= 1
	var buf bytes.Buffer
	err := caseformat.Encode(&buf, cf, func(i int) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content[i])), nil }, true)
	if incident.ErrorCode(err) != incident.CodeDamaged {
		t.Fatalf("err = %v, want damaged", err)
	}
}

// edit decodes the sample document into a generic tree, applies fn and
// encodes it again, so each test case changes exactly one thing.
func edit(t *testing.T, fn func(m map[string]any)) []byte {
	t.Helper()
	cf, content := sample()
	var m map[string]any
	if err := json.Unmarshal(encode(t, cf, content, true), &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func item(m map[string]any, list string, i int) map[string]any {
	return m[list].([]any)[i].(map[string]any)
}

func TestDecodeNamesPaths(t *testing.T) {
	tests := []struct {
		name string
		doc  []byte
		want string // JSON path of the first error
	}{
		{"wrong format", edit(t, func(m map[string]any) { m["format"] = "other" }), "format"},
		{"newer version", edit(t, func(m map[string]any) { m["version"] = caseformat.Version + 1 }), "version"},
		{"authorisation term", edit(t, func(m map[string]any) {
			m["case"].(map[string]any)["authorisation"].(map[string]any)["until"] = "2025-01-01"
		}), "case.authorisation.until"},
		{"authorisation date", edit(t, func(m map[string]any) {
			m["case"].(map[string]any)["authorisation"].(map[string]any)["signed_on"] = "3.11.2025"
		}), "case.authorisation.signed_on"},
		{"consent date", edit(t, func(m map[string]any) { m["case"].(map[string]any)["joint_consent"] = "soon" }), "case.joint_consent"},
		{"matter reference", edit(t, func(m map[string]any) {
			m["case"].(map[string]any)["matter"].(map[string]any)["reference"] = "3"
		}), "case.matter.reference"},
		{"matter respondent", edit(t, func(m map[string]any) {
			m["case"].(map[string]any)["matter"].(map[string]any)["respondent"].(map[string]any)["name"] = ""
		}), "case.matter.respondent.name"},
		{"missing version", edit(t, func(m map[string]any) { delete(m, "version") }), "version"},
		{"step status", edit(t, func(m map[string]any) { item(m, "steps", 1)["status"] = "finished" }), "steps[1].status"},
		{"step kind", edit(t, func(m map[string]any) { item(m, "steps", 0)["kind"] = "nope" }), "steps[0].kind"},
		{"case title", edit(t, func(m map[string]any) { m["case"].(map[string]any)["title"] = " " }), "case.title"},
		{"id number", edit(t, func(m map[string]any) {
			m["case"].(map[string]any)["victim"].(map[string]any)["id_number"] = strings.Repeat("1", 201)
		}), "case.victim.id_number"},
		{"source kind", edit(t, func(m map[string]any) { m["case"].(map[string]any)["source_kind"] = "mars" }), "case.source_kind"},
		{"date", edit(t, func(m map[string]any) { m["case"].(map[string]any)["discovered_at"] = "03/11/2025" }), "case.discovered_at"},
		{"intake", edit(t, func(m map[string]any) {
			m["case"].(map[string]any)["intake"].(map[string]any)["leaked"] = []any{"soul"}
		}), "case.intake"},
		{"leaked category", edit(t, func(m map[string]any) { item(m, "leaked", 0)["category"] = "x" }), "leaked[0].category"},
		{"account service", edit(t, func(m map[string]any) { item(m, "accounts", 0)["service"] = "" }), "accounts[0].service"},
		{"comm step", edit(t, func(m map[string]any) { item(m, "communications", 0)["step_id"] = 99 }), "communications[0].step_id"},
		{"comm time", edit(t, func(m map[string]any) { item(m, "communications", 0)["at"] = "yesterday" }), "communications[0].at"},
		{"duplicate step id", edit(t, func(m map[string]any) { item(m, "steps", 1)["id"] = 10 }), "steps[1].id"},
		{"exhibit hash", edit(t, func(m map[string]any) { item(m, "exhibits", 0)["sha256"] = "abc" }), "exhibits[0].sha256"},
		{"exhibit content", edit(t, func(m map[string]any) { item(m, "exhibits", 1)["content"] = "AAAA" }), "exhibits[1].content"},
		{"exhibit number", edit(t, func(m map[string]any) { item(m, "exhibits", 1)["number"] = 5 }), "exhibits[1].number"},
		{"exhibit link", edit(t, func(m map[string]any) { item(m, "exhibits", 0)["step_ids"] = []any{77} }), "exhibits[0].step_ids[0]"},
		{"exhibit web url", edit(t, func(m map[string]any) { item(m, "exhibits", 1)["kind"] = "web" }), "exhibits[1].url"},
		{"event edited", edit(t, func(m map[string]any) { item(m, "events", 1)["kind"] = "case.deleted" }), "events[1]"},
		{"event removed", edit(t, func(m map[string]any) { m["events"] = m["events"].([]any)[1:] }), "events[0]"},
		{"unknown field", edit(t, func(m map[string]any) { m["extra"] = 1 }), "extra"},
		{"wrong type", edit(t, func(m map[string]any) { item(m, "steps", 0)["position"] = "one" }), "steps.position"},
		{"truncated", []byte(`{"format":"leakdesk-case","version":1,"case":{`), ""},
		{"not json", []byte(`hello`), ""},
		{"trailing data", append(edit(t, func(map[string]any) {}), []byte(" {}")...), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := caseformat.Decode(bytes.NewReader(tt.doc), 1<<20)
			var errs caseformat.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("err = %v, want caseformat.Errors", err)
			}
			if errs[0].Field != tt.want {
				t.Errorf("path = %q, want %q (%v)", errs[0].Field, tt.want, err)
			}
			if incident.ErrorCode(err) != incident.CodeInvalid {
				t.Errorf("code = %v", incident.ErrorCode(err))
			}
			for _, lang := range []string{"zh", "en"} {
				if msg := incident.UserMessage(err, lang); !strings.HasPrefix(msg, tt.want) {
					t.Errorf("%s message %q does not start with the path", lang, msg)
				}
			}
		})
	}
}

func TestDecodeLimit(t *testing.T) {
	cf, content := sample()
	doc := encode(t, cf, content, true)
	_, _, err := caseformat.Decode(bytes.NewReader(doc), int64(len(doc)/2))
	if incident.ErrorCode(err) != incident.CodeTooLarge {
		t.Fatalf("err = %v, want too-large", err)
	}
	if _, _, err := caseformat.Decode(bytes.NewReader(doc), int64(len(doc))); err != nil {
		t.Fatalf("exact limit: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	cf, content := sample()
	f.Add(encode(f, cf, content, true))
	f.Add(encode(f, cf, content, false))
	f.Add([]byte(`{"format":"leakdesk-case","version":1,"case":{"title":"x","source_kind":"unknown","status":"open"},"leaked":[],"accounts":[],"steps":[],"communications":[],"exhibits":[],"events":[]}`))
	f.Add([]byte(`{"format":"leakdesk-case","version":1,"steps":[{"id":1,"status":"todo","kind":"x"}],"exhibits":[{"number":1,"content":"!!"}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, contents, err := caseformat.Decode(bytes.NewReader(b), 1<<20)
		if err != nil {
			if got != nil || contents != nil {
				t.Fatal("partial result returned with an error")
			}
			if msg := incident.UserMessage(err, "en"); msg == "" {
				t.Fatal("empty message")
			}
			return
		}
		// Whatever decodes must encode and decode to the same thing.
		var buf bytes.Buffer
		if err := caseformat.Encode(&buf, got, contents.Open, len(got.Exhibits) > 0 && contents[0] != nil && allContent(contents)); err != nil {
			return
		}
		again, _, err := caseformat.Decode(&buf, 2<<20)
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, buf.Bytes())
		}
		if !reflect.DeepEqual(caseformat.FromCaseFile(again), caseformat.FromCaseFile(got)) {
			t.Fatal("re-decode differs")
		}
	})
}

func allContent(c caseformat.Contents) bool {
	for _, b := range c {
		if b == nil {
			return false
		}
	}
	return true
}
