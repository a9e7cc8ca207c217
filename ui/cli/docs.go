package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/ui"
	"github.com/muesli/mango"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// manDate is the man page's date: fixed, so that the page is the same
// from every build of one version.
var manDate = time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)

// shells are the shells completion writes a script for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

func (a *app) completionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "print a shell completion script",
		Long: `completion prints a script that completes broadsheet's commands, flags and
their values in one shell. To install it:

  bash:       broadsheet completion bash > ~/.local/share/bash-completion/completions/broadsheet
  zsh:        broadsheet completion zsh > "${fpath[1]}/_broadsheet"
  fish:       broadsheet completion fish > ~/.config/fish/completions/broadsheet.fish
  powershell: broadsheet completion powershell | Out-String | Invoke-Expression`,
		ValidArgs: shells,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("usage: broadsheet completion %s", strings.Join(shells, "|"))
			}
			if !slices.Contains(shells, args[0]) {
				return usageErr("completion: no script for %q (bash, zsh, fish or powershell)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeCompletion(cmd.Root(), args[0], a.stdout)
		},
	}
}

// writeCompletion writes cobra's script for shell, with descriptions.
func writeCompletion(root *cobra.Command, shell string, w io.Writer) error {
	switch shell {
	case "bash":
		return root.GenBashCompletionV2(w, true)
	case "zsh":
		return root.GenZshCompletion(w)
	case "fish":
		return root.GenFishCompletion(w, true)
	default:
		return root.GenPowerShellCompletionWithDesc(w)
	}
}

func (a *app) manCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "man",
		Short:             "print the manual page",
		Long:              "man prints the manual page, in roff: broadsheet man | man -l -",
		Args:              nargs(0, 0, "man takes no arguments"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(*cobra.Command, []string) error {
			page, err := manPage(newRoot(&app{}))
			if err != nil {
				return err
			}
			_, err = io.WriteString(a.stdout, page)
			return err
		},
	}
}

// manPage is the manual page of the tree under root, in roff: the
// commands and flags from the tree, then the reader's keys from the
// bindings it matches on, then what the tree cannot say.
//
// root should be fresh, not one that has run, so that every command
// lists its own flags alone whichever of them ran.
func manPage(root *cobra.Command) (string, error) {
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	page, err := mcobra.NewManPage(1, root)
	if err != nil {
		return "", err
	}
	page.WithLongDescription(paragraphs(root.Long))
	unquote(&page.Root)
	doc := &manDoc{Document: roff.NewDocument()}
	page.Build(doc)
	manSections(doc.Document)
	return periods(doc.String()) + "\n", nil
}

// periods takes out the \& that roff's escaping puts before every period:
// only a period that starts a line would be read as a request, and the
// page's source reads better (and greps: read.json) without the rest.
func periods(page string) string {
	lines := strings.Split(page, "\n")
	for i, l := range lines {
		head := ""
		if strings.HasPrefix(l, `\&.`) {
			head, l = `\&.`, l[3:]
		}
		lines[i] = head + strings.ReplaceAll(l, `\&.`, ".")
	}
	return strings.Join(lines, "\n")
}

// manSections writes the sections the command tree cannot give.
func manSections(doc *roff.Document) {
	tagged := func(section string, items [][2]string, tag func(string)) {
		doc.Section(section)
		for _, it := range items {
			doc.TaggedParagraph(-1)
			tag(it[0])
			doc.EndSection()
			doc.Text(it[1])
		}
	}
	var keys [][2]string
	for _, k := range ui.KeyHelp() {
		keys = append(keys, [2]string{asciiGlyphs.Replace(k[0]), asciiGlyphs.Replace(k[1])})
	}
	tagged("Keys", keys, doc.TextBold)
	doc.Section("Filter")
	doc.Text(`Words must all occur, in any order; case and accents do not matter; the last word also matches the start of a word. "phrases", -word, title:, in:, after:, before:, on:, is:bookmarked, is:unread, OR and parentheses are understood.`)
	tagged("Exit status", [][2]string{
		{"0", "success, or --help"},
		{"1", "an error: a file or folder that cannot be read, an ID not found, a broken bookmarks or configuration file, output that cannot be written"},
		{"2", "a usage error: an unknown command or flag, a missing or bad argument"},
		{"128+N", "the reader ended by signal N, the terminal restored: 129 for SIGHUP, 130 SIGINT, 131 SIGQUIT, 143 SIGTERM"},
	}, doc.TextBold)
	tagged("Files", [][2]string{
		{"$XDG_CONFIG_HOME/broadsheet/config.toml", "the configuration: paths, style, date_format, hyperlinks, [keys] and [searches]"},
		{"$XDG_DATA_HOME/broadsheet/bookmarks.json", "bookmarks"},
		{"$XDG_STATE_HOME/broadsheet/read.json", "read state"},
		{"$XDG_CACHE_HOME/broadsheet/", "the index, cached between runs"},
	}, doc.TextItalic)
	tagged("Environment", [][2]string{
		{"BROADSHEET_PATH", "folders to read when none is given, separated by colons"},
		{"VISUAL, EDITOR, BROWSER", "the programs e and o start"},
		{"NO_COLOR", "no colours"},
	}, doc.TextBold)
}

// asciiGlyphs are words for the few characters beyond ASCII that the key
// help uses, so that every man reader, in every locale, shows them.
var asciiGlyphs = strings.NewReplacer("↑", "Up", "↓", "Down", "←", "Left", "→", "Right", "½", "1/2", "…", "...", "—", "--")

// manDoc is a roff document whose title line is broadsheet's own: mango
// would date it today and put the description where the manual's name
// goes.
type manDoc struct {
	*roff.Document
	heading string
}

func (d *manDoc) Heading(section uint, title, _ string, _ time.Time) {
	d.heading = fmt.Sprintf(".TH %s %d %q %q %q", strings.ToUpper(title), section,
		manDate.Format("2006-01-02"), "broadsheet "+version, "User Commands")
}

func (d *manDoc) String() string { return d.heading + d.Document.String() }

// unquote moves the backquoted word that names a flag's value in --help
// (pflag's convention) beside the flag's name, where mango does not put
// it, and takes the backquotes out.
func unquote(c *mango.Command) {
	for key, f := range c.Flags {
		if _, rest, ok := strings.Cut(f.Usage, "`"); ok {
			if value, _, ok := strings.Cut(rest, "`"); ok {
				f.Name += " " + value
			}
		}
		f.Usage = strings.ReplaceAll(f.Usage, "`", "")
		c.Flags[key] = f
	}
	for _, sub := range c.Commands {
		unquote(sub)
	}
}

// paragraphs unwraps text wrapped for a terminal into one line a
// paragraph, as roff wants it; indented lines keep their own.
func paragraphs(text string) string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		lines := strings.Split(p, "\n")
		if strings.HasPrefix(lines[len(lines)-1], " ") {
			out = append(out, lines...)
			continue
		}
		out = append(out, strings.Join(lines, " "))
	}
	return strings.Join(out, "\n")
}
