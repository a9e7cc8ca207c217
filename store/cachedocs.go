package store

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/scan"
)

// cached is a decoded cache's articles; its index is read after.
type cached struct {
	docs  []*article.Article
	order []uint32
	files []fileRec
	bad   map[fileKey][]scan.Skip
}

// gone marks a doc left out of the cache in a renumbering.
const gone = ^uint32(0)

// encodeDocs writes the roots, the live articles, their files and the
// date order, and returns how the docs were renumbered (dead ones, and
// ones with no file, left out) and how many were kept. The caller holds
// the read lock.
func (l *Library) encodeDocs(e *index.Encoder, roots []article.Root) (renum []uint32, live int) {
	e.Uvarint(uint64(len(roots)))
	rootIdx := make(map[*article.Root]int, len(roots))
	for i := range roots {
		e.Str(roots[i].Key)
		e.Str(roots[i].File)
		rootIdx[&roots[i]] = i
	}
	renum = make([]uint32, len(l.docs))
	for doc, a := range l.docs {
		if l.dead.Has(uint32(doc)) || a.Loc.Root == nil {
			renum[doc] = gone
			continue
		}
		renum[doc] = uint32(live)
		live++
	}
	e.Uvarint(uint64(live))
	for doc, a := range l.docs {
		if renum[doc] != gone {
			encodeDoc(e, a, rootIdx[a.Loc.Root])
		}
	}
	nfiles := 0
	for _, f := range l.files {
		if renum[f.doc] != gone {
			nfiles++
		}
	}
	e.Uvarint(uint64(nfiles))
	for _, f := range l.files {
		if renum[f.doc] != gone {
			e.Uvarint(uint64(f.root))
			e.Str(f.name)
			e.Varint(f.offset)
			e.Varint(f.stamp.Size)
			e.Varint(f.stamp.MTime)
			e.Varint(f.stamp.CTime)
			e.Uvarint(f.stamp.Ino)
			e.Uvarint(uint64(renum[f.doc]))
		}
	}
	e.Uvarint(uint64(live))
	for _, doc := range l.order {
		if renum[doc] != gone {
			e.Uvarint(uint64(renum[doc]))
		}
	}
	l.encodeBadRecords(e)
	return renum, live
}

// encodeBadRecords writes the bad records of the files the cache keeps.
func (l *Library) encodeBadRecords(e *index.Encoder) {
	kept := map[fileKey]bool{}
	for _, f := range l.files {
		kept[fileKey{f.root, f.name}] = true
	}
	var keys []fileKey
	for k := range l.bad {
		if kept[k] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b fileKey) int { return cmp.Or(cmp.Compare(a.root, b.root), cmp.Compare(a.name, b.name)) })
	e.Uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.Uvarint(uint64(k.root))
		e.Str(k.name)
		e.Uvarint(uint64(len(l.bad[k])))
		for _, s := range l.bad[k] {
			e.Str(s.Path)
			e.Str(s.Reason())
		}
	}
}

// decodeBadRecords reads what encodeBadRecords wrote.
func decodeBadRecords(d *index.Decoder, nroots int) (map[fileKey][]scan.Skip, error) {
	bad := map[fileKey][]scan.Skip{}
	for range d.Count(3) {
		k := fileKey{int(d.Uvarint()), d.Str()}
		for range d.Count(2) {
			bad[k] = append(bad[k], scan.Skip{Path: d.Str(), Err: errors.New(d.Str())})
		}
		if d.Err() != nil || k.root >= nroots {
			return nil, index.ErrCorrupt
		}
	}
	return bad, d.Err()
}

// Flags of a cached article.
const (
	flagDateFromFile = 1 << iota
	flagUndated
	flagCut
)

