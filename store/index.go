package store

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
	"sync"

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

// termer turns articles into their distinct term numbers. Each loader
// worker has its own: a private open-addressing table in front of the
// shared dictionary answers nearly every word without a lock (a Go map
// here cost twice as much, hashing every word a second time), and a stamp
// per term marks the ones already seen in the current article, so no sort
// is needed.
type termer struct {
	d     *dict
	slots []termSlot // a power of two long, at most half full
	used  int
	stamp []uint32 // term number to the article it was last seen in
	art   uint32
	buf   []byte
}

type termSlot struct {
	hash uint64
	word string
	id   uint32
	full bool
}

func newTermer(d *dict) *termer {
	return &termer{d: d, slots: make([]termSlot, 1<<12)}
}

// id returns the term number of the folded word in t.buf.
func (t *termer) id() uint32 {
	// FNV-1a: words are short, and this is the loader's inner loop.
	h := uint64(14695981039346656037)
	for _, c := range t.buf {
		h = (h ^ uint64(c)) * 1099511628211
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if !s.full {
			break
		}
		if s.hash == h && s.word == string(t.buf) {
			return s.id
		}
	}
	id := t.d.id(t.buf)
	if 2*(t.used+1) <= maxTermSlots {
		t.insert(termSlot{hash: h, word: string(t.buf), id: id, full: true})
	}
	return id
}

// maxTermSlots bounds a termer's table (2 MB): a real library has
// hundreds of thousands of words, but the commonest, which arrive first,
// are most of every article.
const maxTermSlots = 1 << 16

func (t *termer) insert(s termSlot) {
	if 2*(t.used+1) > len(t.slots) {
		old := t.slots
		t.slots, t.used = make([]termSlot, 2*len(old)), 0
		for _, o := range old {
			if o.full {
				t.insert(o)
			}
		}
	}
	mask := uint64(len(t.slots) - 1)
	i := s.hash & mask
	for t.slots[i].full {
		i = (i + 1) & mask
	}
	t.slots[i] = s
	t.used++
}

// terms returns the distinct term numbers of a's headline and body, in no
// particular order, those of its headline alone (a prefix of terms), and
// how many words they hold.
func (t *termer) terms(a *Article) (terms, title []uint32, words int) {
	t.art++
	for i, field := range [...]string{a.Headline, a.Body} {
		if i == 1 {
			title = terms[:len(terms):len(terms)]
		}
		text.ForEachWord(field, func(s, e int) {
			words++
			t.buf = text.AppendFolded(t.buf[:0], field[s:e])
			id := t.id()
			for int(id) >= len(t.stamp) {
				t.stamp = append(t.stamp, make([]uint32, len(t.stamp)+1024)...)
			}
			if t.stamp[id] != t.art {
				t.stamp[id] = t.art
				terms = append(terms, id)
			}
		})

	}
	return terms, title, words
}

// index maps term numbers to the documents holding them, in the headline
// or body (all) and in the headline alone (title).
type index struct {
	dict  *dict
	all   postingSet
	title postingSet

	// sorted lists term numbers in word order, for prefix look-ups; terms
	// numbered since it was built wait in a tail that the next look-up
	// sorts and merges in.
	sortMu sync.Mutex
	sorted []uint32
	nterms int // terms covered by sorted

	// pCache holds the doc sets of short prefixes for a library of pDocs
	// docs; a change in the number of docs empties it.
	pMu    sync.Mutex
	pCache map[string]bitset
	pDocs  int
}

func newIndex() *index { return &index{dict: newDict()} }

// add records doc under each of its terms and its headline's. Docs
// arrive in ascending order. The caller holds the library's write lock.
func (x *index) add(doc uint32, terms, title []uint32) {
	x.all.add(doc, terms)
	x.title.add(doc, title)
}

