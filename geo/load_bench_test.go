package geo

import (
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	loadForTest(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(dataFS); err != nil {
			b.Fatal(err)
		}
	}
}
