// Package exhibit holds pure functions on evidence files: content sniffing,
// email extraction for preview and printing, and bounded image handling.
//
// Everything here treats its input as hostile: victims forward files they
// received from scammers, so parsers are bounded in bytes, pixels, depth and
// counts, and never panic. Nothing here modifies or stores the original bytes;
// the caller keeps the original and its hash.
package exhibit

import (
	"bytes"
	"encoding/binary"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
)

// SniffLen is how many leading bytes Sniff looks at. It is the library's
// own default window: enough for Office files, whose decisive zip entry
// ("word/...") follows [Content_Types].xml, and still a fixed, small read.
const SniffLen = 4096

// Content types returned by Sniff that callers compare against.
const (
	TypeJPEG   = "image/jpeg"
	TypePNG    = "image/png"
	TypeGIF    = "image/gif"
	TypeWebP   = "image/webp"
	TypeBMP    = "image/bmp"
	TypeTIFF   = "image/tiff"
	TypePDF    = "application/pdf"
	TypeEmail  = "message/rfc822"
	TypeText   = "text/plain; charset=utf-8"
	TypeZip    = "application/zip"
	TypeBinary = "application/octet-stream"
	TypeHTML   = "text/html"
	// TypeMHTML is a web page saved with its resources ("save as MHTML",
	// .mht): a MIME multipart/related message (RFC 2557).
	TypeMHTML = "multipart/related"
	// TypeSMSBackup is the XML of the Android app "SMS Backup & Restore".
	TypeSMSBackup = "text/x-sms-backup+xml"
	TypeDOCX      = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// Sniff returns the content type of a file from its first bytes (up to
// SniffLen are looked at). The name never decides the type on its own: a
// renamed file is still recognised. It is consulted only to tell an email
// from plain text when the bytes look like RFC 5322 header lines, because a
// .txt note that happens to start with "Subject:" must not become an email.
//
// Binary formats are recognised by github.com/gabriel-vasile/mimetype (a
// maintained signature table of some 200 formats: Office, archives, audio,
// video). A few checks run before it because this app needs them stricter or
// finer than the library: text with a UTF-16 BOM (which is also a valid MPEG
// frame sync), PDFs behind a BOM, ftyp brands (M4A vs 3GP vs HEIC), AMR-WB,
// WeChat's SILK. Everything the library calls text goes through this
// package's own text path, which tells e-mail, MHTML, SMS backups, HTML and
// GBK text apart with the name rule above.
func Sniff(head []byte, name string) string {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	if bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF")) {
		return sniffText(head, name)
	}
	if ct := sniffMagic(head); ct != "" {
		return ct
	}
	if ct := fromLibrary(mimetype.Detect(head)); ct != "" {
		return ct
	}
	return sniffText(head, name)
}

// libraryNames maps the library's names to the ones this app has always
// stored, so that exhibits added before and after the switch compare equal.
var libraryNames = map[string]string{
	"application/ogg": "audio/ogg",
	"audio/x-m4a":     "audio/mp4",
	"audio/x-wav":     "audio/wav",
	"audio/x-aiff":    "audio/aiff",
	"audio/x-flac":    "audio/flac",
	"audio/x-mpeg":    "audio/mpeg",
	"audio/mp3":       "audio/mpeg",
	"video/x-m4v":     "video/mp4",
	"video/matroska":  "video/x-matroska",
}

// fromLibrary returns the library's verdict, or "" when the bytes are text
// (or unknown) and this package's text rules must decide.
func fromLibrary(m *mimetype.MIME) string {
	for p := m; p != nil; p = p.Parent() {
		if p.Is("text/plain") {
			return ""
		}
	}
	ct := baseType(m.String())
	if ct == TypeBinary {
		return ""
	}
	if n, ok := libraryNames[ct]; ok {
		return n
	}
	return ct
}

// sniffMagic holds the checks that run before the library.
func sniffMagic(b []byte) string {
	has := func(off int, sig string) bool {
		return len(b) >= off+len(sig) && string(b[off:off+len(sig)]) == sig
	}
	switch {
	case has(0, "#!AMR-WB\n"):
		return "audio/amr-wb"
	case has(0, "#!AMR\n"):
		return "audio/amr"
	case has(0, "#!SILK_V3"), has(0, "\x02#!SILK_V3"):
		// WeChat and QQ voice messages; worth naming so the UI does not
		// call a scammer's voice note an unknown file.
		return "audio/silk"
	case has(0, "BM"):
		// "BM" alone also starts ordinary text ("BMW ...").
		if looksLikeBMP(b) {
			return TypeBMP
		}
		return ""
	case has(4, "ftyp"):
		return sniffFtyp(b)
	case has(0, "ID3"):
		// The library wants a frame after the tag; a long tag (cover art)
		// pushes it past the window.
		return "audio/mpeg"
	case has(0, "RIFF") && has(8, "AVI "):
		return "video/x-msvideo"
	}
	if isPDF(b) {
		return TypePDF
	}
	if isMPEGAudioFrame(b) {
		return sniffMPEGAudio(b)
	}
	return ""
}

