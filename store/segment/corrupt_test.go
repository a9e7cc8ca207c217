package segment

import (
	"errors"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet/broadsheet/store/index"
)

// validFile returns the bytes of a small segment.
func validFile(t testing.TB) []byte {
	t.Helper()
	c := makeCorpus(5, 40, 8)
	path := filepath.Join(t.TempDir(), "seg")
	if err := Write(path, DocRows(c.docs), c.files, c.x, c.renum); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// openBytes opens data as Open would a file of it; when that succeeds it
// calls every accessor, which must not panic, merges it into dir when
// dir is set, and returns Verify's answer.
func openBytes(dir string, data []byte) error {
	s, err := load("spoiled", data)
	if err != nil {
		return err
	}
	exercise(s, dir)
	return s.Verify()
}

// exercise calls every accessor of s, and merges it into dir.
func exercise(s *Segment, dir string) {
	var words []string
	s.Terms(func(w string) bool { words = append(words, w); return len(words) < 20 })
	words = append(words, "", "a", "zz", "\xff", "a\xff")
	for _, w := range words[:len(words)-5] {
		one, two := prefixKeys(w)
		words = append(words, one, two)
	}
	dst := index.NewBitset(s.Len() + 100)
	s.AddScores(make([]float32, s.Len()+100), 37, words, make([]float32, len(words)))
	for _, w := range words {
		s.Count(w)
		s.EachDoc(w, func(uint32) {})
		for _, base := range []uint32{0, 37} {
			s.OrInto(dst, base, w, true, false)
			s.OrInto(dst, base, w, false, true)
		}
	}
	for i := range uint32(min(s.Len(), 100)) {
		d := s.Doc(i)
		s.Find(d.ID)
		s.Date(i)
		s.Flags(i)
		s.Words(i)
		s.Headline(i)
		s.Folder(i)
		s.Name(i)
		s.TitleRank(i)
		s.ByTitle(int(i))
	}
	for j := range min(s.NumFiles(), 100) {
		f := s.File(j)
		s.FindFiles(f.Root, f.Name)
	}
	s.TotalWords()
	if dir == "" {
		return
	}
	if err := Merge(filepath.Join(dir, "merged"), []*Segment{s, s}, nil); err == nil {
		if m, err := Open(filepath.Join(dir, "merged")); err == nil {
			m.Close()
		}
	}
}

// TestTruncated: a file cut anywhere short, at a section's edge or
// within one, does not open.
func TestTruncated(t *testing.T) {
	data, dir := validFile(t), t.TempDir()
	s, err := Open(writeTemp(t, dir, data))
	if err != nil {
		t.Fatal(err)
	}
	cuts := []uint64{0, 1, 19, headerSize - 1, headerSize}
	for _, sec := range s.h.secs {
		cuts = append(cuts, sec.off, sec.off+sec.len/2, sec.off+sec.len-1)
	}
	s.Close()
	rnd := rand.New(rand.NewPCG(1, 1))
	for range 100 {
		cuts = append(cuts, rnd.Uint64N(uint64(len(data))))
	}
	for _, cut := range cuts {
		if cut >= uint64(len(data)) {
			continue
		}
		if err := openBytes("", data[:cut]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("cut at %d of %d bytes: %v, want ErrCorrupt", cut, len(data), err)
		}
	}
}

// TestFlippedBytes: a byte changed anywhere is caught by Open or Verify,
// and nothing panics in between.
func TestFlippedBytes(t *testing.T) {
	data := validFile(t)
	step := 3 // every byte of the header, and a third of the rest
	if testing.Short() || raceEnabled {
		step = 29
	}
	for i := 0; i < len(data); i += max(1, min(step, i-headerSize)) {
		spoiled := append([]byte(nil), data...)
		spoiled[i] ^= 1 << (i % 8)
		if err := openBytes("", spoiled); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("byte %d of %d flipped: %v, want ErrCorrupt", i, len(data), err)
		}
	}
}

// TestForeignAndNewer: a wrong magic, a newer version and an older one
// (version 1, with no prefix sets, whose header CRC was at 248) are
// refused even with a header CRC that matches, so the library rebuilds.
func TestForeignAndNewer(t *testing.T) {
	dir := t.TempDir()
	for name, spoil := range map[string]func(b []byte){
		"magic":   func(b []byte) { copy(b, "broadsheet cache\n") },
		"version": func(b []byte) { le.PutUint32(b[20:], version+1) },
		"version 1": func(b []byte) {
			le.PutUint32(b[20:], 1)
			le.PutUint32(b[248:], crc32.Checksum(b[:248], castagnoli))
		},
		"count": func(b []byte) { le.PutUint32(b[24:], le.Uint32(b[24:])+1) },
	} {
		data := validFile(t)
		spoil(data)
		le.PutUint32(data[headerCRC:], crc32.Checksum(data[:headerCRC], castagnoli))
		if err := openBytes(dir, data); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
	if err := openBytes(dir, validFile(t)); err != nil {
		t.Fatalf("the unspoiled file: %v", err)
	}
}

func writeTemp(t testing.TB, dir string, data []byte) string {
	path := filepath.Join(dir, "orig")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fixChecksums rewrites the section and header CRCs of a spoiled file
// so that it passes Verify: what reaches the accessors is then the
// spoiling itself, as if it had been written so.
func fixChecksums(b []byte) {
	if len(b) < headerSize {
		return
	}
	for i := range numSections {
		p := b[56+24*i:]
		off, n := le.Uint64(p), le.Uint64(p[8:])
		if sec := span(b, off, n); sec != nil {
			le.PutUint32(p[16:], crc32.Checksum(sec, castagnoli))
		}
	}
	le.PutUint32(b[headerCRC:], crc32.Checksum(b[:headerCRC], castagnoli))
}

// FuzzOpen: whatever the bytes, Open, every accessor, OrInto and Merge
// return or fail with ErrCorrupt, never panic; with fix set the CRCs are
// made to match, so the spoiling reaches past Verify.
func FuzzOpen(f *testing.F) {
	data := validFile(f)
	f.Add(data, false)
	f.Add(data, true)
	f.Add(data[:headerSize], true)
	f.Fuzz(func(t *testing.T, b []byte, fix bool) {
		if fix {
			fixChecksums(b)
		}
		if err := openBytes(t.TempDir(), b); err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("error %v is not ErrCorrupt", err)
		}
	})
}

// TestSpoiledTables: a file whose tables are garbage but whose CRCs
// match answers without panicking, spoiled at every other byte or so.
func TestSpoiledTables(t *testing.T) {
	data, dir := validFile(t), t.TempDir()
	rnd := rand.New(rand.NewPCG(3, 3))
	gap := 6
	if testing.Short() || raceEnabled {
		gap = 60
	}
	for i := headerSize; i < len(data); i += 1 + rnd.IntN(gap) {
		spoiled := append([]byte(nil), data...)
		spoiled[i] = byte(rnd.UintN(256))
		fixChecksums(spoiled)
		mergeDir := ""
		if rnd.IntN(100) == 0 {
			mergeDir = dir // a merge writes and syncs a file: a few will do
		}
		openBytes(mergeDir, spoiled)
	}
}
