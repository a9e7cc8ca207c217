// Command broadsheet reads folders of saved news articles in the terminal.
//
// main only wires: it parses flags, opens the store and hands over to the
// TUI or prints what a CLI command asks for, all through package store.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/adrg/xdg"
	"github.com/broadsheet/broadsheet/seeds"
	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"
)

const version = "0.1.0"

// gcPercent is the GC target broadsheet runs with; the store benchmarks
// use the same (store/bench_test.go).
const gcPercent = 25

const usage = `broadsheet reads folders of saved news articles in the terminal.

Usage:
  broadsheet [--style S] [--data-dir DIR] [PATH...]   open the reader
  broadsheet list [--filter Q] [--sort newest|oldest|title|relevance]
                  [--bookmarked] [--json] [PATH...]
  broadsheet show [--width N] [--style S] ID|FILE [PATH...]
  broadsheet bookmark add|rm ID... [--in PATH]...
  broadsheet bookmarks [--json|--markdown] [PATH...]
  broadsheet related ID [PATH...]            the five stories most like one
  broadsheet completion bash|zsh|fish        a shell completion script
  broadsheet man                             the manual page

With no PATH, broadsheet reads $BROADSHEET_PATH (folders separated by ':'),
or else its built-in sample articles.

Options:
  --style dark|light|notty|auto   reader style (auto: from the terminal's background;
                                  notty when NO_COLOR is set or output is no terminal)
  --data-dir DIR                  where bookmarks live
                                  (default $XDG_DATA_HOME/broadsheet)
  --state-dir DIR                 where read state lives
                                  (default $XDG_STATE_HOME/broadsheet)
  --help, --version
`

// exitError carries a process exit code: 2 for usage, 1 for the rest.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func usageErr(format string, a ...any) error {
	return &exitError{2, fmt.Errorf(format, a...)}
}

func main() {
	// The library's live heap is small next to what loading churns
	// through (each file read, parsed and tokenised, then dropped); a
	// tighter GC target keeps the peak nearer the live heap. For 100,000
	// articles: 130-138 MB at a warm start instead of 160 at Go's default;
	// 15 saved a few more MB but made a cold load 40% slower.
	debug.SetGCPercent(gcPercent)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole program, minus the process, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	err := dispatch(args, stdout, stderr)
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	fmt.Fprintln(stderr, "broadsheet: "+store.SanitizeLine(err.Error()))
	if code == 2 {
		fmt.Fprintln(stderr, "Run 'broadsheet --help' for usage.")
	}
	return code
}

// common are the flags every command takes.
type common struct {
	style      string
	dataDir    string
	stateDir   string
	configFile string
	cfg        *config // read by parse
}

// styleSetting is --style, else the configuration's style.
func (c *common) styleSetting() string {
	if c.style == "auto" && c.cfg != nil && c.cfg.Style != "" {
		return c.cfg.Style
	}
	return c.style
}

func newFlags(name string, stdout io.Writer, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&c.style, "style", "auto", "")
	fs.StringVar(&c.dataDir, "data-dir", "", "")
	fs.StringVar(&c.stateDir, "state-dir", "", "")
	fs.StringVar(&c.configFile, "config", "", "")
	return fs
}

// parse reads flags that may stand anywhere among the arguments, then
// the configuration file.
func parse(fs *flag.FlagSet, c *common, args []string, stdout io.Writer) ([]string, error) {
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return nil, err
	}
	if c.cfg, err = loadConfig(c); err != nil {
		return nil, err
	}
	return rest, nil
}

func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				return nil, err
			}
			return nil, usageErr("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func dispatch(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return cmdList(args[1:], stdout, stderr)
		case "show":
			return cmdShow(args[1:], stdout, stderr)
		case "bookmark":
			return cmdBookmark(args[1:], stdout, stderr)
		case "bookmarks":
			return cmdBookmarks(args[1:], stdout, stderr)
		case "related":
			return cmdRelated(args[1:], stdout, stderr)
		case "completion":
			return cmdCompletion(args[1:], stdout)
		case "config":
			return cmdConfig(args[1:], stdout)
		case "man":
			return cmdMan(stdout)
		case "help":
			fmt.Fprint(stdout, usage)
			return nil
		}
	}
	var c common
	fs := newFlags("broadsheet", stdout, &c)
	showVersion := fs.Bool("version", false, "")
	paths, err := parse(fs, &c, args, stdout)
	if err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintln(stdout, "broadsheet "+version)
		return nil
	}
	return runTUI(c, paths)
}

