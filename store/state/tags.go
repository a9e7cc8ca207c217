package state

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
)

// TagsFile is the name of the user's tags file in the data folder.
const TagsFile = "tags.json"

const tagsVersion = 1

// Tags are the tags the user gave articles, kept as bookmarks are:
// locked, merged with what is on disk, replaced atomically, never written
// over when they cannot be read, and moved to an article's new ID when an
// edit changes it (Reconcile). An article's own tags (front matter, a
// dataset's field) are not kept here: the library has them.
type Tags struct {
	file *stateFile[article.ID, tagging]
}

// tagging is one article's tags, and what finds the article again.
type tagging struct {
	ref  Ref
	tags []string // in TagKey order, no two with one key
	// extra is the members of its entry this build does not know.
	extra string
}

// OpenTags reads the tags kept in dir. A missing file is no tags; one
// that cannot be understood leaves them read-only.
func OpenTags(dir string) (*Tags, error) {
	t := &Tags{file: &stateFile[article.ID, tagging]{
		what: "tags", path: filepath.Join(dir, TagsFile),
		read: decodeTags, write: encodeTags,
	}}
	return t, t.file.open()
}

// Path is the tags file.
func (t *Tags) Path() string { return t.file.path }

// Of returns the tags the user gave the article, in TagKey order; a nil
// Tags has none.
func (t *Tags) Of(id article.ID) []string {
	if t == nil {
		return nil
	}
	tg, _ := t.file.get(id)
	return slices.Clone(tg.tags)
}

// Len is how many articles the user tagged; a nil Tags has none.
func (t *Tags) Len() int {
	if t == nil {
		return 0
	}
	return t.file.len()
}

// Tagged is an article the user tagged, as a command lists it.
type Tagged struct {
	Ref  Ref
	Tags []string
}

// List returns every article the user tagged, by ID.
func (t *Tags) List() []Tagged {
	var out []Tagged
	for _, tg := range t.file.values() {
		out = append(out, Tagged{tg.ref, slices.Clone(tg.tags)})
	}
	slices.SortFunc(out, func(a, b Tagged) int { return bytes.Compare(a.Ref.ID[:], b.Ref.ID[:]) })
	return out
}

// Change gives the article the tags add and takes away those of remove
// (each as CleanTag leaves it; a tag is the same as another with the same
// TagKey), in memory at once, queued for the next Save. It never touches
// the disk, so the TUI calls it in Update.
func (t *Tags) Change(ref Ref, add, remove []string) {
	t.file.apply(func(map[article.ID]tagging) func(map[article.ID]tagging) { return changeTags(ref, add, remove) })
}

// Set is Change, saved at once and merged with any change another
// instance made meanwhile.
func (t *Tags) Set(ref Ref, add, remove []string) error {
	return t.file.save(t.file.apply(func(map[article.ID]tagging) func(map[article.ID]tagging) {
		return changeTags(ref, add, remove)
	}))
}

// Save writes the changes queued by Change and Reconcile, as
// Bookmarks.Save does.
func (t *Tags) Save() error { return t.file.saveAll() }

// Reload reads the file again if another instance changed it, keeping
// what is queued on top, and says whether it did.
func (t *Tags) Reload() (changed bool, err error) { return t.file.reload() }

// Reconcile moves the tags of each article find locates under another ID
// (after an edit) to that article, uniting them with any it has there,
// and fills in what an entry lacks, as Bookmarks.Reconcile does.
func (t *Tags) Reconcile(find Finder) bool {
	return reconcile(t.file, find, func(tg tagging) Ref { return tg.ref },
		func(old, cur tagging, _ bool, to Ref) tagging {
			cur.tags = unionTags(cur.tags, old.tags)
			if cur.extra == "" {
				cur.extra = old.extra
			}
			cur.ref = to
			return cur
		},
		func(cur tagging, ref Ref) tagging { cur.ref = cur.ref.filled(ref); return cur })
}

