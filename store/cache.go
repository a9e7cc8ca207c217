package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"time"
)

// The cache keeps a load's results between runs: every article's list
// fields, the files behind them with their sizes and times, and the index.
// Everything after its header is checked by a CRC and decoded with every
// count and length bounded by the file's size, so a corrupt, truncated or
// foreign file is discarded, never trusted, and rebuilt by the next load.

const (
	cacheMagic   = "broadsheet index\n"
	cacheVersion = 5
)

var errBadCache = errors.New("not a usable cache")

// cachePath is where the index of these roots lives, or "" when they are
// not cached: no CacheDir, or a root (the embedded samples) with no Key.
func (l *Library) cachePath(roots []Root) string {
	if l.CacheDir == "" || len(roots) == 0 {
		return ""
	}
	h := sha256.New()
	for _, r := range roots {
		if r.Key == "" {
			return ""
		}
		fmt.Fprintf(h, "%s\x00%s\x00", r.Key, r.File)
	}
	return filepath.Join(l.CacheDir, "index-"+hex.EncodeToString(h.Sum(nil)[:12])+".bin")
}

// readCache puts the cached library for roots into l, which must be
// empty. The articles go in first and shown is called, so that a screen
// can be drawn before the index is decoded; then the index goes in. On an
// error l may hold part of the cache: the caller resets it.
func (l *Library) readCache(file string, roots []Root, shown func()) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	br := bufio.NewReaderSize(f, 1<<16)
	head := make([]byte, len(cacheMagic)+4+4+8)
	if _, err := io.ReadFull(br, head); err != nil || string(head[:len(cacheMagic)]) != cacheMagic {
		return errBadCache
	}
	h := head[len(cacheMagic):]
	version := binary.LittleEndian.Uint32(h[0:])
	sum := binary.LittleEndian.Uint32(h[4:])
	length := int64(binary.LittleEndian.Uint64(h[8:]))
	if version != cacheVersion || length != fi.Size()-int64(len(head)) {
		return errBadCache
	}
	crc := crc32.NewIEEE()
	d := &decoder{r: bufio.NewReaderSize(io.TeeReader(br, crc), 1<<16), left: length}
	c, err := decodeDocs(d, roots)
	if err != nil {
		return err
	}
	l.installDocs(c)
	if shown != nil {
		shown()
	}
	if err := decodeIndex(d, c); err != nil {
		return err
	}
	if d.left != 0 || crc.Sum32() != sum {
		return errBadCache
	}
	l.installIndex(c)
	return nil
}

// reset empties the library, after a cache that turned out bad.
func (l *Library) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.docs, l.byID, l.order, l.dead, l.files = nil, make(map[ID]uint32), nil, nil, nil
	l.idx = newIndex()
	l.indexed = true
}

// cached is a decoded cache.
type cached struct {
	docs       []*Article
	order      []uint32
	files      []fileRec
	words      []string
	all, title postingSet
}