// looksLikeBMP checks the DIB header size, because "BM" alone also starts
// ordinary text ("BMW ...").
func looksLikeBMP(b []byte) bool {
	if len(b) < 18 {
		return false
	}
	switch binary.LittleEndian.Uint32(b[14:18]) {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// isPDF allows leading whitespace and a UTF-8 BOM, which some generators and
// mail gateways prepend; readers still open such files.
func isPDF(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	b = bytes.TrimLeft(b, " \t\r\n\f\x00")
	return bytes.HasPrefix(b, []byte("%PDF-"))
}

func sniffFtyp(b []byte) string {
	if len(b) < 12 {
		return TypeBinary
	}
	brand := string(b[8:12])
	switch {
	case brand == "M4A " || brand == "M4B " || brand == "M4P " || brand == "F4A ":
		return "audio/mp4"
	case strings.HasPrefix(brand, "3g2"):
		return "video/3gpp2"
	case strings.HasPrefix(brand, "3gp") || strings.HasPrefix(brand, "3gs"):
		return "video/3gpp"
	case brand == "qt  ":
		return "video/quicktime"
	case brand == "heic" || brand == "heix" || brand == "heim" || brand == "heis" ||
		brand == "hevc" || brand == "hevx" || brand == "mif1" || brand == "msf1":
		// iPhone photos. Recognised so they are listed as images, though
		// nothing here can decode them (see Decodable).
		return "image/heic"
	case brand == "avif" || brand == "avis":
		return "image/avif"
	case brand == "crx ":
		return TypeBinary
	}
	return "video/mp4"
}

// isMPEGAudioFrame recognises a bare MPEG audio frame header (MP3 without
// ID3, AAC ADTS). JPEG also starts with 0xFF but was matched earlier.
func isMPEGAudioFrame(b []byte) bool {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return false
	}
	version := (b[1] >> 3) & 3
	layer := (b[1] >> 1) & 3
	if layer == 0 { // ADTS (AAC) uses layer 00 with MPEG-2/4 sync 0xFFF.
		return b[1]&0xF6 == 0xF0 && (b[2]>>2)&0x0F < 13
	}
	bitrate := b[2] >> 4
	rate := (b[2] >> 2) & 3
	return version != 1 && bitrate != 0x0F && rate != 3
}

func sniffMPEGAudio(b []byte) string {
	if (b[1]>>1)&3 == 0 {
		return "audio/aac"
	}
	return "audio/mpeg"
}

// isBinaryByte follows the WHATWG MIME sniffing "binary data byte" set.
func isBinaryByte(c byte) bool {
	return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F)
}

func sniffText(b []byte, name string) string {
	switch {
	case bytes.HasPrefix(b, []byte("\xFE\xFF")):
		return "text/plain; charset=utf-16be"
	case bytes.HasPrefix(b, []byte("\xFF\xFE")):
		return "text/plain; charset=utf-16le"
	}
	body := bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	for _, c := range body {
		if isBinaryByte(c) {
			return TypeBinary
		}
	}
	charset := ""
	switch {
	case validUTF8Prefix(body):
		charset = "utf-8"
	case validGB18030Prefix(body):
		// Windows in mainland China saves Notepad files as GBK; GB18030 is a
		// superset, so naming it lets the preview decode instead of showing
		// mojibake.
		charset = "gb18030"
	}
	if isSMSBackup(body) {
		return TypeSMSBackup + "; charset=utf-8"
	}
	if looksLikeEmail(body, name) {
		if looksLikeMHTML(body) {
			return TypeMHTML
		}
		return TypeEmail
	}
	if isHTML(body) {
		if charset == "" {
			return "text/html"
		}
		return "text/html; charset=" + charset
	}
	if charset == "" {
		return "text/plain"
	}
	return "text/plain; charset=" + charset
}

// validUTF8Prefix accepts a multi-byte sequence cut off by the sniff window.
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	cut := len(b) - 1
	for cut > 0 && len(b)-cut < utf8.UTFMax && !utf8.RuneStart(b[cut]) {
		cut--
	}
	// FullRune is true for a complete rune and for invalid bytes; only an
	// incomplete but so far valid tail may be forgiven.
	if utf8.FullRune(b[cut:]) {
		return false
	}
	return utf8.Valid(b[:cut])
}

