package state

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// NotesFile is the name of the user's notes file in the data folder.
const NotesFile = "notes.json"

const notesVersion = 1

// Notes are what the user wrote about articles, a note an article, kept
// as tags are: locked, merged, atomic, never written over when they
// cannot be read, and moved to an article's new ID after an edit.
type Notes struct {
	file *stateFile[article.ID, noteEntry]
}

// noteEntry is one article's note, when it was last changed, and what
// finds the article again.
type noteEntry struct {
	ref     Ref
	text    string
	changed time.Time
	extra   string
}

// OpenNotes reads the notes kept in dir. A missing file is no notes; one
// that cannot be understood leaves them read-only.
func OpenNotes(dir string) (*Notes, error) {
	n := &Notes{file: &stateFile[article.ID, noteEntry]{
		what: "notes", path: filepath.Join(dir, NotesFile),
		read: decodeNotes, write: encodeNotes,
	}}
	return n, n.file.open()
}

// Path is the notes file.
func (n *Notes) Path() string { return n.file.path }

// Of is the article's note, "" for none; a nil Notes has none.
func (n *Notes) Of(id article.ID) string {
	if n == nil {
		return ""
	}
	e, _ := n.file.get(id)
	return e.text
}

// Set makes the article's note text (CleanNote), or removes it when that
// is empty, and saves at once, merged with what another instance wrote.
func (n *Notes) Set(ref Ref, note string) error {
	note = CleanNote(note)
	at := time.Now().UTC().Truncate(time.Second)
	return n.file.update(func(set map[article.ID]noteEntry) {
		if note == "" {
			delete(set, ref.ID)
			return
		}
		e := set[ref.ID]
		e.ref, e.text, e.changed = ref, note, at
		set[ref.ID] = e
	})
}

// Save writes the changes Reconcile queued.
func (n *Notes) Save() error { return n.file.saveAll() }

// Reload reads the file again if another instance changed it.
func (n *Notes) Reload() (changed bool, err error) { return n.file.reload() }

// Reconcile moves the note of each article find locates under another ID
// to that article; one it has there already keeps its place, the moved
// one after it. It fills in what an entry lacks, as Bookmarks.Reconcile
// does.
func (n *Notes) Reconcile(find Finder) bool {
	return reconcile(n.file, find, func(e noteEntry) Ref { return e.ref },
		func(old, cur noteEntry, had bool, to Ref) noteEntry {
			if had && cur.text != old.text {
				old.text = cur.text + "\n\n" + old.text
			}
			old.ref = to
			return old
		},
		func(cur noteEntry, ref Ref) noteEntry { cur.ref = cur.ref.filled(ref); return cur })
}

// maxNote bounds a note: far more than a note, and a file of them stays
// small.
const maxNote = 64 << 10

// CleanNote is a note as it is kept: control characters shown, not
// obeyed (text.Sanitize; a tab becomes spaces), lines' trailing spaces
// and the blank lines at either end gone, at most 64 KB.
func CleanNote(s string) string {
	lines := strings.Split(text.Sanitize(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	s = strings.Trim(strings.Join(lines, "\n"), "\n")
	if len(s) > maxNote {
		s = strings.ToValidUTF8(s[:maxNote], "")
	}
	return s
}

// The notes file, notes.json, is a JSON object:
//
//	{
//	  "version": 1,
//	  "notes": [
//	    {"id": "<article ID>", "note": "...", "changed": "<RFC 3339>",
//	     "path": "...", "offset": 0, "url": "...", "headline": "...",
//	     "date": "<RFC 3339>"},
//	    ...
//	  ]
//	}
//
// sorted by ID, path to date as in tags.json. Members this build does not
// know are kept; a file that cannot be read is never written over.
func decodeNotes(path string, data []byte) (map[article.ID]noteEntry, string, error) {
	return decodeEntries(path, "notes", "article", data, notesVersion,
		func(e object) (ne noteEntry, err error) {
			err = firstError(e.take("note", &ne.text), e.take("changed", &ne.changed), takeRef(e, &ne.ref))
			return
		},
		func(ne noteEntry, id article.ID, extra string) (noteEntry, bool) {
			ne.ref.ID, ne.extra = id, extra
			ne.text = CleanNote(ne.text)
			return ne, ne.text != ""
		})
}

func encodeNotes(set map[article.ID]noteEntry, rest string) ([]byte, error) {
	list, err := encodeEntries(set, func(id article.ID, ne noteEntry) ([]member, string) {
		return append([]member{{"id", id.String()}, {"note", ne.text}, {"changed", ne.changed}}, refMembers(ne.ref)...), ne.extra
	})
	if err != nil {
		return nil, err
	}
	return encodeFile(notesVersion, "notes", list, rest)
}

// takeRef takes what finds an article again from an entry of tags.json
// or notes.json: path, offset, url, headline, date, each optional.
func takeRef(e object, r *Ref) error {
	return firstError(e.take("path", &r.Path), e.take("offset", &r.Offset), e.take("url", &r.URL),
		e.take("headline", &r.Headline), e.take("date", &r.Date))
}

// refMembers is what takeRef reads, each left out when empty.
func refMembers(r Ref) []member {
	var members []member
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
	return members
}
