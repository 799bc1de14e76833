//go:build ignore

// render-icon rasterises assets/icon.svg to assets/icon.png with the SVG
// renderer Fyne itself uses (ImageMagick's built-in one draws gradients black).
//
//	go run scripts/render-icon.go assets/icon.svg assets/icon.png
package main

import (
	"image"
	"image/png"
	"os"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

func main() {
	icon, err := oksvg.ReadIcon(os.Args[1], oksvg.StrictErrorMode)
	if err != nil {
		panic(err)
	}
	icon.SetTarget(0, 0, 512, 512)
	img := image.NewRGBA(image.Rect(0, 0, 512, 512))
	icon.Draw(rasterx.NewDasher(512, 512, rasterx.NewScannerGV(512, 512, img, img.Bounds())), 1)
	f, _ := os.Create(os.Args[2])
	png.Encode(f, img)
	f.Close()
}
