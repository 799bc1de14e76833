package pdf

import (
	"reflect"
	"strings"

	"leakdesk/internal/report"
)

// gofpdf's UTF-8 font support indexes a 65,536-entry table by rune and
// panics on anything outside the Basic Multilingual Plane — an emoji in an
// SMS, a rare CJK extension character. Every string of the packet and of
// typeset exhibits passes through bmpOnly before layout.

func bmpString(s string) string {
	for _, r := range s {
		if r > 0xFFFF {
			return strings.Map(func(r rune) rune {
				if r > 0xFFFF {
					return '□' // stands in for what the PDF cannot carry
				}
				return r
			}, s)
		}
	}
	return s
}

// bmpOnly returns the packet with every string made printable.
func bmpOnly(p report.Packet) report.Packet {
	v := reflect.ValueOf(&p).Elem()
	bmpValue(v)
	return p
}

func bmpValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			if s := bmpString(v.String()); s != v.String() {
				v.SetString(s)
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			bmpValue(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				bmpValue(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			bmpValue(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := v.MapIndex(k)
			if e.Kind() == reflect.String {
				v.SetMapIndex(k, reflect.ValueOf(bmpString(e.String())).Convert(e.Type()))
			}
		}
	}
}
