package ui

import "context"

// ExportFunc renders one packet of a case to a PDF and returns where it went.
// It arrives from cmd/leakdesk so that internal/ui never imports the PDF
// renderer; progress is called with 0..1 from the exporting goroutine.
type ExportFunc func(ctx context.Context, caseID int64, req ExportRequest, progress func(float64)) (pdfPath string, err error)

// ExportRequest says which packet to build and how.
type ExportRequest struct {
	Packet   string            // recipient kind, e.g. "police", "consumer", "deletion", "full"
	Path     string            // where to write the PDF
	Mask     bool              // mask ID, phone and card numbers
	Exhibits []int64           // exhibits to include; nil for the packet's default
	Fields   map[string]string // extra letter fields the user filled in
}
