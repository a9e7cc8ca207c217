package store

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/broadsheet/broadsheet/store/dedup"
)

// TestPairLog: what is put is got back, flushed or not, the sketch and
// the filter each whole; a restart makes what was put before it none; a
// filter of nothing is none, beside a sketch or not.
func TestPairLog(t *testing.T) {
	var p pairLog
	dir := filepath.Join(t.TempDir(), "not", "made", "yet")
	var refs []pairRef
	var want [][]byte
	sketchOf := func(i int) dedup.Sketch {
		var s dedup.Sketch
		if i%3 != 0 { // some docs are too short to sketch
			for k := range s {
				s[k] = byte(i + k)
			}
		}
		return s
	}
	for i := range 3000 { // past one buffer's worth
		f := bytes.Repeat([]byte{byte(i), byte(i >> 8)}, 8+i%40)
		if i%5 == 0 {
			f = nil // no filter, a sketch perhaps
		}
		sk := sketchOf(i)
		refs, want = append(refs, p.put(dir, f, &sk)), append(want, f)
		if i%700 == 0 {
			if got := p.get(refs[i/2], nil); !bytes.Equal(got, want[i/2]) {
				t.Fatalf("filter %d read back as %d bytes, want %d", i/2, len(got), len(want[i/2]))
			}
		}
	}
	var buf []byte
	for i, r := range refs {
		if buf = p.get(r, buf); !bytes.Equal(buf, want[i]) {
			t.Fatalf("filter %d read back as %d bytes, want %d", i, len(buf), len(want[i]))
		}
		if got := p.sketch(r); got != sketchOf(i) {
			t.Fatalf("sketch %d read back as %x", i, got[:8])
		}
	}
	if r := p.put(dir, nil, &dedup.Sketch{}); p.get(r, nil) != nil || p.sketch(r) != (dedup.Sketch{}) {
		t.Error("a filter and a sketch of nothing read as something")
	}
	p.restart()
	if got := p.get(refs[5], nil); got != nil || p.sketch(refs[5]) != (dedup.Sketch{}) {
		t.Errorf("a record put before a restart reads as %d bytes", len(got))
	}
	sk := sketchOf(7)
	r := p.put(dir, []byte("12345678"), &sk)
	if got := p.get(r, nil); string(got) != "12345678" || p.sketch(r) != sk {
		t.Errorf("after a restart, a filter reads as %q", got)
	}
}

// TestLoadKeepsPairFilters: a cold load into a cache folder not yet made
// writes every doc's filter into its segment, and so does a warm start
// for a file it finds new.
func TestLoadKeepsPairFilters(t *testing.T) {
	dir := t.TempDir()
	for i := range 50 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("a%02d.md", i)), fmt.Sprintf("# Story %d\n\nThe minister said %d things.\n", i, i))
	}
	cache := filepath.Join(t.TempDir(), "cache", "broadsheet")
	for n, start := range []string{"cold", "warm, one file added"} {
		if n == 1 {
			writeFile(t, filepath.Join(dir, "new.md"), "# A new story\n\nWhat the minister said.\n")
		}
		lib, _ := loadWith(t, dir, cache)
		if lib.segDocs+uint32(len(lib.docs)) != uint32(50+n) || len(lib.docs) != 0 {
			t.Fatalf("%s: %d docs in segments, %d in the tail", start, lib.segDocs, len(lib.docs))
		}
		for doc := range lib.segDocs {
			p, i := lib.segOf(doc)
			if len(p.seg.Pairs(i)) == 0 {
				t.Fatalf("%s: doc %d has no filter", start, doc)
			}
		}
	}
}
