package index

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/dedup"
	"github.com/broadsheet/broadsheet/store/text"
)

// dict numbers every distinct folded word. Loader workers look words up in
// parallel, so it is split into shards, each with its own lock.
type dict struct {
	seed   maphash.Seed
	shards [dictShards]dictShard
	mu     sync.Mutex // guards words
	words  []string   // term number to word
}

const dictShards = 64

type dictShard struct {
	mu sync.Mutex
	m  map[string]uint32
}

func newDict() *dict {
	d := &dict{seed: maphash.MakeSeed()}
	for i := range d.shards {
		d.shards[i].m = make(map[string]uint32)
	}
	return d
}

// id returns w's term number, adding w if it is new.
func (d *dict) id(w []byte) uint32 {
	sh := &d.shards[maphash.Bytes(d.seed, w)%dictShards]
	sh.mu.Lock()
	t, ok := sh.m[string(w)]
	if !ok {
		s := string(w)
		d.mu.Lock()
		t = uint32(len(d.words))
		d.words = append(d.words, s)
		d.mu.Unlock()
		sh.m[s] = t
	}
	sh.mu.Unlock()
	return t
}

// lookup returns w's term number, if w is known.
func (d *dict) lookup(w string) (uint32, bool) {
	sh := &d.shards[maphash.String(d.seed, w)%dictShards]
	sh.mu.Lock()
	t, ok := sh.m[w]
	sh.mu.Unlock()
	return t, ok
}

// snapshot returns the words numbered so far; the slice is never
// modified, only appended to, so it may be read without the lock.
func (d *dict) snapshot() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.words
}

// Termer turns articles into their distinct term numbers. Each loader
// worker has its own: a private open-addressing table in front of the
// shared dictionary answers nearly every word without a lock (a Go map
// here cost twice as much, hashing every word a second time), and a stamp
// per term marks the ones already seen in the current article, so no sort
// is needed.
type Termer struct {
	d     *dict
	slots []termSlot // a power of two long, at most half full
	used  int
	arena []byte   // the words of slots too long to hold their own
	stamp []uint32 // term number to the article it was last seen in
	art   uint32
	buf   []byte
	raw   []byte   // a word not folded, as rawID looks it up
	terms []uint32 // the article's so far, copied out once it is done

	// The filter of the article's adjacent words (pairs.go) is built from
	// the hashes of their folded forms: wh is the last word's, which each
	// look-up leaves, and rawHash the folded hash of the words rawID
	// keeps unfolded, by term number.
	pairs   PairFilter
	pairBuf []byte
	wh      uint64
	rawHash []uint64

	// The body's sketch (store/dedup) is built from the same hashes.
	sketch dedup.Sketcher
}

// termSlot is one word of a Termer's table, in 16 bytes so that four
// share a cache line and a word found is one line read: the table is the
// loader's hottest memory. tag holds the top 23 bits of the word's hash,
// rawTag or not, and the word's length (at most 255) in the low byte, so
// it is 0 only for an empty slot; key is the word itself, little-endian and zero-padded, when
// it has at most 8 bytes, and else its offset in the arena and, in the
// top half, its length.
type termSlot struct {
	tag uint32
	id  uint32
	key uint64
}

// NewTermer returns a Termer that numbers words in x's dictionary.
func NewTermer(x *Index) *Termer {
	return &Termer{d: x.dict, slots: make([]termSlot, 1<<12), buf: make([]byte, 0, 64)}
}

// Hash constants, from wyhash.
const (
	hashK0 = 0xa0761d6478bd642f
	hashK1 = 0xe7037ed1a0b428db
)

// mix is wyhash's mixing step: a 128-bit product folded in half.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// load8 is the first bytes of w, at most 8, little-endian, zero-padded.
func load8(w []byte) uint64 {
	if len(w) >= 8 {
		return binary.LittleEndian.Uint64(w)
	}
	var x uint64
	for i := len(w) - 1; i >= 0; i-- {
		x = x<<8 | uint64(w[i])
	}
	return x
}

