package cli

import (
	"errors"
	"fmt"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/ui"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"
)

func (a *app) showCmd() *cobra.Command {
	var width int
	cmd := &cobra.Command{
		Use:   "show ID|FILE [PATH...]",
		Short: "render an article as the reader does",
		Long: `show renders one article as the reader pane does: an ID (any unique prefix)
looked up in the paths given or the default library, or a file.`,
		Args: nargs(1, -1, "show needs an article ID or file"),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			return a.show(width, args[0], args[1:])
		},
	}
	cmd.Flags().IntVarP(&width, "width", "w", 80, "wrap at `COLUMNS`, 20 or more")
	cmd.RegisterFlagCompletionFunc("width", cobra.NoFileCompletions)
	return cmd
}

func (a *app) show(width int, target string, paths []string) error {
	if width < 20 {
		return usageErr("--width must be at least 20")
	}
	style, err := chooseStyle(a.styleSetting(), isTerminal(a.term), nil)
	if err != nil {
		return err
	}
	lib, art, err := a.find(target, paths)
	if err != nil {
		return err
	}
	full, err := lib.Open(art)
	if err != nil {
		return err
	}
	// What the user keeps of it shows as in the reader; a state file that
	// cannot be read shows nothing, and show still shows the article.
	tags, _ := state.OpenTags(a.dataPath())
	notes, _ := state.OpenNotes(a.dataPath())
	out, err := ui.RenderArticle(full, tags, notes, width, style, termenv.EnvColorProfile(), a.hyperlinks(a.term))
	if err != nil {
		return fmt.Errorf("%s: %w", art.Path, err)
	}
	_, err = fmt.Fprintln(a.stdout, out)
	return err
}

// find is the article target names: a file, else an ID in the library
// over paths. Everything wrong with target and paths is said at once.
func (a *app) find(target string, paths []string) (*store.Library, *article.Article, error) {
	file, err := checkTarget(target)
	if err != nil {
		return nil, nil, errors.Join(err, checkPaths(paths))
	}
	if file {
		lib, err := a.load([]string{target})
		if err != nil {
			return nil, nil, err
		}
		res := lib.Search(query.Query{}, store.SearchOptions{})
		if res.Len() == 0 {
			return nil, nil, fmt.Errorf("%s: not an article", target)
		}
		return lib, res.At(0), nil
	}
	lib, err := a.load(paths)
	if err != nil {
		return nil, nil, err
	}
	art, err := lib.Resolve(target)
	if err != nil {
		return nil, nil, err
	}
	return lib, art, nil
}
