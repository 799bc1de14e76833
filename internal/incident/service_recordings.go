package incident

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"leakdesk/internal/incident/exhibit"
)

// FormatOf is the evidence format of an exhibit (plain label, 证据形式): the
// one place GUI, CLI and packets ask.
func FormatOf(e Exhibit) exhibit.Format {
	if f, ok := exhibit.FormatOfRecord(string(e.Kind)); ok {
		return f
	}
	return exhibit.FormatOf(e.ContentType)
}

// readDuration reads a recording's length from its stored bytes and saves
// it; a file whose headers cannot be read keeps 0 (unknown) and stays
// stored — the length is a convenience, the bytes are the evidence.
func (s *Service) readDuration(ctx context.Context, e *Exhibit) {
	if !FormatOf(*e).Recording {
		return
	}
	r, err := s.OpenExhibit(ctx, e.ID)
	if err != nil {
		return
	}
	defer r.Close()
	ra, ok := r.(io.ReaderAt)
	if !ok {
		return
	}
	info, err := exhibit.ReadAudioInfo(ra, e.Size, e.ContentType)
	if err != nil || info.Duration <= 0 {
		return
	}
	_ = s.update(ctx, func(t *txn) error {
		x, err := t.GetExhibit(e.ID)
		if err != nil {
			return err
		}
		x.Duration = info.Duration
		return t.SaveExhibit(x)
	})
	e.Duration = info.Duration
}

// Bounds of a transcript's free-text fields.
const (
	maxTranscriptPlace    = 200
	maxTranscriptSpeakers = 500
)

// ParseTranscript reads the plain-text transcript format (see
// docs/transcript.md) and says in both languages which line is wrong.
// Errors: CodeInvalid.
func ParseTranscript(text string) ([]TranscriptLine, error) {
	lines, err := exhibit.ParseTranscript(text)
	var te *exhibit.TranscriptError
	if errors.As(err, &te) {
		return nil, &Error{Code: CodeInvalid, Field: "transcript", ZH: te.ZH, EN: te.EN}
	}
	return lines, err
}

// SetTranscript stores (or, with tr nil, removes) the 文字整理稿 of a
// recording. Only audio and video exhibits take one; a passage may not
// start after the end of a recording whose length is known.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) SetTranscript(ctx context.Context, exhibitID int64, tr *Transcript) error {
	return s.update(ctx, func(t *txn) error {
		e, err := t.GetExhibit(exhibitID)
		if err != nil {
			return err
		}
		if tr != nil {
			if err := ValidateTranscript(*e, tr); err != nil {
				return err
			}
		}
		had := e.Transcript != nil
		e.Transcript = tr
		if err := t.SaveExhibit(e); err != nil {
			return err
		}
		if err := t.touch(e.CaseID); err != nil {
			return err
		}
		data := map[string]string{"number": strconv.Itoa(e.Number)}
		kind := EventExhibitTranscript
		switch {
		case tr == nil && !had:
			return nil
		case tr == nil:
			data["removed"] = "true"
		default:
			data["lines"] = strconv.Itoa(len(tr.Lines))
			data["confirmed"] = strconv.FormatBool(tr.Confirmed)
		}
		return t.record(e.CaseID, kind, subject("exhibit", e.ID), data)
	})
}

// ValidateTranscript checks a transcript for exhibit e (also used when a
// case file is read). It trims Place and Speakers in place.
// Errors: CodeInvalid.
func ValidateTranscript(e Exhibit, tr *Transcript) error {
	if e.Kind != ExhibitFile || !exhibit.IsAudioVideo(e.ContentType) {
		return invalid("transcript", fmt.Sprintf("证据 %d 不是录音或视频，不能添加文字整理稿。", e.Number),
			fmt.Sprintf("Exhibit %d is not a recording or video; it cannot have a transcript.", e.Number))
	}
	tr.Place, tr.Speakers = strings.TrimSpace(tr.Place), strings.TrimSpace(tr.Speakers)
	switch {
	case len(tr.Lines) == 0:
		return invalid("transcript", "文字整理稿是空的：请至少写一段，格式如 [00:05] 对方：内容。",
			"The transcript is empty: write at least one passage, e.g. [00:05] Caller: text.")
	case len(tr.Lines) > exhibit.MaxTranscriptLines:
		return invalid("transcript", fmt.Sprintf("文字整理稿超过 %d 段。", exhibit.MaxTranscriptLines),
			fmt.Sprintf("The transcript has more than %d passages.", exhibit.MaxTranscriptLines))
	case utf8.RuneCountInString(tr.Place) > maxTranscriptPlace:
		return invalid("place", "录音地点太长。", "The place is too long.")
	case utf8.RuneCountInString(tr.Speakers) > maxTranscriptSpeakers:
		return invalid("speakers", "说话人说明太长。", "The description of the speakers is too long.")
	}
	for i, l := range tr.Lines {
		if strings.TrimSpace(l.Text) == "" {
			return invalid("transcript", fmt.Sprintf("第 %d 段没有内容。", i+1), fmt.Sprintf("Passage %d has no text.", i+1))
		}
		if l.Offset < 0 || (e.Duration > 0 && l.Offset > e.Duration+time.Second) {
			return invalid("transcript",
				fmt.Sprintf("第 %d 段的时间 %s 超出了录音长度（%s）。", i+1, exhibit.FormatOffset(l.Offset), exhibit.FormatDuration(e.Duration, "zh")),
				fmt.Sprintf("Passage %d starts at %s, after the end of the recording (%s).", i+1, exhibit.FormatOffset(l.Offset), exhibit.FormatDuration(e.Duration, "en")))
		}
	}
	if !slices.IsSortedFunc(tr.Lines, func(a, b TranscriptLine) int { return int(a.Offset - b.Offset) }) {
		return invalid("transcript", "各段的时间应从前到后排列。", "Passages must be in time order.")
	}
	return nil
}

