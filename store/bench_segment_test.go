package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/segment"
	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// The benchmarks of a warm start, over the segments a first load saved:
// issue 12's open, first page, sorts, one file added and merge, beside
// bench_test.go's loads and queries, at its sizes (benchSizes). The cache
// of each size is built once, by a cold load, and kept under the OS temp
// folder as broadsheet-bench-cache-<n>-v<segment format version>, so that
// only the first run at a size pays for it: a cold load of 67 s at
// 100,000 and 8 min 43 s at a million (1.7 GB resident, on two busy
// cores), past go test's default timeout. Generating the million's corpus
// itself took 167 s (README).
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
	if err := segment.Write(path, segment.DocRows(nil), nil, nil, nil); err != nil {
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

// BenchmarkAddOne is one new file dropped beside a saved library, found
// and saved as a watch's rescan does it: the file read, parsed and
// indexed, and the cache written again, which should cost the new file,
// not the index, so the bytes written to the cache folder an op are
// reported. Each op starts from the same saved library, opened (not timed)
// from a copy of its cache; the new file goes in a second root, an empty
// folder, so that the corpus is left alone.
func BenchmarkAddOne(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cache, roots := benchCache(b, n)
			extra := b.TempDir()
			both, err := scan.OpenRoots([]string{roots[0].Key, extra})
			if err != nil {
				b.Fatal(err)
			}
			saved := linkCache(b, cache, roots, both)
			vocab := testcorpus.Words()
			var written int64
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				dir := b.TempDir()
				linkFiles(b, saved, dir)
				lib := openWarm(b, dir, both, n)
				path := filepath.Join(extra, fmt.Sprintf("new-%d.txt", i))
				if err := os.WriteFile(path, newArticle(uint64(i), vocab), 0o644); err != nil {
					b.Fatal(err)
				}
				scopes, ok := scan.ScopesOf(both, []string{path})
				before := inodes(b, dir)
				b.StartTimer()
				lib.load(context.Background(), both, scopes, nil)
				b.StopTimer()
				if a, found := lib.ByPath(path); !ok || !found || lib.Len() != n+1 {
					b.Fatalf("%d articles of %d after adding %s (scope %v, found %v)", lib.Len(), n+1, path, ok, a != nil)
				}
				written += writtenSince(b, dir, before)
				closeSegments(lib)
				closeSegments(openWarm(b, dir, both, n+1)) // saved
				os.Remove(path)
				os.RemoveAll(dir)
				b.StartTimer()
			}
			b.ReportMetric(float64(written)/float64(b.N), "written-B/op")
		})
	}
}

// linkCache returns a new folder holding the cache of roots, in cache,
// as the cache of more: the same segments, hard links to them, and a
// manifest naming more's roots, of which roots are the first.
func linkCache(b *testing.B, cache string, roots, more []article.Root) string {
	b.Helper()
	from, to := NewLibrary(), NewLibrary()
	from.CacheDir, to.CacheDir = cache, b.TempDir()
	m, err := readManifest(from.cachePath(roots), roots)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range m.segs {
		if err := os.Link(filepath.Join(cache, s.name), filepath.Join(to.CacheDir, s.name)); err != nil {
			b.Fatal(err)
		}
	}
	data, err := encodeManifest(m, more)
	if err == nil {
		err = writeAtomic(to.cachePath(more), data)
	}
	if err != nil {
		b.Fatal(err)
	}
	return to.CacheDir
}

// linkFiles hard-links every file of folder from into folder to.
func linkFiles(b *testing.B, from, to string) {
	b.Helper()
	ents, err := os.ReadDir(from)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range ents {
		if err := os.Link(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			b.Fatal(err)
		}
	}
}

// inodes maps each file of dir to its inode: a file written since, new
// or replaced, has another.
func inodes(b *testing.B, dir string) map[string]uint64 {
	b.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	ino := map[string]uint64{}
	for _, e := range ents {
		if fi, err := e.Info(); err == nil {
			ino[e.Name()] = scan.StampOf(fi).Ino
		}
	}
	return ino
}

// writtenSince is the bytes of the files of dir written since before.
func writtenSince(b *testing.B, dir string, before map[string]uint64) int64 {
	b.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, e := range ents {
		fi, err := e.Info()
		if ino, ok := before[e.Name()]; err == nil && (!ok || ino != scan.StampOf(fi).Ino) {
			n += fi.Size()
		}
	}
	return n
}

