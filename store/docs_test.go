package store

import (
	"fmt"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
)

// TestIDHasPrefix: the nibble-wise check agrees with the hex form's
// prefix for every length, matching and not.
func TestIDHasPrefix(t *testing.T) {
	for i := range 50 {
		id := article.IDOf([]byte(fmt.Sprint(i)))
		other := article.IDOf([]byte(fmt.Sprint(i + 1000)))
		hex := id.String()
		for n := 0; n <= len(hex)+1; n++ {
			for _, p := range []string{hex[:min(n, len(hex))], other.String()[:min(n, len(hex))]} {
				if got, want := idHasPrefix(id, p), strings.HasPrefix(hex, p); got != want {
					t.Fatalf("idHasPrefix(%s, %q) = %v, want %v", hex, p, got, want)
				}
			}
		}
		if idHasPrefix(id, hex+"0") {
			t.Fatalf("a prefix longer than the ID matched")
		}
	}
}
