package sqlite

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
)

const (
	benchCases         = 10_000
	benchStepsPerCase  = 20
	benchEventsPerCase = 50
	// Issue 13: every case is in one of 500 matters (20 victims each).
	benchMatters = 500
)

// benchDir returns a data dir holding the benchmark store, building it once
// and caching it under os.TempDir, keyed by the schema, so reruns start at
// once.
func benchDir(b *testing.B) string {
	b.Helper()
	h := sha256.New()
	for _, m := range migrations() {
		h.Write([]byte(m.sql))
	}
	name := fmt.Sprintf("leakdesk-bench-v%d-%s-%d", latestVersion(), hex.EncodeToString(h.Sum(nil))[:12], benchCases)
	dir := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(filepath.Join(dir, DBName)); err == nil {
		return dir
	}
	tmp, err := os.MkdirTemp(os.TempDir(), name+".building-")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := buildBenchStore(b, tmp); err != nil {
		os.RemoveAll(tmp)
		b.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Built concurrently by another run: use theirs.
		os.RemoveAll(tmp)
	}
	b.Logf("built the benchmark store in %v", time.Since(start).Round(time.Millisecond))
	return dir
}

// buildBenchStore fills dir through the store's own Tx, so the data has the
// shape the app writes: sealed columns, allocated ids, chained events.
func buildBenchStore(b *testing.B, dir string) error {
	s, err := Open(dir, Options{NoAutoBackup: true, Clock: testClock()})
	if err != nil {
		return err
	}
	defer s.Close()
	statuses := incident.StepStatuses()
	base := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
	const batch = 250
	for first := 0; first < benchCases; first += batch {
		err := s.Update(b.Context(), func(tx incident.Tx) error {
			for i := first; i < first+batch && i < benchCases; i++ {
				at := base.Add(time.Duration(i) * time.Hour)
				c := &incident.Case{
					Title:        fmt.Sprintf("案件 %d：快递信息泄露后接到诈骗电话", i),
					Victim:       incident.Victim{Name: fmt.Sprintf("受害人%d", i), IDNumber: "11010519491231002X", Phone: "13800000000", Address: "北京市朝阳区某街道某小区 1 号楼"},
					DiscoveredAt: at.Truncate(24 * time.Hour),
					Narrative:    strings.Repeat("收到自称快递客服的电话，对方准确说出了我的姓名、电话和地址。", 8),
					SourceOrg:    "某快递公司", SourceKind: incident.SourceCourier, Status: incident.CaseOpen,
					Intake:    incident.Intake{Leaked: []string{"name", "phone", "address"}, Happened: []string{"scam-contact"}, SourceKind: "courier", Insider: "unsure"},
					CreatedAt: at, UpdatedAt: at,
				}
				if i%10 == 9 {
					c.Status = incident.CaseClosed
				}
				if err := tx.CreateCase(c); err != nil {
					return err
				}
				for j := range benchStepsPerCase {
					st := &incident.Step{CaseID: c.ID, Kind: fmt.Sprintf("step-%d", j), Position: j + 1,
						Title: "向公安机关报案并索取受案回执", Why: strings.Repeat("报案可以固定证据并启动调查。", 4),
						Status: statuses[(i+j)%len(statuses)], Channel: "110", Notes: "已经准备好身份证和通话记录截图。",
						Organisation: "某某派出所", Reference: fmt.Sprintf("REF-%d-%d", i, j), Retired: j == 19}
					if j%4 == 0 {
						st.FollowUp = at.AddDate(0, 0, 7+j).Truncate(24 * time.Hour)
					}
					if err := tx.SaveStep(st); err != nil {
						return err
					}
				}
				prev := ""
				for k := range benchEventsPerCase {
					e := &incident.Event{CaseID: c.ID, Seq: int64(k + 1), At: at.Add(time.Duration(k) * time.Minute),
						Kind: "step.status", Subject: fmt.Sprintf("step:%d", k%benchStepsPerCase+1),
						Data: map[string]string{"from": "todo", "to": "doing", "fields": "status,notes"}, PrevHash: prev}
					e.Hash = e.ComputeHash()
					prev = e.Hash
					if err := tx.AppendEvent(e); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return s.Update(b.Context(), func(tx incident.Tx) error {
		at := base
		for i := range benchMatters {
			m := &incident.Matter{Title: fmt.Sprintf("共同事项 %d：某楼盘业主信息泄露", i), CreatedAt: at, UpdatedAt: at.Add(time.Duration(i) * time.Minute),
				Respondent: incident.Respondent{Name: "某房地产开发有限公司", Addr: "某市某区某路 1 号", Kind: incident.SourceRealEstate,
					Contacts: []string{"0755-12345678"}}}
			if err := tx.CreateMatter(m); err != nil {
				return err
			}
		}
		for c := int64(1); c <= benchCases; c++ {
			if err := tx.SetCaseMatter(c, (c-1)%benchMatters+1, at.Add(time.Duration(c)*time.Second)); err != nil {
				return err
			}
		}
		return nil
	})
}

func benchStore(b *testing.B) (*Store, *incident.Service, int64) {
	b.Helper()
	dir := benchDir(b)
	s, err := Open(dir, Options{NoAutoBackup: true, Clock: testClock()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	fi, err := os.Stat(filepath.Join(dir, DBName))
	if err != nil {
		b.Fatal(err)
	}
	return s, incident.NewService(s, testClock()), fi.Size()
}

// BenchmarkListCases lists 10,000 cases with their step summaries, as the
// case list screen does. Goal: under 50 ms.
func BenchmarkListCases(b *testing.B) {
	_, svc, size := benchStore(b)
	defer b.ReportMetric(float64(size)/(1<<20), "db-MiB")
	ctx := b.Context()
	b.ResetTimer()
	for b.Loop() {
		list, err := svc.Cases(ctx, incident.CaseFilter{})
		if err != nil {
			b.Fatal(err)
		}
		if len(list) != benchCases {
			b.Fatalf("%d cases", len(list))
		}
	}
}

// BenchmarkLoadCase loads one full case (20 steps, 50 events) as the case
// workspace does. Goal: under 50 ms.
func BenchmarkLoadCase(b *testing.B) {
	_, svc, size := benchStore(b)
	defer b.ReportMetric(float64(size)/(1<<20), "db-MiB")
	ctx := b.Context()
	id := int64(benchCases / 2)
	b.ResetTimer()
	for b.Loop() {
		cf, err := svc.CaseFile(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if len(cf.Steps) != benchStepsPerCase || len(cf.Events) != benchEventsPerCase {
			b.Fatalf("case has %d steps, %d events", len(cf.Steps), len(cf.Events))
		}
	}
}

// BenchmarkListMatters lists the 500 matters with their case counts, as
// the matter list does. Goal (issue 13): under 50 ms.
func BenchmarkListMatters(b *testing.B) {
	_, svc, size := benchStore(b)
	defer b.ReportMetric(float64(size)/(1<<20), "db-MiB")
	ctx := b.Context()
	b.ResetTimer()
	for b.Loop() {
		list, err := svc.Matters(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(list) != benchMatters || list[0].Cases != benchCases/benchMatters {
			b.Fatalf("%d matters, %+v", len(list), list[0])
		}
	}
}

// BenchmarkOpenMatter opens one matter of 20 victims as the matter view
// does: the matter, each victim's progress and what is missing, and the
// shared deadlines. Goal (issue 13): under 50 ms.
func BenchmarkOpenMatter(b *testing.B) {
	_, svc, size := benchStore(b)
	defer b.ReportMetric(float64(size)/(1<<20), "db-MiB")
	ctx := b.Context()
	b.ResetTimer()
	for b.Loop() {
		ov, err := svc.MatterOverview(ctx, benchMatters/2)
		if err != nil {
			b.Fatal(err)
		}
		if len(ov.Victims) != benchCases/benchMatters {
			b.Fatalf("%d victims", len(ov.Victims))
		}
	}
}

// BenchmarkDeadlines lists every awaited follow-up across the 10,000 cases.
func BenchmarkDeadlines(b *testing.B) {
	_, svc, size := benchStore(b)
	defer b.ReportMetric(float64(size)/(1<<20), "db-MiB")
	ctx := b.Context()
	b.ResetTimer()
	for b.Loop() {
		if _, err := svc.Deadlines(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen opens and closes the 10,000-case store: the damaged-file
// checks (header, application_id, quick_check over every page) dominate.
func BenchmarkOpen(b *testing.B) {
	dir := benchDir(b)
	for b.Loop() {
		s, err := Open(dir, Options{NoAutoBackup: true, Clock: testClock()})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSealedDir is the benchmark store with encryption turned on (fast
// KDF: unlocking is measured by BenchmarkUnlock), cached like benchDir.
func benchSealedDir(b *testing.B) string {
	b.Helper()
	clearDir := benchDir(b)
	dir := clearDir + "-sealed"
	if _, err := os.Stat(filepath.Join(dir, DBName)); err == nil {
		return dir
	}
	tmp, err := os.MkdirTemp(os.TempDir(), filepath.Base(dir)+".building-")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	err = Restore(tmp, filepath.Join(clearDir, DBName), nil)
	if err == nil {
		var s *Store
		if s, err = Open(tmp, Options{NoAutoBackup: true, Clock: testClock(), KDF: fastKDF()}); err == nil {
			_, err = s.EnableEncryption(b.Context(), testPass)
			s.Close()
		}
	}
	if err == nil {
		os.RemoveAll(filepath.Join(tmp, BackupsDir))
		err = os.Rename(tmp, dir)
	}
	if err != nil {
		os.RemoveAll(tmp)
		if _, serr := os.Stat(filepath.Join(dir, DBName)); serr != nil {
			b.Fatal(err)
		}
	}
	b.Logf("encrypted the benchmark store in %v", time.Since(start).Round(time.Millisecond))
	return dir
}

func benchSealedStore(b *testing.B) (*Store, *incident.Service) {
	b.Helper()
	s, err := Open(benchSealedDir(b), Options{NoAutoBackup: true, Clock: testClock()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Unlock(testPass); err != nil {
		b.Fatal(err)
	}
	return s, incident.NewService(s, testClock())
}

// BenchmarkListCasesSealed is BenchmarkListCases on the encrypted store.
// Goal: at most twice the clear time and under 100 ms. first-ms is the
// first listing after unlocking, which also unwraps every case key.
func BenchmarkListCasesSealed(b *testing.B) {
	_, svc := benchSealedStore(b)
	ctx := b.Context()
	start := time.Now()
	if _, err := svc.Cases(ctx, incident.CaseFilter{}); err != nil {
		b.Fatal(err)
	}
	first := time.Since(start)
	b.ResetTimer()
	for b.Loop() {
		list, err := svc.Cases(ctx, incident.CaseFilter{})
		if err != nil {
			b.Fatal(err)
		}
		if len(list) != benchCases {
			b.Fatalf("%d cases", len(list))
		}
	}
	b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
}

// BenchmarkLoadCaseSealed is BenchmarkLoadCase on the encrypted store.
func BenchmarkLoadCaseSealed(b *testing.B) {
	_, svc := benchSealedStore(b)
	ctx := b.Context()
	id := int64(benchCases / 2)
	b.ResetTimer()
	for b.Loop() {
		cf, err := svc.CaseFile(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		if len(cf.Steps) != benchStepsPerCase || len(cf.Events) != benchEventsPerCase {
			b.Fatalf("case has %d steps, %d events", len(cf.Steps), len(cf.Events))
		}
	}
}