// SMSImportOptions chooses which messages of a backup become records.
type SMSImportOptions struct {
	// From keeps messages whose number matches one of these (digits
	// compared, so "+86 138-0013-8000" matches "13800138000"). Empty keeps
	// all unless Keep is set.
	From []string
	// Keep, when set, chooses by position in the backup (the GUI's chooser).
	Keep func(i int, m exhibit.SMS) bool
}

// SMSImport says what an import did.
type SMSImport struct {
	Added      []Exhibit
	Duplicates int // already in the case, not added again
	NotChosen  int
	Unreadable int // elements of the file that were not readable SMS
}

// ReadSMSBackup parses an "SMS Backup & Restore" XML for the GUI's chooser.
// Errors: CodeInvalid.
func ReadSMSBackup(r io.Reader) (exhibit.SMSBackup, error) {
	b, err := exhibit.ParseSMSBackup(r)
	if err != nil {
		return b, Errorf(CodeInvalid, "这不是“SMS Backup & Restore”导出的短信备份（XML）文件，或文件已损坏。",
			"This is not an SMS backup (XML) made by \"SMS Backup & Restore\", or it is damaged.", err)
	}
	return b, nil
}

// digits keeps the digits of a phone number, dropping a leading 86 country
// code so local and international forms compare equal.
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if len(d) == 13 && strings.HasPrefix(d, "86") {
		d = d[2:]
	}
	return d
}

// MatchesNumber reports whether an SMS number matches one of the wanted
// numbers (digits compared).
func MatchesNumber(number string, wanted []string) bool {
	d := digits(number)
	for _, w := range wanted {
		if wd := digits(w); wd != "" && wd == d {
			return true
		}
	}
	return false
}

