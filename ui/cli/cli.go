package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/broadsheet/broadsheet/seeds"
	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"
	"github.com/pelletier/go-toml/v2"
)

const version = "0.1.0"

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

// Run is the whole program, minus the process, so tests and main can call
// it: it returns the exit status.
func Run(args []string, stdout, stderr io.Writer) int {
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

// config is the configuration file: $XDG_CONFIG_HOME/broadsheet/config.toml,
// or --config FILE.
//
//	paths = ["~/news", "~/clips"]   # the library when no PATH is given
//	style = "light"                  # dark, light, notty or auto
//	date_format = "2006-01-02"       # the list's dates, as a Go layout
//	[keys]
//	quit = ["q", "ctrl+c"]           # any action, to one key or several
//	bookmark = "B"
type config struct {
	Paths      []string       `toml:"paths"`
	Style      string         `toml:"style"`
	DateFormat string         `toml:"date_format"`
	Keys       map[string]any `toml:"keys"`

	file string              // where it was read from, "" for none
	keys map[string][]string // Keys, checked
}

// configPath is the configuration file to read, and whether it was named.
func configPath(c *common) (string, bool) {
	if c.configFile != "" {
		return c.configFile, true
	}
	xdg.Reload()
	return filepath.Join(xdg.ConfigHome, "broadsheet", "config.toml"), false
}

// loadConfig reads the configuration. A missing file is no configuration
// unless --config named it; a malformed one is an error naming the file
// and the line, never ignored.
func loadConfig(c *common) (*config, error) {
	path, named := configPath(c)
	cfg := &config{}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !named {
		return cfg, nil
	}
	if err != nil {
		return nil, err
	}
	cfg.file = path
	dec := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		return nil, configError(path, data, err)
	}
	switch cfg.Style {
	case "", "auto", "dark", "light", "notty":
	default:
		return nil, fmt.Errorf("%s:%d: style must be dark, light, notty or auto, not %q", path, lineOf(data, "", "style"), cfg.Style)
	}
	cfg.keys = map[string][]string{}
	for _, action := range slices.Sorted(maps.Keys(cfg.Keys)) {
		switch v := cfg.Keys[action].(type) {
		case string:
			cfg.keys[action] = []string{v}
		case []any:
			for _, k := range v {
				s, ok := k.(string)
				if !ok {
					return nil, fmt.Errorf("%s:%d: keys.%s: each key is a string, like \"q\" or \"ctrl+c\"", path, lineOf(data, "keys", action), action)
				}
				cfg.keys[action] = append(cfg.keys[action], s)
			}
		default:
			return nil, fmt.Errorf("%s:%d: keys.%s: a key (\"q\") or a list of keys ([\"q\", \"ctrl+c\"])", path, lineOf(data, "keys", action), action)
		}
	}
	if err := ui.CheckKeys(cfg.keys); err != nil {
		var unknown *ui.UnknownActionError
		var conflict *ui.KeyConflictError
		line := 0
		switch {
		case errors.As(err, &unknown):
			line = lineOf(data, "keys", unknown.Action)
		case errors.As(err, &conflict):
			line = lineOf(data, "keys", conflict.Action)
			if line == 0 {
				line = lineOf(data, "keys", conflict.Other)
			}
		}
		return nil, fmt.Errorf("%s:%d: keys: %w", path, line, err)
	}
	for i, p := range cfg.Paths {
		if rest, ok := strings.CutPrefix(p, "~/"); ok {
			if home, err := os.UserHomeDir(); err == nil {
				cfg.Paths[i] = filepath.Join(home, rest)
			}
		}
	}
	return cfg, nil
}

// configError names the file and line of a TOML error.
func configError(path string, data []byte, err error) error {
	var se *toml.StrictMissingError
	if errors.As(err, &se) && len(se.Errors) > 0 {
		row, _ := se.Errors[0].Position()
		return fmt.Errorf("%s:%d: unknown setting %s (settings: paths, style, date_format, [keys])", path, row,
			strings.Join(se.Errors[0].Key(), "."))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return fmt.Errorf("%s:%d: %s", path, row, de.Error())
	}
	return fmt.Errorf("%s: %w", path, err)
}

