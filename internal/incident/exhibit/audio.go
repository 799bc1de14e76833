package exhibit

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"time"
)

// AudioInfo is what the app tells about a recording without playing it.
type AudioInfo struct {
	Duration   time.Duration
	Codec      string // AMR-NB, AMR-WB, MP3, AAC, PCM, SILK
	SampleRate int    // Hz; 0 when the format does not say
	// Estimated is true when the duration comes from the average frame size
	// of the first frames (a long MP3 without a VBR header), not a count.
	Estimated bool
}

// Errors of ReadAudioInfo.
var (
	ErrAudioUnsupported = errors.New("exhibit: no duration reader for this audio format")
	ErrAudioDamaged     = errors.New("exhibit: audio file is damaged or truncated")
)

// Bounds for the audio readers: recordings come from strangers too.
const (
	// maxAudioScan caps the bytes a frame-by-frame count reads (AMR, SILK,
	// ADTS, MP3 without a VBR header); 256 MB is ~48 hours of AMR-NB.
	maxAudioScan = 256 << 20
	// mp3ScanFrames is how many MP3 frames are read when no VBR header
	// gives the count; beyond that the length is estimated.
	mp3ScanFrames = 20000
	// A damaged stretch inside an MP3 (a bad sector, a cut-and-joined
	// recording) is skipped to the next frame within these bounds.
	maxMP3Gap     = 64 << 10
	maxMP3Skipped = 1 << 20
	maxBoxes      = 4096 // MP4 boxes visited in all
	maxBoxDepth   = 8
	maxWAVChunks  = 256
)

// ReadAudioInfo reads the duration and codec of a recording of content type
// ct (as Sniff returned it) from r, which holds size bytes. It reads headers
// and frame headers only, within the bounds above, and never decodes audio.
func ReadAudioInfo(r io.ReaderAt, size int64, ct string) (AudioInfo, error) {
	switch baseType(ct) {
	case "audio/amr":
		return amrInfo(r, size, false)
	case "audio/amr-wb":
		return amrInfo(r, size, true)
	case "audio/silk":
		return silkInfo(r, size)
	case "audio/wav":
		return wavInfo(r, size)
	case "audio/mpeg":
		return mp3Info(r, size)
	case "audio/mp4", "video/mp4", "video/3gpp", "video/3gpp2", "video/quicktime":
		return mp4Info(r, size)
	case "audio/aac":
		return adtsInfo(r, size)
	}
	return AudioInfo{}, ErrAudioUnsupported
}

func readAt(r io.ReaderAt, off int64, n int) ([]byte, error) {
	b := make([]byte, n)
	m, err := r.ReadAt(b, off)
	if m == n {
		return b, nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		err = ErrAudioDamaged
	}
	return nil, err
}

func scanner(r io.ReaderAt, off, size int64) *bufio.Reader {
	end := min(size, off+maxAudioScan)
	return bufio.NewReaderSize(io.NewSectionReader(r, off, max(0, end-off)), 64<<10)
}

// amrInfo counts frames: each AMR frame is 20 ms, and its size follows from
// the frame type in its one-byte header (RFC 4867 §5).
func amrInfo(r io.ReaderAt, size int64, wb bool) (AudioInfo, error) {
	nb := [16]int{12, 13, 15, 17, 19, 20, 26, 31, 5, -1, -1, -1, -1, -1, -1, 0}
	wbs := [16]int{17, 23, 32, 36, 40, 46, 50, 58, 60, 5, -1, -1, -1, -1, 0, 0}
	sizes, magic, codec, rate := nb, "#!AMR\n", "AMR-NB", 8000
	if wb {
		sizes, magic, codec, rate = wbs, "#!AMR-WB\n", "AMR-WB", 16000
	}
	head, err := readAt(r, 0, len(magic))
	if err != nil || string(head) != magic {
		return AudioInfo{}, ErrAudioDamaged
	}
	br := scanner(r, int64(len(magic)), size)
	frames := 0
	for {
		h, err := br.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return AudioInfo{}, err
		}
		n := sizes[(h>>3)&0x0F]
		if n < 0 {
			// A reserved frame type: the rest is not AMR. Count what
			// came before only if there was something.
			if frames == 0 {
				return AudioInfo{}, ErrAudioDamaged
			}
			break
		}
		if d, _ := br.Discard(n); d < n {
			break // a last frame cut short is not counted
		}
		frames++
	}
	if frames == 0 {
		return AudioInfo{}, ErrAudioDamaged
	}
	return AudioInfo{Duration: time.Duration(frames) * 20 * time.Millisecond, Codec: codec, SampleRate: rate}, nil
}

