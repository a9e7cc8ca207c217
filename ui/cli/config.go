package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/adrg/xdg"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/broadsheet/broadsheet/ui"
	"github.com/pelletier/go-toml/v2"
	"github.com/spf13/cobra"
)

// config is the configuration file: $XDG_CONFIG_HOME/broadsheet/config.toml,
// or --config FILE.
//
//	paths = ["~/news", "~/clips"]   # the library when no PATH is given
//	style = "light"                  # dark, light, notty or auto
//	date_format = "2006-01-02"       # the list's dates, as a Go layout
//	hyperlinks = "auto"              # OSC 8 links: auto, always or never
//	[keys]
//	quit = ["q", "ctrl+c"]           # any action, to one key or several
//	bookmark = "B"
//	[formats.json]                   # a dataset's own field names
//	title = "heading"                # title, text, date, url, author, tags, site
//	text = ["story_text", "copy"]
//	[searches]                       # named queries: the reader's v, searches
//	gaza = "gaza -sport after:2024"
type config struct {
	Paths      []string                  `toml:"paths"`
	Style      string                    `toml:"style"`
	DateFormat string                    `toml:"date_format"`
	Hyperlinks string                    `toml:"hyperlinks"`
	Keys       map[string]any            `toml:"keys"`
	Formats    map[string]map[string]any `toml:"formats"`
	Searches   map[string]string         `toml:"searches"`

	file  string              // where it was read from, "" for none
	keys  map[string][]string // Keys, checked
	names map[string][]string // Formats["json"], checked
	// searches is Searches, checked, by name.
	searches []state.Search
	fields   article.Fields // names, for the roots
}

// configPath is the configuration file to read, and whether it was named.
func (a *app) configPath() (string, bool) {
	if a.configFile != "" {
		return a.configFile, true
	}
	xdg.Reload()
	return filepath.Join(xdg.ConfigHome, "broadsheet", "config.toml"), false
}

// loadConfig reads the configuration into a.cfg. A missing file is no
// configuration unless --config named it; a malformed one is an error
// naming the file and the line, never ignored.
func (a *app) loadConfig() error {
	path, named := a.configPath()
	a.cfg = &config{}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !named {
		return nil
	}
	if err != nil {
		return err
	}
	cfg, err := parseConfig(path, data)
	if err != nil {
		return err
	}
	a.cfg = cfg
	return nil
}

// parseConfig checks and settles the configuration read from path.
func parseConfig(path string, data []byte) (*config, error) {
	cfg := &config{file: path}
	dec := toml.NewDecoder(strings.NewReader(string(data))).DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		return nil, configError(path, data, err)
	}
	switch cfg.Style {
	case "", "auto", "dark", "light", "notty":
	default:
		return nil, fmt.Errorf("%s:%d: style must be dark, light, notty or auto, not %q", path, lineOf(data, "", "style"), cfg.Style)
	}
	switch cfg.Hyperlinks {
	case "", "auto", "always", "never":
	default:
		return nil, fmt.Errorf("%s:%d: hyperlinks must be auto, always or never, not %q", path, lineOf(data, "", "hyperlinks"), text.SanitizeLine(cfg.Hyperlinks))
	}
	keys, err := parseKeys(path, data, cfg.Keys)
	if err != nil {
		return nil, err
	}
	cfg.keys = keys
	if err := cfg.parseFormats(path, data); err != nil {
		return nil, err
	}
	if err := cfg.parseSearches(path, data); err != nil {
		return nil, err
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

// parseFormats reads [formats.json], the field names of datasets (JSON
// Lines, JSON, CSV, TSV) beyond the common ones, by role.
func (cfg *config) parseFormats(path string, data []byte) error {
	for name := range cfg.Formats {
		if name != "json" {
			return fmt.Errorf("%s:%d: formats.%s: the one format with settings is [formats.json]", path, sectionLine(data, "formats."+name), name)
		}
	}
	table := cfg.Formats["json"]
	names := map[string][]string{}
	for _, role := range slices.Sorted(maps.Keys(table)) {
		switch v := table[role].(type) {
		case string:
			names[role] = []string{v}
		case []any:
			for _, n := range v {
				s, ok := n.(string)
				if !ok {
					return fmt.Errorf("%s:%d: formats.json.%s: each field name is a string", path, lineOf(data, "formats.json", role), role)
				}
				names[role] = append(names[role], s)
			}
		default:
			return fmt.Errorf("%s:%d: formats.json.%s: a field name (\"heading\") or a list of them", path, lineOf(data, "formats.json", role), role)
		}
	}
	fields, err := article.NewFields(names)
	if err != nil {
		return fmt.Errorf("%s:%d: formats.json: %w", path, sectionLine(data, "formats.json"), err)
	}
	cfg.names, cfg.fields = names, fields
	return nil
}

// parseSearches checks [searches]: each name one a saved search could
// have, no two the same search, each query with something to find.
func (cfg *config) parseSearches(path string, data []byte) error {
	seen := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(cfg.Searches)) {
		line := lineOf(data, "searches", name)
		clean, ok := state.CleanSearchName(name)
		if !ok {
			return fmt.Errorf("%s:%d: searches: %q is not a name: one line of at most 64 characters with a word in it", path, line, text.SanitizeLine(name))
		}
		if other, twice := seen[state.SearchKey(clean)]; twice {
			return fmt.Errorf("%s:%d: searches: %q and %q are one name (case and punctuation aside)", path, line, text.SanitizeLine(other), text.SanitizeLine(name))
		}
		seen[state.SearchKey(clean)] = name
		q := strings.TrimSpace(cfg.Searches[name])
		if query.Parse(q).Empty() {
			return fmt.Errorf("%s:%d: searches.%s: the query %q finds nothing to search for", path, line, text.SanitizeLine(clean), text.SanitizeLine(q))
		}
		cfg.searches = append(cfg.searches, state.Search{Name: clean, Query: q, Config: true})
	}
	state.SortSearches(cfg.searches)
	return nil
}