// postingSet maps term numbers to the documents holding them. A posting
// list is either delta-encoded varints in ascending document order, a
// byte or two a posting, or, once that would be longer, a bitset over the
// documents (bit d of byte d/8): the few hundred commonest words hold a
// large share of all postings, and for them a bit a document is smaller
// than a byte a posting.
type postingSet struct {
	postings [][]byte // term number to encoded doc numbers
	dense    []bool   // term number to whether its postings are a bitset
	last     []uint32 // term number to its last doc number plus one
}

// add records doc under each of its terms, in any order.
func (x *postingSet) add(doc uint32, terms []uint32) {
	for _, t := range terms {
		for int(t) >= len(x.postings) {
			x.postings = append(x.postings, nil)
			x.dense = append(x.dense, false)
			x.last = append(x.last, 0)
		}
		p := x.postings[t]
		if x.dense[t] {
			p = setBit(p, doc)
		} else {
			p = binary.AppendUvarint(p, uint64(doc+1-x.last[t]))
			if len(p) > denseMin && len(p) > int(doc/8)+8 {
				p, x.dense[t] = toBitset(p, doc), true
			}
		}
		x.postings[t] = p
		x.last[t] = doc + 1
	}
}

// denseMin is the length below which a list stays varints, whatever its
// density, so small libraries keep one form.
var denseMin = 512

// setBit sets bit doc of the byte bitset b, growing it by whole words.
func setBit(b []byte, doc uint32) []byte {
	if need := (int(doc>>6) + 1) * 8; len(b) < need {
		if cap(b) < need {
			// An eighth to spare, not append's double: these are the
			// largest lists.
			grown := make([]byte, len(b), need+need/8)
			copy(grown, b)
			b = grown
		}
		b = b[:need]
	}
	b[doc>>3] |= 1 << (doc & 7)
	return b
}

// toBitset turns a varint list whose last doc is last into a bitset.
func toBitset(p []byte, last uint32) []byte {
	b := make([]byte, 0, (int(last>>6)+1)*8*5/4)
	forEachPosting(p, func(doc uint32) { b = setBit(b, doc) })
	return b
}

// forEachPosting calls fn with each doc of a varint list.
func forEachPosting(p []byte, fn func(doc uint32)) {
	doc := uint64(0)
	for len(p) > 0 {
		d, n := binary.Uvarint(p)
		if n <= 0 {
			return
		}
		p = p[n:]
		doc += d
		fn(uint32(doc - 1))
	}
}

// docCount is how many docs hold term t.
func (x *postingSet) docCount(t uint32) int {
	if int(t) >= len(x.postings) {
		return 0
	}
	n := 0
	if x.dense[t] {
		for _, b := range x.postings[t] {
			n += bits.OnesCount8(b)
		}
		return n
	}
	for _, b := range x.postings[t] {
		if b < 0x80 { // each varint ends in one such byte
			n++
		}
	}
	return n
}

// eachDoc calls fn with each doc holding term t.
func (x *postingSet) eachDoc(t uint32, fn func(doc uint32)) {
	if int(t) >= len(x.postings) {
		return
	}
	p := x.postings[t]
	if !x.dense[t] {
		forEachPosting(p, fn)
		return
	}
	for i, b := range p {
		for ; b != 0; b &= b - 1 {
			fn(uint32(i*8 + bits.TrailingZeros8(b)))
		}
	}
}

// addDocs puts term t's docs into set.
func (x *postingSet) addDocs(set bitset, t uint32) {
	if int(t) >= len(x.postings) {
		return
	}
	p := x.postings[t]
	if x.dense[t] {
		for i := 0; i+8 <= len(p) && i/8 < len(set); i += 8 {
			set[i/8] |= binary.LittleEndian.Uint64(p[i:])
		}
		return
	}
	doc := uint64(0)
	for len(p) > 0 {
		var d uint64
		if p[0] < 0x80 {
			d, p = uint64(p[0]), p[1:]
		} else {
			var n int
			d, n = binary.Uvarint(p)
			if n <= 0 {
				return
			}
			p = p[n:]
		}
		doc += d
		set[(doc-1)>>6] |= 1 << ((doc - 1) & 63)
	}
}

