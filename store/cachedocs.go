package store

import (
	"cmp"
	"errors"
	"slices"

	"github.com/broadsheet/broadsheet/store/index"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/segment"
)

// keptBad returns the bad records of the files the cache keeps: those
// with a live record. The caller holds the read lock.
func (l *Library) keptBad() map[fileKey][]scan.Skip {
	if len(l.bad) == 0 {
		return nil
	}
	kept := map[fileKey][]scan.Skip{}
	for k, skips := range l.bad {
		live := len(l.segFileRecs(k.root, k.name)) > 0
		for _, f := range l.files {
			live = live || f.root == k.root && f.name == k.name
		}
		if live {
			kept[k] = skips
		}
	}
	return kept
}

// encodeBad writes the bad records, by file, in a stable order.
func encodeBad(e *index.Encoder, bad map[fileKey][]scan.Skip) {
	keys := make([]fileKey, 0, len(bad))
	for k := range bad {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b fileKey) int { return cmp.Or(cmp.Compare(a.root, b.root), cmp.Compare(a.name, b.name)) })
	e.Uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.Uvarint(uint64(k.root))
		e.Str(k.name)
		e.Uvarint(uint64(len(bad[k])))
		for _, s := range bad[k] {
			e.Str(s.Path)
			e.Str(s.Reason())
		}
	}
}

// decodeBadRecords reads what encodeBad wrote.
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

// stampOf is a segment file record's stamp.
func stampOf(f segment.File) scan.Stamp {
	return scan.Stamp{Size: f.Size, MTime: f.MTime, CTime: f.CTime, Ino: f.Ino}
}