func runTUI(c common, paths []string) error {
	style, err := chooseStyle(c.styleSetting(), isTerminal(os.Stdout))
	if err != nil {
		return err
	}
	roots, err := openRoots(&c, paths)
	if err != nil {
		return err
	}
	marks, warning, err := openBookmarks(c)
	if err != nil {
		return err
	}
	if !isTerminal(os.Stdout) {
		return usageErr("the reader needs a terminal; use 'broadsheet list' in scripts")
	}
	read, err := store.OpenReadState(stateDir(c))
	if err != nil {
		warning = strings.TrimSpace(warning + " Read state is read-only: " + err.Error())
	}
	m := ui.New(ui.Options{
		Roots:      roots,
		Library:    newLibrary(),
		Bookmarks:  marks,
		ReadState:  read,
		Follow:     true,
		Keys:       c.cfg.keys,
		DateFormat: c.cfg.DateFormat,
		Warning:    warning,
		Style:      style,
		Profile:    termenv.EnvColorProfile(),
	})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithMouseCellMotion())
	_, err = p.Run()
	return err
}

// chooseStyle settles glamour's style. For auto it takes lipgloss's
// answer on the background, which Bubble Tea's own init has already asked
// the terminal for (falling back to COLORFGBG), so it costs nothing here.
func chooseStyle(s string, tty bool) (string, error) {
	switch s {
	case "dark", "light", "notty":
		return s, nil
	case "auto", "":
	default:
		return "", usageErr("--style must be dark, light, notty or auto, not %q", s)
	}
	if os.Getenv("NO_COLOR") != "" || !tty {
		return "notty", nil
	}
	if lipgloss.HasDarkBackground() {
		return "dark", nil
	}
	return "light", nil
}

// openRoots decides where articles come from: the arguments, else
// $BROADSHEET_PATH, else the configuration's paths, else the embedded
// samples.
func openRoots(c *common, paths []string) ([]store.Root, error) {
	if len(paths) == 0 {
		if env := os.Getenv("BROADSHEET_PATH"); env != "" {
			for _, p := range filepath.SplitList(env) {
				if p != "" {
					paths = append(paths, p)
				}
			}
		}
	}
	if len(paths) == 0 && c.cfg != nil {
		paths = c.cfg.Paths
	}
	if len(paths) == 0 {
		return []store.Root{{FS: seeds.FS, Name: "seeds"}}, nil
	}
	return store.OpenRoots(paths)
}

// newLibrary makes a library that keeps its index between runs under
// $XDG_CACHE_HOME/broadsheet.
func newLibrary() *store.Library {
	lib := store.NewLibrary()
	xdg.Reload()
	lib.CacheDir = filepath.Join(xdg.CacheHome, "broadsheet")
	return lib
}

// stateDir is where read state lives.
func stateDir(c common) string {
	if c.stateDir != "" {
		return c.stateDir
	}
	xdg.Reload()
	return filepath.Join(xdg.StateHome, "broadsheet")
}

// dataDir is where bookmarks live.
func dataDir(c common) string {
	if c.dataDir != "" {
		return c.dataDir
	}
	xdg.Reload()
	return filepath.Join(xdg.DataHome, "broadsheet")
}

// openBookmarks opens the bookmarks; a broken file leaves them read-only
// with a warning for the TUI.
func openBookmarks(c common) (*store.Bookmarks, string, error) {
	marks, err := store.OpenBookmarks(dataDir(c))
	if err != nil {
		return marks, "Bookmarks are read-only: " + err.Error(), nil
	}
	return marks, "", nil
}