// wordHash hashes w, whose first 8 bytes (zero-padded) are first.
func wordHash(w []byte, first uint64) uint64 {
	h := mix(first^hashK0, uint64(len(w))^hashK1)
	for w = w[min(len(w), 8):]; len(w) > 0; w = w[min(len(w), 8):] {
		h = mix(h^load8(w), hashK1)
	}
	return h
}

// tagOf is a slot's tag for a word of n bytes whose hash is h.
func tagOf(h uint64, n int) uint32 { return uint32(h>>32)&^0x1ff | uint32(min(n, 255)) }

// id returns the term number of the folded word in t.buf.
func (t *Termer) id() uint32 {
	w := t.buf
	if len(w) <= 8 {
		return t.shortID(load8(w), len(w))
	}
	id, ok, h, tag := t.find(w, 0)
	if !ok {
		id = t.d.id(w)
		t.keep(w, id, h, tag)
	}
	t.wh = h
	return id
}

// rawID returns the term number of the word w, which is not all ASCII.
// Folding such a word (case folding, NFD, NFC) costs more than all the
// rest of its look-up and allocates, so the table keeps these words as
// they stand too, in slots of their own (rawTag), with the term number
// of their folded form.
func (t *Termer) rawID(w string) uint32 {
	t.raw = append(t.raw[:0], w...)
	id, ok, h, tag := t.find(t.raw, rawTag)
	if ok {
		t.wh = t.rawHash[id]
		return id
	}
	t.buf = text.AppendFolded(t.buf[:0], w)
	id = t.id()
	t.keep(t.raw, id, h, tag)
	for int(id) >= len(t.rawHash) {
		t.rawHash = append(t.rawHash, make([]uint64, len(t.rawHash)+1024)...)
	}
	t.rawHash[id] = t.wh
	return id
}

// rawTag marks the tag of a slot holding a word as it stands, not folded.
const rawTag = 0x100

// find looks w up among the words of its kind (0 or rawTag): its term
// number, or else the hash and tag to keep it under.
func (t *Termer) find(w []byte, kind uint32) (id uint32, ok bool, h uint64, tag uint32) {
	first := load8(w)
	h = wordHash(w, first)
	tag = tagOf(h, len(w)) | kind
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		switch {
		case s.tag == 0:
			return 0, false, h, tag
		case s.tag != tag:
		case len(w) <= 8:
			if s.key == first {
				return s.id, true, h, tag
			}
		default:
			if off, n := uint32(s.key), int(s.key>>32); n == len(w) && string(t.arena[off:int(off)+n]) == string(w) {
				return s.id, true, h, tag
			}
		}
	}
}

// keep puts w in the table, under hash h and tag, with term number id,
// unless the table or the arena is full.
func (t *Termer) keep(w []byte, id uint32, h uint64, tag uint32) {
	if 2*(t.used+1) > maxTermSlots || len(w) > 8 && len(t.arena)+len(w) > maxArena {
		return
	}
	s := termSlot{tag: tag, id: id, key: load8(w)}
	if len(w) > 8 {
		s.key = uint64(len(t.arena)) | uint64(len(w))<<32
		t.arena = append(t.arena, w...)
	}
	t.insert(s, h)
}

// shortID returns the term number of the folded word of n bytes, at most
// 8, that key holds (see termSlot).
func (t *Termer) shortID(key uint64, n int) uint32 {
	h := mix(key^hashK0, uint64(n)^hashK1) // wordHash, for n <= 8
	t.wh = h
	tag := tagOf(h, n)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.tag == tag && s.key == key {
			return s.id
		} else if s.tag == 0 {
			break
		}
	}
	var w [8]byte
	binary.LittleEndian.PutUint64(w[:], key)
	id := t.d.id(w[:n])
	t.keep(w[:n], id, h, tag)
	return id
}