func decodeDocs(d *decoder, roots []Root) (*cached, error) {
	if n := d.count(1); n != uint64(len(roots)) {
		return nil, errBadCache
	}
	for _, r := range roots {
		if d.str() != r.Key || d.str() != r.File {
			return nil, errBadCache
		}
	}
	c := &cached{}
	ndocs := d.count(40)
	c.docs = make([]*Article, 0, ndocs)
	for range ndocs {
		a := &Article{}
		d.bytes(a.ID[:])
		a.Headline = d.str()
		a.Source = d.str()
		a.Author = d.str()
		for range d.count(1) {
			a.Tags = append(a.Tags, d.str())
		}
		date := d.varint()
		flags := d.uvarint()
		a.DateFromFile, a.Undated, a.Cut = flags&1 != 0, flags&2 != 0, flags&4 != 0
		a.Format = Format(d.uvarint())
		a.Words = int(d.uvarint())
		a.Size = d.varint()
		a.ModTime = time.Unix(0, d.varint())
		switch {
		case a.Undated:
		case a.DateFromFile:
			a.Date = time.Unix(0, date)
		default:
			a.Date = time.Unix(0, date).UTC()
		}
		ri := d.uvarint()
		a.name = d.str()
		if d.err != nil || ri >= uint64(len(roots)) {
			return nil, errBadCache
		}
		a.root = &roots[ri]
		a.Path = a.root.displayPath(a.name)
		a.Folder = folderOf(a.name)
		c.docs = append(c.docs, a)
	}
	nfiles := d.count(8)
	c.files = make([]fileRec, 0, nfiles)
	for range nfiles {
		f := fileRec{root: int(d.uvarint()), name: d.str(), size: d.varint(), mtime: d.varint(), doc: uint32(d.uvarint())}
		if d.err != nil || f.root >= len(roots) || int(f.doc) >= len(c.docs) {
			return nil, errBadCache
		}
		if a := c.docs[f.doc]; a.name == f.name {
			f.name = a.name // one copy of the name, not two
		}
		c.files = append(c.files, f)
	}
	// The date order, as saved: a permutation of the docs.
	c.order = make([]uint32, 0, len(c.docs))
	seen := newBitset(len(c.docs))
	for range d.count(1) {
		doc := d.uvarint()
		if d.err != nil || doc >= uint64(len(c.docs)) || seen.has(uint32(doc)) {
			return nil, errBadCache
		}
		seen.set(uint32(doc))
		c.order = append(c.order, uint32(doc))
	}
	if d.err != nil || len(c.order) != len(c.docs) {
		return nil, errBadCache
	}
	return c, nil
}

func decodeIndex(d *decoder, c *cached) error {
	nterms := d.count(2)
	c.words = make([]string, 0, nterms)
	for range nterms {
		c.words = append(c.words, d.str())
	}
	for _, set := range []*postingSet{&c.all, &c.title} {
		if err := decodePostings(d, set, len(c.words), len(c.docs)); err != nil {
			return err
		}
	}
	return nil
}

// decodePostings reads one posting set of nterms lists over ndocs docs.
func decodePostings(d *decoder, set *postingSet, nterms, ndocs int) error {
	// All posting lists go into one block, each capped at its length so
	// that an append copies it out rather than overwrite its neighbour:
	// sixty thousand small allocations would waste a sixth in rounding.
	arena := make([]byte, 0, d.count(1))
	set.postings = make([][]byte, 0, nterms)
	set.last = make([]uint32, 0, nterms)
	set.dense = make([]bool, 0, nterms)
	for range nterms {
		last := d.uvarint()
		dense := d.uvarint()
		n := d.count(1)
		if d.err != nil || last > uint64(ndocs) || n > uint64(cap(arena)-len(arena)) || dense > 1 ||
			dense == 1 && (n%8 != 0 || n > uint64(ndocs/8+8)) {
			return errBadCache
		}
		start := len(arena)
		arena = arena[:start+int(n)]
		d.bytes(arena[start:])
		set.postings = append(set.postings, arena[start:len(arena):len(arena)])
		set.last = append(set.last, uint32(last))
		set.dense = append(set.dense, dense == 1)
	}
	if d.err != nil {
		return errBadCache
	}
	return nil
}

// installDocs makes a decoded cache's articles the library's content,
// with an empty index until installIndex.
func (l *Library) installDocs(c *cached) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.docs, l.files, l.order = c.docs, c.files, c.order
	l.byID = make(map[ID]uint32, len(c.docs))
	for i, a := range c.docs {
		l.byID[a.ID] = uint32(i)
	}
	l.idx = newIndex()
	l.indexed = false
}

// installIndex puts a decoded cache's index in.
func (l *Library) installIndex(c *cached) {
	x := newIndex()
	for _, w := range c.words {
		x.dict.id([]byte(w))
	}
	x.all, x.title = c.all, c.title
	l.mu.Lock()
	defer l.mu.Unlock()
	l.idx = x
	l.indexed = true
}

