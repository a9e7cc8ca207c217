package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/segment"
)

// The benchmarks of a warm start, over the segments a first load saved:
// issue 12's open, first page, sorts, one file added and merge, beside
// bench_test.go's loads and queries, at its sizes (benchSizes). The cache
// of each size is built once, by a cold load, and kept under the OS temp
// folder as broadsheet-bench-cache-<n>-v<segment format version>, so that
// only the first run at a size pays for it; at a million that is a cold
// load of about ten minutes, past go test's default timeout:
//
//	go test ./store -run '^$' -bench 'Open|FirstPage|Sort|AddOne|Merge' -benchtime 3x
//	BROADSHEET_BENCH_SIZES=1000000 go test ./store -run '^$' -bench 'Open|FirstPage|Sort|AddOne|Merge' -benchtime 3x -timeout 60m
//
// Nothing here writes to a cache folder another benchmark reads: one that
// saves works on a copy of hard links (segments are never changed once
// written, and a manifest is replaced, not rewritten).

// benchCache returns the roots of the corpus of n articles and a cache
// folder holding their saved index, built the first time. The folder is
// marked complete with the corpus's own completion stamp, so a corpus
// generated again is cached again.
func benchCache(b *testing.B, n int) (string, []article.Root) {
	b.Helper()
	roots := benchCorpus(b, n)
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("broadsheet-bench-cache-%d-v%d", n, segmentVersion(b)))
	fi, err := os.Stat(filepath.Join(roots[0].Key, ".complete"))
	if err != nil {
		b.Fatal(err)
	}
	stamp := fmt.Sprint(scan.StampOf(fi))
	if got, err := os.ReadFile(filepath.Join(dir, ".complete")); err == nil && string(got) == stamp {
		return dir, roots
	}
	tmp := fmt.Sprintf("%s.tmp%d", dir, os.Getpid())
	os.RemoveAll(tmp)
	start := time.Now()
	lib := NewLibrary()
	lib.CacheDir = tmp
	lib.Load(context.Background(), roots, nil)
	if lib.Len() != n {
		b.Fatalf("loaded %d of %d", lib.Len(), n)
	}
	closeSegments(openWarm(b, tmp, roots, n)) // what was saved opens whole
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), []byte(stamp), 0o644); err != nil {
		b.Fatal(err)
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		// Another run may have built it meanwhile.
		os.RemoveAll(tmp)
		if got, _ := os.ReadFile(filepath.Join(dir, ".complete")); string(got) != stamp {
			b.Fatal(err)
		}
	}
	b.Logf("built the cache of %d articles in %s", n, time.Since(start).Round(time.Second))
	return dir, roots
}

// segmentVersion is the format version segment.Write puts in a file's
// header (a uint32 at byte 20): a new format is a new cache.
func segmentVersion(b *testing.B) uint32 {
	b.Helper()
	path := filepath.Join(b.TempDir(), "version.seg")
	if err := segment.Write(path, nil, nil, nil, nil); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || len(data) < 24 {
		b.Fatalf("reading an empty segment's version: %v", err)
	}
	return binary.LittleEndian.Uint32(data[20:])
}

// openWarm is what a warm start does before its rows can be read, as Load
// does it: the cache's manifest read and its segments mapped, no file
// checked. The caller unmaps them (closeSegments).
func openWarm(b *testing.B, cache string, roots []article.Root, n int) *Library {
	b.Helper()
	lib := NewLibrary()
	lib.CacheDir = cache
	if err := lib.readCache(lib.cachePath(roots), roots); err != nil {
		b.Fatal(err)
	}
	if lib.Len() != n {
		b.Fatalf("opened %d of %d", lib.Len(), n)
	}
	return lib
}

// closeSegments unmaps a library's segments; nothing read of them may be
// used after.
func closeSegments(lib *Library) {
	for _, p := range lib.segs {
		p.seg.Close()
	}
}

// BenchmarkOpen is a warm start up to the moment its first rows can be
// read: the manifest read and the segments mapped (openWarm), without the
// check of every file that follows behind the screen.
func BenchmarkOpen(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cache, roots := benchCache(b, n)
			for b.Loop() {
				lib := openWarm(b, cache, roots, n)
				b.StopTimer()
				closeSegments(lib)
				b.StartTimer()
			}
		})
	}
}

// firstPage is how many rows the first screen shows, or more.
const firstPage = 50

// row is what the list shows of an article.
type row struct {
	headline string
	date     time.Time
	id       article.ID
}

