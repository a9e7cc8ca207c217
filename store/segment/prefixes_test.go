package segment

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/broadsheet/broadsheet/store/index"
)

// keyStat is what twoLetter weighs of a key: its words and their lists'
// bytes, in one segment.
type keyStat struct {
	words, bytes uint64
	one          bool // a key of one character
}

// keyStats counts the words and list bytes of every key of s's terms.
func keyStats(s *Segment) map[string]*keyStat {
	keys := map[string]*keyStat{}
	for c := s.newCursor(0); c.next(); {
		one, two := prefixKeys(string(c.term()))
		for _, k := range []string{one, two} {
			if k == "" {
				continue
			}
			st := keys[k]
			if st == nil {
				st = &keyStat{one: k == one}
				keys[k] = st
			}
			st.words++
			st.bytes += uint64(len(c.all) + len(c.title))
		}
	}
	return keys
}

// checkPrefixes checks that s stores the sets of every key of one
// character and of those of two that twoLetter picks, and no others, and
// that OrInto of every key, read from its set or walked, all and title, is
// the brute force's answer. It returns how many keys of two characters
// were stored and walked.
func checkPrefixes(t *testing.T, s *Segment, c *corpus) (stored, walked int) {
	t.Helper()
	keys := keyStats(s)
	n := 0
	for k, st := range keys {
		_, ok := s.prefixSet(k, false)
		want := st.one || storeTwo(st.words, st.bytes, uint32(s.Len()))
		if ok != want {
			t.Fatalf("%q (%d words, %d bytes of lists): stored %v, want %v", k, st.words, st.bytes, ok, want)
		}
		if want {
			n++
		}
		if ok && !st.one {
			stored++
		} else if !st.one {
			walked++
		}
		for _, title := range []bool{false, true} {
			want := c.docsWith(k, true, title)
			for _, base := range []uint32{0, 37} {
				if got := orInto(s, base, k, true, title); !slices.Equal(got, want) {
					t.Fatalf("OrInto(base %d, %q, prefix, title %v) = %d docs, want %d (stored %v)", base, k, title, len(got), len(want), ok)
				}
			}
		}
	}
	if int(s.h.nprefixes) != n {
		t.Fatalf("%d prefix sets stored, want %d", s.h.nprefixes, n)
	}
	return stored, walked
}

// TestPrefixKeys: a key is one or two whole characters of valid UTF-8,
// whatever their width.
func TestPrefixKeys(t *testing.T) {
	for _, c := range []struct{ term, one, two string }{
		{"", "", ""}, {"a", "a", ""}, {"ab", "a", "ab"}, {"abc", "a", "ab"},
		{"łodz", "ł", "ło"}, {"øre", "ø", "ør"}, {"москва", "м", "мо"}, {"a東", "a", "a東"},
		{"東京", "東", "東京"}, {"東", "東", ""}, {"\U0001F600x", "\U0001F600", "\U0001F600x"},
		{"\xffab", "", ""}, {"a\xffb", "a", ""}, {"\xc3", "", ""}, {"\x00a", "", ""}, {"\ufffd", "\ufffd", ""},
	} {
		if one, two := prefixKeys(c.term); one != c.one || two != c.two {
			t.Errorf("prefixKeys(%q) = %q, %q; want %q, %q", c.term, one, two, c.one, c.two)
		}
	}
	for _, w := range []string{"a", "ab", "ł", "мо", "東京", "\U0001F600x"} {
		if !isKey(w) {
			t.Errorf("%q is not a key", w)
		}
	}
	for _, w := range []string{"", "abc", "\xff", "a\xff", "\xc3", "東京都"} {
		if isKey(w) {
			t.Errorf("%q is a key", w)
		}
	}
}

// TestPrefixSets: a segment stores the sets of its keys, of other scripts
// and CJK among them, and both ways of answering a key of two characters
// are taken.
func TestPrefixSets(t *testing.T) {
	c := makeCorpus(3, 3000, 30)
	s := c.write(t, t.TempDir(), "seg")
	stored, walked := checkPrefixes(t, s, c)
	if stored == 0 || walked == 0 {
		t.Errorf("keys of two characters: %d stored, %d walked; want some of each", stored, walked)
	}
	for _, k := range []string{"ł", "ło", "ø", "м", "мо", "σ", "東", "東京", "京", "都", "m", "mu", "q", "qa"} {
		if _, ok := keyStats(s)[k]; !ok {
			t.Errorf("no word starts with %q: the corpus does not test it", k)
		}
	}
}

// TestMergeStoresWhatInputsDidNot: a key of two characters that no input
// stores (too few words in each) but the merged segment does is made from
// the inputs' words, and the file is still the very one Write makes.
func TestMergeStoresWhatInputsDidNot(t *testing.T) {
	dir := t.TempDir()
	cs := []*corpus{makeCorpus(30, 500, 20), makeCorpus(31, 700, 20)}
	dead := []index.Bitset{index.NewBitset(500), index.NewBitset(700)}
	for i := 0; i < 500; i += 3 {
		dead[0].Set(uint32(i))
	}
	u := union(cs, dead)
	// Write the union first to find a key it has more words of than
	// either input, and store keys by words alone from that count.
	saved := twoLetter
	defer func() { twoLetter = saved }()
	twoLetter.denseBytes = 1 << 40
	var ins []map[string]*keyStat
	var segs []*Segment
	for k, c := range cs {
		segs = append(segs, c.write(t, dir, fmt.Sprint("in", k)))
		ins = append(ins, keyStats(segs[k]))
	}
	key, most := "", uint64(0)
	for k, st := range keyStats(u.write(t, dir, "probe")) {
		in := uint64(0)
		for _, m := range ins {
			if s := m[k]; s != nil {
				in = max(in, s.words)
			}
		}
		if !st.one && st.words > in && st.words > most {
			key, most = k, st.words
		}
	}
	if key == "" {
		t.Fatal("no key has more words merged than in either input")
	}
	twoLetter.words = most
	segs = segs[:0]
	for k, c := range cs {
		segs = append(segs, c.write(t, dir, fmt.Sprint("in", k)))
		if _, ok := segs[k].prefixSet(key, false); ok {
			t.Fatalf("input %d stores %q", k, key)
		}
	}
	merged := filepath.Join(dir, "merged")
	if err := Merge(merged, segs, dead); err != nil {
		t.Fatal(err)
	}
	s, err := Open(merged)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, ok := s.prefixSet(key, false); !ok {
		t.Fatalf("the merged segment does not store %q (%d words)", key, most)
	}
	checkPrefixes(t, s, u)
	sameFile(t, s, u.write(t, dir, "direct"))
}
