package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/spf13/cobra"
)

const tagUsage = "usage: broadsheet tag add|rm ID TAG... [--in PATH]..."

// tagCmd is tag add and tag rm; tag alone, or with anything else, is a
// usage error.
func (a *app) tagCmd() *cobra.Command {
	var in []string
	cmd := &cobra.Command{
		Use:   "tag add|rm ID TAG...",
		Short: "give an article tags, or take them away",
		Long: `tag add and tag rm change the tags you give an article, by its ID (any unique
prefix); --in names where to look the ID up (default: the default library).
A tag may hold spaces; the filter finds it as tag:word or tag:"two words".
rm also takes tags from an article that is gone, and never from an
article's own (its front matter's or dataset's).`,
		Example: `  broadsheet tag add 645f76 gaza "to read"
  broadsheet tag rm 645f76 "to read"`,
		Args: nargs(0, 0, tagUsage),
		RunE: func(*cobra.Command, []string) error { return usageErr(tagUsage) },
	}
	cmd.PersistentFlags().StringArrayVar(&in, "in", nil, "look the ID up in `PATH` (may be given more than once)")
	cmd.MarkPersistentFlagDirname("in")
	for _, on := range []bool{true, false} {
		use, short := "add ID TAG...", "give an article tags"
		if !on {
			use, short = "rm ID TAG...", "take tags away from an article"
		}
		cmd.AddCommand(&cobra.Command{
			Use:   use,
			Short: short,
			Args:  nargs(2, -1, tagUsage),
			RunE: func(_ *cobra.Command, args []string) error {
				if err := a.loadConfig(); err != nil {
					return err
				}
				return a.setTags(on, args[0], args[1:], in)
			},
		})
	}
	return cmd
}

// setTags gives the article id names the tags, or takes them away. Every
// tag is checked before anything changes.
func (a *app) setTags(on bool, id string, tags, in []string) error {
	errs := []error{checkID(id), checkPaths(in)}
	for _, t := range tags {
		if _, ok := state.CleanTag(t); !ok {
			errs = append(errs, fmt.Errorf("%q is not a tag: a tag needs a word, no comma, and at most 64 characters", text.SanitizeLine(t)))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	userTags, err := state.OpenTags(a.dataPath())
	if err != nil {
		return err
	}
	if !on {
		// Tags of an article that is gone can still be taken away.
		if ref, err := resolveTagged(userTags, id); err == nil {
			return userTags.Set(ref, nil, tags)
		} else if !errors.Is(err, article.ErrNotFound) {
			return err
		}
	}
	lib, err := a.load(in)
	if err != nil {
		return err
	}
	art, err := lib.Resolve(id)
	if err != nil {
		return err
	}
	if on {
		return userTags.Set(state.RefOf(art), tags, nil)
	}
	return userTags.Set(state.RefOf(art), nil, tags)
}

// resolveTagged finds the one tagged article whose ID starts with prefix.
func resolveTagged(tags *state.Tags, prefix string) (state.Ref, error) {
	var found []state.Ref
	p := strings.ToLower(prefix)
	for _, tg := range tags.List() {
		if strings.HasPrefix(tg.Ref.ID.String(), p) {
			found = append(found, tg.Ref)
		}
	}
	switch len(found) {
	case 0:
		return state.Ref{}, fmt.Errorf("%s: %w", text.SanitizeLine(prefix), article.ErrNotFound)
	case 1:
		return found[0], nil
	}
	return state.Ref{}, fmt.Errorf("%s: %w", text.SanitizeLine(prefix), article.ErrAmbiguous)
}

func (a *app) tagsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "tags [PATH...]",
		Short: "list the tags, each with its count",
		Long: `tags prints each tag of the articles in the paths given (default: the default
library), the articles' own and those you gave them as one set, with how
many articles have it: TAG, a tab, COUNT, most used first. Tags that differ
only in case, accents or punctuation are one tag, as tag: finds them.`,
		RunE: func(_ *cobra.Command, paths []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			return a.tags(asJSON, paths)
		},
	}
	cmd.Flags().BoolVarP(&asJSON, "json", "j", false, `one JSON object a line: {"tag": ..., "count": ...}`)
	return cmd
}

// tagCount is a tag as tags prints it.
type tagCount struct {
	Tag   string `json:"tag"`
	Count int    `json:"count"`
}

func (a *app) tags(asJSON bool, paths []string) error {
	lib, err := a.load(paths)
	if err != nil {
		return err
	}
	userTags, tagsErr := state.OpenTags(a.dataPath())
	if tagsErr != nil {
		return tagsErr
	}
	userTags.Reconcile(lib.Resolver().FindRef) // in memory, as list does
	var out []tagCount
	for _, c := range lib.TagCounts(userTags.Of, nil) {
		out = append(out, tagCount{c.Tag, c.Count})
	}
	enc := json.NewEncoder(a.stdout)
	for _, c := range out {
		if asJSON {
			err = enc.Encode(c)
		} else {
			_, err = fmt.Fprintf(a.stdout, "%s\t%d\n", c.Tag, c.Count)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// articleTags is an article's own tags and the user's, one a key, its
// own first.
func articleTags(art *article.Article, userTags func(article.ID) []string) []string {
	var user []string
	if userTags != nil {
		user = userTags(art.ID)
	}
	var out []string
	seen := map[string]bool{}
	for _, t := range state.JoinTags(art.Tags, user) {
		if k := state.TagKey(t); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}
