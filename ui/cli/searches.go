package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/spf13/cobra"
)

func (a *app) searchesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "searches [PATH...]",
		Short: "list the saved searches, each with its counts",
		Long: `searches prints each saved search, the configuration's [searches] and those
saved in the reader (v, then S), by name: NAME, a tab, TOTAL (the articles it
finds in the paths given, or the default library), a tab, UNREAD, a tab, the
QUERY. Where the configuration and the reader both have a name, the
configuration's query is the one in force.`,
		Example: `  broadsheet searches --json ~/news`,
		RunE: func(_ *cobra.Command, paths []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			return a.searches(asJSON, paths)
		},
	}
	cmd.Flags().BoolVarP(&asJSON, "json", "j", false,
		`one JSON object a line: {"name", "query", "total", "unread", "from": "config" or "saved"}`)
	return cmd
}

// savedQuery is the query of the saved search called name (the
// configuration's or one saved in the reader), with filter after it when
// there is one: both must find an article.
func (a *app) savedQuery(name, filter string) (string, error) {
	if name == "" {
		return filter, nil
	}
	all, err := a.allSearches()
	if err != nil {
		return "", err
	}
	var names []string
	for _, s := range all {
		if state.SearchKey(s.Name) == state.SearchKey(name) {
			if strings.TrimSpace(filter) == "" {
				return s.Query, nil
			}
			return "(" + s.Query + ") (" + filter + ")", nil
		}
		names = append(names, text.SanitizeLine(s.Name))
	}
	if len(names) == 0 {
		return "", usageErr("--search %q: there are no saved searches (see broadsheet searches)", text.SanitizeLine(name))
	}
	return "", usageErr("--search %q: no saved search has that name; there are: %s", text.SanitizeLine(name), strings.Join(names, ", "))
}

// allSearches is the configuration's searches and those saved in the
// reader, by name; with the error of a searches file that cannot be
// read, the configuration's alone.
func (a *app) allSearches() ([]state.Search, error) {
	saved, err := state.OpenSearches(a.dataPath())
	return state.MergeSearches(a.cfg.searches, saved.List()), err
}

// completeSearches offers the saved searches' names to --search.
func (a *app) completeSearches(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	if a.loadConfig() != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	all, _ := a.allSearches() // a file that cannot be read offers the configuration's
	var names []string
	for _, s := range all {
		names = append(names, s.Name)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

// searchCount is a saved search as searches prints it.
type searchCount struct {
	Name   string `json:"name"`
	Query  string `json:"query"`
	Total  int    `json:"total"`
	Unread int    `json:"unread"`
	From   string `json:"from"`
}

func (a *app) searches(asJSON bool, paths []string) error {
	all, err := a.allSearches()
	if err != nil {
		return err
	}
	lib, err := a.load(paths)
	if err != nil {
		return err
	}
	var queries []string
	for _, s := range all {
		queries = append(queries, s.Query)
	}
	opt, err := a.searchOptions(lib, strings.Join(queries, " "))
	if err != nil {
		return err
	}
	if marks, err := state.OpenBookmarks(a.dataPath()); err == nil {
		opt.Bookmarked = marks.Has
	}
	enc := json.NewEncoder(a.stdout)
	for _, s := range all {
		c := countSearch(lib, s, opt)
		if asJSON {
			err = enc.Encode(c)
		} else {
			_, err = fmt.Fprintf(a.stdout, "%s\t%d\t%d\t%s\n", c.Name, c.Total, c.Unread, c.Query)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// countSearch runs a saved search and counts what it finds.
func countSearch(lib *store.Library, s state.Search, opt store.SearchOptions) searchCount {
	res := lib.Search(query.Parse(s.Query), opt)
	c := searchCount{Name: text.SanitizeLine(s.Name), Query: text.SanitizeLine(s.Query), Total: res.Len(), From: "saved"}
	if s.Config {
		c.From = "config"
	}
	read := opt.Read
	c.Unread = res.Count(func(id article.ID) bool { return read == nil || !read(id) })
	return c
}
