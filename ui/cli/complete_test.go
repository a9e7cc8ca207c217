package cli

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commands is every command of the tree but the root, each with the
// words that run it: what the completions and the man page must name.
func commands() map[*cobra.Command][]string {
	out := map[*cobra.Command][]string{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden {
				continue
			}
			out[sub] = strings.Fields(sub.CommandPath())[1:]
			walk(sub)
		}
	}
	walk(newRoot(&app{}))
	return out
}

// flags are the long names of every flag c takes, its own and inherited.
func flags(c *cobra.Command) []string {
	var out []string
	add := func(f *pflag.Flag) { out = append(out, "--"+f.Name) }
	c.NonInheritedFlags().VisitAll(add)
	c.InheritedFlags().VisitAll(add)
	return out
}

// completions are the candidates cobra's scripts would offer after
// words, one a line, descriptions left off.
func completions(t *testing.T, words ...string) []string {
	t.Helper()
	out, errOut, code := runCLI(t, append([]string{cobra.ShellCompRequestCmd}, words...)...)
	if code != 0 {
		t.Fatalf("__complete %q: exit %d: %s", words, code, errOut)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(l, ":") {
			got = append(got, strings.Split(l, "\t")[0])
		}
	}
	return got
}

// TestCompletions: cobra writes every shell's script, each a valid
// script for its shell, and what the scripts ask of broadsheet completes
// every command, every flag, and the values the flags with fixed values
// take. (The scripts themselves are generic: they name no command, so the
// commands and flags are checked in the answers they get.)
func TestCompletions(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		t.Run(shell, func(t *testing.T) {
			out, errOut, code := runCLI(t, "completion", shell)
			if code != 0 || !strings.Contains(out, "broadsheet") {
				t.Fatalf("completion %s: exit %d: %s", shell, code, errOut)
			}
			golden.RequireEqual(t, out)
			if _, err := exec.LookPath(shell); err == nil {
				check := exec.Command(shell, "-n")
				if shell == "fish" {
					check = exec.Command(shell, "--no-execute")
				}
				check.Stdin = strings.NewReader(out)
				if msg, err := check.CombinedOutput(); err != nil {
					t.Errorf("%s -n on the %s completion: %v\n%s", shell, shell, err, msg)
				}
			}
		})
	}
	for c, words := range commands() {
		parent := words[:len(words)-1]
		if got := completions(t, append(slices.Clone(parent), "")...); !slices.Contains(got, c.Name()) {
			t.Errorf("%q completes %q, not %s", parent, got, c.Name())
		}
		got := completions(t, append(slices.Clone(words), "--")...)
		for _, f := range flags(c) {
			if !slices.Contains(got, f) {
				t.Errorf("%q -- completes %q, not %s", words, got, f)
			}
		}
	}
	for _, tt := range []struct {
		words []string
		want  []string
	}{
		{[]string{"list", "--sort", ""}, store.Sorts},
		{[]string{"--style", ""}, []string{"auto", "dark", "light", "notty"}},
		{[]string{"completion", ""}, shells},
	} {
		if got := completions(t, tt.words...); !slices.Equal(got, tt.want) {
			t.Errorf("%q completes %q, want %q", tt.words, got, tt.want)
		}
	}
	if _, _, code := runCLI(t, "completion", "tcsh"); code != 2 {
		t.Errorf("completion tcsh: exit %d, want 2", code)
	}
}

func TestManPage(t *testing.T) {
	out, _, code := runCLI(t, "man")
	if code != 0 || !strings.HasPrefix(out, ".TH BROADSHEET 1") {
		t.Fatalf("man: exit %d\n%s", code, out)
	}
	for _, want := range []string{"\n.SH KEYS\n", "find in article", "bookmark", "read.json", "BROADSHEET_PATH",
		`\fB--config FILE\fP`} {
		if !strings.Contains(out, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	// mango sets each command's name in bold with \fB, not .B.
	for c := range commands() {
		if !strings.Contains(out, `\fB`+c.Name()+`\fP`) {
			t.Errorf("man page lacks the %s command", c.CommandPath())
		}
	}
	if _, err := exec.LookPath("groff"); err == nil {
		check := exec.Command("groff", "-man", "-ww", "-z")
		check.Stdin = strings.NewReader(out)
		if msg, err := check.CombinedOutput(); err != nil || len(msg) > 0 {
			t.Errorf("groff warns about the man page: %v\n%s", err, msg)
		}
	}
	golden.RequireEqual(t, out)
}

// TestCommandsTable: every command the completions and the man page name
// is one the CLI runs.
func TestCommandsTable(t *testing.T) {
	for c, words := range commands() {
		args := append(slices.Clone(words), "--help")
		switch c.Name() {
		case "completion":
			args = []string{c.Name(), "bash"}
		case "man":
			args = []string{c.Name()}
		}
		if out, errOut, code := runCLI(t, args...); code != 0 || out == "" {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q", args, code, len(out), errOut)
		}
	}
}
