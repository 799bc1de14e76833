package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
)

// packetRequest is one packet export, from the command line or the app.
type packetRequest struct {
	Kind     string // report.Kinds()
	Path     string
	Mask     *bool   // nil: the packet's default for its recipient
	Exhibits bool    // reproduce the exhibits after the evidence list
	Only     []int64 // exhibit IDs to include; nil for the packet's default
	Fields   map[string]string
	// Instructions adds the first page for the user (not to be submitted).
	Instructions bool
}

// exportPacket builds the packet, renders it to req.Path (temp file and
// rename, so an existing file is never damaged) and records the export
// with the PDF's SHA-256 in the case history. The app's export tab calls
// it too, so both paths leave the same trace.
func exportPacket(ctx context.Context, svc *incident.Service, caseID int64, req packetRequest) (sha string, err error) {
	cf, err := svc.CaseFile(ctx, caseID)
	if err != nil {
		return "", err
	}
	p, err := buildPacket(svc, cf, req)
	if err != nil {
		return "", err
	}
	sha, err = renderPacket(ctx, svc, req.Path, p)
	if err != nil {
		if incident.ErrorCode(err) != incident.CodeInternal {
			return "", err
		}
		return "", writeFailed(req.Path, contextErr(ctx, err))
	}
	err = svc.RecordPacketExport(ctx, caseID, incident.PacketExport{Kind: req.Kind, SHA256: sha,
		Masked: p.Mask.Any(), Exhibits: p.IncludeExhibits})
	return sha, err
}

// exhibitSource adapts the service to the renderer's ExhibitSource.
type exhibitSource struct {
	ctx context.Context
	svc *incident.Service
}

func (s exhibitSource) Open(id int64) (io.ReadSeekCloser, error) { return s.svc.OpenExhibit(s.ctx, id) }

func (c *cli) cmdExport(ctx context.Context, args []string) error {
	fs := c.flags("export")
	caseFlag := fs.String("case", "", "")
	kind := fs.String("packet", "", "")
	out := fs.String("out", "", "")
	mask := fs.Bool("mask", false, "")
	noMask := fs.Bool("no-mask", false, "")
	noExhibits := fs.Bool("no-exhibits", false, "")
	id, err := c.parseCase(fs, args, caseFlag, true)
	if err != nil {
		return err
	}
	if !slices.Contains(report.Kinds(), *kind) {
		return c.usagef("--packet 应为 %s 之一。", "--packet must be one of %s", strings.Join(report.Kinds(), ", "))
	}
	if *out == "" {
		return c.usagef("缺少 --out 文件。", "--out FILE.pdf is required")
	}
	if *mask && *noMask {
		return c.usagef("--mask 和 --no-mask 只能选一个。", "--mask and --no-mask cannot be used together")
	}
	if fi, err := os.Stat(filepath.Dir(*out)); err != nil || !fi.IsDir() {
		return incident.Errorf(incident.CodeInvalid, fmt.Sprintf("文件夹“%s”不存在。", filepath.Dir(*out)),
			fmt.Sprintf("The folder \"%s\" does not exist.", filepath.Dir(*out)), err)
	}
	req := packetRequest{Kind: *kind, Path: *out, Exhibits: !*noExhibits}
	switch {
	case *mask:
		req.Mask = ptr(true)
	case *noMask:
		req.Mask = ptr(false)
	}
	return c.withService(func(svc *incident.Service) error {
		sha, err := exportPacket(ctx, svc, id, req)
		if err != nil {
			return err
		}
		c.printf("%s\nSHA-256 %s\n", *out, sha)
		return nil
	})
}

func ptr[T any](v T) *T { return &v }
