//go:build !screenshot

package ui

import (
	"os"
	"testing"
)

// TestMain pins the zone (the screenshot build has its own TestMain, which
// does the same before running the tests).
func TestMain(m *testing.M) {
	pinZone()
	os.Exit(m.Run())
}
