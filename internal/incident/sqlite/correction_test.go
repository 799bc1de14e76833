package sqlite

import (
	"bytes"
	"os"
	"strconv"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

// Issue 18: the correction order rides in the case's sealed meta. It
// survives an upgrade from every earlier schema (no migration is needed:
// rows written before it have none), edits of the case details, and turning
// encryption on, after which its words are not in the file.
func TestCorrectionOrderStored(t *testing.T) {
	day := func(m, d int) time.Time { return time.Date(2024, time.Month(m), d, 0, 0, 0, 0, time.UTC) } // before testNow
	const authority = "杭州市公安局网络安全保卫支队CANARY-ORDER"
	for v := 1; v <= latestVersion(); v++ {
		t.Run("from v"+strconv.Itoa(v), func(t *testing.T) {
			dir := t.TempDir()
			buildFixture(t, dir, v)
			s, svc := openTestDir(t, dir, Options{})
			ctx := t.Context()
			c, err := svc.Case(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if c.CorrectionOrder != nil {
				t.Fatalf("upgraded case has an order: %+v", c.CorrectionOrder)
			}
			o := &incident.CorrectionOrder{Authority: authority, Reference: "REF-CANARY", IssuedOn: day(9, 1)}
			// The fixture's source is not a network service provider.
			c.SourceKind = incident.SourceCourier
			if err := svc.UpdateCase(ctx, *c); err != nil {
				t.Fatal(err)
			}
			wantCode(t, svc.SetCorrectionOrder(ctx, 1, o), incident.CodeInvalid)
			c.SourceKind = incident.SourcePlatform
			if err := svc.UpdateCase(ctx, *c); err != nil {
				t.Fatal(err)
			}
			if err := svc.SetCorrectionOrder(ctx, 1, o); err != nil {
				t.Fatal(err)
			}
			// Editing the details keeps the order.
			c.Narrative = "改过的经过"
			if err := svc.UpdateCase(ctx, *c); err != nil {
				t.Fatal(err)
			}
			o.IgnoredSince, o.Continued = day(9, 16), "CONTINUED-CANARY"
			if err := svc.SetCorrectionOrder(ctx, 1, o); err != nil {
				t.Fatal(err)
			}
			if v == latestVersion() {
				if _, err := s.EnableEncryption(ctx, testPass); err != nil {
					t.Fatal(err)
				}
			}
			got, err := svc.Case(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if g := got.CorrectionOrder; g == nil || *g != *o || !g.Refused() {
				t.Fatalf("stored order %+v, want %+v", g, o)
			}
			if v == latestVersion() {
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				raw, err := os.ReadFile(dbPath(s))
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range []string{"CANARY-ORDER", "REF-CANARY", "CONTINUED-CANARY"} {
					if bytes.Contains(raw, []byte(w)) {
						t.Errorf("%s in clear in an encrypted store", w)
					}
				}
				return
			}
			if err := svc.SetCorrectionOrder(ctx, 1, nil); err != nil {
				t.Fatal(err)
			}
			if got, _ := svc.Case(ctx, 1); got.CorrectionOrder != nil {
				t.Error("order not removed")
			}
		})
	}
}

// Issue 18, 法释〔2019〕15号 Art. 1 item (3): a hospital, bank, school or
// government office takes an order, and is a network service provider
// only once the victim records that it served them online; the answer is
// stored and read back.
func TestCorrectionOrderPublicServiceOnline(t *testing.T) {
	dir := t.TempDir()
	buildFixture(t, dir, latestVersion())
	_, svc := openTestDir(t, dir, Options{})
	ctx := t.Context()
	c, err := svc.Case(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		kind     incident.SourceKind
		online   bool
		ok       bool
		provider bool
	}{
		{incident.SourceCourier, true, false, false},
		{incident.SourceKind("hospital"), false, true, false},
		{incident.SourceKind("hospital"), true, true, true},
		{incident.SourceKind("government"), true, true, true},
		{incident.SourcePlatform, false, true, true},
	} {
		c.SourceKind = tc.kind
		if err := svc.UpdateCase(ctx, *c); err != nil {
			t.Fatal(err)
		}
		o := &incident.CorrectionOrder{Authority: "某市公安局", IssuedOn: day, IgnoredSince: day, Online: tc.online}
		err := svc.SetCorrectionOrder(ctx, 1, o)
		if !tc.ok {
			wantCode(t, err, incident.CodeInvalid)
			continue
		}
		if err != nil {
			t.Fatalf("%s online %v: %v", tc.kind, tc.online, err)
		}
		cf, err := svc.CaseFile(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if g := cf.Case.CorrectionOrder; g == nil || g.Online != tc.online {
			t.Errorf("%s: stored order %+v, want online %v", tc.kind, g, tc.online)
		}
		if r := incident.RefusalOf(cf); r.ServiceProvider != tc.provider {
			t.Errorf("%s online %v: provider %v, want %v", tc.kind, tc.online, r.ServiceProvider, tc.provider)
		}
	}
}