// writeCache saves the library's live articles, renumbered without the
// dead, atomically: a crash or a second instance writing at once leaves
// one whole cache or the other.
func (l *Library) writeCache(file string, roots []Root) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	removeStaleTemps(filepath.Join(filepath.Dir(file), ".index-*.tmp"))
	tmp, err := os.CreateTemp(filepath.Dir(file), ".index-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = l.encodeCache(tmp, roots)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", file, err)
	}
	return os.Rename(tmp.Name(), file)
}

func (l *Library) encodeCache(f *os.File, roots []Root) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	head := make([]byte, len(cacheMagic)+4+4+8)
	copy(head, cacheMagic)
	if _, err := f.Write(head); err != nil {
		return err
	}
	crc := crc32.NewIEEE()
	bw := bufio.NewWriterSize(io.MultiWriter(f, crc), 1<<16)
	e := &encoder{w: bw}

	e.uvarint(uint64(len(roots)))
	rootIdx := make(map[*Root]int, len(roots))
	for i := range roots {
		e.str(roots[i].Key)
		e.str(roots[i].File)
		rootIdx[&roots[i]] = i
	}
	// Renumber the live docs densely; dead ones are dropped.
	renum := make([]uint32, len(l.docs))
	live := 0
	for doc, a := range l.docs {
		if l.dead.has(uint32(doc)) || a.root == nil {
			renum[doc] = ^uint32(0)
			continue
		}
		renum[doc] = uint32(live)
		live++
	}
	e.uvarint(uint64(live))
	for doc, a := range l.docs {
		if renum[doc] == ^uint32(0) {
			continue
		}
		e.bytes(a.ID[:])
		e.str(a.Headline)
		e.str(a.Source)
		e.str(a.Author)
		e.uvarint(uint64(len(a.Tags)))
		for _, t := range a.Tags {
			e.str(t)
		}
		date := int64(0)
		if !a.Undated {
			date = a.Date.UnixNano()
		}
		e.varint(date)
		var flags uint64
		if a.DateFromFile {
			flags |= 1
		}
		if a.Undated {
			flags |= 2
		}
		if a.Cut {
			flags |= 4
		}
		e.uvarint(flags)
		e.uvarint(uint64(a.Format))
		e.uvarint(uint64(a.Words))
		e.varint(a.Size)
		e.varint(a.ModTime.UnixNano())
		e.uvarint(uint64(rootIdx[a.root]))
		e.str(a.name)
	}
	nfiles := 0
	for _, f := range l.files {
		if renum[f.doc] != ^uint32(0) {
			nfiles++
		}
	}
	e.uvarint(uint64(nfiles))
	for _, f := range l.files {
		if renum[f.doc] == ^uint32(0) {
			continue
		}
		e.uvarint(uint64(f.root))
		e.str(f.name)
		e.varint(f.size)
		e.varint(f.mtime)
		e.uvarint(uint64(renum[f.doc]))
	}
	e.uvarint(uint64(live))
	for _, doc := range l.order {
		if renum[doc] != ^uint32(0) {
			e.uvarint(uint64(renum[doc]))
		}
	}
	words := l.idx.dict.snapshot()
	e.uvarint(uint64(len(words)))
	for _, w := range words {
		e.str(w)
	}
	for _, set := range []*postingSet{&l.idx.all, &l.idx.title} {
		encodePostings(e, set, len(words), renum, live < len(l.docs))
	}
	if e.err != nil {
		return e.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	end, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	h := head[len(cacheMagic):]
	binary.LittleEndian.PutUint32(h[0:], cacheVersion)
	binary.LittleEndian.PutUint32(h[4:], crc.Sum32())
	binary.LittleEndian.PutUint64(h[8:], uint64(end)-uint64(len(head)))
	_, err = f.WriteAt(head, 0)
	return err
}

