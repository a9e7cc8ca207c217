package store

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"slices"
	"testing"

	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
)

// TestOldSegmentIsRebuilt: a segment of version 1, from before segments
// stored prefix sets, is refused and the cache rebuilt, and a filter's
// first letters find on the segments what they find in memory.
func TestOldSegmentIsRebuilt(t *testing.T) {
	dir := cacheCorpus(t)
	cold, _ := loadWith(t, dir, "")
	queries := []string{"q", "qa", "z", "zu", "m", "mu", "s", "st", "title:s", "title:st", "h", "ho"}
	want := append(summary(cold), prefixSummary(cold, queries)...)
	cache := t.TempDir()
	loadWith(t, dir, cache)
	seg := segmentFiles(t, cache)[0]
	b, err := os.ReadFile(seg)
	if err != nil {
		t.Fatal(err)
	}
	// Version 1's header was 256 bytes, its CRC at 248.
	binary.LittleEndian.PutUint32(b[20:], 1)
	binary.LittleEndian.PutUint32(b[248:], crc32.Checksum(b[:248], crc32.MakeTable(crc32.Castagnoli)))
	if err := os.WriteFile(seg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	warm, _ := loadWith(t, dir, cache)
	if got := append(summary(warm), prefixSummary(warm, queries)...); !slices.Equal(got, want) {
		t.Errorf("load over a version 1 segment differs from cold: %s", firstDiff(got, want))
	}
	fresh := NewLibrary()
	roots, _ := scan.OpenRoots([]string{dir})
	if err := fresh.readCache(cacheFiles(t, cache)[0], roots); err != nil {
		t.Fatalf("cache not rebuilt: %v", err)
	}
	if got := append(summary(fresh), prefixSummary(fresh, queries)...); !slices.Equal(got, want) {
		t.Errorf("the rebuilt segments differ from cold: %s", firstDiff(got, want))
	}
}

// prefixSummary is the IDs each query finds, in order.
func prefixSummary(lib *Library, queries []string) []string {
	var out []string
	for _, q := range queries {
		out = append(out, "query "+q)
		for _, a := range lib.Search(query.Parse(q), SearchOptions{}).Articles() {
			out = append(out, a.ID.String())
		}
	}
	return out
}
