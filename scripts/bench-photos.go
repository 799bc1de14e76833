//go:build ignore

// bench-photos writes N phone-photo-like JPEGs (noise over gradients, the
// same generator the renderer's benchmarks use) for scripts/bench-export.sh.
//
//	go run scripts/bench-photos.go DIR N WIDTH HEIGHT
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"leakdesk/internal/report/reporttest"
)

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: bench-photos DIR N WIDTH HEIGHT")
		os.Exit(2)
	}
	n, _ := strconv.Atoi(os.Args[2])
	w, _ := strconv.Atoi(os.Args[3])
	h, _ := strconv.Atoi(os.Args[4])
	for i := 1; i <= n; i++ {
		name := filepath.Join(os.Args[1], fmt.Sprintf("photo%02d.jpg", i))
		if err := os.WriteFile(name, reporttest.Photo(w, h, int64(i)), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
