package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/adrg/xdg"
	"github.com/broadsheet/broadsheet/ui"
	"github.com/pelletier/go-toml/v2"
)

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
	for _, action := range sortedNames(cfg.Keys) {
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

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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
	for _, a := range sortedNames(effective) {
		_, set := cfg.keys[a]
		fmt.Fprintf(stdout, "%s = %s  # %s\n", a, q(effective[a]), source(set))
	}
	return nil
}