// lineOf is the line of key in the TOML table section ("" for the top),
// or 0 when it is not found.
func lineOf(data []byte, section, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	current := ""
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			current = strings.Trim(line, "[] ")
			continue
		}
		if current == section && re.MatchString(line) {
			return n
		}
	}
	return 0
}

// cmdConfig prints the configuration in force and where each value comes
// from.
func cmdConfig(args []string, stdout io.Writer) error {
	var c common
	fs := newFlags("config", stdout, &c)
	if _, err := parse(fs, &c, args, stdout); err != nil {
		return err
	}
	cfg := c.cfg
	source := func(set bool) string {
		if set {
			return "from " + cfg.file
		}
		return "default"
	}
	path, _ := configPath(&c)
	fmt.Fprintf(stdout, "# broadsheet configuration; the file: %s", path)
	if cfg.file == "" {
		fmt.Fprint(stdout, " (none there)")
	}
	fmt.Fprintln(stdout)
	paths, from := cfg.Paths, source(len(cfg.Paths) > 0)
	if env := os.Getenv("BROADSHEET_PATH"); env != "" {
		paths, from = filepath.SplitList(env), "from $BROADSHEET_PATH"
	}
	if len(paths) == 0 {
		from = "default: the built-in samples"
	}
	q := func(s []string) string {
		var out []string
		for _, x := range s {
			out = append(out, fmt.Sprintf("%q", x))
		}
		return "[" + strings.Join(out, ", ") + "]"
	}
	fmt.Fprintf(stdout, "paths = %s  # %s\n", q(paths), from)
	style := cfg.Style
	if style == "" {
		style = "auto"
	}
	fmt.Fprintf(stdout, "style = %q  # %s\n", style, source(cfg.Style != ""))
	df := cfg.DateFormat
	if df == "" {
		df = "2 Jan 2006"
	}
	fmt.Fprintf(stdout, "date_format = %q  # %s\n", df, source(cfg.DateFormat != ""))
	fmt.Fprintln(stdout, "\n[keys]")
	effective := ui.DefaultKeys()
	for a, k := range cfg.keys {
		effective[a] = k
	}
	for _, a := range slices.Sorted(maps.Keys(effective)) {
		_, set := cfg.keys[a]
		fmt.Fprintf(stdout, "%s = %s  # %s\n", a, q(effective[a]), source(set))
	}
	return nil
}

// command is a subcommand as completions and the man page describe it.
type command struct {
	name, args, about string
	flags             []string
}

// commonFlags are taken by every command.
var commonFlags = []string{"--style", "--data-dir", "--state-dir", "--config"}

// commands is every subcommand; dispatch, completions and the man page
// all follow it (TestCommandsTable checks dispatch does).
var commands = []command{
	{"list", "[PATH...]", "list articles, newest first, one a line", []string{"--filter", "--sort", "--bookmarked", "--json"}},
	{"show", "ID|FILE [PATH...]", "render an article as the reader does", []string{"--width"}},
	{"bookmark", "add|rm ID...", "add or remove bookmarks", []string{"--in"}},
	{"bookmarks", "[PATH...]", "list bookmarks, or write a reading list", []string{"--json", "--markdown"}},
	{"related", "ID [PATH...]", "the five stories most like one", nil},
	{"config", "", "print the configuration in force, and where each value comes from", nil},
	{"completion", "bash|zsh|fish", "print a shell completion script", nil},
	{"man", "", "print the manual page", nil},
}

// flagValues are the values a flag takes, for completion.
var flagValues = map[string][]string{
	"--sort":  store.Sorts,
	"--style": {"auto", "dark", "light", "notty"},
}

func cmdCompletion(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageErr("usage: broadsheet completion bash|zsh|fish")
	}
	switch args[0] {
	case "bash":
		writeBash(stdout)
	case "zsh":
		writeZsh(stdout)
	case "fish":
		writeFish(stdout)
	default:
		return usageErr("completion: no script for %q (bash, zsh or fish)", args[0])
	}
	return nil
}

