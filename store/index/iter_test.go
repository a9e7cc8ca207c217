package index

import (
	"slices"
	"testing"
)

// TestEachTerm: every word once, in byte order, with the same docs as
// Words gives, in both posting forms.
func TestEachTerm(t *testing.T) {
	bothForms(t, func(t *testing.T) {
		x := build(t)
		n := len(testDocs)
		var words []string
		x.EachTerm(func(w string, all, title func(yield func(doc uint32))) {
			words = append(words, w)
			for _, tt := range []struct {
				each  func(yield func(doc uint32))
				title bool
			}{{all, false}, {title, true}} {
				var got []uint32
				tt.each(func(doc uint32) { got = append(got, doc) })
				if want := docsOf(x.Words(w, false, tt.title, n), n); !slices.Equal(got, want) {
					t.Errorf("%q (title %v): EachTerm gave %v, Words %v", w, tt.title, got, want)
				}
			}
		})
		if !slices.IsSorted(words) || len(words) != len(x.dict.snapshot()) {
			t.Errorf("EachTerm gave %d words %v, want all %d in order", len(words), words, len(x.dict.snapshot()))
		}
	})
}
