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
	keys, err := parseKeys(path, data, cfg.Keys)
	if err != nil {
		return nil, err
	}
	cfg.keys = keys
	for i, p := range cfg.Paths {
		if rest, ok := strings.CutPrefix(p, "~/"); ok {
			if home, err := os.UserHomeDir(); err == nil {
				cfg.Paths[i] = filepath.Join(home, rest)
			}
		}
	}
	return cfg, nil
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
	cfg.printKeys(w)
	_, err := io.WriteString(a.stdout, w.String())
	return err
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
