package exhibit

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/bmp"
	"golang.org/x/image/draw"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// DefaultPixelBudget is used when a budget <= 0 is given: 40 MP covers every
// phone camera while keeping a decode under ~200 MB.
const DefaultPixelBudget = 40_000_000

// DefaultThumbnailPx is used when Thumbnail is given maxPx <= 0.
const DefaultThumbnailPx = 256

// maxImageBytes bounds what any decoder may read, whatever offsets a hostile
// header points at; it is above the app's evidence size cap.
const maxImageBytes = 256 << 20

// jpegQuality for re-encoded photos: visually lossless for print.
const jpegQuality = 92

var (
	// ErrTooManyPixels means the header declares more pixels than the
	// budget; nothing was decoded.
	ErrTooManyPixels = errors.New("exhibit: image has more pixels than allowed")
	// ErrCannotDecode means the file is not an image this package decodes,
	// or it is damaged.
	ErrCannotDecode = errors.New("exhibit: image cannot be decoded")
)

// ImageInfo describes an image from its header.
type ImageInfo struct {
	Format        string // "jpeg", "png", "gif", "webp", "bmp", "tiff"
	Width, Height int    // as stored, before orientation
	Orientation   int    // EXIF 1..8, 1 if none
}

// source gives the decoders bounded random access to a ReadSeeker from its
// current offset. x/image/tiff reads everything into memory unless it gets
// an io.ReaderAt, so it gets one, limited to maxImageBytes.
type source struct {
	rs    io.ReadSeeker
	base  int64
	size  int64 // bytes from base to the end
	limit int64 // what decoders may read: min(size, maxImageBytes)
	// whole is the file itself when the caller handed it over in memory
	// (ForPDFBytes): a picture passed through is then returned without a
	// copy.
	whole []byte
	// intact: a capture-time verdict says the JPEG in whole is complete
	// and its image data reads (ForPDFBytesVerdict); forPrint does not
	// check it again.
	intact bool
}

func newSource(rs io.ReadSeeker) (*source, error) {
	base, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCannotDecode, err)
	}
	end, err := rs.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCannotDecode, err)
	}
	if _, err := rs.Seek(base, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCannotDecode, err)
	}
	return &source{rs: rs, base: base, size: end - base, limit: min(end-base, maxImageBytes)}, nil
}

func (s *source) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("exhibit: negative offset")
	}
	if off >= s.limit {
		return 0, io.EOF
	}
	short := false
	if int64(len(p)) > s.limit-off {
		p, short = p[:s.limit-off], true
	}
	if _, err := s.rs.Seek(s.base+off, io.SeekStart); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(s.rs, p)
	if err == io.ErrUnexpectedEOF || (err == nil && short) {
		err = io.EOF
	}
	return n, err
}

// reader returns a fresh sequential reader from the start.
func (s *source) reader() *io.SectionReader { return io.NewSectionReader(s, 0, s.limit) }

func formatOf(ct string) string {
	switch ct {
	case TypeJPEG:
		return "jpeg"
	case TypePNG:
		return "png"
	case TypeGIF:
		return "gif"
	case TypeWebP:
		return "webp"
	case TypeBMP:
		return "bmp"
	case TypeTIFF:
		return "tiff"
	}
	return ""
}

// recovered turns a decoder panic into ErrCannotDecode: the codecs are not
// ours, have panicked on crafted input before, and a bad exhibit must not
// take the app down.
func recovered(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%w: decoder panic: %v", ErrCannotDecode, p)
	}
}