// silkInfo counts SILK v3 packets (WeChat and QQ voice): after the header,
// each packet is a little-endian uint16 length and that many bytes, 20 ms
// each; 0xFFFF or the end closes the stream.
func silkInfo(r io.ReaderAt, size int64) (AudioInfo, error) {
	head, err := readAt(r, 0, min(10, int(size)))
	if err != nil {
		return AudioInfo{}, ErrAudioDamaged
	}
	off := int64(0)
	switch {
	case bytes.HasPrefix(head, []byte("\x02#!SILK_V3")):
		off = 10
	case bytes.HasPrefix(head, []byte("#!SILK_V3")):
		off = 9
	default:
		return AudioInfo{}, ErrAudioDamaged
	}
	br := scanner(r, off, size)
	var l [2]byte
	frames := 0
	for {
		if _, err := io.ReadFull(br, l[:]); err != nil {
			break
		}
		n := int(binary.LittleEndian.Uint16(l[:]))
		if n == 0xFFFF {
			break
		}
		if d, _ := br.Discard(n); d < n {
			break
		}
		frames++
	}
	if frames == 0 {
		return AudioInfo{}, ErrAudioDamaged
	}
	// WeChat records at 24 kHz; the SILK file does not say.
	return AudioInfo{Duration: time.Duration(frames) * 20 * time.Millisecond, Codec: "SILK"}, nil
}

// wavInfo reads the fmt chunk's byte rate and the data chunk's size.
func wavInfo(r io.ReaderAt, size int64) (AudioInfo, error) {
	head, err := readAt(r, 0, 12)
	if err != nil || string(head[:4]) != "RIFF" || string(head[8:]) != "WAVE" {
		return AudioInfo{}, ErrAudioDamaged
	}
	off := int64(12)
	var byteRate, sampleRate uint32
	var format uint16
	for range maxWAVChunks {
		ch, err := readAt(r, off, 8)
		if err != nil {
			break
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:]))
		body := off + 8
		switch string(ch[:4]) {
		case "fmt ":
			f, err := readAt(r, body, 16)
			if err != nil {
				return AudioInfo{}, ErrAudioDamaged
			}
			format = binary.LittleEndian.Uint16(f)
			sampleRate = binary.LittleEndian.Uint32(f[4:])
			byteRate = binary.LittleEndian.Uint32(f[8:])
		case "data":
			if byteRate == 0 {
				return AudioInfo{}, ErrAudioDamaged
			}
			// Recorders that were stopped abruptly leave 0 or 0xFFFFFFFF
			// here; what is actually in the file counts.
			if n == 0 || body+n > size {
				n = size - body
			}
			codec := "PCM"
			if format != 1 && format != 0xFFFE {
				codec = "WAV"
			}
			d := time.Duration(float64(n) / float64(byteRate) * float64(time.Second))
			return AudioInfo{Duration: d.Round(time.Millisecond), Codec: codec, SampleRate: int(sampleRate)}, nil
		}
		off = body + n + n&1
	}
	return AudioInfo{}, ErrAudioDamaged
}

// mpegFrame is a parsed MPEG audio frame header.
type mpegFrame struct {
	version    int // 1, 2 or 25 (2.5)
	layer      int
	bitrate    int // bit/s
	sampleRate int
	length     int // bytes, header included
	samples    int // per frame
	mono       bool
}

