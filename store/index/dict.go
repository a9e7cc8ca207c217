package index

import (
	"hash/maphash"
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

// NewTermer returns a Termer that numbers words in x's dictionary.
func NewTermer(x *Index) *Termer {
	return &Termer{d: x.dict, slots: make([]termSlot, 1<<12)}
}

// id returns the term number of the folded word in t.buf.
func (t *Termer) id() uint32 {
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

func (t *Termer) insert(s termSlot) {
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

// Terms returns the distinct term numbers of a headline and a body (see
// text.ForEachTerm), in no particular order, those of the headline alone
// (a prefix of terms), and how many words they hold.
func (t *Termer) Terms(headline, body string) (terms, title []uint32, words int) {
	t.art++
	for i, field := range [...]string{headline, body} {
		if i == 1 {
			title = terms[:len(terms):len(terms)]
		}
		add := func(s, e int) {
			t.buf = text.AppendFolded(t.buf[:0], field[s:e])
			id := t.id()
			for int(id) >= len(t.stamp) {
				t.stamp = append(t.stamp, make([]uint32, len(t.stamp)+1024)...)
			}
			if t.stamp[id] != t.art {
				t.stamp[id] = t.art
				terms = append(terms, id)
			}
		}
		// The last character of a CJK run is a term too, so that a
		// prefix of one character finds a run that ends in it.
		text.ForEachTerm(field, func(s, e int) { words++; add(s, e) }, add)
	}
	return terms, title, words
}
