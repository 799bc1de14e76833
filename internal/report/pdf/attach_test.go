package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// TestAttachOriginalsStreamed: the originals are embedded byte for byte
// (qpdf extracts each one with the SHA-256 the list prints), a JPEG is
// stored as is rather than deflated, text is deflated, an original that
// no longer matches its hash is left out, and the file is one valid
// revision.
func TestAttachOriginalsStreamed(t *testing.T) {
	needTool(t, "qpdf")
	p, src := fixturePacket(t)
	p.AttachOriginals = true
	// Exhibit 2's stored bytes no longer match the recorded hash.
	good2 := src[2]
	src[2] = append(bytes.Clone(good2), 0)
	defer func() { src[2] = good2 }()
	out := render(t, p, src)
	path := writeTemp(t, out)
	run(t, "qpdf", "--check", path)
	if last := out[bytes.LastIndex(out, []byte("trailer")):]; bytes.Contains(last, []byte("/Prev")) {
		t.Errorf("the file is an incremental update, want one revision:\n%s", last)
	}
	want := map[string]string{} // sha → label
	for _, e := range p.Exhibits {
		if e.Kind == "file" && e.ID != 2 {
			want[e.SHA256] = e.Label
		}
	}
	list := run(t, "qpdf", "--list-attachments", path)
	keys := regexp.MustCompile(`(?m)^(\S+) -> `).FindAllStringSubmatch(list, -1)
	if len(keys) != len(want) {
		t.Errorf("%d attachments, want %d:\n%s", len(keys), len(want), list)
	}
	for _, k := range keys {
		data, err := exec.Command("qpdf", "--show-attachment="+k[1], path).Output()
		if err != nil {
			t.Fatalf("qpdf --show-attachment=%s: %v", k[1], err)
		}
		s := sha256.Sum256(data)
		if _, ok := want[hex.EncodeToString(s[:])]; !ok {
			t.Errorf("attachment %s is no exhibit's original", k[1])
		}
		delete(want, hex.EncodeToString(s[:]))
	}
	for _, label := range want {
		t.Errorf("%s is not attached", label)
	}
	names := run(t, "qpdf", "--list-attachments", "--verbose", path)
	if strings.Contains(names, "证据2") || !strings.Contains(names, "preferred name: 证据1") ||
		!strings.Contains(names, "/F -> exhibit-1") || !strings.Contains(names, "mime type: image/jpeg") {
		t.Errorf("attachment names:\n%s", names)
	}
	// The JPEG is printed once and attached once, both times as is.
	if n := bytes.Count(out, src[1]); n != 2 {
		t.Errorf("the JPEG's bytes appear %d times, want 2 (printed and attached, not deflated)", n)
	}
	// Text is deflated: its bytes are not in the file verbatim.
	if bytes.Contains(out, src[4]) {
		t.Error("the text exhibit is attached without compression")
	}
}

// changingSource serves an exhibit's bytes, altered from the n-th open on.
type changingSource struct {
	memSource
	id    int64
	from  int
	opens int
}

func (c *changingSource) Open(id int64) (io.ReadSeekCloser, error) {
	if id == c.id {
		c.opens++
		if c.opens >= c.from {
			b := bytes.Clone(c.memSource[id])
			b[0] ^= 1
			return nopCloser{bytes.NewReader(b)}, nil
		}
	}
	return c.memSource.Open(id)
}

// TestAttachOriginalChangedWhileCopied: when an original's bytes change
// between the hash check and the copy (they are already in the file by the
// time the hash is known), the render fails rather than hand over a file
// that is not the one the list names.
func TestAttachOriginalChangedWhileCopied(t *testing.T) {
	p, src := fixturePacket(t)
	p.AttachOriginals = true
	// Exhibit 8 (audio) is not printed: checked by one open, copied by
	// the next.
	cs := &changingSource{memSource: src, id: 8, from: 2}
	err := Render(io.Discard, p, cs)
	if err == nil || !strings.Contains(err.Error(), "changed") {
		t.Fatalf("Render: %v, want an error about exhibit 8 changing", err)
	}
}

// TestAttachedWriterInPieces: a document that reaches the writer in several
// writes gives the same file as one that comes in one.
func TestAttachedWriterInPieces(t *testing.T) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddPage()
	var doc bytes.Buffer
	if err := f.Output(&doc); err != nil {
		t.Fatal(err)
	}
	p, src := fixturePacket(t)
	as := attachable(&p, nil)
	var one, pieces bytes.Buffer
	aw := &attachedWriter{w: &one, src: src, as: as}
	if _, err := aw.Write(doc.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := aw.close(); err != nil {
		t.Fatal(err)
	}
	aw = &attachedWriter{w: &pieces, src: src, as: as}
	b := doc.Bytes()
	for len(b) > 0 {
		n := min(len(b), 100)
		aw.Write(b[:n])
		b = b[n:]
	}
	if err := aw.close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), pieces.Bytes()) || one.Len() <= doc.Len() {
		t.Errorf("one write: %d bytes, pieces: %d bytes (document %d)", one.Len(), pieces.Len(), doc.Len())
	}
}

func TestCompressible(t *testing.T) {
	text := bytes.Repeat([]byte("短信内容 13800138000\n"), 200)
	noise := make([]byte, 8192)
	for i := range noise {
		noise[i] = byte(i*7919>>3 ^ i*31)
	}
	rnd := sha256.New()
	for len(noise) < 100_000 {
		rnd.Write(noise[len(noise)-64:])
		noise = rnd.Sum(noise)
	}
	tests := []struct {
		ct   string
		data []byte
		want bool
	}{
		{"image/jpeg", text, false}, // by type: never probed
		{"audio/mpeg", text, false},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", text, false},
		{"audio/wav", noise, true},
		{"text/plain; charset=utf-8", noise, true},
		{"message/rfc822", text, true},
		{"application/octet-stream", text, true},
		{"application/octet-stream", noise[len(noise)-70000:], false},
		{"application/octet-stream", []byte("tiny"), false},
	}
	for _, tt := range tests {
		if got := compressible(tt.ct, func() []byte { return tt.data[:min(len(tt.data), 64<<10)] }); got != tt.want {
			t.Errorf("compressible(%q, %d bytes) = %v, want %v", tt.ct, len(tt.data), got, tt.want)
		}
	}
}