// encodeDoc writes what the list shows of an article, and where it is.
func encodeDoc(e *index.Encoder, a *article.Article, root int) {
	e.Bytes(a.ID[:])
	e.Str(a.Headline)
	e.Str(a.Source)
	e.Str(a.Author)
	e.Str(a.Site)
	e.Uvarint(uint64(len(a.Tags)))
	for _, t := range a.Tags {
		e.Str(t)
	}
	date := int64(0)
	if !a.Undated {
		date = a.Date.UnixNano()
	}
	e.Varint(date)
	var flags uint64
	if a.DateFromFile {
		flags |= flagDateFromFile
	}
	if a.Undated {
		flags |= flagUndated
	}
	if a.Cut {
		flags |= flagCut
	}
	e.Uvarint(flags)
	e.Str(a.Format)
	e.Uvarint(uint64(a.Words))
	e.Varint(a.Size)
	e.Varint(a.ModTime.UnixNano())
	e.Uvarint(uint64(root))
	e.Str(a.Loc.Name)
	e.Varint(a.Loc.Offset)
}

// decodeDocs reads what encodeDocs wrote, for these roots.
func decodeDocs(d *index.Decoder, roots []article.Root) (*cached, error) {
	if n := d.Count(1); n != uint64(len(roots)) {
		return nil, index.ErrCorrupt
	}
	for _, r := range roots {
		if d.Str() != r.Key || d.Str() != r.File {
			return nil, index.ErrCorrupt
		}
	}
	c := &cached{}
	ndocs := d.Count(40)
	c.docs = make([]*article.Article, 0, ndocs)
	for range ndocs {
		a, err := decodeDoc(d, roots)
		if err != nil {
			return nil, err
		}
		c.docs = append(c.docs, a)
	}
	nfiles := d.Count(10)
	c.files = make([]fileRec, 0, nfiles)
	for range nfiles {
		f := fileRec{root: int(d.Uvarint()), name: d.Str(), offset: d.Varint(),
			stamp: scan.Stamp{Size: d.Varint(), MTime: d.Varint(), CTime: d.Varint(), Ino: d.Uvarint()}, doc: uint32(d.Uvarint())}
		if d.Err() != nil || f.root >= len(roots) || int(f.doc) >= len(c.docs) {
			return nil, index.ErrCorrupt
		}
		if a := c.docs[f.doc]; a.Loc.Name == f.name {
			f.name = a.Loc.Name // one copy of the name, not two
		}
		c.files = append(c.files, f)
	}
	// The date order, as saved: a permutation of the docs.
	c.order = make([]uint32, 0, len(c.docs))
	seen := index.NewBitset(len(c.docs))
	for range d.Count(1) {
		doc := d.Uvarint()
		if d.Err() != nil || doc >= uint64(len(c.docs)) || seen.Has(uint32(doc)) {
			return nil, index.ErrCorrupt
		}
		seen.Set(uint32(doc))
		c.order = append(c.order, uint32(doc))
	}
	if d.Err() != nil || len(c.order) != len(c.docs) {
		return nil, index.ErrCorrupt
	}
	var err error
	if c.bad, err = decodeBadRecords(d, len(roots)); err != nil {
		return nil, err
	}
	return c, nil
}

// decodeDoc reads one article that encodeDoc wrote.
func decodeDoc(d *index.Decoder, roots []article.Root) (*article.Article, error) {
	a := &article.Article{}
	d.Bytes(a.ID[:])
	a.Headline = d.Str()
	a.Source = d.Str()
	a.Author = d.Str()
	a.Site = d.Str()
	for range d.Count(1) {
		a.Tags = append(a.Tags, d.Str())
	}
	date := d.Varint()
	flags := d.Uvarint()
	a.DateFromFile, a.Undated, a.Cut = flags&flagDateFromFile != 0, flags&flagUndated != 0, flags&flagCut != 0
	a.Format = d.Str()
	a.Words = int(d.Uvarint())
	a.Size = d.Varint()
	a.ModTime = time.Unix(0, d.Varint())
	switch {
	case a.Undated:
	case a.DateFromFile:
		a.Date = time.Unix(0, date)
	default:
		a.Date = time.Unix(0, date).UTC()
	}
	ri := d.Uvarint()
	name := d.Str()
	offset := d.Varint()
	f := article.Lookup(a.Format)
	if d.Err() != nil || ri >= uint64(len(roots)) || f == nil {
		return nil, index.ErrCorrupt
	}
	a.Format = f.Name // one copy of the name, not one an article
	a.Loc = article.Loc{Root: &roots[ri], Name: name, Offset: offset}
	a.Path = a.Loc.Path()
	a.Folder = a.Loc.Folder()
	return a, nil
}
