package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/export"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/spf13/cobra"
)

// exportFormats are what export --format writes.
var exportFormats = []string{"epub", "markdown", "jsonl"}

// exportOptions are export's own flags.
type exportOptions struct {
	format, out, filter, sort, title string
	search                           string // a saved search's name
	tags                             []string
	bookmarked, force                bool
}

func (a *app) exportCmd() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export --format FORMAT -o PATH [PATH...]",
		Short: "write articles out as an EPUB, markdown files or JSON Lines",
		Long: `export writes the articles that --search, --filter, --tag and --bookmarked leave (all of
them when none is given), newest first, with their tags (their own and
yours) and your notes:

  epub      one EPUB 3 book, a chapter an article: headline, date, author,
            source (a link), tags and note, then the text; a table of
            contents for every reader, EPUB 2's too
  markdown  a folder of .md files named by headline and ID, each with YAML
            front matter (title, date, source, author, site, description,
            tags, note) that broadsheet reads back as it was
  jsonl     one JSON object a line: what list --json prints, the date in
            full (RFC 3339), and excerpt, note and body besides

-o - writes an epub or jsonl export to stdout. An existing output is never
replaced without --force; with it, the export is written beside the old one
and takes its place only once whole, so a failed export leaves the old
output as it was, and a folder is replaced only if it holds nothing but .md
files. When stderr is a terminal, a count of the articles written shows
there as they go.`,
		Example: `  broadsheet export --format epub -o gaza.epub --filter 'gaza after:2024' ~/news
  broadsheet export --format epub -o gulf.epub --search gulf
  broadsheet export --format markdown -o ~/backup/news --tag "to read"
  broadsheet export --format jsonl -o - --bookmarked | jq .headline`,
		RunE: func(_ *cobra.Command, paths []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			return a.export(o, paths)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "", "write `FORMAT`: "+strings.Join(exportFormats, ", "))
	f.StringVarP(&o.out, "output", "o", "", "write to `PATH`: a file (epub, jsonl; - for stdout) or a folder (markdown)")
	f.StringVarP(&o.filter, "filter", "f", "", "only the articles that `QUERY` finds, in the reader's filter language")
	f.StringVarP(&o.search, "search", "S", "", "only the articles the saved search `NAME` finds (see broadsheet searches); with --filter, both")
	f.StringArrayVarP(&o.tags, "tag", "t", nil, "only the articles tagged `TAG`, their own tags or yours (may be given more than once: all of them)")
	f.BoolVarP(&o.bookmarked, "bookmarked", "b", false, "only bookmarked articles")
	f.StringVarP(&o.sort, "sort", "s", "newest", "`ORDER` of the articles: "+strings.Join(store.Sorts, ", "))
	f.StringVar(&o.title, "title", "", "the EPUB's `TITLE` (default: broadsheet, and the filter)")
	f.BoolVar(&o.force, "force", false, "replace an existing output")
	cmd.RegisterFlagCompletionFunc("format", fixed(exportFormats...))
	cmd.RegisterFlagCompletionFunc("sort", fixed(store.Sorts...))
	cmd.RegisterFlagCompletionFunc("filter", cobra.NoFileCompletions)
	cmd.RegisterFlagCompletionFunc("tag", cobra.NoFileCompletions)
	cmd.RegisterFlagCompletionFunc("search", a.completeSearches)
	cmd.RegisterFlagCompletionFunc("title", cobra.NoFileCompletions)
	return cmd
}

func (a *app) export(o exportOptions, paths []string) error {
	switch {
	case !slices.Contains(exportFormats, o.format):
		return usageErr("--format must be one of %s, not %q", strings.Join(exportFormats, ", "), o.format)
	case o.out == "":
		return usageErr("export needs -o PATH, where to write")
	case o.out == "-" && o.format == "markdown":
		return usageErr("a markdown export is a folder: -o - (stdout) takes epub or jsonl")
	}
	filter, err := a.savedQuery(o.search, o.filter)
	if err != nil {
		return err
	}
	if filter, err = tagFilter(filter, o.tags); err != nil {
		return err
	}
	sel, err := a.selectArticles(paths, filter, o.sort, o.bookmarked)
	if err != nil {
		return err
	}
	// What the user keeps goes out with the articles: a tags or notes
	// file that cannot be read fails the export rather than leave them
	// out unsaid.
	if _, err := state.OpenTags(a.dataPath()); err != nil {
		return err
	}
	if _, err := state.OpenNotes(a.dataPath()); err != nil {
		return err
	}
	total := sel.res.Len()
	if total == 0 {
		return fmt.Errorf("no articles to export: nothing written to %s", o.out)
	}
	opt := export.Options{Title: o.title, Progress: a.exportProgress(total)}
	switch {
	case opt.Title != "":
	case o.search != "":
		opt.Title = "broadsheet: " + o.search
	default:
		opt.Title = strings.TrimSuffix("broadsheet: "+filter, ": ")
	}
	items := exportItems(sel)
	var write func(io.Writer) error
	switch o.format {
	case "epub":
		write = func(w io.Writer) error { return export.EPUB(w, items, opt) }
	case "jsonl":
		write = func(w io.Writer) error { return export.JSONL(w, items, opt) }
	case "markdown":
		err = export.WriteFolder(o.out, o.force, func(dir string) error { return export.Markdown(dir, items, opt) })
	}
	switch {
	case o.format == "markdown":
	case o.out == "-":
		err = write(a.stdout)
	default:
		err = export.WriteFile(o.out, o.force, write)
	}
	if opt.Progress != nil {
		fmt.Fprintln(a.stderr)
	}
	if err != nil {
		return err
	}
	return sel.marksErr
}

// tagFilter is the filter with a tag: term for each tag, all of them
// needed: the query language finds tags, the articles' own and the
// user's, as tags and list do.
func tagFilter(filter string, tags []string) (string, error) {
	var terms []string
	for _, t := range tags {
		key := state.TagKey(t)
		if key == "" {
			return "", usageErr("--tag %q has no word in it", text.SanitizeLine(t))
		}
		terms = append(terms, `tag:"`+key+`"`)
	}
	if len(terms) == 0 {
		return filter, nil
	}
	if strings.TrimSpace(filter) != "" {
		terms = append(terms, "("+filter+")")
	}
	return strings.Join(terms, " "), nil
}

// exportItems are the selection's articles with their bodies, tags and
// notes, in order.
func exportItems(sel selection) export.Items {
	return func(yield func(export.Item, error) bool) {
		for i := range sel.res.Len() {
			art := sel.res.Peek(i)
			full, err := sel.lib.Open(art)
			if err != nil {
				yield(export.Item{}, fmt.Errorf("%s: %w", text.SanitizeLine(art.Path), err))
				return
			}
			it := export.Item{Article: full, Tags: articleTags(art, sel.opt.Tags), Bookmarked: sel.marks.Has(art.ID)}
			if sel.opt.Note != nil {
				it.Note = sel.opt.Note(art.ID)
			}
			if !yield(it, nil) {
				return
			}
		}
	}
}

// exportProgress is a count of the articles written on stderr, redrawn
// in place at most ten times a second, when stderr is a terminal; nil
// otherwise, so that a log gets no carriage returns.
func (a *app) exportProgress(total int) func(int) {
	if !isTerminal(a.stderr) {
		return nil
	}
	var last time.Time
	return func(done int) {
		if now := time.Now(); done == total || now.Sub(last) >= 100*time.Millisecond {
			last = now
			fmt.Fprintf(a.stderr, "\rexported %d of %d", done, total)
		}
	}
}