// encodePostings writes one posting set's lists for nterms terms,
// renumbered when docs were dropped.
func encodePostings(e *encoder, set *postingSet, nterms int, renum []uint32, dropped bool) {
	postings := make([][]byte, nterms)
	lasts := make([]uint32, nterms)
	dense := make([]bool, nterms)
	total := 0
	for t := range nterms {
		if t >= len(set.postings) {
			continue
		}
		postings[t], lasts[t], dense[t] = set.postings[t], set.last[t], set.dense[t]
		if dropped {
			postings[t], lasts[t] = renumber(postings[t], dense[t], renum)
		}
		total += len(postings[t])
	}
	e.uvarint(uint64(total))
	for t := range nterms {
		e.uvarint(uint64(lasts[t]))
		if dense[t] {
			e.uvarint(1)
		} else {
			e.uvarint(0)
		}
		e.uvarint(uint64(len(postings[t])))
		e.bytes(postings[t])
	}
}

// renumber re-encodes a posting list without dead docs, in the new
// numbering and the same form; it returns the list and its last doc plus
// one.
func renumber(p []byte, dense bool, renum []uint32) ([]byte, uint32) {
	var out []byte
	var prev uint32
	add := func(doc uint32) {
		nd := renum[doc]
		if nd == ^uint32(0) {
			return
		}
		if dense {
			out = setBit(out, nd)
		} else {
			out = binary.AppendUvarint(out, uint64(nd+1-prev))
		}
		prev = nd + 1
	}
	if dense {
		for i, b := range p {
			for ; b != 0; b &= b - 1 {
				add(uint32(i*8 + bits.TrailingZeros8(b)))
			}
		}
	} else {
		forEachPosting(p, add)
	}
	return out, prev
}

// removeStaleTemps clears the temporary files matching pattern that a
// killed writer left: any older than an hour, when no live writer can
// still be using one.
func removeStaleTemps(pattern string) {
	names, _ := filepath.Glob(pattern)
	for _, n := range names {
		if fi, err := os.Stat(n); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(n)
		}
	}
}

func folderOf(name string) string {
	dir := filepath.FromSlash(path.Dir(name))
	if dir == "." {
		return ""
	}
	return dir
}

type encoder struct {
	w   *bufio.Writer
	tmp [binary.MaxVarintLen64]byte
	err error
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) uvarint(v uint64) { e.bytes(e.tmp[:binary.PutUvarint(e.tmp[:], v)]) }
func (e *encoder) varint(v int64)   { e.bytes(e.tmp[:binary.PutVarint(e.tmp[:], v)]) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// decoder reads the cache's body, refusing to read past its stated
// length, so that no count or length in a corrupt file can make it
// allocate or loop beyond the file's size.
type decoder struct {
	r    *bufio.Reader
	left int64
	err  error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errBadCache
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	// Peek at what is buffered rather than read byte by byte: this runs
	// a million times on a warm start.
	b, _ := d.r.Peek(binary.MaxVarintLen64)
	if int64(len(b)) > d.left {
		b = b[:d.left]
	}
	v, n := binary.Uvarint(b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.r.Discard(n)
	d.left -= int64(n)
	return v
}

func (d *decoder) varint() int64 {
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads a count of items each at least min bytes long, refusing one
// that could not fit in what is left.
func (d *decoder) count(min int64) uint64 {
	n := d.uvarint()
	if d.err != nil || n > uint64(d.left/min) {
		d.fail()
		return 0
	}
	return n
}

func (d *decoder) bytes(b []byte) {
	if d.err != nil || int64(len(b)) > d.left {
		d.fail()
		return
	}
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail()
		return
	}
	d.left -= int64(len(b))
}

func (d *decoder) str() string {
	n := d.count(1)
	if n == 0 || d.err != nil {
		return ""
	}
	if b, err := d.r.Peek(int(n)); err == nil {
		s := string(b)
		d.r.Discard(int(n))
		d.left -= int64(n)
		return s
	}
	b := make([]byte, n)
	d.bytes(b)
	return string(b)
}