// changeTags is the change adding and removing an article's tags. Each
// tag is added or removed on its own, so the change means the same made
// after another instance's: a tag another added stays unless this one
// removes it. An article left with no tags leaves the file.
func changeTags(ref Ref, add, remove []string) func(map[article.ID]tagging) {
	add, remove = cleanTags(add), cleanTags(remove)
	return func(set map[article.ID]tagging) {
		tg, ok := set[ref.ID]
		if !ok || !ref.bare() {
			tg.ref = ref
		}
		tg.tags = unionTags(tg.tags, add)
		tg.tags = slices.DeleteFunc(tg.tags, func(s string) bool {
			return slices.ContainsFunc(remove, func(r string) bool { return TagKey(r) == TagKey(s) })
		})
		if len(tg.tags) == 0 {
			delete(set, ref.ID)
			return
		}
		set[ref.ID] = tg
	}
}

// unionTags is a's tags and those of b that a has no tag of the same key
// for, in TagKey order.
func unionTags(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.ContainsFunc(out, func(o string) bool { return TagKey(o) == TagKey(s) }) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y string) int { return strings.Compare(TagKey(x), TagKey(y)) })
	return out
}

// JoinTags is an article's own tags and those the user gave it as one
// set: its own first, as they stand, then the user's it has no tag of the
// same key for.
func JoinTags(own, user []string) []string {
	out := slices.Clip(own)
	for _, s := range user {
		if !slices.ContainsFunc(out, func(o string) bool { return TagKey(o) == TagKey(s) }) {
			out = append(out, s)
		}
	}
	return out
}

// cleanTags is tags cleaned, those that clean to nothing left out.
func cleanTags(tags []string) []string {
	var out []string
	for _, s := range tags {
		if c, ok := CleanTag(s); ok {
			out = append(out, c)
		}
	}
	return out
}

// maxTagLen bounds a tag, in characters.
const maxTagLen = 64

// CleanTag is a tag as it is kept: no control characters, no leading #,
// its runs of spaces made one, at most 64 characters. It says false for
// one with no word in it (tag: could not find it) or with a comma (the
// prompt's separator), and for one too long.
func CleanTag(s string) (string, bool) {
	s = strings.Join(strings.Fields(text.SanitizeLine(s)), " ")
	s = strings.TrimSpace(strings.TrimLeft(s, "#"))
	if s == "" || strings.Contains(s, ",") || utf8.RuneCountInString(s) > maxTagLen || TagKey(s) == "" {
		return "", false
	}
	return s, true
}

// TagKey is what tag: compares: the tag's folded words, one space apart,
// so that "Middle East" and "middle-east" are one tag.
func TagKey(s string) string { return strings.Join(text.Words(s), " ") }

// The tags file, tags.json, is a JSON object:
//
//	{
//	  "version": 1,
//	  "tags": [
//	    {"id": "<article ID, 32 hex digits>", "tags": ["gaza", "to read"],
//	     "path": "...", "offset": 0, "url": "...", "headline": "...",
//	     "date": "<RFC 3339>"},
//	    ...
//	  ]
//	}
//
// sorted by ID, each article's tags in TagKey order; path, offset, url,
// headline and date find the article again after an edit changes its ID
// (see Ref), each left out when empty. Every member this build does not
// know, at the top or in an entry, is kept and written back. A tag that
// CleanTag refuses is dropped on reading; an entry with none left is too.
// A file that is empty, not such an object, of a newer version, or that
// holds an ID twice or a key twice anywhere is not read and never written
// over.
func decodeTags(path string, data []byte) (map[article.ID]tagging, string, error) {
	return decodeEntries(path, "tags", "article", data, tagsVersion,
		func(e object) (tg tagging, err error) {
			err = firstError(e.take("tags", &tg.tags), takeRef(e, &tg.ref))
			return
		},
		func(tg tagging, id article.ID, extra string) (tagging, bool) {
			tg.ref.ID, tg.extra = id, extra
			tg.tags = unionTags(nil, cleanTags(tg.tags))
			return tg, len(tg.tags) > 0
		})
}

func encodeTags(set map[article.ID]tagging, rest string) ([]byte, error) {
	list, err := encodeEntries(set, func(id article.ID, tg tagging) ([]member, string) {
		return append([]member{{"id", id.String()}, {"tags", tg.tags}}, refMembers(tg.ref)...), tg.extra
	})
	if err != nil {
		return nil, err
	}
	return encodeFile(tagsVersion, "tags", list, rest)
}