func (s *source) probe() (info ImageInfo, err error) {
	defer recovered(&err)
	head := make([]byte, SniffLen)
	n, _ := s.ReadAt(head, 0)
	head = head[:n]
	info.Format = formatOf(Sniff(head, ""))
	if info.Format == "" {
		return ImageInfo{}, fmt.Errorf("%w: not a supported image", ErrCannotDecode)
	}
	var cfg image.Config
	r := bufio.NewReader(s.reader())
	switch info.Format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(r)
	case "png":
		cfg, err = png.DecodeConfig(r)
	case "gif":
		cfg, err = gif.DecodeConfig(r)
	case "webp":
		cfg, err = webp.DecodeConfig(r)
	case "bmp":
		cfg, err = bmp.DecodeConfig(r)
	case "tiff":
		cfg, err = tiff.DecodeConfig(s.reader())
	}
	if err != nil {
		return ImageInfo{}, fmt.Errorf("%w: %v", ErrCannotDecode, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return ImageInfo{}, fmt.Errorf("%w: empty image", ErrCannotDecode)
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	info.Orientation = 1
	switch info.Format {
	case "jpeg":
		info.Orientation = orientationFromJPEG(s.reader())
	case "tiff":
		info.Orientation = orientationFromTIFFFile(s, s.limit)
	case "webp":
		info.Orientation = orientationFromWebP(s.reader())
	}
	return info, nil
}

// Probe reads only the image header: format, size and EXIF orientation
// (JPEG, TIFF, WebP). It reads from the current offset of r.
func Probe(r io.ReadSeeker) (ImageInfo, error) {
	s, err := newSource(r)
	if err != nil {
		return ImageInfo{}, err
	}
	return s.probe()
}

func checkBudget(info ImageInfo, budget int) error {
	if budget <= 0 {
		budget = DefaultPixelBudget
	}
	if int64(info.Width)*int64(info.Height) > int64(budget) {
		return fmt.Errorf("%w: %d×%d", ErrTooManyPixels, info.Width, info.Height)
	}
	return nil
}

// where turns a decoding error of a PNG into a *DamagedAtError when the
// file shows where it is damaged (pngDamagedAt); other errors stay.
func (s *source) where(err error) error {
	var sig [8]byte
	if n, _ := s.ReadAt(sig[:], 0); n < 8 || string(sig[:]) != "\x89PNG\r\n\x1a\n" || !errors.Is(err, ErrCannotDecode) {
		return err
	}
	if at, why, ok := pngDamagedAt(s.reader(), s.limit); ok {
		return &DamagedAtError{at, why}
	}
	return err
}

func (s *source) decode(info ImageInfo) (img image.Image, err error) {
	defer recovered(&err)
	r := bufio.NewReader(s.reader())
	switch info.Format {
	case "jpeg":
		img, err = jpeg.Decode(r)
	case "png":
		img, err = png.Decode(r)
	case "gif":
		img, err = gif.Decode(r) // first frame only, by design of image/gif
	case "webp":
		img, err = webp.Decode(r)
	case "bmp":
		img, err = bmp.Decode(r)
	case "tiff":
		img, err = tiff.Decode(s.reader())
	default:
		err = errors.New("unsupported format")
	}
	if err != nil {
		return nil, s.where(fmt.Errorf("%w: %v", ErrCannotDecode, err))
	}
	// The header was checked against the budget; the decoded frame must
	// not be larger than what the header promised.
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 || b.Dx() > info.Width || b.Dy() > info.Height {
		return nil, fmt.Errorf("%w: decoded size differs from header", ErrCannotDecode)
	}
	return img, nil
}

// Decode decodes the image only if its header declares at most budget
// pixels (budget <= 0 means DefaultPixelBudget); otherwise it returns
// ErrTooManyPixels without decoding. Orientation is reported, not applied.
func Decode(r io.ReadSeeker, budget int) (image.Image, ImageInfo, error) {
	s, err := newSource(r)
	if err != nil {
		return nil, ImageInfo{}, err
	}
	info, err := s.probe()
	if err != nil {
		return nil, ImageInfo{}, err
	}
	if err := checkBudget(info, budget); err != nil {
		return nil, info, err
	}
	img, err := s.decode(info)
	if err != nil {
		return nil, info, err
	}
	return img, info, nil
}

// Thumbnail returns an upright image whose longer side is at most maxPx
// (DefaultThumbnailPx if maxPx <= 0), never upscaled.
func Thumbnail(r io.ReadSeeker, maxPx int, budget int) (image.Image, error) {
	if maxPx <= 0 {
		maxPx = DefaultThumbnailPx
	}
	img, info, err := Decode(r, budget)
	if err != nil {
		return nil, err
	}
	// CatmullRom straight from 12 MP costs ~0.5 s; a bilinear pass to a few
	// times the target first keeps it near the JPEG decode time while the
	// final CatmullRom pass removes most of the aliasing.
	if b := img.Bounds(); max(b.Dx(), b.Dy()) > 4*maxPx {
		img = scaleToRGBA(img, 4*maxPx, draw.ApproxBiLinear)
	}
	return orient(scaleToRGBA(img, maxPx, draw.CatmullRom), info.Orientation), nil
}

// ForPrint prepares an image for embedding with gofpdf: imgType is "jpg" or
// "png". The result is upright (EXIF orientation applied), at most maxPx on
// its longer side (maxPx <= 0: no limit), 8-bit, non-interlaced and opaque
// (transparency flattened onto white paper). A JPEG, or a PNG gofpdf can
// embed as is, that needs no rotation or scaling is returned byte for byte,
// so the packet shows exactly the exhibit that was hashed. info describes
// the returned data. The input is never modified.
func ForPrint(r io.ReadSeeker, maxPx int, budget int) (data []byte, imgType string, info ImageInfo, err error) {
	return forPrint(r, maxPx, budget, false)
}

// ForPDF is ForPrint without a size limit, for a page layout that can turn
// a picture itself (a PDF transform, lossless and free): a JPEG is returned
// byte for byte whatever its EXIF orientation, which info.Orientation then
// gives; every other result is upright (Orientation 1). Like ForPrint, it
// decodes the whole image first, so a truncated or damaged file is an
// error here rather than a grey box or an invalid stream in the PDF.
func ForPDF(r io.ReadSeeker, budget int) (data []byte, imgType string, info ImageInfo, err error) {
	s, err := newSource(r)
	if err != nil {
		return nil, "", ImageInfo{}, err
	}
	return s.forPrint(0, budget, true)
}

// ForPDFBytes is ForPDF for a file in memory: a picture passed through is
// b itself (the same array, not a copy: 10 MB of phone photos are not
// copied again for an export), so the caller must not change b while it
// uses data.
func ForPDFBytes(b []byte, budget int) (data []byte, imgType string, info ImageInfo, err error) {
	s, err := newSource(bytes.NewReader(b))
	if err != nil {
		return nil, "", ImageInfo{}, err
	}
	s.whole = b
	return s.forPrint(0, budget, true)
}

func forPrint(r io.ReadSeeker, maxPx int, budget int, turnJPEG bool) (data []byte, imgType string, info ImageInfo, err error) {
	s, err := newSource(r)
	if err != nil {
		return nil, "", ImageInfo{}, err
	}
	return s.forPrint(maxPx, budget, turnJPEG)
}

func (s *source) forPrint(maxPx int, budget int, turnJPEG bool) (data []byte, imgType string, info ImageInfo, err error) {
	info, err = s.probe()
	if err != nil {
		return nil, "", ImageInfo{}, s.where(err)
	}
	if err := checkBudget(info, budget); err != nil {
		return nil, "", info, err
	}
	fits := maxPx <= 0 || max(info.Width, info.Height) <= maxPx
	upright := info.Orientation == 1 || (turnJPEG && info.Format == "jpeg")
	if fits && upright && (info.Format == "jpeg" || (info.Format == "png" && s.pngEmbeddable())) {
		if s.size > s.limit {
			return nil, "", info, fmt.Errorf("%w: file larger than %d bytes", ErrCannotDecode, maxImageBytes)
		}
		if s.whole != nil {
			data = s.whole[:s.limit:s.limit]
		} else {
			data = make([]byte, s.limit)
			if _, err := s.ReadAt(data, 0); err != nil && err != io.EOF {
				return nil, "", info, fmt.Errorf("%w: %v", ErrCannotDecode, err)
			}
		}
		// A truncated file would print as a grey box, or make the PDF
		// invalid (gofpdf only checks the header). ForPDF checks a JPEG's
		// whole structure and then reads every Huffman code of its image
		// data (jpegScanCheck) instead of decoding it, which finds
		// truncation and damage inside the data (a flipped bit) at a
		// fraction of a decode's cost (decoding was most of an export's
		// time). Progressive and other rarer JPEGs, and everything else,
		// are decoded.
		switch {
		case turnJPEG && info.Format == "jpeg" && s.intact && s.whole != nil:
			// Checked when it was captured, on these very bytes
			// (ForPDFBytesVerdict).
		case turnJPEG && info.Format == "jpeg":
			err := jpegComplete(data)
			if err == nil {
				err = jpegScanCheck(data)
			}
			if err == errFullDecode {
				_, err = s.decode(info)
			}
			if err != nil {
				return nil, "", info, err
			}
		default:
			if _, err := s.decode(info); err != nil {
				return nil, "", info, err
			}
		}
		if info.Format == "jpeg" {
			return data, "jpg", info, nil
		}
		return data, "png", info, nil
	}
	img, err := s.decode(info)
	if err != nil {
		return nil, "", info, err
	}
	work := scaleToRGBA(img, maxPx, draw.CatmullRom)
	flattenOnWhite(work)
	work = orient(work, info.Orientation)
	var buf bytes.Buffer
	out := ImageInfo{Width: work.Rect.Dx(), Height: work.Rect.Dy(), Orientation: 1}
	if _, photo := img.(*image.YCbCr); photo || info.Format == "jpeg" {
		// Photos stay JPEG: PNG would be several times larger for no gain.
		if err := jpeg.Encode(&buf, work, &jpeg.Options{Quality: jpegQuality}); err != nil {
			return nil, "", info, err
		}
		out.Format = "jpeg"
		return buf.Bytes(), "jpg", out, nil
	}
	// Screenshots and graphics stay lossless so small text stays legible.
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, work); err != nil {
		return nil, "", info, err
	}
	out.Format = "png"
	return buf.Bytes(), "png", out, nil
}