// asciiKey is the folded word s[start:end] as a short word's key (see
// termSlot), if it has at most 8 bytes and all are ASCII: most words,
// which so are folded and packed without a byte loop or a copy.
func asciiKey(s string, start, end int) (uint64, bool) {
	n := end - start
	if n > 8 || start+8 > len(s) {
		return 0, false
	}
	w := s[start : start+8]
	x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	x &= 1<<(8*n) - 1 // all ones for n = 8
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	if x&tops != 0 {
		return 0, false
	}
	// For a byte b below 0x80, b + 0x80 - lo has its top bit set just
	// when b >= lo, with no carry into the next byte.
	upper := (x + (0x80-'A')*ones) &^ (x + (0x7f-'Z')*ones) & tops
	return x | upper>>2, true // 0x80 >> 2 is 'a' - 'A'
}

// maxTermSlots bounds a termer's table (2 MB), and maxArena the words
// it keeps of more than 8 bytes: a real library has hundreds of thousands
// of words, but the commonest, which arrive first, are most of every
// article.
const (
	maxTermSlots = 1 << 17
	maxArena     = 1 << 20
)

// insert puts s, whose word's hash is h, in the table, doubling it when
// it would be more than half full.
func (t *Termer) insert(s termSlot, h uint64) {
	if 2*(t.used+1) > len(t.slots) {
		old := t.slots
		t.slots, t.used = make([]termSlot, 2*len(old)), 0
		for _, o := range old {
			if o.tag != 0 {
				t.insert(o, t.slotHash(o))
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i].tag != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
	t.used++
}

// slotHash is the hash of the word in s, worked out again.
func (t *Termer) slotHash(s termSlot) uint64 {
	if n := int(s.tag & 0xff); n <= 8 {
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], s.key)
		return wordHash(w[:n], s.key)
	}
	off, n := uint32(s.key), int(s.key>>32)
	w := t.arena[off : int(off)+n]
	return wordHash(w, load8(w))
}

// Terms returns the distinct term numbers of a headline and a body (see
// text.ForEachTerm), in no particular order, those of the headline alone
// (a prefix of terms), and how many words they hold.
func (t *Termer) Terms(headline, body string) (terms, title []uint32, words int) {
	t.art++
	t.terms = t.terms[:0]
	t.pairs.Reset()
	t.sketch.Reset()
	words = t.field(headline, nil)
	n := len(t.terms)
	words += t.field(body, &t.sketch)
	if len(t.terms) == 0 {
		return nil, nil, words
	}
	// Copied out at its length: one allocation an article, where
	// appending to a new slice took several and left twice the garbage.
	terms = slices.Clone(t.terms)
	return terms, terms[:n:n], words
}

// field adds the terms of one field to t.terms and counts its words,
// giving their hashes to sk too when it is not nil.
func (t *Termer) field(s string, sk *dedup.Sketcher) (words int) {
	add := func(start, end int) {
		var id uint32
		if key, ok := asciiKey(s, start, end); ok {
			id = t.shortID(key, end-start)
		} else if w := s[start:end]; isASCII(w) {
			t.buf = text.AppendFolded(t.buf[:0], w)
			id = t.id()
		} else {
			id = t.rawID(w)
		}
		for int(id) >= len(t.stamp) {
			t.stamp = append(t.stamp, make([]uint32, len(t.stamp)+1024)...)
		}
		if t.stamp[id] != t.art {
			t.stamp[id] = t.art
			t.terms = append(t.terms, id)
		}
	}
	// The last character of a CJK run is a term too, so that a prefix of
	// one character finds a run that ends in it; it is not a word of a
	// phrase, so not of a pair.
	t.pairs.Start()
	word := func(start, end int) { words++; add(start, end); t.pairs.Word(t.wh) }
	if sk != nil {
		word = func(start, end int) { words++; add(start, end); t.pairs.Word(t.wh); sk.Word(t.wh) }
	}
	text.ForEachTerm(s, word, add)
	return words
}

// Sketch returns the sketch (store/dedup) of the body the last Terms was
// given: none for a short one.
func (t *Termer) Sketch() dedup.Sketch { return t.sketch.Sketch() }

// Pairs returns the filter of adjacent words (pairs.go) of the headline
// and body the last Terms was given, empty for fewer than two words in
// either. It is good until the next Terms.
func (t *Termer) Pairs() []byte {
	t.pairBuf = t.pairs.Append(t.pairBuf[:0])
	return t.pairBuf
}

// isASCII says whether w is all ASCII.
func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
