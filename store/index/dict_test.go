package index

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// corpusDocs reads the headlines and bodies of the 1,000-article test
// corpus, as the loader's parser leaves them.
func corpusDocs(b *testing.B) (docs [][2]string, size int64) {
	b.Helper()
	dir, err := testcorpus.Dir(1000)
	if err != nil {
		b.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines := strings.SplitN(string(data), "\n", 3)
		if len(lines) == 3 {
			docs = append(docs, [2]string{lines[1], strings.ReplaceAll(lines[2], "\n", "\n\n")})
			size += int64(len(lines[1]) + len(lines[2]))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return docs, size
}

// BenchmarkTerms is the loader's inner loop: every word of every article
// folded and numbered, into a new index (cold) or one that knows every
// word already (warm).
func BenchmarkTerms(b *testing.B) {
	docs, size := corpusDocs(b)
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size)
			tm := NewTermer(New())
			for _, d := range docs {
				tm.Terms(d[0], d[1])
			}
			for b.Loop() {
				if !warm {
					tm = NewTermer(New())
				}
				for _, d := range docs {
					tm.Terms(d[0], d[1])
				}
			}
		})
	}
}
