package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestHelp: every command's --help comes from the tree, the root's
// naming every command and every flag the commands share.
func TestHelp(t *testing.T) {
	out, errOut, code := runCLI(t, "--help")
	if code != 0 || errOut != "" {
		t.Fatalf("--help: exit %d: %s", code, errOut)
	}
	for c, words := range commands() {
		if len(words) == 1 && !strings.Contains(out, "\n  "+c.Name()+" ") {
			t.Errorf("--help does not list %s", c.Name())
		}
	}
	for _, f := range []string{"--style STYLE", "--data-dir DIR", "--state-dir DIR", "--config FILE", "--version"} {
		if !strings.Contains(out, f) {
			t.Errorf("--help does not list %s", f)
		}
	}
	t.Run("broadsheet", func(t *testing.T) { golden.RequireEqual(t, out) })
	for _, words := range commands() {
		t.Run(strings.Join(append([]string{"broadsheet"}, words...), "-"), func(t *testing.T) {
			out, errOut, code := runCLI(t, append(words, "--help")...)
			if code != 0 || errOut != "" || !strings.Contains(out, "Usage:") {
				t.Fatalf("%q --help: exit %d: %s", words, code, errOut)
			}
			golden.RequireEqual(t, out)
		})
	}
}
