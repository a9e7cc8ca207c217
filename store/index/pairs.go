package index

import "encoding/binary"

var le = binary.LittleEndian

// A phrase check reads each candidate's text: at a million articles,
// "said the minister" had 437,812 candidates (docs holding all three
// words) and 328 docs holding the phrase, and reading the rest took 12 s.
// So each doc keeps a filter of the pairs of words that stand adjacent in
// it, in its headline or in its body: a Bloom filter, which can say a doc
// holds a pair it does not, but never the other way round. A phrase's
// candidates are asked about each pair of its words before any text is
// read, and only those that may hold all of them are.
//
// The filter is blocked, as RocksDB's is: each pair sets pairProbes bits
// of one 64-bit word, so that a question is one word read. It has
// pairBits bits a pair (rounded up to whole words), so that a phrase of
// two words lets about one doc in seven through, and one of three one in
// fifty. Words are hashed folded, as the dictionary keeps them, so a
// filter is the same whoever wrote it; a filter of no bytes holds nothing
// known and lets every phrase through.
//
// The layout is part of the segment format (store/segment): changing
// pairBits may not, but changing the hash, the probes or the word picked
// must change the segment version.
const (
	pairBits   = 4
	pairProbes = 3
)

// PairFilter builds the filter of a text's adjacent pairs of words.
type PairFilter struct {
	prev   uint64 // the hash of the word before, while within one text
	inText bool
	pairs  []uint64
}

// Start begins a new text: the first word of the next text is adjacent
// to none before it.
func (f *PairFilter) Start() { f.inText = false }

// Reset forgets the pairs so far, for the next doc.
func (f *PairFilter) Reset() { f.pairs, f.inText = f.pairs[:0], false }

// Word adds the next word of the text, by its hash (WordHash).
func (f *PairFilter) Word(h uint64) {
	if f.inText {
		f.pairs = append(f.pairs, pairHash(f.prev, h))
	}
	f.prev, f.inText = h, true
}

// Append appends the filter of the pairs so far to dst.
func (f *PairFilter) Append(dst []byte) []byte {
	if len(f.pairs) == 0 {
		return dst
	}
	words := (len(f.pairs)*pairBits + 63) / 64
	start := len(dst)
	dst = append(dst, make([]byte, 8*words)...)
	b := dst[start:]
	for _, p := range f.pairs {
		o := 8 * pairWord(p, words)
		le.PutUint64(b[o:], le.Uint64(b[o:])|pairMask(p))
	}
	return dst
}

// MayHoldPairs says whether the filter may hold every one of pairs
// (PhrasePairs): false only when it surely does not.
func MayHoldPairs(filter []byte, pairs []uint64) bool {
	words := len(filter) / 8
	if words == 0 {
		return true
	}
	for _, p := range pairs {
		m := pairMask(p)
		if le.Uint64(filter[8*pairWord(p, words):])&m != m {
			return false
		}
	}
	return true
}

// PhrasePairs are the pairs of a phrase's folded words to ask a filter
// about; with prefix set, the last word is the start of a word, and the
// pair that ends in it is left out.
func PhrasePairs(words []string, prefix bool) []uint64 {
	if prefix {
		words = words[:max(len(words)-1, 0)]
	}
	var pairs []uint64
	for i := 1; i < len(words); i++ {
		pairs = append(pairs, pairHash(WordHash(words[i-1]), WordHash(words[i])))
	}
	return pairs
}

// WordHash is the hash of a folded word, as the Termer works it out.
func WordHash(w string) uint64 {
	b := []byte(w)
	return wordHash(b, load8(b))
}

func pairHash(a, b uint64) uint64 { return mix(a^hashK1, b^hashK0) }

// pairWord is the word of a filter of n words that pair p sets bits of:
// the top half of p scaled to n, with no division.
func pairWord(p uint64, n int) int { return int((p >> 32) * uint64(n) >> 32) }

// pairMask is the bits pair p sets in its word, from the bottom half of p.
func pairMask(p uint64) uint64 {
	var m uint64
	for k := range pairProbes {
		m |= 1 << (p >> (6 * k) & 63)
	}
	return m
}