// jpegComplete walks a JPEG's segments from SOI to EOI: every segment
// length must fit, a frame header must come before the first scan, and
// each scan's entropy-coded data must end at a marker (a file cut short
// ends inside a scan or a segment, before EOI).
func jpegComplete(b []byte) error {
	bad := func(at int, why string) error { return &DamagedAtError{int64(at), "jpeg " + why} }
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return bad(0, "without start marker")
	}
	sof, sos := false, false
	i := 2
	for {
		if i >= len(b) || b[i] != 0xFF {
			return bad(i, "structure broken")
		}
		for i < len(b) && b[i] == 0xFF { // fill bytes
			i++
		}
		if i >= len(b) {
			return bad(len(b), "cut short")
		}
		m := b[i]
		i++
		switch {
		case m == 0xD9: // EOI
			if !sof || !sos {
				return bad(i, "without image data")
			}
			return nil
		case m == 0x01 || m >= 0xD0 && m <= 0xD7: // no length
			continue
		}
		if i+2 > len(b) {
			return bad(len(b), "cut short")
		}
		n := int(binary.BigEndian.Uint16(b[i:]))
		if n < 2 || i+n > len(b) {
			return bad(len(b), "cut short in a segment")
		}
		switch {
		case m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC:
			sof = true
		case m == 0xDA:
			if !sof {
				return bad(i, "scan before frame header")
			}
			sos = true
		}
		i += n
		if m != 0xDA {
			continue
		}
		// Entropy-coded data: 0xFF is followed by 0x00 (stuffing) or a
		// restart marker inside it; any other marker ends it.
		for {
			k := bytes.IndexByte(b[i:], 0xFF)
			if k < 0 || i+k+1 >= len(b) {
				return bad(len(b), "cut short in the image data")
			}
			i += k
			if c := b[i+1]; c == 0x00 || c >= 0xD0 && c <= 0xD7 {
				i += 2
				continue
			}
			break
		}
	}
}