var (
	mpegRates = map[int][3]int{1: {44100, 48000, 32000}, 2: {22050, 24000, 16000}, 25: {11025, 12000, 8000}}
	mpegBR    = map[[2]int][15]int{
		{1, 1}: {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
		{1, 2}: {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
		{1, 3}: {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
		{2, 1}: {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
		{2, 2}: {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
		{2, 3}: {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
	}
)

func parseMPEGFrame(h []byte) (mpegFrame, bool) {
	if len(h) < 4 || h[0] != 0xFF || h[1]&0xE0 != 0xE0 {
		return mpegFrame{}, false
	}
	var f mpegFrame
	switch (h[1] >> 3) & 3 {
	case 0:
		f.version = 25
	case 2:
		f.version = 2
	case 3:
		f.version = 1
	default:
		return f, false
	}
	f.layer = 4 - int((h[1]>>1)&3)
	if f.layer == 4 {
		return f, false
	}
	bi, si := int(h[2]>>4), int((h[2]>>2)&3)
	if bi == 0 || bi == 15 || si == 3 {
		return f, false // free format is not supported
	}
	tv := f.version
	if tv == 25 {
		tv = 2
	}
	f.bitrate = mpegBR[[2]int{tv, f.layer}][bi] * 1000
	f.sampleRate = mpegRates[f.version][si]
	pad := int((h[2] >> 1) & 1)
	f.mono = h[3]>>6 == 3
	switch {
	case f.layer == 1:
		f.samples = 384
		f.length = (12*f.bitrate/f.sampleRate + pad) * 4
	case f.layer == 3 && f.version != 1:
		f.samples = 576
		f.length = 72*f.bitrate/f.sampleRate + pad
	default:
		f.samples = 1152
		f.length = 144*f.bitrate/f.sampleRate + pad
	}
	return f, f.length >= 4
}

// mp3Info skips an ID3v2 tag, then takes the frame count from a Xing/Info
// or VBRI header when there is one; otherwise it counts frames, and past
// mp3ScanFrames estimates from their average size.
func mp3Info(r io.ReaderAt, size int64) (AudioInfo, error) {
	off := int64(0)
	// Files may carry several ID3 tags back to back; 8 is plenty.
	for range 8 {
		h, err := readAt(r, off, 10)
		if err != nil || string(h[:3]) != "ID3" {
			break
		}
		n := int64(h[6]&0x7F)<<21 | int64(h[7]&0x7F)<<14 | int64(h[8]&0x7F)<<7 | int64(h[9]&0x7F)
		off += 10 + n
		if h[5]&0x10 != 0 {
			off += 10
		}
	}
	// Find the first frame within 64 KiB (some files have padding).
	win, _ := readAtUpTo(r, off, 64<<10)
	first := -1
	var f mpegFrame
	for i := 0; i+4 <= len(win); i++ {
		if g, ok := parseMPEGFrame(win[i:]); ok {
			// Require the next frame to agree, so stray 0xFF bytes in a
			// tag do not pass for a frame.
			j := i + g.length
			if j+4 <= len(win) {
				if h, ok := parseMPEGFrame(win[j:]); !ok || h.sampleRate != g.sampleRate {
					continue
				}
			} else if off+int64(j) < size {
				continue
			}
			first, f = i, g
			break
		}
	}
	if first < 0 {
		return AudioInfo{}, ErrAudioDamaged
	}
	start := off + int64(first)
	info := AudioInfo{Codec: "MP3", SampleRate: f.sampleRate}
	if f.layer != 3 {
		info.Codec = "MPEG"
	}
	frame, _ := readAtUpTo(r, start, f.length)
	if n, ok := vbrFrames(frame, f); ok && n > 0 {
		info.Duration = samplesToDuration(int64(n)*int64(f.samples), f.sampleRate)
		return info, nil
	}
	br := scanner(r, start, size)
	var frames, bytesSeen, skipped, gap int64
	for frames < mp3ScanFrames {
		hdr, err := br.Peek(4)
		if err != nil {
			break
		}
		g, ok := parseMPEGFrame(hdr)
		if ok && gap > 0 {
			// After a damaged stretch, only a header whose next frame
			// agrees counts (a stray 0xFF in garbage is no frame).
			next, _ := br.Peek(g.length + 4)
			h, ok2 := mpegFrame{}, false
			if len(next) == g.length+4 {
				h, ok2 = parseMPEGFrame(next[g.length:])
			}
			ok = ok2 && h.sampleRate == g.sampleRate
		}
		if !ok {
			// A damaged stretch or a trailing tag: look for the next
			// frame, within maxMP3Gap of the last one and
			// maxMP3Skipped in all; a tag at the end has none after it.
			if gap >= maxMP3Gap || skipped >= maxMP3Skipped {
				break
			}
			br.Discard(1)
			gap++
			skipped++
			continue
		}
		if d, _ := br.Discard(g.length); d < g.length {
			break
		}
		gap = 0
		frames++
		bytesSeen += int64(g.length)
	}
	if frames == 0 {
		return AudioInfo{}, ErrAudioDamaged
	}
	total := frames
	if frames == mp3ScanFrames {
		total = (size - start) * frames / bytesSeen
		info.Estimated = true
	}
	info.Duration = samplesToDuration(total*int64(f.samples), f.sampleRate)
	return info, nil
}

func readAtUpTo(r io.ReaderAt, off int64, n int) ([]byte, error) {
	b := make([]byte, n)
	m, err := r.ReadAt(b, off)
	return b[:m], err
}

// vbrFrames reads the frame count of a Xing/Info or VBRI header in the
// first frame.
func vbrFrames(frame []byte, f mpegFrame) (uint32, bool) {
	side := 32
	switch {
	case f.version == 1 && f.mono:
		side = 17
	case f.version != 1 && !f.mono:
		side = 17
	case f.version != 1:
		side = 9
	}
	if x := 4 + side; x+12 <= len(frame) {
		tag := string(frame[x : x+4])
		if (tag == "Xing" || tag == "Info") && frame[x+7]&1 != 0 {
			return binary.BigEndian.Uint32(frame[x+8:]), true
		}
	}
	if v := 4 + 32; v+18 <= len(frame) && string(frame[v:v+4]) == "VBRI" {
		return binary.BigEndian.Uint32(frame[v+14:]), true
	}
	return 0, false
}

func samplesToDuration(samples int64, rate int) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(float64(samples) / float64(rate) * float64(time.Second)).Round(time.Millisecond)
}

// adtsInfo counts raw AAC (ADTS) frames of 1024 samples each.
func adtsInfo(r io.ReaderAt, size int64) (AudioInfo, error) {
	rates := [13]int{96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350}
	br := scanner(r, 0, size)
	h := make([]byte, 7)
	var frames int64
	rate := 0
	for {
		if _, err := io.ReadFull(br, h); err != nil {
			break
		}
		if h[0] != 0xFF || h[1]&0xF6 != 0xF0 {
			break
		}
		si := int(h[2]>>2) & 0x0F
		if si >= len(rates) {
			break
		}
		if rate == 0 {
			rate = rates[si]
		}
		n := int(h[3]&3)<<11 | int(h[4])<<3 | int(h[5]>>5)
		if n < 7 {
			break
		}
		if d, _ := br.Discard(n - 7); d < n-7 {
			break
		}
		frames += int64(h[6]&3) + 1
	}
	if frames == 0 {
		return AudioInfo{}, ErrAudioDamaged
	}
	return AudioInfo{Duration: samplesToDuration(frames*1024, rate), Codec: "AAC", SampleRate: rate}, nil
}

// mp4Info walks the box tree to moov's mvhd (or a track's mdhd when mvhd
// gives no duration), wherever moov sits: phone recorders often write it
// after the audio.
func mp4Info(r io.ReaderAt, size int64) (AudioInfo, error) {
	w := &boxWalker{r: r}
	w.walk(0, size, 0)
	info := AudioInfo{Codec: "AAC"}
	switch {
	case w.mvhdScale > 0 && w.mvhdDur > 0 && w.mvhdDur != 1<<64-1 && w.mvhdDur != 1<<32-1:
		info.Duration = scaleDuration(w.mvhdDur, w.mvhdScale)
	case w.mdhdScale > 0 && w.mdhdDur > 0:
		info.Duration = scaleDuration(w.mdhdDur, w.mdhdScale)
		info.SampleRate = int(w.mdhdScale)
	default:
		return AudioInfo{}, ErrAudioDamaged
	}
	if w.mdhdScale > 0 {
		info.SampleRate = int(w.mdhdScale)
	}
	return info, nil
}

func scaleDuration(d uint64, scale uint32) time.Duration {
	secs := float64(d) / float64(scale)
	if secs > 1e6 { // no recording is 11 days long; the header is bogus
		return 0
	}
	return time.Duration(secs * float64(time.Second)).Round(time.Millisecond)
}

type boxWalker struct {
	r                    io.ReaderAt
	visited              int
	mvhdScale, mdhdScale uint32
	mvhdDur, mdhdDur     uint64
}

func (w *boxWalker) walk(off, end int64, depth int) {
	for off+8 <= end && w.visited < maxBoxes {
		w.visited++
		h, err := readAt(w.r, off, 8)
		if err != nil {
			return
		}
		n, typ, hl := int64(binary.BigEndian.Uint32(h)), string(h[4:8]), int64(8)
		switch n {
		case 0:
			n = end - off
		case 1:
			x, err := readAt(w.r, off+8, 8)
			if err != nil {
				return
			}
			big := binary.BigEndian.Uint64(x)
			if big > uint64(end-off) {
				return
			}
			n, hl = int64(big), 16
		}
		if n < hl || off+n > end {
			return
		}
		body := off + hl
		switch typ {
		case "moov", "trak", "mdia":
			if depth < maxBoxDepth {
				w.walk(body, off+n, depth+1)
			}
		case "mvhd":
			w.mvhdScale, w.mvhdDur = readMediaHeader(w.r, body, n-hl)
		case "mdhd":
			if w.mdhdScale == 0 {
				w.mdhdScale, w.mdhdDur = readMediaHeader(w.r, body, n-hl)
			}
		}
		off += n
	}
}

// readMediaHeader reads timescale and duration from a full box body laid
// out as mvhd and mdhd are (version 0: 32-bit times; 1: 64-bit).
func readMediaHeader(r io.ReaderAt, off, n int64) (uint32, uint64) {
	b, err := readAt(r, off, int(min(n, 32)))
	if err != nil || len(b) < 20 {
		return 0, 0
	}
	if b[0] == 1 {
		if len(b) < 32 {
			return 0, 0
		}
		return binary.BigEndian.Uint32(b[20:]), binary.BigEndian.Uint64(b[24:])
	}
	return binary.BigEndian.Uint32(b[12:]), uint64(binary.BigEndian.Uint32(b[16:]))
}