// validGB18030Prefix checks the byte structure of GB18030 (and so GBK and
// GB2312), forgiving a sequence cut off by the sniff window.
func validGB18030Prefix(b []byte) bool {
	hi := false
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		hi = true
		if c == 0x80 || c == 0xFF {
			return false
		}
		if i+1 >= len(b) {
			return true
		}
		c2 := b[i+1]
		switch {
		case (c2 >= 0x40 && c2 <= 0x7E) || (c2 >= 0x80 && c2 <= 0xFE):
			i += 2
		case c2 >= 0x30 && c2 <= 0x39:
			if i+2 >= len(b) {
				return true
			}
			if b[i+2] < 0x81 || b[i+2] > 0xFE {
				return false
			}
			if i+3 >= len(b) {
				return true
			}
			if b[i+3] < 0x30 || b[i+3] > 0x39 {
				return false
			}
			i += 4
		default:
			return false
		}
	}
	return hi
}

// isSMSBackup recognises the root element of "SMS Backup & Restore" files
// (<smses count="…">), after an optional XML declaration and comments.
func isSMSBackup(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	if !bytes.HasPrefix(b, []byte("<?xml")) && !bytes.HasPrefix(b, []byte("<smses")) {
		return false
	}
	i := bytes.Index(b, []byte("<smses"))
	if i < 0 || i+6 >= len(b) {
		return false
	}
	switch b[i+6] {
	case ' ', '>', '\t', '\r', '\n', '/':
	default:
		return false
	}
	// Only a declaration, comments and whitespace may come before it.
	pre := b[:i]
	for len(pre) > 0 {
		pre = bytes.TrimLeft(pre, " \t\r\n")
		switch {
		case len(pre) == 0:
		case bytes.HasPrefix(pre, []byte("<?")):
			j := bytes.Index(pre, []byte("?>"))
			if j < 0 {
				return false
			}
			pre = pre[j+2:]
		case bytes.HasPrefix(pre, []byte("<!--")):
			j := bytes.Index(pre, []byte("-->"))
			if j < 0 {
				return false
			}
			pre = pre[j+3:]
		default:
			return false
		}
	}
	return true
}

// looksLikeMHTML tells a saved web page from an e-mail: both are MIME
// messages, but a browser's archive is multipart/related and says it was
// saved ("From: <Saved by Blink>", Snapshot-Content-Location), while an
// e-mail with inline images (also multipart/related) carries transport
// headers (Received, Message-ID, To).
func looksLikeMHTML(b []byte) bool {
	var ctype, from string
	snapshot, mail := false, false
	var last *string
	for _, ln := range bytes.Split(b, []byte("\n")) {
		ln = bytes.TrimSuffix(ln, []byte("\r"))
		if len(ln) == 0 {
			break
		}
		if ln[0] == ' ' || ln[0] == '\t' {
			if last != nil {
				*last += " " + strings.TrimSpace(string(ln))
			}
			continue
		}
		last = nil
		colon := bytes.IndexByte(ln, ':')
		if colon <= 0 {
			break
		}
		val := strings.TrimSpace(string(ln[colon+1:]))
		switch strings.ToLower(string(ln[:colon])) {
		case "content-type":
			ctype = val
			last = &ctype
		case "from":
			from = val
		case "snapshot-content-location":
			snapshot = true
		case "received", "message-id", "to", "delivered-to", "return-path":
			mail = true
		}
	}
	if !strings.HasPrefix(strings.ToLower(ctype), TypeMHTML) {
		return false
	}
	if snapshot || strings.Contains(strings.ToLower(from), "saved by") {
		return true
	}
	return !mail && strings.Contains(strings.ToLower(ctype), "text/html")
}

func isHTML(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n\f")
	for _, sig := range []string{"<!DOCTYPE HTML", "<HTML", "<HEAD", "<BODY", "<!--"} {
		if len(b) >= len(sig) && strings.EqualFold(string(b[:len(sig)]), sig) {
			// "<!--" alone is also how some XML starts; require html later.
			if sig == "<!--" {
				return bytes.Contains(bytes.ToLower(b), []byte("<html"))
			}
			return true
		}
	}
	return false
}

// isKnownHeader lists headers that real messages start with. Exported .eml
// files begin with transport headers (Received, Return-Path) or, when
// composed locally, with From/Date/Subject/MIME-Version.
func isKnownHeader(name string) bool {
	switch strings.ToLower(name) {
	case "received", "from", "return-path", "mime-version", "date", "subject",
		"delivered-to", "message-id", "to", "cc", "reply-to", "sender", "content-type",
		"x-mailer", "dkim-signature", "authentication-results", "x-originating-ip",
		"x-qq-mid", "x-mozilla-status", "arc-seal", "received-spf", "x-received",
		"thread-topic", "content-transfer-encoding", "in-reply-to", "references":
		return true
	}
	return false
}

