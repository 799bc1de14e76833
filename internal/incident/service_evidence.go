package incident

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"leakdesk/internal/incident/exhibit"
)

// DefaultMaxEvidenceSize is the size cap for one file unless settings say otherwise.
const DefaultMaxEvidenceSize = 200 << 20

// SettingMaxEvidenceSize holds the size cap in bytes.
const SettingMaxEvidenceSize = "evidence.max_size"

// ImportOptions describes a file being added as evidence.
type ImportOptions struct {
	Title      string
	Source     string
	Proves     string
	CapturedAt time.Time
	// capturedFrom is set by AddExhibitPath when it chose CapturedAt.
	capturedFrom CaptureSource
	// Progress, when set, is called with the bytes read so far.
	Progress func(done int64)
	// Cancel, when closed, stops the import; nothing is stored.
	Cancel <-chan struct{}
}

// MaxEvidenceSize returns the configured size cap.
func (s *Service) MaxEvidenceSize(ctx context.Context) int64 {
	v, err := s.Setting(ctx, SettingMaxEvidenceSize, "")
	if err != nil || v == "" {
		return DefaultMaxEvidenceSize
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return DefaultMaxEvidenceSize
	}
	return n
}

func tooLarge(limit int64) *Error {
	mb := limit >> 20
	return Errorf(CodeTooLarge,
		fmt.Sprintf("文件超过了 %d MB 的上限，没有保存。可以在设置中调整上限，或把文件拆分后再添加。", mb),
		fmt.Sprintf("The file is larger than the %d MB limit and was not stored. The limit can be changed in Settings.", mb), nil)
}

// AddExhibitPath adds the file at path; it refuses folders, unreadable,
// empty and oversized files with a message that says which.
// Errors: CodeInvalid, CodeTooLarge, CodeConflict (duplicate), CodeCancelled, CodeNotFound.
func (s *Service) AddExhibitPath(ctx context.Context, caseID int64, path string, opt ImportOptions) (*Exhibit, error) {
	name := filepath.Base(path)
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, Errorf(CodeInvalid, fmt.Sprintf("无法读取“%s”：文件不存在或没有权限。", name),
			fmt.Sprintf("Cannot read \"%s\": it does not exist or is not readable.", name), err)
	case fi.IsDir():
		return nil, Errorf(CodeInvalid, fmt.Sprintf("“%s”是一个文件夹，请选择其中的文件。", name),
			fmt.Sprintf("\"%s\" is a folder; choose the files inside it.", name), nil)
	case !fi.Mode().IsRegular():
		return nil, Errorf(CodeInvalid, fmt.Sprintf("“%s”不是普通文件。", name),
			fmt.Sprintf("\"%s\" is not a regular file.", name), nil)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, Errorf(CodeInvalid, fmt.Sprintf("无法打开“%s”，请检查文件权限。", name),
			fmt.Sprintf("Cannot open \"%s\"; check its permissions.", name), err)
	}
	defer f.Close()
	if opt.CapturedAt.IsZero() {
		// The best guess at when it was made: a photo's own record of
		// when it was taken, else the file's time. Either is marked as a
		// default wherever it is printed, until the user confirms it.
		opt.CapturedAt, opt.capturedFrom = fi.ModTime().UTC().Truncate(time.Second), CapturedFileTime
		if t, ok := exhibit.CaptureTime(f, s.Location()); ok {
			opt.CapturedAt, opt.capturedFrom = t.UTC(), CapturedEXIF
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, Errorf(CodeInvalid, fmt.Sprintf("读取“%s”时出错。", name), fmt.Sprintf("Reading \"%s\" failed.", name), err)
		}
	}
	return s.AddExhibit(ctx, caseID, name, f, fi.Size(), opt)
}

// importReader hashes and counts the bytes as they stream into the store,
// enforcing the size cap and cancellation on the way.
type importReader struct {
	// ctx, when set, stops the import like Cancel: the window ends it when
	// the case closes or the app locks.
	ctx      context.Context
	r        io.Reader
	h        hash.Hash
	n, limit int64
	opt      ImportOptions
	// keep, when set, receives a copy of the bytes for the print check
	// (see keepForCheck); nil once the file outgrows maxCheckBytes.
	keep *bytes.Buffer
}

