package cli

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
)

// selection is what list and export find: the library, the articles its
// filter and --bookmarked leave, in order, and what they were searched
// with. marksErr is a bookmarks file that could not be read, which fails
// the command after its output, so that scripts notice.
type selection struct {
	lib      *store.Library
	res      store.Result
	opt      store.SearchOptions
	marks    *state.Bookmarks
	marksErr error
}

// selectArticles loads the library over paths and searches it with the
// filter, sorted by sortName, only bookmarked articles if asked.
func (a *app) selectArticles(paths []string, filter, sortName string, bookmarked bool) (selection, error) {
	var s selection
	sortBy, ok := store.ParseSort(sortName)
	if !ok {
		return s, usageErr("--sort must be one of %s, not %q", strings.Join(store.Sorts, ", "), sortName)
	}
	lib, err := a.load(paths)
	if err != nil {
		return s, err
	}
	s.lib = lib
	s.marks, s.marksErr = state.OpenBookmarks(a.dataPath())
	if s.marksErr != nil && bookmarked {
		return s, s.marksErr
	}
	if s.opt, err = a.searchOptions(lib, filter); err != nil {
		return s, err
	}
	s.opt.Bookmarked, s.opt.Sort = s.marks.Has, sortBy
	if bookmarked {
		s.opt.Only = s.marks.Has
	}
	q := query.Parse(filter)
	if len(q.Ignored) > 0 {
		fmt.Fprintln(a.stderr, "broadsheet: ignored in the filter: "+text.SanitizeLine(strings.Join(q.Ignored, " ")))
	}
	s.res = lib.Search(q, s.opt)
	return s, nil
}
