package sqlite

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"leakdesk/internal/incident"
	"leakdesk/internal/incident/exhibit"
)

// amr is an AMR-NB file of n 12.2 kbit/s frames (20 ms each).
func amr(n int) []byte {
	b := []byte("#!AMR\n")
	for i := range n {
		b = append(b, 0x3C)
		b = append(b, bytes.Repeat([]byte{byte(i)}, 31)...)
	}
	return b
}

func TestTranscriptsAndPlayback(t *testing.T) {
	s, svc := openTest(t, Options{})
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "录音", Victim: incident.Victim{Name: "张三"}})
	if err != nil {
		t.Fatal(err)
	}
	data := amr(150)
	rec, err := svc.AddExhibit(ctx, id, "call.amr", bytes.NewReader(data), int64(len(data)), incident.ImportOptions{})
	if err != nil || rec.Duration != 3*time.Second || incident.FormatOf(*rec).Key != "amr-recording" {
		t.Fatalf("add: %+v, %v", rec, err)
	}
	note, err := svc.AddRecord(ctx, incident.Exhibit{CaseID: id, Kind: incident.ExhibitNote, RecordText: "谈话"})
	if err != nil {
		t.Fatal(err)
	}
	lines := []incident.TranscriptLine{{Offset: time.Second, Speaker: "对方", Text: "你好"}}
	tests := []struct {
		name string
		id   int64
		tr   *incident.Transcript
		code incident.Code
	}{
		{"not a recording", note.ID, &incident.Transcript{Lines: lines}, incident.CodeInvalid},
		{"empty", rec.ID, &incident.Transcript{}, incident.CodeInvalid},
		{"past the end", rec.ID, &incident.Transcript{Lines: []incident.TranscriptLine{{Offset: 10 * time.Second, Text: "x"}}}, incident.CodeInvalid},
		{"out of order", rec.ID, &incident.Transcript{Lines: []incident.TranscriptLine{{Offset: 2 * time.Second, Text: "b"}, {Offset: time.Second, Text: "a"}}}, incident.CodeInvalid},
		{"blank passage", rec.ID, &incident.Transcript{Lines: []incident.TranscriptLine{{Offset: 0, Text: " "}}}, incident.CodeInvalid},
		{"missing exhibit", 999, &incident.Transcript{Lines: lines}, incident.CodeNotFound},
		{"ok", rec.ID, &incident.Transcript{Place: " 家中 ", Lines: lines, Confirmed: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := svc.SetTranscript(ctx, tt.id, tt.tr)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantCode(t, err, tt.code)
		})
	}
	got, err := svc.Exhibit(ctx, rec.ID)
	if err != nil || got.Transcript == nil || got.Transcript.Place != "家中" || !got.Transcript.Confirmed {
		t.Fatalf("stored transcript: %+v, %v", got, err)
	}
	if err := svc.SetTranscript(ctx, rec.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Exhibit(ctx, rec.ID); got.Transcript != nil {
		t.Error("transcript not removed")
	}

	// Clear store: a private copy with the original bytes.
	path, cleanup, err := svc.PlaybackCopy(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(b, data) || !strings.HasSuffix(path, ".amr") {
		t.Errorf("copy %s: %v", path, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("copy mode: %v %v", fi.Mode(), err)
	}
	cleanup()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("copy not removed")
	}
	// Turning encryption on reseals the transcript; it reads back the same.
	if err := svc.SetTranscript(ctx, rec.ID, &incident.Transcript{Lines: lines}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnableEncryption(ctx, testPass); err != nil {
		t.Fatal(err)
	}
	if got, err := svc.Exhibit(ctx, rec.ID); err != nil || got.Transcript == nil || got.Transcript.Lines[0] != lines[0] {
		t.Fatalf("after encryption: %+v, %v", got, err)
	}
	// Encrypted store: playback refused, nothing written.
	_, _, err = svc.PlaybackCopy(ctx, rec.ID)
	wantCode(t, err, incident.CodeInvalid)
}

func TestImportSMS(t *testing.T) {
	_, svc := openTest(t, Options{})
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "短信", Victim: incident.Victim{Name: "张三"}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 11, 3, 6, 0, 0, 0, time.UTC)
	backup := exhibit.SMSBackup{Messages: []exhibit.SMS{
		{Number: "10690000123", At: at, Text: "【银行】点击链接"},
		{Number: "+86 138-0013-8000", At: at.Add(time.Minute), Sent: true, Text: "你是谁"},
		{Number: "10690000123", At: at.Add(2 * time.Minute), Text: ""},
	}, Skipped: 1}
	res, err := svc.ImportSMS(ctx, id, backup, incident.SMSImportOptions{From: []string{"13800138000"}})
	if err != nil || len(res.Added) != 1 || res.NotChosen != 2 || res.Unreadable != 1 {
		t.Fatalf("from filter: %+v, %v", res, err)
	}
	_, err = svc.ImportSMS(ctx, id, backup, incident.SMSImportOptions{From: []string{"999"}})
	wantCode(t, err, incident.CodeInvalid)
	res, err = svc.ImportSMS(ctx, id, backup, incident.SMSImportOptions{})
	if err != nil || len(res.Added) != 1 || res.Duplicates != 1 || res.Unreadable != 2 {
		t.Fatalf("all: %+v, %v", res, err)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(cf.Exhibits) != 2 || len(cf.Communications) != 2 {
		t.Fatalf("exhibits %d, communications %d", len(cf.Exhibits), len(cf.Communications))
	}
	for _, e := range cf.Exhibits {
		if e.Kind != incident.ExhibitSMS || len(e.CommIDs) != 1 {
			t.Errorf("record %+v", e)
		}
	}
	dirs := map[incident.Direction]string{}
	for _, c := range cf.Communications {
		if c.Channel != "sms" {
			t.Errorf("channel %q", c.Channel)
		}
		dirs[c.Direction] = c.Summary
	}
	if dirs[incident.Outgoing] != "你是谁" || dirs[incident.Incoming] != "【银行】点击链接" {
		t.Errorf("contact log: %+v", cf.Communications)
	}
	if rep, err := svc.Verify(ctx, id); err != nil || !rep.OK() {
		t.Errorf("verify: %+v %v", rep, err)
	}
}

// TestDurationFilledForOlderRecordings (issue 16): a recording stored
// before the app read lengths has none; the case file reads and saves it
// on the way, once.
func TestDurationFilledForOlderRecordings(t *testing.T) {
	s, svc := openTest(t, Options{})
	ctx := t.Context()
	id, err := svc.CreateCase(ctx, incident.Case{Title: "旧录音", Victim: incident.Victim{Name: "张三"}})
	if err != nil {
		t.Fatal(err)
	}
	data := amr(250)
	rec, err := svc.AddExhibit(ctx, id, "old.amr", bytes.NewReader(data), int64(len(data)), incident.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// As an older version stored it: no length.
	if err := s.Update(ctx, func(tx incident.Tx) error {
		x, err := tx.GetExhibit(rec.ID)
		if err != nil {
			return err
		}
		x.Duration = 0
		return tx.SaveExhibit(x)
	}); err != nil {
		t.Fatal(err)
	}
	if x, _ := svc.Exhibit(ctx, rec.ID); x.Duration != 0 {
		t.Fatalf("duration still %v", x.Duration)
	}
	cf, err := svc.CaseFile(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := cf.Exhibits[0].Duration; got != 5*time.Second {
		t.Errorf("case file: duration %v, want 5s", got)
	}
	// Saved: a fresh service (another run of the app) sees it stored.
	if x, _ := incident.NewService(s, nil).Exhibit(ctx, rec.ID); x.Duration != 5*time.Second {
		t.Errorf("stored duration %v, want 5s", x.Duration)
	}
}
