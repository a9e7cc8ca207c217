package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// The benchmarks run over corpora from store/testcorpus, generated once
// under the OS temp folder: go test ./store -run '^$' -bench . -benchtime 3x
// The sizes are 10,000 and 100,000 articles; BROADSHEET_BENCH_SIZES may
// name others, comma-separated.

var benchSizes = []int{10_000, 100_000}

func benchCorpus(b *testing.B, n int) []article.Root {
	b.Helper()
	dir, err := testcorpus.Dir(n)
	if err != nil {
		b.Fatal(err)
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	return roots
}

// benchLoad times loading roots, which hold n articles: cold, or warm
// from a cache a first load wrote.
func benchLoad(b *testing.B, roots []article.Root, n int, warm bool) {
	cache := ""
	if warm {
		cache = b.TempDir()
		first := NewLibrary()
		first.CacheDir = cache
		first.Load(context.Background(), roots, nil)
	}
	for b.Loop() {
		lib := NewLibrary()
		lib.CacheDir = cache
		lib.Load(context.Background(), roots, nil)
		if lib.Len() != n {
			b.Fatalf("loaded %d of %d", lib.Len(), n)
		}
	}
}

// BenchmarkLoadCold is a first start: every file read, parsed and indexed
// (from the page cache; the OS's own cache is not dropped).
func BenchmarkLoadCold(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			benchLoad(b, benchCorpus(b, n), n, false)
		})
	}
}

// BenchmarkLoadWarm is a later start: the cache read, every file's size
// and time checked, nothing parsed.
func BenchmarkLoadWarm(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			benchLoad(b, benchCorpus(b, n), n, true)
		})
	}
}

// typed is what a user types, one prefix a keystroke: real words of the
// corpus, common and rare.
var typed = []string{"qatar hostage", "minister", "election results", "hamas talks", "energy prices", "zurich"}

// BenchmarkQueryTyping times one keystroke's query: each op is one prefix
// of the words above, as they are typed letter by letter, over the
// library as a warm start has it (its segments mapped, see
// benchLibrary). Beside the mean it reports the median and the slowest
// query, which are what a user waiting on a keystroke sees.
func BenchmarkQueryTyping(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			lib := benchLibrary(b, n)
			var keys []query.Query
			for _, s := range typed {
				for i := 1; i <= len(s); i++ {
					keys = append(keys, query.Parse(s[:i]))
				}
			}
			var took []time.Duration
			i := 0
			for b.Loop() {
				t := time.Now()
				lib.Search(keys[i%len(keys)], SearchOptions{})
				took = append(took, time.Since(t))
				i++
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "max-ms")
		})
	}
}

// phrases are quoted queries of common and rare words of the corpus.
var phrases = []string{`"said the minister"`, `"qatar hostage"`, `"to vatomentka"`}

// BenchmarkPhrase times a phrase's search over the library as a warm
// start has it: the candidates (docs holding its words) asked their
// filters of adjacent words, and the files of those that may hold it
// read.
func BenchmarkPhrase(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			lib := benchLibrary(b, n)
			for _, p := range phrases {
				q := query.Parse(p)
				b.Run(strings.Trim(p, `"`), func(b *testing.B) {
					for b.Loop() {
						lib.Search(q, SearchOptions{})
					}
				})
			}
		})
	}
}

// benchLibrary loads the corpus of n articles as a warm start does, from
// a cache kept under the OS temp folder beside the corpus: building the
// segment of a million articles takes minutes, so it is built once, by
// the first run, and the library of that run (its articles in the heap,
// not mapped) is loaded again from what it saved.
func benchLibrary(b *testing.B, n int) *Library {
	b.Helper()
	roots := benchCorpus(b, n)
	cache := filepath.Join(os.TempDir(), fmt.Sprintf("broadsheet-bench-cache-%d", n))
	for range 2 {
		lib := NewLibrary()
		lib.CacheDir = cache
		lib.Load(context.Background(), roots, nil)
		if lib.Len() != n {
			b.Fatalf("loaded %d of %d", lib.Len(), n)
		}
		if len(lib.docs) == 0 {
			return lib
		}
	}
	b.Fatal("the library was not loaded from its cache")
	return nil
}

func TestMain(m *testing.M) {
	// Measure with the GC target the app runs with (main.gcPercent).
	debug.SetGCPercent(25)
	if s := os.Getenv("BROADSHEET_BENCH_SIZES"); s != "" {
		benchSizes = nil
		for _, f := range strings.Split(s, ",") {
			var n int
			fmt.Sscan(f, &n)
			benchSizes = append(benchSizes, n)
		}
	}
	os.Exit(m.Run())
}

// BenchmarkLoadJSONL loads the same articles as BenchmarkLoadCold and
// BenchmarkLoadWarm, as one JSON Lines file: a dataset must load as fast
// as a folder of files.
func BenchmarkLoadJSONL(b *testing.B) {
	for _, n := range benchSizes {
		file, err := testcorpus.JSONL(n)
		if err != nil {
			b.Fatal(err)
		}
		roots, err := scan.OpenRoots([]string{file})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("cold/%d", n), func(b *testing.B) {
			benchLoad(b, roots, n, false)
		})
		b.Run(fmt.Sprintf("warm/%d", n), func(b *testing.B) {
			benchLoad(b, roots, n, true)
		})
	}
}
