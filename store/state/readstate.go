package state

import (
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
	file *stateFile[time.Time]
}

// OpenReadState reads the read state kept in dir. A missing file is an
// empty set; one that cannot be understood leaves the set read-only.
func OpenReadState(dir string) (*ReadState, error) {
	r := &ReadState{file: &stateFile[time.Time]{
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

// Set marks the article read or unread and saves at once.
func (r *ReadState) Set(id article.ID, read bool) error {
	return r.file.update(func(set map[article.ID]time.Time) {
		switch _, was := set[id]; {
		case !read:
			delete(set, id)
		case !was:
			set[id] = time.Now().UTC().Truncate(time.Second)
		}
	})
}

func decodeReadState(path string, data []byte) (map[article.ID]time.Time, string, error) {
	top, err := decodeVersioned(path, "read state", data, readStateVersion)
	if err != nil {
		return nil, "", err
	}
	var read map[string]time.Time
	if err := top.take("read", &read); err != nil {
		return nil, "", &badFileError{fmt.Errorf("%s: not a read state file: %w", path, err), data}
	}
	set := make(map[article.ID]time.Time, len(read))
	for s, at := range read {
		id, ok := article.ParseID(s)
		if !ok {
			return nil, "", &badFileError{fmt.Errorf("%s: bad article ID %q", path, text.SanitizeLine(s)), data}
		}
		if _, dup := set[id]; dup {
			return nil, "", &badFileError{fmt.Errorf("%s: not a read state file: the article %s is there twice", path, id), data}
		}
		set[id] = at
	}
	return set, top.rest(), nil
}

func encodeReadState(set map[article.ID]time.Time, rest string) ([]byte, error) {
	read := make(map[string]time.Time, len(set))
	for id, at := range set {
		read[id.String()] = at
	}
	data, err := encodeObject([]member{{"version", readStateVersion}, {"read", read}}, rest) // map keys come out sorted
	if err != nil {
		return nil, err
	}
	return indent(data)
}