// maxCheckBytes bounds the copy a JPEG's print check at capture holds in
// memory; a larger photo (very rare) is checked at export instead.
const maxCheckBytes = 64 << 20

func (ir *importReader) Read(p []byte) (int, error) {
	if ir.ctx != nil && ir.ctx.Err() != nil {
		return 0, ErrCancelled
	}
	if ir.opt.Cancel != nil {
		select {
		case <-ir.opt.Cancel:
			return 0, ErrCancelled
		default:
		}
	}
	n, err := ir.r.Read(p)
	ir.n += int64(n)
	if ir.n > ir.limit {
		return 0, tooLarge(ir.limit)
	}
	ir.h.Write(p[:n])
	if ir.keep != nil {
		if int64(ir.keep.Len()+n) > maxCheckBytes {
			ir.keep = nil
		} else {
			ir.keep.Write(p[:n])
		}
	}
	if ir.opt.Progress != nil && n > 0 {
		ir.opt.Progress(ir.n)
	}
	return n, err
}

// AddExhibit stores r's bytes as a new exhibit of the case. size is the
// expected size or -1. The hash is computed while the bytes stream in; the
// row and every chunk commit together, so a crash leaves it whole or absent.
// Errors: CodeInvalid (empty), CodeTooLarge, CodeConflict (same file already
// in the case), CodeCancelled, CodeNotFound.
func (s *Service) AddExhibit(ctx context.Context, caseID int64, name string, r io.Reader, size int64, opt ImportOptions) (*Exhibit, error) {
	limit := s.MaxEvidenceSize(ctx)
	if size > limit {
		return nil, tooLarge(limit)
	}
	if size == 0 {
		return nil, emptyFile(name)
	}
	br := bufio.NewReaderSize(r, exhibit.SniffLen)
	head, err := br.Peek(exhibit.SniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, Errorf(CodeInvalid, fmt.Sprintf("读取“%s”时出错。", name), fmt.Sprintf("Reading \"%s\" failed.", name), err)
	}
	if len(head) == 0 {
		return nil, emptyFile(name)
	}
	name = SafeFileName(name)
	title := strings.TrimSpace(opt.Title)
	if title == "" {
		title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	e := &Exhibit{CaseID: caseID, Kind: ExhibitFile, Title: title, Source: opt.Source, Proves: opt.Proves,
		CapturedAt: opt.CapturedAt, CapturedFrom: opt.capturedFrom, FileName: name, ContentType: exhibit.Sniff(head, name)}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	ir := &importReader{ctx: ctx, r: br, h: sha256.New(), limit: limit, opt: opt}
	if e.ContentType == exhibit.TypeJPEG && size <= maxCheckBytes {
		// A photo is checked for print while its bytes are at hand (see
		// exhibit.IntactVerdict): every export of it reuses the verdict.
		ir.keep = bytes.NewBuffer(make([]byte, 0, max(size, 0)+bytes.MinRead))
	}
	err = s.storeExhibit(ctx, e, ir)
	if err != nil {
		return nil, err
	}
	s.readDuration(ctx, e)
	return e, nil
}

func emptyFile(name string) *Error {
	return Errorf(CodeInvalid, fmt.Sprintf("“%s”是空文件（0 字节），没有可保存的内容。", name),
		fmt.Sprintf("\"%s\" is empty (0 bytes); there is nothing to store.", name), nil)
}

// storeExhibit writes the row and content in one transaction and refuses a
// second copy of the same bytes in the case.
func (s *Service) storeExhibit(ctx context.Context, e *Exhibit, ir *importReader) error {
	return s.update(ctx, func(t *txn) error {
		if _, err := t.GetCase(e.CaseID); err != nil {
			return err
		}
		existing, err := t.ListExhibits(e.CaseID)
		if err != nil {
			return err
		}
		e.Number = len(existing) + 1
		e.ImportedAt = t.now
		if e.CapturedAt.IsZero() {
			e.CapturedAt, e.CapturedFrom = t.now, CapturedImported
		}
		if err := t.SaveExhibit(e); err != nil {
			return err
		}
		n, err := t.WriteExhibitContent(e.ID, ir)
		if err != nil {
			return err
		}
		if n == 0 {
			return emptyFile(e.FileName)
		}
		e.Size, e.SHA256 = n, hex.EncodeToString(ir.h.Sum(nil))
		if ir.keep != nil && int64(ir.keep.Len()) == n {
			e.PrintCheck = exhibit.IntactVerdict(ir.keep.Bytes(), e.SHA256)
			ir.keep = nil
		}
		for _, x := range existing {
			if x.SHA256 == e.SHA256 {
				return Errorf(CodeConflict,
					fmt.Sprintf("这个文件已经作为证据 %d“%s”保存过了，无需重复添加。", x.Number, x.Title),
					fmt.Sprintf("This file is already stored as exhibit %d \"%s\".", x.Number, x.Title), nil)
			}
		}
		if err := t.SaveExhibit(e); err != nil {
			return err
		}
		if err := t.touch(e.CaseID); err != nil {
			return err
		}
		return t.record(e.CaseID, EventExhibitAdded, subject("exhibit", e.ID), map[string]string{
			"number": strconv.Itoa(e.Number), "kind": string(e.Kind), "sha256": e.SHA256,
			"size": strconv.FormatInt(e.Size, 10), "content_type": e.ContentType})
	})
}

// RecordText renders a typed record as the text that is stored and hashed.
func RecordText(e Exhibit) string {
	var b strings.Builder
	label := map[ExhibitKind]string{ExhibitCall: "通话记录", ExhibitSMS: "短信记录", ExhibitWeb: "网页记录", ExhibitNote: "谈话记录"}[e.Kind]
	fmt.Fprintf(&b, "类型：%s\n", label)
	fmt.Fprintf(&b, "时间：%s\n", e.CapturedAt.UTC().Format(time.RFC3339))
	if e.RecordNumber != "" {
		fmt.Fprintf(&b, "号码：%s\n", e.RecordNumber)
	}
	if e.RecordURL != "" {
		fmt.Fprintf(&b, "网址：%s\n", e.RecordURL)
	}
	fmt.Fprintf(&b, "内容：\n%s\n", e.RecordText)
	return b.String()
}

// AddRecord stores a typed record (call, SMS, web page, conversation note).
// Errors: CodeInvalid, CodeConflict, CodeNotFound.
func (s *Service) AddRecord(ctx context.Context, e Exhibit) (*Exhibit, error) {
	if e.Kind == ExhibitFile {
		return nil, invalid("kind", "请选择记录类型。", "Choose the kind of record.")
	}
	e.normalizeRecord()
	if strings.TrimSpace(e.Title) == "" {
		e.Title = firstLine(e.RecordText, 30)
	}
	if e.CapturedAt.IsZero() {
		e.CapturedAt, e.CapturedFrom = s.clock.Now(), CapturedImported
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	text := RecordText(e)
	e.ContentType = "text/plain; charset=utf-8"
	e.FileName = ""
	ir := &importReader{r: strings.NewReader(text), h: sha256.New(), limit: int64(len(text)) + 1}
	if err := s.storeExhibit(ctx, &e, ir); err != nil {
		return nil, err
	}
	return &e, nil
}

func firstLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// UpdateExhibit saves an exhibit's descriptive metadata (title, source,
// what it proves, captured time). The bytes never change. A changed
// capture time is the user's own (CapturedEntered); an unchanged one keeps
// e.CapturedFrom, so passing CapturedEntered confirms a default time.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) UpdateExhibit(ctx context.Context, e Exhibit) error {
	return s.update(ctx, func(t *txn) error {
		old, err := t.GetExhibit(e.ID)
		if err != nil {
			return err
		}
		upd := *old
		upd.Title, upd.Source, upd.Proves, upd.CapturedAt = e.Title, e.Source, e.Proves, e.CapturedAt
		normalizeAll(&upd.Title, &upd.Source, &upd.Proves)
		if upd.CapturedAt.IsZero() {
			upd.CapturedAt = old.CapturedAt
		}
		upd.CapturedFrom = e.CapturedFrom
		if !upd.CapturedAt.Equal(old.CapturedAt) {
			upd.CapturedFrom = CapturedEntered
		}
		if err := upd.Validate(); err != nil {
			return err
		}
		fields := changed([3]string{"title", old.Title, upd.Title}, [3]string{"source", old.Source, upd.Source},
			[3]string{"proves", old.Proves, upd.Proves},
			[3]string{"captured_at", old.CapturedAt.UTC().Format(time.RFC3339), upd.CapturedAt.UTC().Format(time.RFC3339)},
			[3]string{"captured_from", string(old.CapturedFrom), string(upd.CapturedFrom)})
		if fields == "" {
			return nil
		}
		if err := t.SaveExhibit(&upd); err != nil {
			return err
		}
		if err := t.touch(old.CaseID); err != nil {
			return err
		}
		return t.record(old.CaseID, EventExhibitUpdated, subject("exhibit", e.ID), map[string]string{"fields": fields, "number": strconv.Itoa(old.Number)})
	})
}

// SetExhibitLinks attaches an exhibit to steps and communications of its case.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SetExhibitLinks(ctx context.Context, id int64, stepIDs, commIDs []int64) error {
	return s.update(ctx, func(t *txn) error {
		e, err := t.GetExhibit(id)
		if err != nil {
			return err
		}
		for _, sid := range stepIDs {
			st, err := t.GetStep(sid)
			if err != nil {
				return err
			}
			if st.CaseID != e.CaseID {
				return invalid("steps", "所关联的步骤不属于这个案件。", "A linked step belongs to another case.")
			}
		}
		for _, cid := range commIDs {
			c, err := t.GetCommunication(cid)
			if err != nil {
				return err
			}
			if c.CaseID != e.CaseID {
				return invalid("communications", "所关联的沟通记录不属于这个案件。", "A linked communication belongs to another case.")
			}
		}
		e.StepIDs, e.CommIDs = stepIDs, commIDs
		if err := t.SaveExhibit(e); err != nil {
			return err
		}
		return t.record(e.CaseID, EventExhibitLinked, subject("exhibit", id), map[string]string{
			"steps": joinIDs(stepIDs), "communications": joinIDs(commIDs)})
	})
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// MoveExhibit gives an exhibit a new number and renumbers the others so the
// numbers stay 1..n; renumbering is recorded.
// Errors: CodeNotFound.
func (s *Service) MoveExhibit(ctx context.Context, id int64, number int) error {
	return s.update(ctx, func(t *txn) error {
		e, err := t.GetExhibit(id)
		if err != nil {
			return err
		}
		list, err := t.ListExhibits(e.CaseID)
		if err != nil {
			return err
		}
		number = min(max(number, 1), len(list))
		var order []Exhibit
		for _, x := range list {
			if x.ID != id {
				order = append(order, x)
			}
		}
		order = append(order[:number-1], append([]Exhibit{*e}, order[number-1:]...)...)
		if err := renumber(t, order); err != nil {
			return err
		}
		return t.record(e.CaseID, EventExhibitRenumber, subject("exhibit", id), map[string]string{
			"from": strconv.Itoa(e.Number), "to": strconv.Itoa(number)})
	})
}

func renumber(t *txn, order []Exhibit) error {
	for i := range order {
		if order[i].Number != i+1 {
			order[i].Number = i + 1
			if err := t.SaveExhibit(&order[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteExhibit removes an exhibit and its bytes; its hash stays in the
// history, and the later exhibits move up one number.
// Errors: CodeNotFound.
func (s *Service) DeleteExhibit(ctx context.Context, id int64) error {
	return s.update(ctx, func(t *txn) error {
		e, err := t.GetExhibit(id)
		if err != nil {
			return err
		}
		if err := t.DeleteExhibit(id); err != nil {
			return err
		}
		rest, err := t.ListExhibits(e.CaseID)
		if err != nil {
			return err
		}
		if err := renumber(t, rest); err != nil {
			return err
		}
		if err := t.touch(e.CaseID); err != nil {
			return err
		}
		return t.record(e.CaseID, EventExhibitDeleted, subject("exhibit", id), map[string]string{
			"number": strconv.Itoa(e.Number), "sha256": e.SHA256})
	})
}

// Exhibit returns one exhibit's metadata.
// Errors: CodeNotFound.
func (s *Service) Exhibit(ctx context.Context, id int64) (*Exhibit, error) {
	var e *Exhibit
	err := s.view(ctx, func(tx Tx) error {
		var err error
		e, err = tx.GetExhibit(id)
		return err
	})
	return e, err
}

// ExhibitByNumber finds a case's exhibit by its number.
// Errors: CodeNotFound.
func (s *Service) ExhibitByNumber(ctx context.Context, caseID int64, number int) (*Exhibit, error) {
	var found *Exhibit
	err := s.view(ctx, func(tx Tx) error {
		list, err := tx.ListExhibits(caseID)
		if err != nil {
			return err
		}
		for i := range list {
			if list[i].Number == number {
				found = &list[i]
				return nil
			}
		}
		return &Error{Code: CodeNotFound, ZH: fmt.Sprintf("这个案件没有证据 %d。", number), EN: fmt.Sprintf("The case has no exhibit %d.", number)}
	})
	return found, err
}

// WriteExhibitContent streams the original bytes to w, byte for byte.
// Errors: CodeNotFound.
func (s *Service) WriteExhibitContent(ctx context.Context, id int64, w io.Writer) (int64, error) {
	var n int64
	err := s.view(ctx, func(tx Tx) error {
		var err error
		n, err = tx.ReadExhibitContent(id, w)
		return err
	})
	return n, err
}

// memoryLimit is how large an exhibit may be to be opened in memory whole;
// larger ones are read a stored chunk at a time, so memory stays bounded.
const memoryLimit = 16 << 20

// OpenExhibit returns the original bytes as a ReadSeeker (images and PDFs
// need to seek). The caller closes it. Nothing is ever written to disk:
// evidence over memoryLimit is streamed from the store one chunk at a time
// (each in its own read transaction), never decrypted into a temporary
// file that a crash would leave behind.
// Errors: CodeNotFound; reads fail with CodeLocked after a lock and
// CodeDamaged when the stored chunks do not add up to the exhibit's size.
func (s *Service) OpenExhibit(ctx context.Context, id int64) (io.ReadSeekCloser, error) {
	e, err := s.Exhibit(ctx, id)
	if err != nil {
		return nil, err
	}
	if e.Size <= memoryLimit {
		var buf bytes.Buffer
		if _, err := s.WriteExhibitContent(ctx, id, &buf); err != nil {
			return nil, err
		}
		return nopCloser{bytes.NewReader(buf.Bytes())}, nil
	}
	return &chunkReader{s: s, ctx: ctx, id: id, size: e.Size, seq: -1}, nil
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// chunkReader reads an exhibit through Tx.ReadExhibitChunk. Every chunk but
// the last holds exactly ChunkSize bytes (WriteExhibitContent fills them),
// so an offset maps to one chunk; a chunk of another length, or a missing
// one, means the stored content no longer matches its (sealed) size.
type chunkReader struct {
	s     *Service
	ctx   context.Context
	id    int64
	size  int64
	off   int64
	seq   int64
	chunk []byte
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.off >= r.size {
		return 0, io.EOF
	}
	seq := r.off / ChunkSize
	if seq != r.seq {
		r.chunk, r.seq = nil, -1
		var b []byte
		err := r.s.view(r.ctx, func(tx Tx) error {
			var err error
			b, err = tx.ReadExhibitChunk(r.id, seq)
			return err
		})
		if err != nil {
			return 0, err
		}
		want := min(int64(ChunkSize), r.size-seq*ChunkSize)
		if int64(len(b)) != want {
			return 0, Errorf(CodeDamaged, fmt.Sprintf("证据（编号 %d）的内容不完整或已被改动。", r.id),
				fmt.Sprintf("The content of exhibit %d is incomplete or was changed.", r.id), nil)
		}
		r.chunk, r.seq = b, seq
	}
	n := copy(p, r.chunk[r.off-seq*ChunkSize:])
	r.off += int64(n)
	return n, nil
}

func (r *chunkReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += r.off
	case io.SeekEnd:
		offset += r.size
	default:
		return 0, errors.New("exhibit reader: bad whence")
	}
	if offset < 0 {
		return 0, errors.New("exhibit reader: negative position")
	}
	r.off = offset
	return offset, nil
}

// Close drops the chunk held in memory.
func (r *chunkReader) Close() error {
	clear(r.chunk)
	r.chunk, r.seq = nil, -1
	return nil
}
