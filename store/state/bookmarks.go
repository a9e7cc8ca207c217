package state

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// bookmarksVersion is the file format this build writes and understands.
const bookmarksVersion = 1

// Bookmark remembers an article by ID, with enough of it to list the
// bookmark when the article is not found in a run and to find it again
// after an edit (see Ref).
type Bookmark struct {
	ID       article.ID
	Headline string
	Date     time.Time
	Path     string
	Offset   int64
	URL      string
	Added    time.Time

	// extra is the bookmark's members in the file that this build does
	// not know, written back as they were (see object.rest).
	extra string
}

// BookmarkOf makes the bookmark for an article.
func BookmarkOf(a *article.Article) Bookmark { return bookmarkAt(RefOf(a)) }

func bookmarkAt(r Ref) Bookmark {
	return Bookmark{ID: r.ID, Headline: r.Headline, Date: r.Date, Path: r.Path, Offset: r.Offset, URL: r.URL}
}

// Ref is what the bookmark keeps of its article.
func (bm Bookmark) Ref() Ref {
	return Ref{ID: bm.ID, Path: bm.Path, Offset: bm.Offset, URL: bm.URL, Headline: bm.Headline, Date: bm.Date}
}

// withRef is the bookmark keeping r, and everything else of its own.
func (bm Bookmark) withRef(r Ref) Bookmark {
	nb := bookmarkAt(r)
	nb.Added, nb.extra = bm.Added, bm.extra
	return nb
}

// Bookmarks is the set of bookmarked articles, kept in a JSON file that
// several instances may share: every change locks the file, merges with
// what is on disk and replaces it atomically.
type Bookmarks struct {
	file *stateFile[article.ID, Bookmark]
}

// BookmarksFile is the name of the bookmarks file in the data folder.
const BookmarksFile = "bookmarks.json"

// OpenBookmarks reads the bookmarks kept in dir. A missing file is an
// empty set. A file that cannot be read or understood is reported and
// left alone: the returned set is usable but refuses to save.
func OpenBookmarks(dir string) (*Bookmarks, error) {
	b := &Bookmarks{file: &stateFile[article.ID, Bookmark]{
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
// any change another instance made meanwhile: Mark then Save, reporting
// the outcome of this change whatever other saves are running.
func (b *Bookmarks) Set(bm Bookmark, on bool) error {
	return b.file.save(b.file.apply(func(map[article.ID]Bookmark) func(map[article.ID]Bookmark) {
		return setBookmark(bm, on)
	}))
}

// Mark adds (on) or removes the bookmark in memory at once, for Has and
// List, and queues it for the next Save. It never touches the disk nor
// waits on a save, so the TUI calls it in Update.
func (b *Bookmarks) Mark(bm Bookmark, on bool) {
	b.file.apply(func(map[article.ID]Bookmark) func(map[article.ID]Bookmark) { return setBookmark(bm, on) })
}

// Toggle removes the bookmark if it is there and adds it otherwise, as
// Mark does, and says which: two presses before any save leave it as it
// was.
func (b *Bookmarks) Toggle(bm Bookmark) (on bool) {
	b.file.apply(func(set map[article.ID]Bookmark) func(map[article.ID]Bookmark) {
		_, was := set[bm.ID]
		on = !was
		return setBookmark(bm, on)
	})
	return on
}

// Save writes the changes queued by Mark, Toggle and Reconcile, merged
// with the file as it is now, in the order they were made. Saves from
// concurrent commands run one at a time; with nothing queued Save does
// nothing. On an error the changes it carried are undone in memory.
func (b *Bookmarks) Save() error { return b.file.saveAll() }

// Reload reads the file again if another instance changed it since it
// was last read or written (a stat otherwise), keeping the changes still
// queued on top, and says whether it did.
func (b *Bookmarks) Reload() (changed bool, err error) { return b.file.reload() }

// Reconcile moves each bookmark whose article find locates under another
// ID (after an edit) to that article, and fills in what a bookmark from an
// older file lacks. It queues the changes, to be written by Save, and says
// whether there were any.
func (b *Bookmarks) Reconcile(find Finder) bool {
	return reconcile(b.file, find, Bookmark.Ref,
		func(old, cur Bookmark, had bool, to Ref) Bookmark {
			if !had {
				return old.withRef(to)
			}
			if !old.Added.IsZero() && old.Added.Before(cur.Added) {
				cur.Added = old.Added
			}
			return cur
		},
		func(cur Bookmark, r Ref) Bookmark { return cur.withRef(cur.Ref().filled(r)) })
}

// setBookmark is the change adding or removing a bookmark. Added is
// fixed when the change is made, so that memory and file agree on it;
// a bookmark set again keeps when it was first added, and what the file
// holds of it that this build does not know.
func setBookmark(bm Bookmark, on bool) func(map[article.ID]Bookmark) {
	if bm.Added.IsZero() {
		bm.Added = time.Now().UTC().Truncate(time.Second)
	}
	return func(set map[article.ID]Bookmark) {
		if !on {
			delete(set, bm.ID)
			return
		}
		nb := bm
		if old, ok := set[bm.ID]; ok {
			nb.Added = old.Added
			if nb.extra == "" {
				nb.extra = old.extra
			}
		}
		set[bm.ID] = nb
	}
}

// The bookmarks file, bookmarks.json, is a JSON object:
//
//	{
//	  "version": 1,
//	  "bookmarks": [
//	    {"id": "<article ID, 32 hex digits>", "headline": "...",
//	     "date": "<RFC 3339>", "path": "<the file as shown>",
//	     "offset": 0, "url": "...", "added": "<RFC 3339>"},
//	    ...
//	  ]
//	}
//
// sorted by ID. "offset" (the record's place in a file of many articles)
// and "url" (the article's source, when a URL) are left out when empty;
// builds that predate them ignore them, so the version stays 1. Together
// with headline, date and path they find the article again after an edit
// changes its ID (see Ref). Every member this build does not know, at the
// top or in a bookmark, is kept and written back. A file that is empty,
// not such an object, of a newer version, over 64 MB, or that holds an ID
// twice (in any case) or a key twice anywhere is not read and never
// written over; all but the too-big one are copied aside first.
func readBookmarks(path string, data []byte) (map[article.ID]Bookmark, string, error) {
	return decodeEntries(path, "bookmarks", "bookmark", data, bookmarksVersion,
		func(e object) (bm Bookmark, err error) {
			err = firstError(e.take("headline", &bm.Headline), e.take("date", &bm.Date),
				e.take("path", &bm.Path), e.take("offset", &bm.Offset), e.take("url", &bm.URL), e.take("added", &bm.Added))
			return
		},
		func(bm Bookmark, id article.ID, extra string) (Bookmark, bool) {
			bm.ID, bm.extra = id, extra
			return bm, true
		})
}

func encodeBookmarks(set map[article.ID]Bookmark, rest string) ([]byte, error) {
	list, err := encodeEntries(set, func(id article.ID, bm Bookmark) ([]member, string) {
		members := []member{{"id", id.String()}, {"headline", bm.Headline}, {"date", bm.Date}, {"path", bm.Path}}
		if bm.Offset != 0 {
			members = append(members, member{"offset", bm.Offset})
		}
		if bm.URL != "" {
			members = append(members, member{"url", bm.URL})
		}
		return append(members, member{"added", bm.Added}), bm.extra
	})
	if err != nil {
		return nil, err
	}
	return encodeFile(bookmarksVersion, "bookmarks", list, rest)
}
