//go:build race

package pdf

import "time"

// Under the race detector the test binary is also the PDF checker child,
// and importing a page takes 5–10× longer; on a loaded CI machine the
// production limit of 15 s then cut off valid corpus files. The limit still
// stops a looping import, only later.
func init() { pdfImportTime = 90 * time.Second }