// mergeSorted merges two slices sorted by cmp into a new one, b's items
// going before a's equal ones: linear, where sorting both again would be
// n log n.
func mergeSorted(a, b []uint32, cmp func(x, y uint32) int) []uint32 {
	merged := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if cmp(b[j], a[i]) < 0 {
			merged = append(merged, b[j])
			j++
		} else {
			merged = append(merged, a[i])
			i++
		}
	}
	merged = append(merged, a[i:]...)
	return append(merged, b[j:]...)
}

// prefixed returns the term numbers of every word starting with p.
func (x *index) prefixed(p string) []uint32 {
	x.sortMu.Lock()
	defer x.sortMu.Unlock()
	// Taken under sortMu, so it covers every term that sorted holds.
	words := x.dict.snapshot()
	if x.nterms < len(words) {
		tail := make([]uint32, 0, len(words)-x.nterms)
		for t := x.nterms; t < len(words); t++ {
			tail = append(tail, uint32(t))
		}
		byWord := func(a, b uint32) int { return strings.Compare(words[a], words[b]) }
		slices.SortFunc(tail, byWord)
		x.sorted, x.nterms = mergeSorted(x.sorted, tail, byWord), len(words)
	}
	sorted := x.sorted
	lo, _ := slices.BinarySearchFunc(sorted, p, func(t uint32, p string) int { return strings.Compare(words[t], p) })
	hi := lo
	for hi < len(sorted) && strings.HasPrefix(words[sorted[hi]], p) {
		hi++
	}
	return sorted[lo:hi]
}

// wordSet returns the docs holding word w, in the headline alone when
// title is set, or a word starting with w when prefix is set.
func (x *index) wordSet(w string, prefix, title bool, ndocs int) bitset {
	set := &x.all
	if title {
		set = &x.title
	}
	if prefix {
		return x.prefixSet(set, title, w, ndocs)
	}
	docs := newBitset(ndocs)
	if t, ok := x.dict.lookup(w); ok {
		set.addDocs(docs, t)
	}
	return docs
}

// prefixSet returns the docs holding a word that starts with p. A prefix
// of one or two letters spans thousands of words and a good share of all
// postings, and it is what every word begins as while it is typed, so
// those sets are kept until the library changes.
func (x *index) prefixSet(set *postingSet, title bool, p string, ndocs int) bitset {
	short := len(p) <= 2
	key := p
	if title {
		key = "title:" + p
	}
	if short {
		x.pMu.Lock()
		cached, ok := x.pCache[key]
		ok = ok && x.pDocs == ndocs
		x.pMu.Unlock()
		if ok {
			return slices.Clone(cached)
		}
	}
	docs := newBitset(ndocs)
	for _, t := range x.prefixed(p) {
		set.addDocs(docs, t)
	}
	if short {
		x.pMu.Lock()
		if x.pDocs != ndocs || x.pCache == nil {
			x.pCache, x.pDocs = make(map[string]bitset), ndocs
		}
		x.pCache[key] = slices.Clone(docs)
		x.pMu.Unlock()
	}
	return docs
}

type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

// has says whether d is in the set; a set too short to hold d does not.
func (b bitset) has(d uint32) bool { return int(d>>6) < len(b) && b[d>>6]&(1<<(d&63)) != 0 }

func (b bitset) set(d uint32) { b[d>>6] |= 1 << (d & 63) }

func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// not complements b over docs 0 to n-1.
func (b bitset) not(n int) {
	for i := range b {
		b[i] = ^b[i]
	}
	if r := n % 64; r != 0 && len(b) > 0 {
		b[len(b)-1] &= 1<<r - 1
	}
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}
