package state

import (
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

// Ref is what a bookmark or a read mark keeps of its article to find it
// again once its ID names nothing: an article's ID is a hash of its bytes,
// so an edit changes it. The library looks for, in turn, the same ID (a
// move), the same place (an edit), the same URL, and the same headline and
// date (an edited copy moved); see store.Resolver.
type Ref struct {
	ID article.ID
	// Path is the article's file as shown (article.Article.Path), and
	// Offset its record's place in a file of many articles.
	Path   string
	Offset int64
	// URL is the article's source when it is a URL; a source that only
	// names a paper would match every article from it.
	URL      string
	Headline string
	Date     time.Time
}

// RefOf is what is kept of an article to find it again.
func RefOf(a *article.Article) Ref {
	r := Ref{ID: a.ID, Path: a.Path, Offset: a.Loc.Offset, Headline: a.Headline, Date: a.Date}
	if strings.Contains(a.Source, "://") {
		r.URL = a.Source
	}
	return r
}

// bare says whether the Ref holds nothing but the ID, as the read marks
// of files written before refs were kept do.
func (r Ref) bare() bool { return r.Path == "" && r.URL == "" && r.Headline == "" && r.Date.IsZero() }

// filled is r with what it lacks taken from found, the same article: an
// entry written by an older broadsheet learns where its article is, so
// that a later edit does not lose it. Nothing r holds is overwritten, so
// that runs showing paths differently do not rewrite the file each time.
func (r Ref) filled(found Ref) Ref {
	if r.Path == "" {
		r.Path, r.Offset = found.Path, found.Offset
	}
	if r.URL == "" {
		r.URL = found.URL
	}
	if r.Headline == "" {
		r.Headline = found.Headline
	}
	if r.Date.IsZero() {
		r.Date = found.Date
	}
	return r
}

// Finder finds the article a Ref names in the library, returning its Ref
// as it is now (store.Resolver.FindRef).
type Finder func(Ref) (Ref, bool)

// plan works out the changes that bring entries up to date with the
// library: each whose article is found under a new ID is moved to it
// (rekey), and each found under its own ID but knowing less of it than
// the library does is filled in (fill). It runs outside any lock: the
// changes are decided on the library's answers and re-checked when made.
func plan(refs []Ref, find Finder) (moves [][2]Ref, fills []Ref) {
	for _, r := range refs {
		got, ok := find(r)
		switch {
		case !ok:
		case got.ID != r.ID:
			moves = append(moves, [2]Ref{r, got})
		case r.filled(got) != r:
			fills = append(fills, r.filled(got))
		}
	}
	return moves, fills
}