// isTextExtension lists names whose owner said "this is a text file".
func isTextExtension(ext string) bool {
	switch ext {
	case ".txt", ".text", ".log", ".md", ".csv", ".json":
		return true
	}
	return false
}

// looksLikeEmail decides between message/rfc822 and text. With a .eml name one
// known header line at the top is enough; with a text-file name never; with
// any other name (or none, e.g. a file saved from a mail client without an
// extension) it needs at least two known headers in an unbroken header block,
// which ordinary prose does not produce.
func looksLikeEmail(b []byte, name string) bool {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(name, `\`, "/")))
	if isTextExtension(ext) {
		return false
	}
	known, ok := headerBlockScore(b)
	if !ok {
		return false
	}
	if ext == ".eml" || ext == ".mht" || ext == ".mhtml" {
		return known >= 1
	}
	return known >= 2
}

// headerBlockScore counts known header names in the leading header block.
// ok is false if the first line is not a header (an mbox "From " separator
// is allowed first) or a non-header line appears before the block ends.
func headerBlockScore(b []byte) (known int, ok bool) {
	lines := bytes.Split(b, []byte("\n"))
	// The last line may be cut by the sniff window; do not judge it.
	if len(lines) > 1 {
		lines = lines[:len(lines)-1]
	}
	for i, ln := range lines {
		ln = bytes.TrimSuffix(ln, []byte("\r"))
		if len(ln) == 0 {
			break
		}
		if i == 0 && bytes.HasPrefix(ln, []byte("From ")) {
			continue
		}
		if ln[0] == ' ' || ln[0] == '\t' {
			if i == 0 {
				return 0, false
			}
			continue
		}
		colon := bytes.IndexByte(ln, ':')
		if colon <= 0 || !isHeaderName(ln[:colon]) {
			if i == 0 {
				return 0, false
			}
			break
		}
		if isKnownHeader(string(ln[:colon])) {
			known++
		} else if i == 0 && !bytes.HasPrefix(bytes.ToLower(ln), []byte("x-")) {
			// "Note: ..." at the top of a text file is not an email.
			return 0, false
		}
	}
	return known, known > 0
}

func isHeaderName(b []byte) bool {
	if len(b) > 76 {
		return false
	}
	for _, c := range b {
		if c <= ' ' || c >= 0x7F {
			return false
		}
	}
	return true
}

// IsImage reports an image/* type, decodable or not.
func IsImage(ct string) bool { return mediaType(ct) == "image" }

// IsText reports a text/* type (plain text, HTML), not email.
func IsText(ct string) bool { return mediaType(ct) == "text" }

// IsMHTML reports a saved web page archive.
func IsMHTML(ct string) bool { return baseType(ct) == TypeMHTML }

// IsHTML reports an HTML file.
func IsHTML(ct string) bool { return baseType(ct) == TypeHTML }

// IsSMSBackup reports an "SMS Backup & Restore" XML file.
func IsSMSBackup(ct string) bool { return baseType(ct) == TypeSMSBackup }

// IsDOCX reports a Word (or WPS) .docx document.
func IsDOCX(ct string) bool { return baseType(ct) == TypeDOCX }

// IsEmail reports message/rfc822.
func IsEmail(ct string) bool { return baseType(ct) == TypeEmail }

// IsPDF reports application/pdf.
func IsPDF(ct string) bool { return baseType(ct) == TypePDF }

// IsAudioVideo reports audio/* or video/*.
func IsAudioVideo(ct string) bool {
	m := mediaType(ct)
	return m == "audio" || m == "video"
}

// Decodable reports whether Decode, Thumbnail and ForPrint can handle an
// image of this type. HEIC and AVIF are images, but are not decodable here.
func Decodable(ct string) bool {
	switch baseType(ct) {
	case TypeJPEG, TypePNG, TypeGIF, TypeWebP, TypeBMP, TypeTIFF:
		return true
	}
	return false
}

// Category is the kind shown in the UI: "image", "pdf", "email", "text",
// "audio", "video" or "file".
func Category(ct string) string {
	switch {
	case IsImage(ct):
		return "image"
	case IsPDF(ct):
		return "pdf"
	case IsEmail(ct):
		return "email"
	case IsText(ct):
		return "text"
	case mediaType(ct) == "audio":
		return "audio"
	case mediaType(ct) == "video":
		return "video"
	}
	return "file"
}

func baseType(ct string) string {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.ToLower(strings.TrimSpace(ct))
}

func mediaType(ct string) string {
	b := baseType(ct)
	if i := strings.IndexByte(b, '/'); i >= 0 {
		return b[:i]
	}
	return b
}
