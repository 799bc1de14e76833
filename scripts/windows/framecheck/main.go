// Command framecheck reads an X window dump (xwd -root), writes it as PNG
// and fails when the picture is blank: the Windows smoke test
// (scripts/test-windows.sh) uses it to tell a drawn window from a black
// screen or an empty frame. Only the ZPixmap, 24/32-bit TrueColor dumps that
// Xvfb makes are read.
//
// Usage: framecheck IN.xwd OUT.png
package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
)

// minColours: a Fyne window with text and icons has hundreds of distinct
// colours (anti-aliasing); a blank screen or a window filled with one colour
// has a handful.
const (
	minColours = 64
	// minCovered is the share of the screen that is not the background
	// colour: the 1100x720 window on a 1280x800 screen covers most of it.
	minCovered = 0.25
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: framecheck IN.xwd OUT.png")
		os.Exit(2)
	}
	img, err := readXWD(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "framecheck:", err)
		os.Exit(1)
	}
	if err := writePNG(os.Args[2], img); err != nil {
		fmt.Fprintln(os.Stderr, "framecheck:", err)
		os.Exit(1)
	}
	colours, covered := measure(img)
	fmt.Fprintf(os.Stderr, "framecheck: %dx%d, %d colours, %.0f%% not background\n",
		img.Bounds().Dx(), img.Bounds().Dy(), colours, covered*100)
	if colours < minColours || covered < minCovered {
		fmt.Fprintln(os.Stderr, "framecheck: the frame is blank")
		os.Exit(1)
	}
}

// measure counts distinct colours and the share of pixels that differ from
// the corner pixel (the root window's background).
func measure(img *image.RGBA) (int, float64) {
	seen := map[color.RGBA]bool{}
	bg := img.RGBAAt(0, 0)
	b := img.Bounds()
	other := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.RGBAAt(x, y)
			seen[c] = true
			if c != bg {
				other++
			}
		}
	}
	return len(seen), float64(other) / float64(b.Dx()*b.Dy())
}

func readXWD(path string) (*image.RGBA, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var h [25]uint32
	if err := binary.Read(f, binary.BigEndian, &h); err != nil {
		return nil, err
	}
	headerSize, version, format := h[0], h[1], h[2]
	width, height := int(h[4]), int(h[5])
	byteOrder, bpp, bpl := h[7], h[11], int(h[12])
	redMask, greenMask, blueMask := h[14], h[15], h[16]
	ncolors := h[19]
	if version != 7 || format != 2 || (bpp != 32 && bpp != 24) || width <= 0 || height <= 0 || width > 16384 || height > 16384 {
		return nil, fmt.Errorf("unsupported dump (version %d, format %d, %d bpp, %dx%d)", version, format, bpp, width, height)
	}
	if headerSize < 100 || bpl < width*int(bpp/8) {
		return nil, errors.New("damaged header")
	}
	// The window name follows the header, then 12 bytes per colour.
	if _, err := io.CopyN(io.Discard, f, int64(headerSize)-100+int64(ncolors)*12); err != nil {
		return nil, err
	}
	row := make([]byte, bpl)
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	px := int(bpp / 8)
	for y := 0; y < height; y++ {
		if _, err := io.ReadFull(f, row); err != nil {
			return nil, fmt.Errorf("row %d: %w", y, err)
		}
		for x := 0; x < width; x++ {
			var v uint32
			p := row[x*px : x*px+px]
			for i := range px {
				if byteOrder == 0 { // LSBFirst
					v |= uint32(p[i]) << (8 * i)
				} else {
					v = v<<8 | uint32(p[i])
				}
			}
			img.SetRGBA(x, y, color.RGBA{channel(v, redMask), channel(v, greenMask), channel(v, blueMask), 0xff})
		}
	}
	return img, nil
}

// channel extracts an 8-bit channel under mask.
func channel(v, mask uint32) uint8 {
	if mask == 0 {
		return 0
	}
	shift := 0
	for mask&1 == 0 {
		mask >>= 1
		shift++
	}
	c := (v >> shift) & mask
	if mask != 0xff {
		c = c * 255 / mask
	}
	return uint8(c)
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