// load reads the whole library, reporting skipped files on stderr.
func load(c *common, paths []string, stderr io.Writer) (*store.Library, error) {
	roots, err := openRoots(c, paths)
	if err != nil {
		return nil, err
	}
	lib := newLibrary()
	lib.Load(context.Background(), roots, nil)
	for _, s := range lib.Skipped() {
		fmt.Fprintln(stderr, "broadsheet: skipped "+s.String())
	}
	return lib, nil
}

func cmdList(args []string, stdout, stderr io.Writer) error {
	var c common
	fs := newFlags("list", stdout, &c)
	filter := fs.String("filter", "", "")
	bookmarked := fs.Bool("bookmarked", false, "")
	asJSON := fs.Bool("json", false, "")
	sortName := fs.String("sort", "newest", "")
	paths, err := parse(fs, &c, args, stdout)
	if err != nil {
		return err
	}
	sortBy, ok := store.ParseSort(*sortName)
	if !ok {
		return usageErr("--sort must be one of %s, not %q", strings.Join(store.Sorts, ", "), *sortName)
	}
	lib, err := load(&c, paths, stderr)
	if err != nil {
		return err
	}
	// A bookmarks file that cannot be read fails the commands that show
	// bookmarks, after their output, so that scripts notice.
	marks, marksErr := store.OpenBookmarks(dataDir(c))
	if marksErr != nil && *bookmarked {
		return marksErr
	}
	opt := store.SearchOptions{Bookmarked: marks.Has, Sort: sortBy}
	if read, err := store.OpenReadState(stateDir(c)); err == nil {
		opt.Read = read.Has
	} else if strings.Contains(*filter, "is:unread") {
		return err
	}
	if *bookmarked {
		opt.Only = marks.Has
	}
	q := store.ParseQuery(*filter)
	if len(q.Ignored) > 0 {
		fmt.Fprintln(stderr, "broadsheet: ignored in the filter: "+store.SanitizeLine(strings.Join(q.Ignored, " ")))
	}
	res := lib.Search(q, opt)
	enc := json.NewEncoder(stdout)
	for _, a := range res.Articles {
		if *asJSON {
			if err := enc.Encode(articleJSON(a, marks.Has(a.ID))); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintln(stdout, listLine(a))
	}
	if marksErr != nil && *asJSON {
		return marksErr
	}
	return nil
}

// listLine is an article as list prints it: ID, date, headline and path,
// tab-separated.
func listLine(a *store.Article) string {
	return a.ID.Short() + "\t" + listDate(a) + "\t" + a.Headline + "\t" + store.SanitizeLine(a.Path)
}

func listDate(a *store.Article) string {
	if a.Undated {
		return ""
	}
	return a.Date.Format("2006-01-02 15:04")
}

type articleOut struct {
	ID         string `json:"id"`
	Date       string `json:"date"`
	Headline   string `json:"headline"`
	Path       string `json:"path"`
	Bookmarked bool   `json:"bookmarked"`
	Words      int    `json:"words"`
}

func articleJSON(a *store.Article, marked bool) articleOut {
	return articleOut{ID: a.ID.String(), Date: listDate(a), Headline: a.Headline,
		Path: store.SanitizeLine(a.Path), Bookmarked: marked, Words: a.Words}
}

func cmdShow(args []string, stdout, stderr io.Writer) error {
	var c common
	fs := newFlags("show", stdout, &c)
	width := fs.Int("width", 80, "")
	rest, err := parse(fs, &c, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usageErr("show needs an article ID or file")
	}
	if *width < 20 {
		return usageErr("--width must be at least 20")
	}
	style, err := chooseStyle(c.styleSetting(), isTerminal(stdout))
	if err != nil {
		return err
	}
	target, paths := rest[0], rest[1:]
	var lib *store.Library
	var a *store.Article
	if fi, err := os.Stat(target); err == nil && !fi.IsDir() {
		if lib, err = load(&c, []string{target}, stderr); err != nil {
			return err
		}
		res := lib.Search(store.Query{}, store.SearchOptions{})
		if len(res.Articles) == 0 {
			return fmt.Errorf("%s: not an article", target)
		}
		a = res.Articles[0]
	} else {
		if lib, err = load(&c, paths, stderr); err != nil {
			return err
		}
		if a, err = lib.Resolve(target); err != nil {
			return err
		}
	}
	full, err := lib.Open(a)
	if err != nil {
		return err
	}
	out, err := ui.RenderArticle(full, *width, style, termenv.EnvColorProfile())
	if err != nil {
		return fmt.Errorf("%s: %w", a.Path, err)
	}
	fmt.Fprintln(stdout, out)
	return nil
}

// isTerminal says whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func cmdBookmark(args []string, stdout, stderr io.Writer) error {
	var c common
	fs := newFlags("bookmark", stdout, &c)
	var in multi
	fs.Var(&in, "in", "")
	rest, err := parse(fs, &c, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) < 2 || (rest[0] != "add" && rest[0] != "rm") {
		return usageErr("usage: broadsheet bookmark add|rm ID... [--in PATH]")
	}
	marks, err := store.OpenBookmarks(dataDir(c))
	if err != nil {
		return err
	}
	on := rest[0] == "add"
	var lib *store.Library
	for _, id := range rest[1:] {
		var bm store.Bookmark
		if !on {
			if b, err := marks.Resolve(id); err == nil {
				bm = b
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		if bm.ID == (store.ID{}) {
			if lib == nil {
				if lib, err = load(&c, in, stderr); err != nil {
					return err
				}
			}
			a, err := lib.Resolve(id)
			if err != nil {
				return err
			}
			bm = store.BookmarkOf(a)
		}
		if err := marks.Set(bm, on); err != nil {
			return err
		}
	}
	return nil
}

// multi is a flag that may be given many times.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func cmdBookmarks(args []string, stdout, stderr io.Writer) error {
	var c common
	fs := newFlags("bookmarks", stdout, &c)
	asJSON := fs.Bool("json", false, "")
	asMarkdown := fs.Bool("markdown", false, "")
	paths, err := parse(fs, &c, args, stdout)
	if err != nil {
		return err
	}
	if *asJSON && *asMarkdown {
		return usageErr("--json and --markdown do not go together")
	}
	marks, err := store.OpenBookmarks(dataDir(c))
	if err != nil {
		return err
	}
	lib, err := load(&c, paths, stderr)
	if err != nil {
		return err
	}
	if *asMarkdown {
		_, err := io.WriteString(stdout, store.ReadingList(marks.List(), lib))
		return err
	}
	enc := json.NewEncoder(stdout)
	for _, bm := range marks.List() {
		a, found := lib.Get(bm.ID)
		if *asJSON {
			out := struct {
				articleOut
				Missing bool `json:"missing"`
			}{Missing: !found}
			if found {
				out.articleOut = articleJSON(a, true)
			} else {
				out.articleOut = articleOut{ID: bm.ID.String(), Date: bookmarkDate(bm),
					Headline: store.SanitizeLine(bm.Headline), Path: store.SanitizeLine(bm.Path), Bookmarked: true}
			}
			if err := enc.Encode(out); err != nil {
				return err
			}
			continue
		}
		if found {
			fmt.Fprintln(stdout, listLine(a))
		} else {
			fmt.Fprintf(stdout, "%s\t%s\t%s\t%s (missing)\n", bm.ID.Short(), bookmarkDate(bm),
				store.SanitizeLine(bm.Headline), store.SanitizeLine(bm.Path))
		}
	}
	return nil
}

func bookmarkDate(bm store.Bookmark) string {
	if bm.Date.IsZero() {
		return ""
	}
	return bm.Date.Format("2006-01-02 15:04")
}

func cmdRelated(args []string, stdout, stderr io.Writer) error {
	var c common
	fs := newFlags("related", stdout, &c)
	rest, err := parse(fs, &c, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usageErr("related needs an article ID")
	}
	lib, err := load(&c, rest[1:], stderr)
	if err != nil {
		return err
	}
	a, err := lib.Resolve(rest[0])
	if err != nil {
		return err
	}
	related, err := lib.Related(a, 5)
	if err != nil {
		return err
	}
	for _, r := range related {
		fmt.Fprintln(stdout, listLine(r))
	}
	return nil
}
