package pdf

import (
	"io"
	"testing"
)

func BenchmarkRenderFixture(b *testing.B) {
	p, src := fixturePacket(b)
	for i := 0; i < b.N; i++ {
		if err := Render(io.Discard, p, src); err != nil {
			b.Fatal(err)
		}
	}
}