// parseKeys turns the [keys] table into each action's keys, checked
// against the reader's actions and each other.
func parseKeys(path string, data []byte, table map[string]any) (map[string][]string, error) {
	keys := map[string][]string{}
	for _, action := range slices.Sorted(maps.Keys(table)) {
		switch v := table[action].(type) {
		case string:
			keys[action] = []string{v}
		case []any:
			for _, k := range v {
				s, ok := k.(string)
				if !ok {
					return nil, fmt.Errorf("%s:%d: keys.%s: each key is a string, like \"q\" or \"ctrl+c\"", path, lineOf(data, "keys", action), action)
				}
				keys[action] = append(keys[action], s)
			}
		default:
			return nil, fmt.Errorf("%s:%d: keys.%s: a key (\"q\") or a list of keys ([\"q\", \"ctrl+c\"])", path, lineOf(data, "keys", action), action)
		}
	}
	if err := ui.CheckKeys(keys); err != nil {
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
	return keys, nil
}

// configError names the file and line of a TOML error.
func configError(path string, data []byte, err error) error {
	var se *toml.StrictMissingError
	if errors.As(err, &se) && len(se.Errors) > 0 {
		row, _ := se.Errors[0].Position()
		return fmt.Errorf("%s:%d: unknown setting %s (settings: paths, style, date_format, [keys], [formats.json])", path, row,
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

// sectionLine is the line of a table's header, [section].
func sectionLine(data []byte, section string) int {
	for n, line := range strings.Split(string(data), "\n") {
		if strings.Trim(strings.TrimSpace(line), "[] ") == section {
			return n + 1
		}
	}
	return 0
}

func (a *app) configCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "print the configuration in force, and where each value comes from",
		Long: `config prints the configuration in force as TOML, every action's keys
included, each value with a comment saying where it comes from: the file
($XDG_CONFIG_HOME/broadsheet/config.toml, or --config FILE), $BROADSHEET_PATH,
or the default.`,
		Args:              nargs(0, 0, "config takes no arguments"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(*cobra.Command, []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			return a.printConfig()
		},
	}
}

// printConfig prints the configuration in force and where each value
// comes from, in one write whose error it returns.
func (a *app) printConfig() error {
	cfg, w := a.cfg, &strings.Builder{}
	path, _ := a.configPath()
	fmt.Fprintf(w, "# broadsheet configuration; the file: %s", path)
	if cfg.file == "" {
		fmt.Fprint(w, " (none there)")
	}
	fmt.Fprintln(w)
	paths, from := cfg.Paths, cfg.source(len(cfg.Paths) > 0)
	if env := os.Getenv("BROADSHEET_PATH"); env != "" {
		paths, from = filepath.SplitList(env), "from $BROADSHEET_PATH"
	}
	if len(paths) == 0 {
		from = "default: the built-in samples"
	}
	fmt.Fprintf(w, "paths = %s  # %s\n", tomlList(paths), from)
	style := cfg.Style
	if style == "" {
		style = "auto"
	}
	fmt.Fprintf(w, "style = %q  # %s\n", style, cfg.source(cfg.Style != ""))
	df := cfg.DateFormat
	if df == "" {
		df = "2 Jan 2006"
	}
	fmt.Fprintf(w, "date_format = %q  # %s\n", df, cfg.source(cfg.DateFormat != ""))
	links := cfg.Hyperlinks
	if links == "" {
		links = "auto"
	}
	fmt.Fprintf(w, "hyperlinks = %q  # %s\n", links, cfg.source(cfg.Hyperlinks != ""))
	cfg.printKeys(w)
	if len(cfg.names) > 0 {
		fmt.Fprintln(w, "[formats.json]")
		for _, role := range slices.Sorted(maps.Keys(cfg.names)) {
			fmt.Fprintf(w, "%s = %s  # %s\n", role, tomlList(cfg.names[role]), cfg.source(true))
		}
	}
	if len(cfg.searches) > 0 {
		fmt.Fprintln(w, "[searches]")
		for _, s := range cfg.searches {
			fmt.Fprintf(w, "%s = %q  # %s\n", tomlKey(s.Name), s.Query, cfg.source(true))
		}
	}
	_, err := io.WriteString(a.stdout, w.String())
	return err
}

// tomlKey is a key as TOML reads it: bare when it can be.
func tomlKey(k string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(k) {
		return k
	}
	return fmt.Sprintf("%q", k)
}

// printKeys prints every action's keys, the configured and the default.
func (cfg *config) printKeys(w io.Writer) {
	fmt.Fprintln(w, "\n[keys]")
	effective := ui.DefaultKeys()
	maps.Copy(effective, cfg.keys)
	for _, action := range slices.Sorted(maps.Keys(effective)) {
		_, set := cfg.keys[action]
		fmt.Fprintf(w, "%s = %s  # %s\n", action, tomlList(effective[action]), cfg.source(set))
	}
}

// source says where a value comes from: the file when set, else the
// default.
func (cfg *config) source(set bool) string {
	if set {
		return "from " + cfg.file
	}
	return "default"
}

// tomlList is s as a TOML array of strings.
func tomlList(s []string) string {
	var out []string
	for _, x := range s {
		out = append(out, fmt.Sprintf("%q", x))
	}
	return "[" + strings.Join(out, ", ") + "]"
}
