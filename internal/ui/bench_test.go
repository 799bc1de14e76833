package ui

import (
	"context"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/demo"
	"leakdesk/internal/incident/sqlite"
)

// BenchmarkOpenCase times opening a case in the workspace: loading it and
// building every tab. LEAKDESK_BENCH_STORE may name a copy of a large
// store (e.g. the 10,000-case one the sqlite benchmarks build; the goal is
// ≤ 100 ms there); otherwise the demo case in a fresh store.
func BenchmarkOpenCase(b *testing.B) {
	a := test.NewTempApp(b)
	dir := os.Getenv("LEAKDESK_BENCH_STORE")
	if dir == "" {
		dir = b.TempDir()
	}
	st, err := sqlite.Open(dir, sqlite.Options{NoAutoBackup: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	svc := incident.NewService(st, nil)
	ctx := context.Background()
	list, err := svc.Cases(ctx, incident.CaseFilter{})
	if err != nil {
		b.Fatal(err)
	}
	var id int64
	if len(list) == 0 {
		if id, err = demo.Create(ctx, svc); err != nil {
			b.Fatal(err)
		}
	} else {
		id = list[len(list)/2].ID
	}
	w := a.NewWindow("leakdesk")
	w.Resize(fyne.NewSize(1100, 720))
	u := testBuild(b, a, w, Deps{Service: svc, DataDir: dir, Version: "bench", Lang: "zh"})
	w.Show()
	b.ResetTimer()
	for b.Loop() {
		u.openCase(id)
		b.StopTimer()
		u.goHome()
		b.StartTimer()
	}
}
