// Package export is the "export a packet" workflow shared by the window and
// the command line: load the case, build the packet model, render it to a
// file through an injected renderer (so neither this package nor the domain
// knows PDF), report progress while doing so, and record the export with the
// file's SHA-256 in the case history.
package export

import (
	"context"
	"io"
	"os"
	"sync"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
)

// ExhibitSource gives an exhibit's original bytes; the renderer reads
// exhibits through it (the same method set as pdf.ExhibitSource).
type ExhibitSource interface {
	Open(exhibitID int64) (io.ReadSeekCloser, error)
}

// RenderFunc writes the packet to path (atomically: a temporary file, then
// rename) and returns the file's SHA-256 in hex. cmd/leakdesk passes
// pdf.WriteFile.
type RenderFunc func(path string, p report.Packet, src ExhibitSource) (sha string, err error)

// Request is one packet export.
type Request struct {
	Kind string // report.Kinds()
	Path string
	// Mask overrides the recipient's default masking (report.DefaultMasking);
	// nil keeps the default, so the window and the command line print the
	// same packet for the same choice.
	Mask            *report.Masking
	IncludeExhibits bool
	// Exhibits are the IDs to list; nil means the packet's default, an
	// empty non-nil slice none.
	Exhibits     []int64
	Fields       map[string]string
	Instructions bool
	// AttachOriginals embeds the listed exhibits' original files in the
	// PDF; nil means the kind's default.
	AttachOriginals *bool
}

// Result is what an export produced.
type Result struct {
	Path   string
	SHA256 string
	Packet report.Packet
}

// Share of the progress bar the building phase and the renderer's own
// layout (after the exhibit bytes are read) take; the exhibits' bytes fill
// the rest, because reading and decoding them is where the time goes.
const (
	builtShare   = 0.05
	renderedTail = 0.05
)

// Packet runs the workflow. progress (may be nil) is called with values
// rising from 0 to 1 from the calling goroutine and the renderer's, as the
// exhibits' bytes are read; it ends with 1 only once the file is written and
// recorded.
// Errors: CodeNotFound, CodeInvalid (unknown kind or option), CodeCancelled,
// and the renderer's errors unchanged.
func Packet(ctx context.Context, svc *incident.Service, caseID int64, req Request, render RenderFunc, progress func(float64)) (Result, error) {
	report1 := func(float64) {}
	if progress != nil {
		report1 = progress
	}
	report1(0)
	cf, err := svc.CaseFile(ctx, caseID)
	if err != nil {
		return Result{}, err
	}
	p, err := Build(ctx, svc, cf, req)
	if err != nil {
		return Result{}, err
	}
	report1(builtShare)
	src := &meteredSource{ctx: ctx, svc: svc, progress: report1}
	if p.IncludeExhibits {
		sizes := map[int64]int64{}
		for _, x := range cf.Exhibits {
			sizes[x.ID] = x.Size
		}
		for _, ref := range p.Exhibits {
			// The renderer reads every exhibit twice: a layout pass and the
			// printing pass.
			src.total += 2 * sizes[ref.ID]
		}
	}
	if p.AttachOriginals {
		// and once more to attach it (or to check it and attach it).
		for _, ref := range p.Exhibits {
			src.total += ref.Size
		}
	}
	sha, err := render(req.Path, p, src)
	if ctx.Err() != nil {
		// The renderer lists an exhibit it cannot read as unreadable rather
		// than fail, so a packet finished after a cancel would misstate its
		// exhibits: it is removed, and nothing is recorded.
		if err == nil {
			os.Remove(req.Path)
		}
		return Result{}, incident.ErrCancelled
	}
	if err != nil {
		return Result{}, err
	}
	report1(1 - renderedTail/2)
	err = svc.RecordPacketExport(ctx, caseID, incident.PacketExport{Kind: req.Kind, SHA256: sha,
		Masked: p.Mask.Any(), Exhibits: p.IncludeExhibits})
	if err != nil {
		return Result{}, err
	}
	report1(1)
	return Result{Path: req.Path, SHA256: sha, Packet: p}, nil
}

// Build makes the packet model of the request, in the service's zone and
// at its clock's time, naming the volunteer as the victim's agent when
// her case is in a matter (report.Options.Agent).
// Errors: CodeInvalid, CodeNotFound.
func Build(ctx context.Context, svc *incident.Service, cf *incident.CaseFile, req Request) (report.Packet, error) {
	agent, err := svc.CaseAgent(ctx, cf.Case.ID)
	if err != nil {
		return report.Packet{}, err
	}
	opts := report.Options{Mask: req.Mask, IncludeExhibits: req.IncludeExhibits, Exhibits: req.Exhibits,
		Instructions: req.Instructions, AttachOriginals: req.AttachOriginals, Zone: svc.Location(), Agent: agent}
	for k, v := range req.Fields {
		opts.SetField(k, v)
	}
	p, err := report.Build(cf, req.Kind, opts, svc.Now())
	if err != nil {
		return report.Packet{}, incident.Errorf(incident.CodeInvalid, "无法生成这份材料："+err.Error(),
			"Cannot build this packet: "+err.Error(), err)
	}
	return p, nil
}

// meteredSource opens exhibits through the service and reports the share
// of their bytes read so far; it also stops a cancelled export at the next
// read.
type meteredSource struct {
	ctx      context.Context
	svc      *incident.Service
	progress func(float64)

	mu        sync.Mutex
	total     int64
	read      int64
	lastShown float64
}

func (s *meteredSource) Open(id int64) (io.ReadSeekCloser, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	r, err := s.svc.OpenExhibit(s.ctx, id)
	if err != nil {
		return nil, err
	}
	return &meteredReader{ReadSeekCloser: r, s: s}, nil
}

// WriteExhibit writes an exhibit's bytes to w straight from the store, a
// stored chunk at a time (pdf.ExhibitWriter): the renderer reads into a
// buffer of the right size, and attaches originals without holding them.
func (s *meteredSource) WriteExhibit(id int64, w io.Writer) (int64, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	return s.svc.WriteExhibitContent(s.ctx, id, &meteredWriter{w: w, s: s})
}

type meteredWriter struct {
	w io.Writer
	s *meteredSource
}

func (m *meteredWriter) Write(p []byte) (int, error) {
	if err := m.s.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := m.w.Write(p)
	m.s.add(n)
	return n, err
}

func (s *meteredSource) add(n int) {
	s.mu.Lock()
	s.read += int64(n)
	var v float64
	if s.total > 0 {
		v = builtShare + (1-builtShare-renderedTail)*min(1, float64(s.read)/float64(s.total))
	}
	// A redraw per percent is enough.
	show := v-s.lastShown >= 0.01
	if show {
		s.lastShown = v
	}
	s.mu.Unlock()
	if show {
		s.progress(v)
	}
}

type meteredReader struct {
	io.ReadSeekCloser
	s *meteredSource
}

func (r *meteredReader) Read(p []byte) (int, error) {
	if err := r.s.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := r.ReadSeekCloser.Read(p)
	r.s.add(n)
	return n, err
}
