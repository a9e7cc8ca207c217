package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) relatedCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "related ID [PATH...]",
		Short: "the five stories most like one",
		Long: `related prints the five stories most like one, in list's format, most similar
first: those sharing its rarer words. The reader lists the same under each
article.`,
		Args: nargs(1, -1, "related needs an article ID"),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			return a.related(args[0], args[1:])
		},
	}
}

func (a *app) related(id string, paths []string) error {
	if err := checkIDs([]string{id}, paths); err != nil {
		return err
	}
	lib, err := a.load(paths)
	if err != nil {
		return err
	}
	art, err := lib.Resolve(id)
	if err != nil {
		return err
	}
	related, err := lib.Related(art, 5)
	if err != nil {
		return err
	}
	for _, r := range related {
		if _, err := fmt.Fprintln(a.stdout, listLine(r)); err != nil {
			return err
		}
	}
	return nil
}