// pngEmbeddable reports whether gofpdf can embed the PNG as is: at most
// 8 bits per sample, not interlaced, and no alpha channel or tRNS (gofpdf
// keeps only one fully transparent palette entry, so partial transparency
// would print wrong).
func (s *source) pngEmbeddable() bool {
	var ihdr [33]byte
	if n, _ := s.ReadAt(ihdr[:], 0); n < len(ihdr) || string(ihdr[12:16]) != "IHDR" {
		return false
	}
	depth, colorType, interlace := ihdr[24], ihdr[25], ihdr[28]
	if depth > 8 || interlace != 0 || (colorType != 0 && colorType != 2 && colorType != 3) {
		return false
	}
	off := int64(33)
	for i := 0; i < 1000; i++ {
		var ch [8]byte
		if n, _ := s.ReadAt(ch[:], off); n < len(ch) {
			return false
		}
		switch string(ch[4:8]) {
		case "tRNS":
			return false
		case "IDAT":
			return true
		}
		off += 12 + int64(binary.BigEndian.Uint32(ch[:4]))
	}
	return false
}

// scaleToRGBA converts to RGBA, downscaling so the longer side is at most
// maxPx (maxPx <= 0: no limit). Scaling straight from the decoded image keeps
// memory at the output size rather than a second full-size copy.
func scaleToRGBA(src image.Image, maxPx int, k draw.Interpolator) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if maxPx > 0 && max(w, h) > maxPx {
		if w >= h {
			w, h = maxPx, max(1, int((int64(h)*int64(maxPx)+int64(b.Dx())/2)/int64(b.Dx())))
		} else {
			w, h = max(1, int((int64(w)*int64(maxPx)+int64(b.Dy())/2)/int64(b.Dy()))), maxPx
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Rect, src, b.Min, draw.Src)
	} else {
		k.Scale(dst, dst.Rect, src, b, draw.Src, nil)
	}
	return dst
}

