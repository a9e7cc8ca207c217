package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigApplies(t *testing.T) {
	t.Setenv("BROADSHEET_PATH", "")
	dir := corpus(t)
	cfg := writeConfig(t, "# mine\npaths = [\""+dir+"\"]\nstyle = \"light\"\ndate_format = \"2006-01-02\"\nhyperlinks = \"never\"\n\n[keys]\nquit = \"x\"\nbookmark = [\"b\", \"*\"]\n")
	out, errOut, code := runCLI(t, "list", "--config", cfg)
	if code != 0 || !strings.Contains(out, "Edwards wins") {
		t.Errorf("list with the configuration's paths: exit %d %s\n%s", code, errOut, out)
	}
	out, _, code = runCLI(t, "config", "--config", cfg)
	for _, want := range []string{
		"paths = [\"" + dir + "\"]  # from " + cfg,
		"style = \"light\"  # from " + cfg,
		"date_format = \"2006-01-02\"  # from " + cfg,
		"hyperlinks = \"never\"  # from " + cfg,
		"quit = [\"x\"]  # from " + cfg,
		"bookmark = [\"b\", \"*\"]  # from " + cfg,
		"filter = [\"/\"]  # default",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("config lacks %q:\n%s", want, out)
		}
	}
	// No file is no configuration.
	out, _, code = runCLI(t, "config")
	if code != 0 || !strings.Contains(out, "(none there)") || !strings.Contains(out, "style = \"auto\"  # default") ||
		!strings.Contains(out, "hyperlinks = \"auto\"  # default") {
		t.Errorf("config without a file:\n%s", out)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string
	}{
		{"not toml", "paths = [\"a\"\nstyle = \"dark\"\n", ":2: "},
		{"unknown setting", "style = \"dark\"\ncolour = \"red\"\n", ":2: unknown setting colour"},
		{"bad style", "\nstyle = \"purple\"\n", ":2: style must be"},
		{"bad hyperlinks", "style = \"dark\"\n\nhyperlinks = \"yes\"\n", `:3: hyperlinks must be auto, always or never, not "yes"`},
		{"unknown action", "[keys]\nquit = \"q\"\nfly = \"f\"\n", `:3: keys: no action is called "fly"`},
		{"conflict", "[keys]\n\nbookmark = \"q\"\n", `:3: keys: key "q" would do both`},
		{"bad key", "[keys]\nquit = 7\n", ":2: keys.quit"},
		{"a search twice", "[searches]\nGaza = \"gaza\"\ngaza = \"gaza -sport\"\n", `:3: searches: "Gaza" and "gaza" are one name`},
		{"a search of nothing", "[searches]\n\nempty = \"  \"\n", `:3: searches.empty: the query "" finds nothing`},
		{"a search that is no name", "[searches]\n\"!!\" = \"x\"\n", `:2: searches: "!!" is not a name`},
		{"a search that is no string", "[searches]\ngaza = 3\n", ":2: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := writeConfig(t, tt.text)
			_, errOut, code := runCLI(t, "list", "--config", cfg)
			if code != 1 || !strings.Contains(errOut, cfg+tt.want) {
				t.Errorf("exit %d, stderr %q; want %q", code, errOut, cfg+tt.want)
			}
		})
	}
	if _, errOut, code := runCLI(t, "list", "--config", "/no/such/config.toml"); code != 1 || !strings.Contains(errOut, "/no/such/config.toml") {
		t.Errorf("a named config that is missing: exit %d %q", code, errOut)
	}
}

// TestFormatsConfig: [formats.json] names a dataset's own fields, which
// every command then reads; a bad table is an error naming its line.
func TestFormatsConfig(t *testing.T) {
	dir, cfgDir := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "d.jsonl"), []byte(`{"heading": "Mapped headline", "story_text": "Its story."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(cfgDir, "config.toml")
	if err := os.WriteFile(cfg, []byte("[formats.json]\ntitle = \"heading\"\ntext = [\"story_text\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "list", "--config", cfg, dir)
	if code != 0 || !strings.Contains(out, "Mapped headline") {
		t.Errorf("list with [formats.json]: %d %q %q", code, out, errOut)
	}
	out, _, _ = runCLI(t, "config", "--config", cfg)
	if !strings.Contains(out, "[formats.json]") || !strings.Contains(out, `title = ["heading"]`) {
		t.Errorf("config does not show the mapping:\n%s", out)
	}
	for _, bad := range []string{"[formats.json]\nheadline = \"x\"\n", "\n[formats.xml]\ntitle = \"x\"\n", "[formats.json]\ntitle = 3\n"} {
		os.WriteFile(cfg, []byte(bad), 0o644)
		_, errOut, code := runCLI(t, "list", "--config", cfg, dir)
		if code == 0 || !strings.Contains(errOut, "config.toml:") || strings.Contains(errOut, "config.toml:0:") {
			t.Errorf("%q: exit %d, %q", bad, code, errOut)
		}
	}
}
