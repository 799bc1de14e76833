package pdf

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	// The test binary doubles as the PDF checker process.
	RunCheckerIfRequested()
	os.Exit(m.Run())
}
