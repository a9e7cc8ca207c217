package state

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// ReadStateFile is the name of the read-state file in the state folder.
const ReadStateFile = "read.json"

const readStateVersion = 1

// ReadState remembers which articles have been read, with the same
// durability as bookmarks: locked, merged with disk, replaced atomically,
// and never written over when it cannot be read.
type ReadState struct {
	file *stateFile[article.ID, readMark]
}

// readMark is one article read: when, and what is kept to find it again.
type readMark struct {
	at  time.Time
	ref Ref
	// extra is the members of its refs entry this build does not know.
	extra string
}

// OpenReadState reads the read state kept in dir. A missing file is an
// empty set; one that cannot be understood leaves the set read-only.
func OpenReadState(dir string) (*ReadState, error) {
	r := &ReadState{file: &stateFile[article.ID, readMark]{
		what: "read state", path: filepath.Join(dir, ReadStateFile),
		read: decodeReadState, write: encodeReadState,
	}}
	return r, r.file.open()
}

// Path is the read-state file.
func (r *ReadState) Path() string { return r.file.path }

// Has says whether the article has been read.
func (r *ReadState) Has(id article.ID) bool { return r.file.has(id) }

// Len is the number of articles read.
func (r *ReadState) Len() int { return r.file.len() }

// Set marks the article read or unread and saves at once. It keeps only
// the ID; Mark with the article's Ref keeps the mark through an edit.
func (r *ReadState) Set(id article.ID, read bool) error {
	return r.file.save(r.file.apply(func(map[article.ID]readMark) func(map[article.ID]readMark) {
		return setRead(Ref{ID: id}, read)
	}))
}

// Mark marks the article read or unread in memory at once and queues it
// for the next Save; it never touches the disk nor waits on a save, so
// the TUI calls it in Update.
func (r *ReadState) Mark(ref Ref, read bool) {
	r.file.apply(func(map[article.ID]readMark) func(map[article.ID]readMark) { return setRead(ref, read) })
}

// Toggle marks a read article unread and an unread one read, as Mark
// does, and says which.
func (r *ReadState) Toggle(ref Ref) (read bool) {
	r.file.apply(func(set map[article.ID]readMark) func(map[article.ID]readMark) {
		_, was := set[ref.ID]
		read = !was
		return setRead(ref, read)
	})
	return read
}

// Save writes the changes queued by Mark, Toggle and Reconcile, as
// Bookmarks.Save does.
func (r *ReadState) Save() error { return r.file.saveAll() }

// Reload reads the file again if another instance changed it, as
// Bookmarks.Reload does.
func (r *ReadState) Reload() (changed bool, err error) { return r.file.reload() }

// Reconcile moves each read mark whose article find locates under another
// ID to that article, and fills in what a mark from an older file lacks,
// as Bookmarks.Reconcile does.
func (r *ReadState) Reconcile(find Finder) bool {
	return reconcile(r.file, find, func(m readMark) Ref { return m.ref },
		func(old, cur readMark, had bool, to Ref) readMark {
			if had && cur.at.Before(old.at) {
				return cur // read under its new ID first
			}
			old.ref = to
			return old
		},
		func(cur readMark, ref Ref) readMark { cur.ref = cur.ref.filled(ref); return cur })
}

// setRead is the change marking an article read or not. The time is fixed
// when the change is made, so that memory and file agree; an article read
// again keeps when it was first read, and learns a fuller Ref.
func setRead(ref Ref, read bool) func(map[article.ID]readMark) {
	at := time.Now().UTC().Truncate(time.Second)
	return func(set map[article.ID]readMark) {
		if !read {
			delete(set, ref.ID)
			return
		}
		m, was := set[ref.ID]
		if !was {
			m.at = at
		}
		if !ref.bare() {
			m.ref = ref
		}
		m.ref.ID = ref.ID
		set[ref.ID] = m
	}
}

// The read-state file, read.json, is a JSON object:
//
//	{
//	  "version": 1,
//	  "read": {"<article ID, 32 hex digits>": "<RFC 3339 time first read>", ...},
//	  "refs": {"<article ID>": {"path": "...", "offset": 0, "url": "...",
//	           "headline": "...", "date": "<RFC 3339>"}, ...}
//	}
//
// "read" is the set; "refs" (since the same version 1: older builds
// ignore it) holds what finds each article again after an edit changes
// its ID (see Ref), its members each left out when empty, and an ID may
// have none. A refs entry for an article not in "read" is dropped. Every
// other member, at the top or in a refs entry, is kept as it was. An ID
// given twice (in any case) or a key given twice anywhere makes the file
// one that cannot be read, as does a newer version.
func decodeReadState(path string, data []byte) (map[article.ID]readMark, string, error) {
	top, err := decodeVersioned(path, "read state", data, readStateVersion)
	if err != nil {
		return nil, "", err
	}
	bad := func(err error) error {
		return &badFileError{fmt.Errorf("%s: not a read state file: %w", path, err), data}
	}
	var read map[string]time.Time
	var refs map[string]object
	if err := top.take("read", &read); err != nil {
		return nil, "", bad(err)
	}
	if err := top.take("refs", &refs); err != nil {
		return nil, "", bad(err)
	}
	set := make(map[article.ID]readMark, len(read))
	for s, at := range read {
		id, ok := article.ParseID(s)
		if !ok {
			return nil, "", &badFileError{fmt.Errorf("%s: bad article ID %q", path, text.SanitizeLine(s)), data}
		}
		if _, dup := set[id]; dup {
			return nil, "", bad(fmt.Errorf("the article %s is there twice", id))
		}
		m := readMark{at: at, ref: Ref{ID: id}}
		if e, ok := refs[s]; ok {
			for _, err := range []error{
				e.take("path", &m.ref.Path), e.take("offset", &m.ref.Offset), e.take("url", &m.ref.URL),
				e.take("headline", &m.ref.Headline), e.take("date", &m.ref.Date),
			} {
				if err != nil {
					return nil, "", bad(fmt.Errorf("refs of %s: %w", id, err))
				}
			}
			m.extra = e.rest()
		}
		set[id] = m
	}
	return set, top.rest(), nil
}

func encodeReadState(set map[article.ID]readMark, rest string) ([]byte, error) {
	read := make(map[string]time.Time, len(set))
	refs := make(map[string]json.RawMessage, len(set))
	for id, m := range set {
		read[id.String()] = m.at
		var members []member
		r := m.ref
		if r.Path != "" {
			members = append(members, member{"path", r.Path})
		}
		if r.Offset != 0 {
			members = append(members, member{"offset", r.Offset})
		}
		if r.URL != "" {
			members = append(members, member{"url", r.URL})
		}
		if r.Headline != "" {
			members = append(members, member{"headline", r.Headline})
		}
		if !r.Date.IsZero() {
			members = append(members, member{"date", r.Date})
		}
		if len(members) == 0 && m.extra == "" {
			continue
		}
		e, err := encodeObject(members, m.extra)
		if err != nil {
			return nil, err
		}
		refs[id.String()] = e
	}
	top := []member{{"version", readStateVersion}, {"read", read}} // map keys come out sorted
	if len(refs) > 0 {
		top = append(top, member{"refs", refs})
	}
	data, err := encodeObject(top, rest)
	if err != nil {
		return nil, err
	}
	return indent(data)
}
