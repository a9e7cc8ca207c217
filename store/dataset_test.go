package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/query"
)

// TestLoadJSONL: a JSON Lines file is a folder of articles: each record
// searchable and opened by its offset; a bad line, and one too long to
// hold, are reported by line number and the rest load.
func TestLoadJSONL(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"title": "Qatar talks resume", "text": "Mediators met in Doha.", "date": "2024-11-16", "url": "https://example.com/q"}` + "\n")
	b.WriteString("{not json\n")
	b.WriteString(`{"title": "A line too long", "text": "` + strings.Repeat("x", 17<<20) + `"}` + "\n")
	b.WriteString(`{"headline": "Markets in München", "content": "Stocks rose.", "published": 1731790140}` + "\n")
	writeFile(t, filepath.Join(dir, "news.jsonl"), b.String())
	lib, ps := loadWith(t, dir, t.TempDir())
	final := ps[len(ps)-1]
	if lib.Len() != 2 || final.Skipped != 2 || final.Done != 1 {
		t.Fatalf("loaded %d, final %+v; want two records and two bad lines of one file", lib.Len(), final)
	}
	var lines []string
	for _, s := range lib.Skipped() {
		lines = append(lines, s.String())
	}
	if got := strings.Join(lines, "\n"); !strings.Contains(got, "news.jsonl:2: not a JSON object") || !strings.Contains(got, "news.jsonl:3: longer than 16 MB") {
		t.Errorf("skipped:\n%s", got)
	}
	res := lib.Search(query.Parse("munchen"), SearchOptions{}).Articles()
	if len(res) != 1 {
		t.Fatalf("munchen found %d", len(res))
	}
	full, err := lib.Open(res[0])
	if err != nil || full.Body != "Stocks rose." || full.Headline != "Markets in München" {
		t.Errorf("Open = %+v, %v", full, err)
	}
	// A warm start reads the records from the cache, not the file, and
	// still lists the bad lines.
	warm, ps := loadWith(t, dir, filepath.Dir(lib.cachePath(mustRoots(t, dir))))
	if warm.Len() != 2 || ps[len(ps)-1].Read != 0 || ps[len(ps)-1].Skipped != 2 || len(warm.Skipped()) != 2 {
		t.Errorf("warm: %d articles, read %d files, skipped %d %v", warm.Len(), ps[len(ps)-1].Read, ps[len(ps)-1].Skipped, warm.Skipped())
	}
	if got := warm.Skipped(); len(got) == 2 && got[0].String() != lib.Skipped()[0].String() {
		t.Errorf("warm lists %q, cold %q", got[0], lib.Skipped()[0])
	}
}

// TestLoadLargeJSONL: a dataset of many batches loads whole, its records
// decoded on every core, with its bad lines reported, and a warm start
// keeps every record.
func TestLoadLargeJSONL(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	const n = 5000
	for i := range n {
		if i%1000 == 999 {
			b.WriteString("oops\n")
			continue
		}
		fmt.Fprintf(&b, `{"title": "Record %d", "text": "Body of record %d, qatar%d.", "date": "2024-01-%02d"}`+"\n", i, i, i%7, 1+i%28)
	}
	writeFile(t, filepath.Join(dir, "big.jsonl"), b.String())
	cache := t.TempDir()
	lib, ps := loadWith(t, dir, cache)
	final := ps[len(ps)-1]
	if lib.Len() != n-5 || final.Skipped != 5 || final.Done != 1 {
		t.Fatalf("loaded %d, final %+v; want %d records and 5 bad lines", lib.Len(), final, n-5)
	}
	if got := len(lib.Search(query.Parse("qatar3"), SearchOptions{}).Articles()); got != 713 {
		t.Errorf("qatar3 found %d, want 713 (714, less the bad line 2999)", got)
	}
	warm, _ := loadWith(t, dir, cache)
	if got, want := summary(warm), summary(lib); !slices.Equal(got, want) {
		t.Errorf("warm differs: %s", firstDiff(got, want))
	}
}

// TestAppendedJSONLReadsOnlyTheNew: a dataset that has only grown is read
// from the end of its last known record; the records before it are kept
// as they were, and a bad line among the new ones is named by its line in
// the whole file.
func TestAppendedJSONLReadsOnlyTheNew(t *testing.T) {
	dir, cache := t.TempDir(), t.TempDir()
	name := filepath.Join(dir, "wire.jsonl")
	first := `{"title": "First record", "text": "One."}` + "\n" + `{"title": "Second record", "text": "Two."}` + "\n"
	writeFile(t, name, first)
	loadWith(t, dir, cache)

	// Grown by two lines, one bad; and, as a probe, the first record
	// changed in place at the same length: were the whole file read
	// again, it would show.
	grown := strings.Replace(first, "First record", "FIRST RECORD", 1) + "oops\n" + `{"title": "Third record", "text": "Three."}` + "\n"
	writeFile(t, name, grown)
	lib, ps := loadWith(t, dir, cache)
	got := libHeadlines(lib.Search(query.Query{}, SearchOptions{}).Articles())
	if !slices.Equal(got, []string{"First record", "Second record", "Third record"}) {
		t.Errorf("after the append: %q", got)
	}
	if final := ps[len(ps)-1]; final.Read != 1 || final.Skipped != 1 {
		t.Errorf("final %+v", final)
	}
	if s := lib.Skipped(); len(s) != 1 || !strings.HasSuffix(s[0].Path, "wire.jsonl:3") {
		t.Errorf("skipped %v, want line 3", s)
	}
	// The cache now knows the grown file: the next start reads nothing.
	_, ps = loadWith(t, dir, cache)
	if final := ps[len(ps)-1]; final.Read != 0 || final.Loaded != 3 {
		t.Errorf("the start after: %+v", final)
	}
	// A file rewritten, not grown, is read whole.
	writeFile(t, name, `{"title": "Only record"}`+"\n"+strings.Repeat(" ", len(grown)))
	lib, _ = loadWith(t, dir, cache)
	if got := libHeadlines(lib.Search(query.Query{}, SearchOptions{}).Articles()); !slices.Equal(got, []string{"Only record"}) {
		t.Errorf("after a rewrite: %q", got)
	}
}
