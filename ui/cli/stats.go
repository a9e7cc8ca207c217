package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/broadsheet/broadsheet/ui"
	"github.com/spf13/cobra"
)

// statsPeriods are what stats --by counts by.
var statsPeriods = []string{"day", "week", "month", "year"}

func (a *app) statsCmd() *cobra.Command {
	var by, filter string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats [PATH...]",
		Short: "count the articles by day, week, month or year",
		Long: `stats prints how many articles (of those --filter finds, or all) fall in each
period, oldest first: PERIOD, a tab, COUNT. A day is 2024-11-16, a week
2024-W46 (ISO weeks, from Monday), a month 2024-11, a year 2024, each by the
article's date as list shows it; articles with no date at all come last, as
"undated". The counts add up to what list prints.`,
		Example: `  broadsheet stats --by month --filter brexit ~/news`,
		RunE: func(_ *cobra.Command, paths []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			if !slices.Contains(statsPeriods, by) {
				return usageErr("--by must be one of %s, not %q", strings.Join(statsPeriods, ", "), by)
			}
			return a.stats(by, filter, asJSON, paths)
		},
	}
	f := cmd.Flags()
	f.StringVar(&by, "by", "month", "count by `PERIOD`: "+strings.Join(statsPeriods, ", "))
	f.StringVarP(&filter, "filter", "f", "", "only the articles that `QUERY` finds, in the reader's filter language")
	f.BoolVarP(&asJSON, "json", "j", false, `one JSON object a line: {"period": ..., "count": ...}`)
	cmd.RegisterFlagCompletionFunc("by", fixed(statsPeriods...))
	cmd.RegisterFlagCompletionFunc("filter", cobra.NoFileCompletions)
	return cmd
}

func (a *app) stats(by, filter string, asJSON bool, paths []string) error {
	lib, err := a.load(paths)
	if err != nil {
		return err
	}
	opt, err := a.searchOptions(lib, filter)
	if err != nil {
		return err
	}
	marks, err := state.OpenBookmarks(a.dataPath())
	if err != nil && strings.Contains(filter, "is:bookmarked") {
		return err
	}
	opt.Bookmarked = marks.Has
	q := query.Parse(filter)
	if len(q.Ignored) > 0 {
		fmt.Fprintln(a.stderr, "broadsheet: ignored in the filter: "+text.SanitizeLine(strings.Join(q.Ignored, " ")))
	}
	counts := map[string]int{}
	undated := 0
	err = lib.Search(q, opt).EachLine(0, func(ln *store.Line) error {
		if ln.Undated {
			undated++
		} else {
			counts[ui.PeriodName(ln.Date, by)]++
		}
		return nil
	})
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(counts)+1)
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys) // each period's name sorts as its time does
	if undated > 0 {
		keys, counts["undated"] = append(keys, "undated"), undated
	}
	enc := json.NewEncoder(a.stdout)
	for _, k := range keys {
		if asJSON {
			err = enc.Encode(struct {
				Period string `json:"period"`
				Count  int    `json:"count"`
			}{k, counts[k]})
		} else {
			_, err = fmt.Fprintf(a.stdout, "%s\t%d\n", k, counts[k])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// searchOptions are what list and stats search with, beside the
// bookmarks, which each opens its own way: read state, and the user's
// tags and notes, moved in memory to edited articles' new IDs (a command
// that lists writes no file, and must not fail for one it cannot write;
// the reader saves the same moves). A state file that cannot be read
// fails the command only when the filter asks about what it holds.
func (a *app) searchOptions(lib *store.Library, filter string) (store.SearchOptions, error) {
	var opt store.SearchOptions
	// One resolver for both: it indexes the whole library the first time
	// an entry's ID is not found.
	find := lib.Resolver().FindRef
	if read, err := state.OpenReadState(a.statePath()); err == nil {
		opt.Read = read.Has
	} else if strings.Contains(filter, "is:unread") {
		return opt, err
	}
	if tags, err := state.OpenTags(a.dataPath()); err == nil {
		tags.Reconcile(find)
		opt.Tags = tags.Of
	} else if strings.Contains(filter, "tag:") {
		return opt, err
	}
	if notes, err := state.OpenNotes(a.dataPath()); err == nil {
		notes.Reconcile(find)
		opt.Note = notes.Of
	} else if strings.Contains(filter, "note:") {
		return opt, err
	}
	return opt, nil
}
