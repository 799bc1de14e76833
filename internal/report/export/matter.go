package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
)

// Issue 13: the matter's documents, the same workflows for the window and
// the command line.

// Authorisation records a new 授权委托书 on the case (from and until: its
// term; zero for today and the default term), prints it to path and
// records the export in the case's history.
// Errors: CodeInvalid (no volunteer details, a bad term), CodeNotFound.
func Authorisation(ctx context.Context, svc *incident.Service, caseID int64, from, until time.Time, path string, instructions bool, render RenderFunc) (Result, error) {
	if _, err := svc.Case(ctx, caseID); err != nil {
		return Result{}, err
	}
	agent, ok, err := svc.Agent(ctx)
	if err != nil {
		return Result{}, err
	}
	if !ok {
		return Result{}, incident.Errorf(incident.CodeInvalid, "请先在“设置”里填写你（代理人）的姓名、单位和电话。",
			"Enter your own details (the agent's name, organisation and phone) in Settings first.", nil)
	}
	a, err := svc.IssueAuthorisation(ctx, caseID, from, until)
	if err != nil {
		return Result{}, err
	}
	cf, err := svc.CaseFile(ctx, caseID)
	if err != nil {
		return Result{}, err
	}
	respondent := cf.Case.SourceOrg
	p, err := report.BuildAuthorisation(cf, agent, *a, respondent, report.Options{Zone: svc.Location(), Instructions: instructions}, svc.Now())
	if err != nil {
		return Result{}, incident.Errorf(incident.CodeInvalid, "无法生成授权委托书："+err.Error(), "Cannot build the authorisation: "+err.Error(), err)
	}
	sha, err := render(path, p, &meteredSource{ctx: ctx, svc: svc, progress: func(float64) {}})
	if err != nil {
		return Result{}, err
	}
	if err := svc.RecordPacketExport(ctx, caseID, incident.PacketExport{Kind: report.KindAuthorisation, SHA256: sha}); err != nil {
		return Result{}, err
	}
	return Result{Path: path, SHA256: sha, Packet: p}, nil
}

// JointResult is a joint document as exported.
type JointResult struct {
	Result
	// Included is how many victims the document names.
	Included int
	// Excluded are the matter's victims left out because their consent to
	// the joint documents is not recorded: for the volunteer only.
	Excluded []string
	// Warnings say whose authorisation is missing, unsigned or expired
	// (the document then names no agent for her).
	Warnings []string
}

// JointDocument builds a matter's joint document for the consenting
// victims without writing it: for a preview, a dry run, or Joint.
// Errors: CodeNotFound, CodeInvalid (no victim has agreed; an unknown kind).
func JointDocument(ctx context.Context, svc *incident.Service, matterID int64, req Request, lang string) (report.Packet, JointResult, error) {
	mf, err := svc.Matter(ctx, matterID)
	if err != nil {
		return report.Packet{}, JointResult{}, err
	}
	var in report.JointInput
	in.Matter = mf.Matter
	var res JointResult
	for _, c := range mf.Cases {
		cf, err := svc.CaseFile(ctx, c.ID)
		if err != nil {
			return report.Packet{}, res, err
		}
		if cf.Case.JointConsent.IsZero() {
			res.Excluded = append(res.Excluded, victimName(cf.Case, lang))
			continue
		}
		in.Included = append(in.Included, cf)
	}
	if len(in.Included) == 0 {
		return report.Packet{}, res, incident.Errorf(incident.CodeInvalid,
			"还没有受害人同意列入联名材料。请先为同意的受害人登记同意（leakdesk matter consent --case ID）。",
			"No victim has agreed to be named in the joint documents yet. Record each one's consent first (leakdesk matter consent --case ID).", nil)
	}
	if a, ok, err := svc.Agent(ctx); err != nil {
		return report.Packet{}, res, err
	} else if ok {
		in.Agent = &a
		today := svc.Today()
		for _, cf := range in.Included {
			if w := cf.Case.Authorisation.WarningFor(a.Name, today, victimName(cf.Case, lang), lang); w != "" {
				res.Warnings = append(res.Warnings, w)
			}
		}
	}
	res.Included = len(in.Included)
	if in.Reading, err = incident.JointReading(in.Included); err != nil {
		return report.Packet{}, res, err
	}
	opts := report.Options{Mask: req.Mask, IncludeExhibits: req.IncludeExhibits, Instructions: req.Instructions,
		AttachOriginals: req.AttachOriginals, Zone: svc.Location()}
	for k, v := range req.Fields {
		opts.SetField(k, v)
	}
	p, err := report.BuildJoint(in, req.Kind, opts, svc.Now())
	if err != nil {
		return report.Packet{}, res, incident.Errorf(incident.CodeInvalid, "无法生成这份材料："+err.Error(), "Cannot build this document: "+err.Error(), err)
	}
	return p, res, nil
}

