package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/spf13/cobra"
)

const bookmarkUsage = "usage: broadsheet bookmark add|rm ID... [--in PATH]..."

// bookmarkCmd is bookmark add and bookmark rm; bookmark alone, or with
// anything else, is a usage error.
func (a *app) bookmarkCmd() *cobra.Command {
	var in []string
	cmd := &cobra.Command{
		Use:   "bookmark add|rm ID...",
		Short: "add or remove bookmarks",
		Long: `bookmark add and bookmark rm change bookmarks by article ID (any unique
prefix); --in names where to look the IDs up (default: the default library).
rm also takes bookmarks whose article is gone.`,
		Args: nargs(0, 0, bookmarkUsage),
		RunE: func(*cobra.Command, []string) error { return usageErr(bookmarkUsage) },
	}
	cmd.PersistentFlags().StringArrayVar(&in, "in", nil, "look the IDs up in `PATH` (may be given more than once)")
	cmd.MarkPersistentFlagDirname("in")
	for _, on := range []bool{true, false} {
		use, short := "add ID...", "bookmark articles"
		if !on {
			use, short = "rm ID...", "remove bookmarks"
		}
		cmd.AddCommand(&cobra.Command{
			Use:   use,
			Short: short,
			Args:  nargs(1, -1, bookmarkUsage),
			RunE: func(_ *cobra.Command, ids []string) error {
				if err := a.loadConfig(); err != nil {
					return err
				}
				return a.setBookmarks(on, ids, in)
			},
		})
	}
	return cmd
}

// setBookmarks adds or removes the bookmarks of ids, looking them up in
// the library over in only when they are not bookmarks already. Every
// ID is checked before anything changes: one bad ID changes nothing, and
// the error names each bad one.
func (a *app) setBookmarks(on bool, ids, in []string) error {
	marks, err := state.OpenBookmarks(a.dataPath())
	if err != nil {
		return err
	}
	pathsErr := checkPaths(in)
	var lib *store.Library
	var set []state.Bookmark
	errs := []error{pathsErr}
	for _, id := range ids {
		if err := checkID(id); err != nil {
			errs = append(errs, err)
			continue
		}
		if pathsErr != nil {
			continue // nowhere to look the rest up
		}
		if !on {
			if b, err := marks.Resolve(id); err == nil {
				set = append(set, b)
				continue
			} else if !errors.Is(err, article.ErrNotFound) {
				errs = append(errs, err)
				continue
			}
		}
		if lib == nil {
			if lib, err = a.load(in); err != nil {
				return err
			}
		}
		art, err := lib.Resolve(id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		set = append(set, state.BookmarkOf(art))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, bm := range set {
		if err := marks.Set(bm, on); err != nil {
			return err
		}
	}
	return nil
}

func (a *app) bookmarksCmd() *cobra.Command {
	var asJSON, asMarkdown bool
	cmd := &cobra.Command{
		Use:   "bookmarks [PATH...]",
		Short: "list bookmarks, or write a reading list",
		Long: `bookmarks lists bookmarks in list's format; articles not found in the paths
given are marked (missing). --markdown writes a reading list instead: each
headline a link to the article's URL or its file, then its date, source and
first sentence.`,
		RunE: func(_ *cobra.Command, paths []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			if asJSON && asMarkdown {
				return usageErr("--json and --markdown do not go together")
			}
			return a.bookmarks(asJSON, asMarkdown, paths)
		},
	}
	cmd.Flags().BoolVarP(&asJSON, "json", "j", false, "one JSON object a line, as list --json, with missing")
	cmd.Flags().BoolVarP(&asMarkdown, "markdown", "m", false, "a reading list in markdown")
	return cmd
}

func (a *app) bookmarks(asJSON, asMarkdown bool, paths []string) error {
	marks, err := state.OpenBookmarks(a.dataPath())
	if err != nil {
		return err
	}
	lib, err := a.load(paths)
	if err != nil {
		return err
	}
	// A bookmark whose article was edited (a new ID) or moved follows it
	// rather than showing as missing; when that cannot be saved, the
	// listing goes on, and says so.
	if _, err := store.Reconcile(lib, store.Kept{Bookmarks: marks}); err != nil {
		fmt.Fprintln(a.stderr, "broadsheet: "+text.SanitizeLine(err.Error()))
	}
	if asMarkdown {
		_, err := io.WriteString(a.stdout, store.ReadingList(marks.List(), lib))
		return err
	}
	enc := json.NewEncoder(a.stdout)
	for _, bm := range marks.List() {
		art, found := lib.Get(bm.ID)
		if asJSON {
			if err := enc.Encode(bookmarkJSON(bm, art, found)); err != nil {
				return err
			}
			continue
		}
		var line string
		if found {
			line = listLine(art)
		} else {
			line = fmt.Sprintf("%s\t%s\t%s\t%s (missing)", bm.ID.Short(), bookmarkDate(bm),
				text.SanitizeLine(bm.Headline), text.SanitizeLine(bm.Path))
		}
		if _, err := fmt.Fprintln(a.stdout, line); err != nil {
			return err
		}
	}
	return nil
}

// bookmarkOut is a bookmark as bookmarks --json prints it.
type bookmarkOut struct {
	articleOut
	Missing bool `json:"missing"`
}

func bookmarkJSON(bm state.Bookmark, art *article.Article, found bool) bookmarkOut {
	if found {
		return bookmarkOut{articleOut: articleJSON(art, true)}
	}
	return bookmarkOut{Missing: true, articleOut: articleOut{ID: bm.ID.String(), Date: bookmarkDate(bm),
		Headline: text.SanitizeLine(bm.Headline), Path: text.SanitizeLine(bm.Path), Bookmarked: true}}
}

func bookmarkDate(bm state.Bookmark) string {
	if bm.Date.IsZero() {
		return ""
	}
	return bm.Date.Format("2006-01-02 15:04")
}