func names() []string {
	var out []string
	for _, c := range commands {
		out = append(out, c.name)
	}
	return out
}

func writeBash(w io.Writer) {
	fmt.Fprintf(w, `# bash completion for broadsheet: source it, or put it in
# ~/.local/share/bash-completion/completions/broadsheet
_broadsheet() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local opts="%s --help --version"
	case "$prev" in
`, strings.Join(commonFlags, " "))
	for flag, vals := range flagValues {
		fmt.Fprintf(w, "\t%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", flag, strings.Join(vals, " "))
	}
	fmt.Fprintf(w, "\t--data-dir|--state-dir|--in) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n\tesac\n")
	fmt.Fprintf(w, "\tif [[ $COMP_CWORD -eq 1 && $cur != -* ]]; then\n")
	fmt.Fprintf(w, "\t\tCOMPREPLY=($(compgen -W %q -- \"$cur\") $(compgen -f -- \"$cur\")); return\n\tfi\n", strings.Join(names(), " "))
	fmt.Fprintf(w, "\tcase \"${COMP_WORDS[1]}\" in\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%s) opts=\"$opts %s\" ;;\n", c.name, strings.Join(c.flags, " "))
	}
	fmt.Fprintf(w, "\tesac\n\tif [[ $cur == -* ]]; then\n\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n\telse\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n\tfi\n}\ncomplete -o filenames -F _broadsheet broadsheet\n")
}

func writeZsh(w io.Writer) {
	fmt.Fprintf(w, "#compdef broadsheet\n# zsh completion for broadsheet: put it in a folder of $fpath as _broadsheet\n\n_broadsheet() {\n")
	fmt.Fprintf(w, "\tlocal -a commands\n\tcommands=(\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t\t'%s:%s'\n", c.name, c.about)
	}
	fmt.Fprintf(w, "\t)\n\tlocal -a common\n\tcommon=(\n")
	fmt.Fprintf(w, "\t\t'--style[reader style]:style:(%s)'\n", strings.Join(flagValues["--style"], " "))
	fmt.Fprintf(w, "\t\t'--data-dir[where bookmarks live]:folder:_files -/'\n\t\t'--state-dir[where read state lives]:folder:_files -/'\n\t)\n")
	fmt.Fprintf(w, "\tif (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then\n\t\t_describe command commands\n\t\t_files\n\t\treturn\n\tfi\n")
	fmt.Fprintf(w, "\tcase $words[2] in\n")
	for _, c := range commands {
		var specs []string
		for _, f := range c.flags {
			spec := "'" + f + "'"
			if vals, ok := flagValues[f]; ok {
				spec = fmt.Sprintf("'%s:value:(%s)'", f, strings.Join(vals, " "))
			}
			specs = append(specs, spec)
		}
		fmt.Fprintf(w, "\t%s) _arguments $common %s '*:file:_files' ;;\n", c.name, strings.Join(specs, " "))
	}
	fmt.Fprintf(w, "\t*) _arguments $common '*:file:_files' ;;\n\tesac\n}\n\n_broadsheet \"$@\"\n")
}

func writeFish(w io.Writer) {
	fmt.Fprintf(w, "# fish completion for broadsheet: put it in ~/.config/fish/completions/broadsheet.fish\n")
	fmt.Fprintf(w, "complete -c broadsheet -l style -x -a '%s' -d 'reader style'\n", strings.Join(flagValues["--style"], " "))
	fmt.Fprintf(w, "complete -c broadsheet -l data-dir -r -a '(__fish_complete_directories)' -d 'where bookmarks live'\n")
	fmt.Fprintf(w, "complete -c broadsheet -l state-dir -r -a '(__fish_complete_directories)' -d 'where read state lives'\n")
	for _, c := range commands {
		fmt.Fprintf(w, "complete -c broadsheet -n __fish_use_subcommand -a %s -d '%s'\n", c.name, c.about)
		for _, f := range c.flags {
			name := strings.TrimPrefix(f, "--")
			if vals, ok := flagValues[f]; ok {
				fmt.Fprintf(w, "complete -c broadsheet -n '__fish_seen_subcommand_from %s' -l %s -x -a '%s'\n", c.name, name, strings.Join(vals, " "))
			} else {
				fmt.Fprintf(w, "complete -c broadsheet -n '__fish_seen_subcommand_from %s' -l %s\n", c.name, name)
			}
		}
	}
}

