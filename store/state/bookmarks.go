package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// bookmarksVersion is the file format this build writes and understands.
const bookmarksVersion = 1

// Bookmark remembers an article by ID, with enough of it to list the
// bookmark when the article is not found in a run.
type Bookmark struct {
	ID       article.ID
	Headline string
	Date     time.Time
	Path     string
	Added    time.Time

	// extra is the bookmark's members in the file that this build does
	// not know, written back as they were (see object.rest).
	extra string
}

// BookmarkOf makes the bookmark for an article.
func BookmarkOf(a *article.Article) Bookmark {
	return Bookmark{ID: a.ID, Headline: a.Headline, Date: a.Date, Path: a.Path}
}

// Bookmarks is the set of bookmarked articles, kept in a JSON file that
// several instances may share: every change locks the file, merges with
// what is on disk and replaces it atomically.
type Bookmarks struct {
	file *stateFile[Bookmark]
}

// BookmarksFile is the name of the bookmarks file in the data folder.
const BookmarksFile = "bookmarks.json"

// OpenBookmarks reads the bookmarks kept in dir. A missing file is an
// empty set. A file that cannot be read or understood is reported and
// left alone: the returned set is usable but refuses to save.
func OpenBookmarks(dir string) (*Bookmarks, error) {
	b := &Bookmarks{file: &stateFile[Bookmark]{
		what: "bookmarks", path: filepath.Join(dir, BookmarksFile),
		read: readBookmarks, write: encodeBookmarks,
	}}
	return b, b.file.open()
}

// brokenFile keeps a copy of a bookmarks file that could not be
// understood, and says where.
func brokenFile(path string, err error) error {
	var bad *badFileError
	if errors.As(err, &bad) {
		if copyPath, cerr := keepCopy(path, bad.data); cerr == nil {
			return fmt.Errorf("%w; a copy is kept in %s", err, copyPath)
		}
	}
	return err
}

// badFileError is a bookmarks file that was read but not understood.
type badFileError struct {
	err  error
	data []byte
}

func (e *badFileError) Error() string { return e.err.Error() }
func (e *badFileError) Unwrap() error { return e.err }

// keepCopy saves the bytes of a bookmarks file that cannot be read beside
// it, once for each distinct content, so that whatever is done to the
// file to fix it, what it held is not lost.
func keepCopy(path string, data []byte) (string, error) {
	copyPath := fmt.Sprintf("%s.broken-%s", path, article.IDOf(data).Short())
	if _, err := os.Stat(copyPath); err == nil {
		return copyPath, nil
	}
	return copyPath, WriteFileAtomic(copyPath, data)
}

// Path is the bookmarks file.
func (b *Bookmarks) Path() string { return b.file.path }

// Has says whether the article with this ID is bookmarked.
func (b *Bookmarks) Has(id article.ID) bool { return b.file.has(id) }

// Len is the number of bookmarks.
func (b *Bookmarks) Len() int { return b.file.len() }

// List returns every bookmark, newest article first.
func (b *Bookmarks) List() []Bookmark {
	out := b.file.values()
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Date.Equal(out[j].Date) {
			return out[i].Date.After(out[j].Date)
		}
		return out[i].ID.String() < out[j].ID.String()
	})
	return out
}

// Resolve finds the one bookmark whose ID starts with prefix.
func (b *Bookmarks) Resolve(prefix string) (Bookmark, error) {
	var found []Bookmark
	p := strings.ToLower(prefix)
	for _, bm := range b.List() {
		if p != "" && strings.HasPrefix(bm.ID.String(), p) {
			found = append(found, bm)
		}
	}
	switch len(found) {
	case 0:
		return Bookmark{}, fmt.Errorf("%s: %w", text.SanitizeLine(prefix), article.ErrNotFound)
	case 1:
		return found[0], nil
	}
	return Bookmark{}, fmt.Errorf("%s: %w", text.SanitizeLine(prefix), article.ErrAmbiguous)
}

// Set adds (on) or removes the bookmark and saves at once, merged with
// any change another instance made meanwhile.
func (b *Bookmarks) Set(bm Bookmark, on bool) error {
	return b.update(func(set map[article.ID]Bookmark) {
		if !on {
			delete(set, bm.ID)
			return
		}
		if old, ok := set[bm.ID]; ok {
			bm.Added = old.Added
			if bm.extra == "" {
				bm.extra = old.extra
			}
		}
		if bm.Added.IsZero() {
			bm.Added = time.Now().UTC().Truncate(time.Second)
		}
		set[bm.ID] = bm
	})
}

func (b *Bookmarks) update(change func(map[article.ID]Bookmark)) error { return b.file.update(change) }

func readBookmarks(path string, data []byte) (map[article.ID]Bookmark, string, error) {
	top, err := decodeVersioned(path, "bookmarks", data, bookmarksVersion)
	if err != nil {
		return nil, "", err
	}
	bad := func(err error) error {
		return &badFileError{fmt.Errorf("%s: not a bookmarks file: %w", path, err), data}
	}
	var entries []object
	if err := top.take("bookmarks", &entries); err != nil {
		return nil, "", bad(err)
	}
	set := make(map[article.ID]Bookmark, len(entries))
	for _, e := range entries {
		var s string
		var bm Bookmark
		for _, err := range []error{
			e.take("id", &s), e.take("headline", &bm.Headline), e.take("date", &bm.Date),
			e.take("path", &bm.Path), e.take("added", &bm.Added),
		} {
			if err != nil {
				return nil, "", bad(err)
			}
		}
		id, ok := article.ParseID(s)
		if !ok {
			return nil, "", &badFileError{fmt.Errorf("%s: bad article ID %q", path, text.SanitizeLine(s)), data}
		}
		if _, dup := set[id]; dup {
			return nil, "", bad(fmt.Errorf("the bookmark %s is there twice", id))
		}
		bm.ID, bm.extra = id, e.rest()
		set[id] = bm
	}
	return set, top.rest(), nil
}

func encodeBookmarks(set map[article.ID]Bookmark, rest string) ([]byte, error) {
	ids := make([]article.ID, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b article.ID) int { return bytes.Compare(a[:], b[:]) })
	list := []byte{'['}
	for i, id := range ids {
		bm := set[id]
		e, err := encodeObject([]member{
			{"id", id.String()}, {"headline", bm.Headline}, {"date", bm.Date},
			{"path", bm.Path}, {"added", bm.Added},
		}, bm.extra)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			list = append(list, ',')
		}
		list = append(list, e...)
	}
	list = append(list, ']')
	data, err := encodeObject([]member{{"version", bookmarksVersion}, {"bookmarks", json.RawMessage(list)}}, rest)
	if err != nil {
		return nil, err
	}
	return indent(data)
}
