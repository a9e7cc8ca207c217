package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// churnBookmarks adds and removes bookmarks as fast as it can until it is
// killed: the writer that TestKilledWriter kills mid-write.
func churnBookmarks(data string) {
	marks, err := state.OpenBookmarks(data)
	if err != nil {
		os.Exit(3)
	}
	for i := 0; ; i++ {
		id := article.IDOf([]byte(fmt.Sprint("churn", i%50)))
		marks.Set(state.Bookmark{ID: id, Headline: strings.Repeat("headline ", 50)}, i%3 != 0)
	}
}

// broadsheet runs the CLI in another process.
func broadsheet(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "BROADSHEET_TEST_ARGS="+strings.Join(args, "\x1f"))
	return cmd
}

// TestConcurrentBookmarkProcesses: many broadsheet processes adding
// bookmarks at once lose none of them.
func TestConcurrentBookmarkProcesses(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	const n = 16
	if err := testcorpus.Generate(dir, n); err != nil {
		t.Fatal(err)
	}
	out, _, _ := runCLI(t, "list", dir)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != n {
		t.Fatalf("%d articles", len(lines))
	}
	var cmds []*exec.Cmd
	for _, l := range lines {
		cmd := broadsheet("bookmark", "add", strings.Split(l, "\t")[0], "--in", dir, "--data-dir", data)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("bookmark add: %v", err)
		}
	}
	out, errOut, code := runCLI(t, "bookmarks", "--data-dir", data, dir)
	if code != 0 || strings.Count(out, "\n") != n {
		t.Errorf("after %d concurrent adds (exit %d, %s):\n%s", n, code, errOut, out)
	}
}

// TestKilledWriter: a writer killed at any moment leaves a bookmarks file
// that reads whole, and no lock that stops the next writer.
func TestKilledWriter(t *testing.T) {
	data := t.TempDir()
	for round := range 8 {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "BROADSHEET_TEST_CHURN="+data)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(50+round*37) * time.Millisecond)
		cmd.Process.Kill() // SIGKILL: no deferred cleanup runs
		cmd.Wait()
		marks, err := state.OpenBookmarks(data)
		if err != nil {
			t.Fatalf("round %d: the file a killed writer left does not read: %v", round, err)
		}
		done := make(chan error, 1)
		go func() { done <- marks.Set(state.Bookmark{ID: article.IDOf([]byte("after"))}, true) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("round %d: writing after the kill: %v", round, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: the killed writer's lock is still held", round)
		}
	}
	if tmps, _ := filepath.Glob(filepath.Join(data, ".bookmarks.json.*.tmp")); len(tmps) > 8 {
		t.Errorf("%d temporary files left behind", len(tmps))
	}
}

// TestEditedBookmarkNotMissing: a bookmarked article whose file is edited
// (so its ID changes) is listed by bookmarks as it is now, not as missing,
// and the bookmark follows it.
func TestEditedBookmarkNotMissing(t *testing.T) {
	dir, data := corpus(t), t.TempDir()
	out, _, _ := runCLI(t, "list", "--filter", "edwards", dir)
	id := strings.Split(out, "\t")[0]
	if _, errOut, code := runCLI(t, "bookmark", "add", id, "--in", dir, "--data-dir", data); code != 0 {
		t.Fatalf("bookmark add: exit %d: %s", code, errOut)
	}
	f, err := os.OpenFile(filepath.Join(dir, "2024/10/pie.txt"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("The judges met again.\n")
	f.Close()
	out, errOut, code := runCLI(t, "bookmarks", "--data-dir", data, dir)
	if code != 0 || !strings.Contains(out, "Edwards wins") || strings.Contains(out, "(missing)") {
		t.Errorf("bookmarks after an edit (exit %d, %s):\n%s", code, errOut, out)
	}
	if strings.HasPrefix(out, id) {
		t.Errorf("the bookmark kept the old ID %s:\n%s", id, out)
	}
	out, _, _ = runCLI(t, "list", "--bookmarked", "--data-dir", data, dir)
	if !strings.Contains(out, "Edwards wins") {
		t.Errorf("list --bookmarked after bookmarks reconciled:\n%s", out)
	}
}
