package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// startCPUProfile writes a CPU profile of the whole command to the file
// LEAKDESK_CPU_PROFILE names, so the export can be profiled as a user pays
// it (process start, store, evidence, rendering; issue 10 §5):
// scripts/bench-export.sh with PROFILE=dir writes one per run, and
// `go tool pprof -top leakdesk dir/*.prof` merges them. The returned stop
// is called before the process exits; a no-op without the variable.
func startCPUProfile(getenv func(string) string, stderr io.Writer) (stop func()) {
	path := getenv("LEAKDESK_CPU_PROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(stderr, "leakdesk: CPU profile:", err)
		if f != nil {
			f.Close()
		}
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