// cmdMan prints the manual page, in roff.
func cmdMan(stdout io.Writer) error {
	// Words for the few characters beyond ASCII that the key help uses,
	// so that every man reader, in every locale, shows them.
	glyphs := strings.NewReplacer("↑", "Up", "↓", "Down", "←", "Left", "→", "Right", "½", "1/2", "…", "...", "—", "--")
	esc := func(s string) string {
		s = strings.ReplaceAll(s, `\`, `\e`)
		s = strings.ReplaceAll(s, "-", `\-`)
		s = glyphs.Replace(s)
		if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
			s = `\&` + s
		}
		return s
	}
	fmt.Fprintf(stdout, ".TH BROADSHEET 1 %q \"broadsheet %s\" \"User Commands\"\n", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), version)
	fmt.Fprintf(stdout, ".SH NAME\nbroadsheet \\- read folders of saved news articles in the terminal\n")
	fmt.Fprintf(stdout, ".SH SYNOPSIS\n.B broadsheet\n[\\fIOPTIONS\\fR] [\\fIPATH\\fR...]\n")
	for _, c := range commands {
		fmt.Fprintf(stdout, ".br\n.B broadsheet %s\n%s\n", c.name, esc(c.args))
	}
	fmt.Fprintf(stdout, ".SH DESCRIPTION\nbroadsheet lists every article under the folders and files given (or in \\fB$BROADSHEET_PATH\\fR, or its built\\-in samples), newest first, renders the selected one, filters them as you type, and keeps bookmarks and read state.\n")
	fmt.Fprintf(stdout, "Articles are dated plain text (a date line, a headline line, then paragraphs), headline\\-first plain text, or markdown with optional YAML front matter.\n")
	fmt.Fprintf(stdout, ".SH COMMANDS\n")
	for _, c := range commands {
		fmt.Fprintf(stdout, ".TP\n.B %s %s\n%s", c.name, esc(c.args), esc(c.about))
		if len(c.flags) > 0 {
			fmt.Fprintf(stdout, "; options: %s", esc(strings.Join(c.flags, ", ")))
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, ".SH OPTIONS\n.TP\n.B \\-\\-style dark|light|notty|auto\nthe reader's style\n.TP\n.B \\-\\-data\\-dir DIR\nwhere bookmarks live\n.TP\n.B \\-\\-state\\-dir DIR\nwhere read state lives\n")
	fmt.Fprintf(stdout, ".SH KEYS\n")
	for _, k := range ui.KeyHelp() {
		fmt.Fprintf(stdout, ".TP\n.B %s\n%s\n", esc(k[0]), esc(k[1]))
	}
	fmt.Fprintf(stdout, ".SH FILTER\nWords must all occur, in any order; case and accents do not matter; the last word also matches the start of a word. \\(dqphrases\\(dq, \\-word, title:, in:, after:, before:, on:, is:bookmarked, is:unread, OR and parentheses are understood.\n")
	fmt.Fprintf(stdout, ".SH FILES\n.TP\n.I $XDG_DATA_HOME/broadsheet/bookmarks.json\nbookmarks\n.TP\n.I $XDG_STATE_HOME/broadsheet/read.json\nread state\n.TP\n.I $XDG_CACHE_HOME/broadsheet/\nthe index, cached between runs\n")
	fmt.Fprintf(stdout, ".SH ENVIRONMENT\n.TP\n.B BROADSHEET_PATH\nfolders to read when none is given, separated by colons\n.TP\n.B VISUAL, EDITOR, BROWSER\nthe programs e and o start\n.TP\n.B NO_COLOR\nno colours\n")
	return nil
}
