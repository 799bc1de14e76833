package main

import (
	"context"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
	"leakdesk/internal/report/export"
	"leakdesk/internal/report/pdf"
)

// exportRequest turns the command line's or the window's choices into the
// export workflow's request; masking follows the recipient's default unless
// the request says otherwise.
func exportRequest(req packetRequest) export.Request {
	return export.Request{Kind: req.Kind, Path: req.Path, Mask: req.Mask, IncludeExhibits: req.Exhibits,
		Exhibits: req.Only, Fields: req.Fields, Instructions: req.Instructions, AttachOriginals: req.Attach}
}

// buildPacket builds the packet model of a request (for tests and previews).
func buildPacket(ctx context.Context, svc *incident.Service, cf *incident.CaseFile, req packetRequest) (report.Packet, error) {
	return export.Build(ctx, svc, cf, exportRequest(req))
}

// renderPDF is the renderer the export workflow is given: the domain and the
// workflow never import the PDF code.
func renderPDF(path string, p report.Packet, src export.ExhibitSource) (string, error) {
	return pdf.WriteFile(path, p, src)
}