// flattenOnWhite composites premultiplied RGBA over white, as on paper.
func flattenOnWhite(m *image.RGBA) {
	for i := 0; i+3 < len(m.Pix); i += 4 {
		a := m.Pix[i+3]
		if a == 0xFF {
			continue
		}
		inv := 0xFF - a
		m.Pix[i] += inv
		m.Pix[i+1] += inv
		m.Pix[i+2] += inv
		m.Pix[i+3] = 0xFF
	}
}

// orient applies an EXIF orientation (1..8) so the image appears upright.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := 0; dy < dh; dy++ {
		row := dst.Pix[dy*dst.Stride:]
		for dx := 0; dx < dw; dx++ {
			var sx, sy int
			switch o {
			case 2: // mirrored horizontally
				sx, sy = w-1-dx, dy
			case 3: // rotated 180°
				sx, sy = w-1-dx, h-1-dy
			case 4: // mirrored vertically
				sx, sy = dx, h-1-dy
			case 5: // transposed
				sx, sy = dy, dx
			case 6: // camera turned right: rotate 90° clockwise to view
				sx, sy = dy, h-1-dx
			case 7: // transversed
				sx, sy = w-1-dy, h-1-dx
			case 8: // rotate 90° counter-clockwise to view
				sx, sy = w-1-dy, dx
			}
			si := sy*src.Stride + sx*4
			copy(row[dx*4:dx*4+4], src.Pix[si:si+4])
		}
	}
	return dst
}
