package cli

import (
	"os/exec"
	"strings"
	"testing"
)

func TestCompletions(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		out, errOut, code := runCLI(t, "completion", shell)
		if code != 0 {
			t.Fatalf("completion %s: exit %d: %s", shell, code, errOut)
		}
		for _, c := range commands {
			if !strings.Contains(out, c.name) {
				t.Errorf("%s completion lacks %s", shell, c.name)
			}
			for _, f := range c.flags {
				if !strings.Contains(out, strings.TrimPrefix(f, "--")) {
					t.Errorf("%s completion lacks %s %s", shell, c.name, f)
				}
			}
		}
		if _, err := exec.LookPath(shell); err == nil {
			check := exec.Command(shell, "-n")
			check.Stdin = strings.NewReader(out)
			if shell == "fish" {
				check = exec.Command(shell, "--no-execute")
				check.Stdin = strings.NewReader(out)
			}
			if msg, err := check.CombinedOutput(); err != nil {
				t.Errorf("%s -n on the %s completion: %v\n%s", shell, shell, err, msg)
			}
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
	for _, want := range []string{"\n.SH KEYS\n", "find in article", "bookmark", "read.json", "BROADSHEET_PATH"} {
		if !strings.Contains(out, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
	for _, c := range commands {
		if !strings.Contains(out, ".B "+c.name) {
			t.Errorf("man page lacks the %s command", c.name)
		}
	}
	if _, err := exec.LookPath("groff"); err == nil {
		check := exec.Command("groff", "-man", "-ww", "-z")
		check.Stdin = strings.NewReader(out)
		if msg, err := check.CombinedOutput(); err != nil || len(msg) > 0 {
			t.Errorf("groff warns about the man page: %v\n%s", err, msg)
		}
	}
}

// TestCommandsTable: every command the completions and the man page name
// is one the CLI runs.
func TestCommandsTable(t *testing.T) {
	for _, c := range commands {
		args := []string{c.name, "--help"}
		switch c.name {
		case "completion":
			args = []string{c.name, "bash"}
		case "man":
			args = []string{c.name}
		}
		if out, errOut, code := runCLI(t, args...); code != 0 || out == "" {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q", args, code, len(out), errOut)
		}
	}
}