// ImportSMS turns the chosen messages of an SMS backup into typed SMS
// records (evidence) and entries of the contact log (the 时间经过 of the
// packets), each record linked to its log entry, in one transaction: all
// or nothing. A message already in the case (same number, time and text)
// is skipped.
// Errors: CodeInvalid, CodeNotFound.
func (s *Service) ImportSMS(ctx context.Context, caseID int64, backup exhibit.SMSBackup, opt SMSImportOptions) (*SMSImport, error) {
	res := &SMSImport{Unreadable: backup.Skipped}
	var chosen []exhibit.SMS
	for i, m := range backup.Messages {
		keep := true
		switch {
		case opt.Keep != nil:
			keep = opt.Keep(i, m)
		case len(opt.From) > 0:
			keep = MatchesNumber(m.Number, opt.From)
		}
		if !keep {
			res.NotChosen++
			continue
		}
		chosen = append(chosen, m)
	}
	if len(chosen) == 0 {
		return nil, invalid("sms", "没有选中任何短信：请检查号码，或在列表中勾选要保留的短信。",
			"No message was chosen: check the number, or tick the messages to keep.")
	}
	err := s.update(ctx, func(t *txn) error {
		if _, err := t.GetCase(caseID); err != nil {
			return err
		}
		existing, err := t.ListExhibits(caseID)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for _, x := range existing {
			have[x.SHA256] = true
		}
		n := len(existing)
		for _, m := range chosen {
			e := smsRecord(caseID, m)
			text := RecordText(e)
			sum := sha256Hex(text)
			if have[sum] {
				res.Duplicates++
				continue
			}
			have[sum] = true
			dir := Incoming
			if m.Sent {
				dir = Outgoing
			}
			c := &Communication{CaseID: caseID, At: e.CapturedAt, Direction: dir, Channel: "sms",
				Counterpart: strings.TrimSpace(m.Contact + " " + m.Number), Summary: m.Text}
			if e.Validate() != nil || c.Validate() != nil {
				// An empty or oversized message: counted, not fatal.
				res.Unreadable++
				continue
			}
			if err := t.SaveCommunication(c); err != nil {
				return err
			}
			if err := t.record(caseID, EventCommAdded, subject("communication", c.ID), map[string]string{
				"channel": c.Channel, "direction": string(c.Direction), "at": c.At.UTC().Format(time.RFC3339)}); err != nil {
				return err
			}
			n++
			e.Number = n
			e.ImportedAt = t.now
			e.ContentType = "text/plain; charset=utf-8"
			e.CommIDs = []int64{c.ID}
			if err := t.SaveExhibit(&e); err != nil {
				return err
			}
			size, err := t.WriteExhibitContent(e.ID, strings.NewReader(text))
			if err != nil {
				return err
			}
			e.Size, e.SHA256 = size, sum
			if err := t.SaveExhibit(&e); err != nil {
				return err
			}
			if err := t.record(caseID, EventExhibitAdded, subject("exhibit", e.ID), map[string]string{
				"number": strconv.Itoa(e.Number), "kind": string(e.Kind), "sha256": e.SHA256,
				"size": strconv.FormatInt(e.Size, 10), "content_type": e.ContentType, "from": "sms-backup"}); err != nil {
				return err
			}
			res.Added = append(res.Added, e)
		}
		if len(res.Added) == 0 {
			return nil
		}
		return t.touch(caseID)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// smsRecord is the typed SMS record of one message of a backup.
func smsRecord(caseID int64, m exhibit.SMS) Exhibit {
	who := m.Number
	if m.Contact != "" {
		who = m.Contact + "（" + m.Number + "）"
	}
	title := "收到" + who + "的短信"
	if m.Sent {
		title = "发给" + who + "的短信"
	}
	return Exhibit{CaseID: caseID, Kind: ExhibitSMS, Title: firstLine(title, 60),
		Source: "手机短信备份（SMS Backup & Restore）导出文件", CapturedAt: m.At.UTC().Truncate(time.Second),
		RecordNumber: m.Number, RecordText: m.Text}
}

// PlaybackCopy writes a recording's original bytes to a private temporary
// file (a folder only this user can read, the original extension so the
// system player recognises it) for "open with the system player", and
// returns its path and a function that removes it. It is the one place the
// app puts an exhibit's plaintext outside the store for viewing.
//
// When the store is encrypted it refuses: a clear copy on disk would undo
// the encryption, and the player may keep it (recent files, caches). The
// user can still save the original to a place of their choosing.
// Errors: CodeInvalid (encrypted), CodeNotFound.
func (s *Service) PlaybackCopy(ctx context.Context, exhibitID int64) (path string, cleanup func(), err error) {
	if l, ok := s.Locker(); ok && l.Encrypted() {
		return "", nil, Errorf(CodeInvalid,
			"数据已加密：为了不在磁盘上留下未加密的副本，本应用不直接用系统播放器打开录音。请用“另存原件”把录音保存到您选择的位置（如加密的U盘）后再播放。",
			"Your data is encrypted: to leave no unencrypted copy on disk, the app does not open recordings in the system player. Use \"Save original as…\" to a place you choose (such as an encrypted USB drive) and play it from there.", nil)
	}
	e, err := s.Exhibit(ctx, exhibitID)
	if err != nil {
		return "", nil, err
	}
	sweepPlaybackCopies(s.clock.Now())
	dir, err := os.MkdirTemp("", playbackPrefix+"*") // 0700
	if err != nil {
		return "", nil, Errorf(CodeInternal, "无法创建临时文件。", "Cannot create a temporary file.", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	ext := strings.ToLower(filepath.Ext(e.FileName))
	if ext == "" || len(ext) > 8 {
		ext = ".bin"
	}
	path = filepath.Join(dir, fmt.Sprintf("exhibit-%d%s", e.Number, ext))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		cleanup()
		return "", nil, Errorf(CodeInternal, "无法创建临时文件。", "Cannot create a temporary file.", err)
	}
	if _, err := s.WriteExhibitContent(ctx, exhibitID, f); err != nil {
		f.Close()
		cleanup()
		return "", nil, err
	}
	if err := f.Close(); err != nil {
		cleanup()
		return "", nil, Errorf(CodeInternal, "无法写入临时文件。", "Cannot write a temporary file.", err)
	}
	return path, cleanup, nil
}

const playbackPrefix = "leakdesk-play-"

// sweepPlaybackCopies removes playback copies older than a day that a quit
// or crash left behind.
func sweepPlaybackCopies(now time.Time) {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), playbackPrefix+"*"))
	for _, d := range old {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() && now.Sub(fi.ModTime()) > 24*time.Hour {
			os.RemoveAll(d)
		}
	}
}
