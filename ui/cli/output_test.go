package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fullWriter takes room bytes, then fails as a full disk does.
type fullWriter struct {
	room int
	got  bytes.Buffer
}

func (w *fullWriter) Write(p []byte) (int, error) {
	if len(p) <= w.room {
		w.room -= len(p)
		return w.got.Write(p)
	}
	n := w.room
	w.got.Write(p[:n])
	w.room = 0
	return n, syscall.ENOSPC
}

// outputCommands is every command that writes to stdout, set up to write
// something: a corpus, one bookmark, an ID.
func outputCommands(t *testing.T) [][]string {
	t.Helper()
	dir, data := corpus(t), t.TempDir()
	out, _, _ := runCLI(t, "list", "--filter", "title:doha", dir)
	id := strings.Split(out, "\t")[0]
	if _, errOut, code := runCLI(t, "bookmark", "add", id, "--in", dir, "--data-dir", data); code != 0 {
		t.Fatalf("bookmark add: exit %d: %s", code, errOut)
	}
	return [][]string{
		{"list", dir},
		{"list", "--json", dir},
		{"show", "--width", "60", id, dir},
		{"show", "--style", "dark", filepath.Join(dir, "2024/11/qatar.txt")},
		{"bookmarks", "--data-dir", data, dir},
		{"bookmarks", "--json", "--data-dir", data, dir},
		{"bookmarks", "--markdown", "--data-dir", data, dir},
		{"related", id, dir},
		{"config"},
		{"completion", "bash"},
		{"completion", "zsh"},
		{"completion", "fish"},
		{"completion", "powershell"},
		{"man"},
		{"--help"},
		{"help"},
		{"help", "list"},
		{"list", "--help"},
		{"bookmark", "add", "--help"},
		{"--version"},
		{"__complete", "list", "--sort", ""},
	}
}

// TestFailedWritesAreErrors: every command that writes to stdout exits 1,
// saying so, when the writes fail, whether at the first byte or half way.
func TestFailedWritesAreErrors(t *testing.T) {
	for _, args := range outputCommands(t) {
		whole, errOut, code := runCLI(t, args...)
		if code != 0 || whole == "" {
			t.Fatalf("%q: exit %d, %d bytes: %s", args, code, len(whole), errOut)
		}
		for _, room := range []int{0, len(whole) / 2, len(whole) - 1} {
			w := &fullWriter{room: room}
			var stderr bytes.Buffer
			code := Run(args, w, &stderr)
			want := "broadsheet: writing output: " + syscall.ENOSPC.Error() + "\n"
			if code != 1 || !strings.HasSuffix(stderr.String(), want) {
				t.Errorf("%q failing after %d of %d bytes: exit %d, stderr %q", args, room, len(whole), code, stderr.String())
			}
			if !strings.HasPrefix(whole, w.got.String()) {
				t.Errorf("%q: what was written is not the start of the output", args)
			}
		}
	}
}

// TestDevFull: a real full device, as the file descriptor the process
// writes to, and the process's exit status.
func TestDevFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	dir := cleanCorpus(t)
	var stderr bytes.Buffer
	if code := Run([]string{"list", dir}, full, &stderr); code != 1 ||
		stderr.String() != "broadsheet: writing output: no space left on device\n" {
		t.Errorf("list > /dev/full in process: exit %d, stderr %q", code, stderr.String())
	}
	for _, args := range [][]string{{"list", dir}, {"--version"}, {"--help"}, {"man"}} {
		cmd := broadsheet(args...)
		cmd.Stdout = full
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 ||
			errOut.String() != "broadsheet: writing output: no space left on device\n" {
			t.Errorf("broadsheet %q > /dev/full: %v, stderr %q", args, err, errOut.String())
		}
	}
}

// TestBrokenPipe: a reader that goes away (list | head -1) is no error to
// report: broadsheet dies of SIGPIPE as cat does, saying nothing, or, when
// SIGPIPE is ignored, exits 1 saying nothing.
func TestBrokenPipe(t *testing.T) {
	dir := cleanCorpus(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	cmd := broadsheet("list", dir)
	cmd.Stdout = w
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	err = cmd.Run()
	w.Close()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("list into a closed pipe: %v", err)
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !(ws.Signaled() && ws.Signal() == syscall.SIGPIPE) && ee.ExitCode() != 1 {
		t.Errorf("list into a closed pipe: %v", err)
	}
	if errOut.Len() != 0 {
		t.Errorf("list into a closed pipe said %q", errOut.String())
	}
	// With the pipe's error in hand (SIGPIPE ignored), the same quiet.
	var stderr bytes.Buffer
	code := Run([]string{"list", dir}, writerFunc(func([]byte) (int, error) { return 0, syscall.EPIPE }), &stderr)
	if code != 1 || stderr.Len() != 0 {
		t.Errorf("EPIPE: exit %d, stderr %q", code, stderr.String())
	}
}

// cleanCorpus is a folder of three articles and nothing to skip, so that
// stderr is broadsheet's alone.
func cleanCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i := range 3 {
		body := fmt.Sprintf("2024-11-1%d 20:49\nHeadline number %d\n\nBody.\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprint(i, ".txt")), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