// newArticle is a seed-format article of 2-3 KB as testcorpus writes
// them, from its vocabulary by a Zipf law, dated after all of its
// articles and unlike any of them: what a user adds.
func newArticle(seed uint64, vocab []string) []byte {
	rnd := rand.New(rand.NewPCG(seed, 12))
	words := testcorpus.ZipfWords(rnd, vocab)
	date := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(seed) * time.Minute)
	var s strings.Builder
	fmt.Fprintf(&s, "%s\nNew %d: %s\n", date.Format("Monday, January 2, 2006 03:04 PM"), seed, words(7+rnd.IntN(9)))
	for s.Len() < 2000+rnd.IntN(1000) {
		fmt.Fprintf(&s, "%s.\n", words(8+rnd.IntN(14)))
	}
	return []byte(s.String())
}

// smallSegs and smallDocs are the small segments BenchmarkMerge merges
// with the big one: what a few saves of new files leave.
const smallSegs, smallDocs = 3, 200

// BenchmarkMerge is segment.Merge of the saved library's segment with a
// few small ones, their inputs' bytes a second reported (each input is
// read whole, and checked, before it is merged).
func BenchmarkMerge(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cache, roots := benchCache(b, n)
			lib := openWarm(b, cache, roots, n)
			defer closeSegments(lib)
			if len(lib.segs) != 1 {
				b.Fatalf("the saved library has %d segments, not one", len(lib.segs))
			}
			segs := []*segment.Segment{lib.segs[0].seg}
			paths := []string{filepath.Join(cache, lib.segs[0].name)}
			vocab := testcorpus.Words()
			for k := range smallSegs {
				s, path := smallSegment(b, k, vocab)
				segs, paths = append(segs, s), append(paths, path)
			}
			var bytes int64
			for _, path := range paths {
				fi, err := os.Stat(path)
				if err != nil {
					b.Fatal(err)
				}
				bytes += fi.Size()
			}
			b.SetBytes(bytes)
			out := filepath.Join(b.TempDir(), "merged.seg")
			for b.Loop() {
				if err := segment.Merge(out, segs, nil); err != nil {
					b.Fatal(err)
				}
			}
			merged, err := segment.Open(out)
			if err != nil {
				b.Fatal(err)
			}
			defer merged.Close()
			if want := n + smallSegs*smallDocs; merged.Len() != want {
				b.Fatalf("merged %d docs of %d", merged.Len(), want)
			}
			reportSize(b, out)
		})
	}
}

// smallSegment is the segment a cold load of smallDocs new articles
// saves, the k'th of its kind, and its file; it is closed at the end of
// the benchmark.
func smallSegment(b *testing.B, k int, vocab []string) (*segment.Segment, string) {
	b.Helper()
	dir := b.TempDir()
	for j := range smallDocs {
		name := filepath.Join(dir, fmt.Sprintf("new-%d-%d.txt", k, j))
		if err := os.WriteFile(name, newArticle(uint64(1000*(k+1)+j), vocab), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	lib := NewLibrary()
	lib.CacheDir = b.TempDir()
	lib.Load(context.Background(), roots, nil)
	saved := openWarm(b, lib.CacheDir, roots, smallDocs)
	if len(saved.segs) != 1 {
		b.Fatalf("a load of %d articles saved %d segments", smallDocs, len(saved.segs))
	}
	b.Cleanup(func() { closeSegments(saved) })
	return saved.segs[0].seg, filepath.Join(lib.CacheDir, saved.segs[0].name)
}

// reportSize reports the size of the file at path, in MB.
func reportSize(b *testing.B, path string) {
	b.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(fi.Size())/1e6, "MB")
}

// BenchmarkRelatedWarm is BenchmarkRelated over the warm library, whose
// words are looked up in its segment, not in an index in memory: an
// article's five related stories, its body read from disk. It is here
// because BenchmarkRelated loads cold first, ten minutes at a million.
func BenchmarkRelatedWarm(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cache, roots := benchCache(b, n)
			lib := openWarm(b, cache, roots, n)
			defer closeSegments(lib)
			all := lib.Search(query.Query{}, SearchOptions{})
			i := 0
			for b.Loop() {
				a := all.At((i * 7919) % all.Len())
				got, err := lib.Related(a, 5)
				if err != nil {
					b.Fatal(err)
				}
				if len(got) != 5 || slices.Contains(got, a) {
					b.Fatalf("related to %q: %d, itself among them: %v", a.Headline, len(got), slices.Contains(got, a))
				}
				i++
			}
		})
	}
}
