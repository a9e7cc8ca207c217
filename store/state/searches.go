package state

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/text"
)

// SearchesFile is the name of the saved searches file in the data folder.
const SearchesFile = "searches.json"

const searchesVersion = 1

// Searches are the queries the user saved from the reader's filter, by
// name, kept as tags are: locked, merged with another instance's, replaced
// atomically and never written over when they cannot be read. The
// configuration's [searches] are not kept here: they are the user's to
// edit, and the reader never writes that file.
type Searches struct {
	file *stateFile[string, savedSearch]
}

// savedSearch is one saved search; the set's key is its name's SearchKey.
type savedSearch struct {
	Search
	extra string // the members of its entry this build does not know
}

// Search is a named query.
type Search struct {
	Name  string
	Query string
	Saved time.Time // when it was saved; zero for the configuration's
	// Config says it is the configuration's, which the reader cannot
	// change.
	Config bool
}

// MergeSearches is the configuration's searches and the saved ones as one
// list, by name; where both have a name, the configuration's wins.
func MergeSearches(config, saved []Search) []Search {
	out := make([]Search, 0, len(config)+len(saved))
	have := map[string]bool{}
	for _, s := range config {
		s.Config = true
		have[SearchKey(s.Name)] = true
		out = append(out, s)
	}
	for _, s := range saved {
		if !have[SearchKey(s.Name)] {
			out = append(out, s)
		}
	}
	SortSearches(out)
	return out
}

// OpenSearches reads the searches saved in dir. A missing file is none;
// one that cannot be understood leaves them read-only.
func OpenSearches(dir string) (*Searches, error) {
	s := &Searches{file: &stateFile[string, savedSearch]{
		what: "saved searches", path: filepath.Join(dir, SearchesFile),
		read: decodeSearches, write: encodeSearches,
	}}
	return s, s.file.open()
}

// Path is the searches file.
func (s *Searches) Path() string { return s.file.path }

// List returns the saved searches by name; a nil Searches has none.
func (s *Searches) List() []Search {
	if s == nil {
		return nil
	}
	var out []Search
	for _, v := range s.file.values() {
		out = append(out, v.Search)
	}
	SortSearches(out)
	return out
}

// SortSearches orders searches by their names' SearchKey, then by name.
func SortSearches(list []Search) {
	slices.SortFunc(list, func(a, b Search) int {
		return cmp.Or(strings.Compare(SearchKey(a.Name), SearchKey(b.Name)), strings.Compare(a.Name, b.Name))
	})
}

// Save keeps query under name (CleanSearchName), replacing a search of
// that name, and writes the file at once, merged with what another
// instance wrote.
func (s *Searches) Save(name, query string) error {
	name, ok := CleanSearchName(name)
	if !ok {
		return fmt.Errorf("%q: a search's name is one line of at most %d characters with a word in it", text.SanitizeLine(name), maxSearchName)
	}
	query = strings.TrimSpace(text.SanitizeLine(query))
	if query == "" {
		return fmt.Errorf("%q: a saved search needs a query", name)
	}
	at := time.Now().UTC().Truncate(time.Second)
	key := SearchKey(name)
	return s.file.update(func(set map[string]savedSearch) {
		v := set[key]
		v.Search = Search{Name: name, Query: query, Saved: at}
		set[key] = v
	})
}

// Remove takes away the search of that name, saving at once; it says
// whether there was one.
func (s *Searches) Remove(name string) (bool, error) {
	key := SearchKey(name)
	if !s.file.has(key) {
		return false, nil
	}
	return true, s.file.update(func(set map[string]savedSearch) { delete(set, key) })
}

// Reload reads the file again if another instance changed it.
func (s *Searches) Reload() (changed bool, err error) { return s.file.reload() }

// maxSearchName bounds a search's name, in characters.
const maxSearchName = 64

// CleanSearchName is a name as it is kept: one line, no control
// characters, runs of spaces made one, at most 64 characters, with a word
// in it; it says false for one it cannot make so.
func CleanSearchName(s string) (string, bool) {
	s = strings.Join(strings.Fields(text.SanitizeLine(s)), " ")
	if s == "" || utf8.RuneCountInString(s) > maxSearchName || SearchKey(s) == "" {
		return "", false
	}
	return s, true
}

// SearchKey is what tells two names apart: their folded words, so that
// "Gaza war" and "gaza-war" name one search.
func SearchKey(name string) string { return TagKey(name) }

// The searches file, searches.json, is a JSON object:
//
//	{
//	  "version": 1,
//	  "searches": [
//	    {"name": "gaza", "query": "gaza -sport after:2024", "saved": "<RFC 3339>"},
//	    ...
//	  ]
//	}
//
// sorted by SearchKey. Every member this build does not know, at the top
// or in an entry, is kept and written back. An entry whose name
// CleanSearchName refuses, or with no query, is dropped on reading. A file
// that is empty, not such an object, of a newer version, or that holds a
// name twice or a key twice anywhere is not read and never written over.
func decodeSearches(path string, data []byte) (map[string]savedSearch, string, error) {
	top, err := decodeVersioned(path, "searches", data, searchesVersion)
	if err != nil {
		return nil, "", err
	}
	bad := func(err error) error {
		return &badFileError{fmt.Errorf("%s: not a searches file: %w", path, err), data}
	}
	var entries []object
	if err := top.take("searches", &entries); err != nil {
		return nil, "", bad(err)
	}
	set := make(map[string]savedSearch, len(entries))
	for _, e := range entries {
		var v savedSearch
		if err := firstError(e.take("name", &v.Name), e.take("query", &v.Query), e.take("saved", &v.Saved)); err != nil {
			return nil, "", bad(err)
		}
		name, ok := CleanSearchName(v.Name)
		v.Query = strings.TrimSpace(text.SanitizeLine(v.Query))
		if !ok || v.Query == "" {
			continue
		}
		key := SearchKey(name)
		if _, twice := set[key]; twice {
			return nil, "", bad(fmt.Errorf("the search %q is there twice", name))
		}
		v.Name, v.extra = name, e.rest()
		set[key] = v
	}
	return set, top.rest(), nil
}

func encodeSearches(set map[string]savedSearch, rest string) ([]byte, error) {
	list, err := encodeSorted(set, strings.Compare, func(_ string, v savedSearch) ([]member, string) {
		members := []member{{"name", v.Name}, {"query", v.Query}}
		if !v.Saved.IsZero() {
			members = append(members, member{"saved", v.Saved})
		}
		return members, v.extra
	})
	if err != nil {
		return nil, err
	}
	return encodeFile(searchesVersion, "searches", list, rest)
}
