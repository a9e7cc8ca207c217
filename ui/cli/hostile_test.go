package cli

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// controls returns the control characters in s other than tab and
// newline: what must never reach a terminal from a file.
func controls(s string) []rune {
	var found []rune
	for _, r := range s {
		if r == '\t' || r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == utf8.RuneError && !strings.ContainsRune(s, '�') {
			found = append(found, r)
		}
	}
	return found
}

// TestHostileCorpus points the CLI at a folder of every kind of broken and
// hostile file: the good articles load, the bad are reported with a reason,
// nothing hangs, and no output holds a control character.
func TestHostileCorpus(t *testing.T) {
	dir := t.TempDir()
	good, skipped, err := testcorpus.Hostile(dir)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var out, errOut string
	var code int
	go func() {
		out, errOut, code = runCLI(t, "list", dir)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("list hung on the hostile corpus (a FIFO opened? a link loop followed?)")
	}
	if code != 0 {
		t.Fatalf("list exit %d: %s", code, errOut)
	}
	for _, h := range good {
		if !strings.Contains(out, h) {
			t.Errorf("good article %q not listed", h)
		}
	}
	if n := strings.Count(out, "The same article in two files"); n != 1 {
		t.Errorf("a byte-identical copy listed %d times", n)
	}
	for _, name := range skipped {
		shown := strings.NewReplacer("\x1b", "␛", "\a", "␇").Replace(name)
		if !strings.Contains(errOut, shown+": ") {
			t.Errorf("skipped file %q not reported on stderr:\n%s", shown, errOut)
		}
	}
	if strings.Contains(out, "pwned") && !strings.Contains(out, "␛]0;pwned␇") {
		t.Error("an escape sequence reached list's output unmarked")
	}
	for what, s := range map[string]string{"list stdout": out, "list stderr": errOut} {
		if c := controls(s); len(c) > 0 {
			t.Errorf("%s holds control characters %q", what, c)
		}
	}
	json, _, _ := runCLI(t, "list", "--json", dir)
	if c := controls(json); len(c) > 0 {
		t.Errorf("list --json holds control characters %q", c)
	}
	// Every article renders, through show, with nothing unsafe.
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		id := strings.Split(line, "\t")[0]
		shown, errOut, code := runCLI(t, "show", "--style", "notty", id, dir)
		if code != 0 {
			t.Errorf("show %s: exit %d: %s", id, code, errOut)
		}
		if c := controls(shown); len(c) > 0 || strings.Contains(shown, "\x1b") {
			t.Errorf("show %s holds control characters %q", id, c)
		}
	}
}
