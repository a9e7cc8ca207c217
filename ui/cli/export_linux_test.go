package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestExportProgress: the count shows on stderr when it is a terminal,
// and never goes into a log.
func TestExportProgress(t *testing.T) {
	dir, data := exportCorpus(t)
	out := onTerminal(t, "export", "--format", "jsonl", "-o", filepath.Join(t.TempDir(), "a.jsonl"), "--data-dir", data, dir)
	if !strings.Contains(out, "exported 6 of 6") {
		t.Errorf("no count on a terminal:\n%q", out)
	}
	_, errOut, code := runCLI(t, "export", "--format", "jsonl", "-o", filepath.Join(t.TempDir(), "b.jsonl"), "--data-dir", data, dir)
	if code != 0 || strings.Contains(errOut, "exported") || strings.Contains(errOut, "\r") {
		t.Errorf("not a terminal: exit %d, stderr %q", code, errOut)
	}
}