func victimName(c incident.Case, lang string) string {
	if c.Victim.Name != "" {
		return c.Victim.Name + "（" + c.CaseNumber() + "）"
	}
	if lang == "en" {
		return "case " + c.CaseNumber()
	}
	return "案件 " + c.CaseNumber()
}

// Joint writes a matter's joint document to req.Path and records it in
// the history of every victim it names.
// Errors: as JointDocument, CodeCancelled, the renderer's.
func Joint(ctx context.Context, svc *incident.Service, matterID int64, req Request, lang string, render RenderFunc, progress func(float64)) (JointResult, error) {
	report1 := func(float64) {}
	if progress != nil {
		report1 = progress
	}
	report1(0)
	p, res, err := JointDocument(ctx, svc, matterID, req, lang)
	if err != nil {
		return res, err
	}
	report1(builtShare)
	src := &meteredSource{ctx: ctx, svc: svc, progress: report1}
	for _, ref := range p.Exhibits {
		if p.IncludeExhibits {
			src.total += 2 * ref.Size
		}
		if p.AttachOriginals {
			src.total += ref.Size
		}
	}
	sha, err := render(req.Path, p, src)
	if ctx.Err() != nil {
		if err == nil {
			os.Remove(req.Path)
		}
		return res, incident.ErrCancelled
	}
	if err != nil {
		return res, err
	}
	mf, err := svc.Matter(ctx, matterID)
	if err != nil {
		return res, err
	}
	for _, c := range mf.Cases {
		cs, err := svc.Case(ctx, c.ID)
		if err != nil {
			return res, err
		}
		if cs.JointConsent.IsZero() {
			continue
		}
		if err := svc.RecordPacketExport(ctx, c.ID, incident.PacketExport{Kind: req.Kind, SHA256: sha,
			Masked: p.Mask.Any(), Exhibits: p.IncludeExhibits}); err != nil {
			return res, err
		}
	}
	report1(1)
	res.Result = Result{Path: req.Path, SHA256: sha, Packet: p}
	return res, nil
}

// VictimPacketKinds are the packets of each victim's own that the bulk
// export writes into her folder.
func VictimPacketKinds() []string {
	return []string{report.KindPolice, report.KindConsumer, report.KindRegulator, report.KindProvider}
}

// AllResult is what the bulk export wrote.
type AllResult struct {
	Files    []string // paths written, in order
	Excluded []string // victims left out of the joint documents
	Warnings []string
}

// All writes, into dir, the matter's joint documents and a folder per
// victim with her own packets (VictimPacketKinds, every one naming the
// matter's respondent, which the matter wrote into her case). progress
// goes from 0 to 1 over the documents; a cancel stops at the next
// document (and inside one), leaving what was finished. dir must exist;
// an existing file of the same name is replaced.
// Errors: CodeNotFound, CodeCancelled, the renderer's.
func All(ctx context.Context, svc *incident.Service, matterID int64, dir string, lang string, render RenderFunc, progress func(done, total int, name string)) (AllResult, error) {
	var out AllResult
	mf, err := svc.Matter(ctx, matterID)
	if err != nil {
		return out, err
	}
	type job struct {
		name string
		run  func(path string) error
	}
	var jobs []job
	consented := 0
	for _, c := range mf.Cases {
		cs, err := svc.Case(ctx, c.ID)
		if err != nil {
			return out, err
		}
		if !cs.JointConsent.IsZero() {
			consented++
		}
	}
	if consented > 0 {
		for _, kind := range report.MatterKinds() {
			kind := kind
			jobs = append(jobs, job{name: kind + ".pdf", run: func(path string) error {
				res, err := Joint(ctx, svc, matterID, Request{Kind: kind, Path: path, IncludeExhibits: true}, lang, render, nil)
				out.Excluded, out.Warnings = res.Excluded, res.Warnings
				return err
			}})
		}
	}
	for i, c := range mf.Cases {
		cs, err := svc.Case(ctx, c.ID)
		if err != nil {
			return out, err
		}
		folder := fmt.Sprintf("%02d-%s", i+1, incident.SafeFileName(cs.Victim.Name))
		if cs.Victim.Name == "" || incident.SafeFileName(cs.Victim.Name) == "" {
			folder = fmt.Sprintf("%02d-%s", i+1, cs.CaseNumber())
		}
		for _, kind := range VictimPacketKinds() {
			id, kind, folder := c.ID, kind, folder
			jobs = append(jobs, job{name: filepath.Join(folder, kind+".pdf"), run: func(path string) error {
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					return err
				}
				_, err := Packet(ctx, svc, id, Request{Kind: kind, Path: path, IncludeExhibits: true}, render, nil)
				return err
			}})
		}
	}
	for i, j := range jobs {
		if ctx.Err() != nil {
			return out, incident.ErrCancelled
		}
		if progress != nil {
			progress(i, len(jobs), j.name)
		}
		path := filepath.Join(dir, j.name)
		if err := j.run(path); err != nil {
			return out, err
		}
		out.Files = append(out.Files, path)
	}
	if progress != nil {
		progress(len(jobs), len(jobs), "")
	}
	return out, nil
}