// BenchmarkFirstPage is the rest of a warm start up to the first rows on
// screen: over a library just opened (BenchmarkOpen, not timed), the
// empty query's result, every article newest first, and the headline,
// date and ID of its first rows, each built from its segment's row.
func BenchmarkFirstPage(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cache, roots := benchCache(b, n)
			rows := make([]row, firstPage)
			for b.Loop() {
				b.StopTimer()
				lib := openWarm(b, cache, roots, n)
				b.StartTimer()
				res := lib.Search(query.Query{}, SearchOptions{})
				for i := range rows {
					a := res.At(i)
					rows[i] = row{a.Headline, a.Date, a.ID}
				}
				b.StopTimer()
				if res.Len() != n {
					b.Fatalf("%d articles found of %d", res.Len(), n)
				}
				checkNewestFirst(b, rows)
				closeSegments(lib)
				clear(rows) // their strings may lie in the mappings
				b.StartTimer()
			}
		})
	}
}

// checkNewestFirst fails b unless rows are distinct articles, each with a
// headline, newest first.
func checkNewestFirst(b *testing.B, rows []row) {
	b.Helper()
	seen := map[article.ID]bool{}
	for i, r := range rows {
		if r.headline == "" || seen[r.id] {
			b.Fatalf("row %d: headline %q, ID %s seen before: %v", i, r.headline, r.id, seen[r.id])
		}
		seen[r.id] = true
		if i > 0 && r.date.After(rows[i-1].date) {
			b.Fatalf("row %d (%s) is newer than row %d (%s)", i, r.date, i-1, rows[i-1].date)
		}
	}
}

// typedKeys are the queries of typing bench_test.go's typed, a prefix a
// keystroke, as BenchmarkQueryTyping asks them.
func typedKeys() []query.Query {
	var keys []query.Query
	for _, s := range typed {
		for i := 1; i <= len(s); i++ {
			keys = append(keys, query.Parse(s[:i]))
		}
	}
	return keys
}

// BenchmarkSort is each order of Sorts over the warm library (the cache
// opened, its files not checked): "typed" is the whole typed sequence an
// op, with the median and the slowest of its queries reported (issue 12
// asks for a median under 5 ms at a million); "all" is the empty query,
// every article.
func BenchmarkSort(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cache, roots := benchCache(b, n)
			lib := openWarm(b, cache, roots, n)
			b.Cleanup(func() { closeSegments(lib) })
			keys := typedKeys()
			for s := range Sorts {
				by := Sort(s)
				b.Run("typed/"+by.String(), func(b *testing.B) { benchTyped(b, lib, keys, by) })
				b.Run("all/"+by.String(), func(b *testing.B) {
					var res Result
					for b.Loop() {
						res = lib.Search(query.Query{}, SearchOptions{Sort: by})
					}
					if res.Len() != n {
						b.Fatalf("%d articles found of %d", res.Len(), n)
					}
					checkOrder(b, lib, query.Query{}, res, by)
				})
			}
		})
	}
}

// benchTyped asks the typed queries in order by, timing each; it checks
// that each finds what it finds newest first, in order by.
func benchTyped(b *testing.B, lib *Library, keys []query.Query, by Sort) {
	want := make([]int, len(keys))
	for i, q := range keys {
		want[i] = lib.Search(q, SearchOptions{}).Len()
	}
	var took []time.Duration
	last := make([]Result, len(keys))
	for b.Loop() {
		for i, q := range keys {
			start := time.Now()
			last[i] = lib.Search(q, SearchOptions{Sort: by})
			took = append(took, time.Since(start))
		}
	}
	for i, q := range keys {
		if last[i].Len() != want[i] {
			b.Fatalf("%q by %s found %d, newest first %d", q, by, last[i].Len(), want[i])
		}
		checkOrder(b, lib, q, last[i], by)
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/1e6, "ms/query-median")
	b.ReportMetric(float64(took[len(took)-1])/1e6, "ms/query-max")
}

// checkOrder fails b unless the first rows of res, what q found, are in
// order by: newest or oldest first (the undated last either way), by
// headline, or by q's BM25 score.
func checkOrder(b *testing.B, lib *Library, q query.Query, res Result, by Sort) {
	b.Helper()
	var score func(doc uint32) float64
	if by == SortRelevance {
		lib.mu.RLock()
		score = lib.bm25(q)
		lib.mu.RUnlock()
	}
	for i := 1; i < min(res.Len(), firstPage); i++ {
		x, y := res.At(i-1), res.At(i)
		ok := true
		switch {
		case x.Undated || y.Undated:
			ok = !x.Undated || y.Undated
		case by == SortNewest || by == SortRelevance && len(q.Words) == 0:
			ok = !y.Date.After(x.Date)
		case by == SortOldest:
			ok = !y.Date.Before(x.Date)
		case by == SortTitle:
			ok = foldTitle(x.Headline) <= foldTitle(y.Headline)
		case by == SortRelevance:
			lib.mu.RLock()
			ok = score(res.docs[i-1]) >= score(res.docs[i])
			lib.mu.RUnlock()
		}
		if !ok {
			b.Fatalf("%q by %s: row %d (%s %q) before row %d (%s %q)", q, by, i-1, x.Date, x.Headline, i, y.Date, y.Headline)
		}
	}
}
