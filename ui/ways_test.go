package ui

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/muesli/termenv"
)

// diskModel is the UI over the test corpus written to disk, so that the
// ways out have files to work on.
func diskModel(t *testing.T, out *bytes.Buffer) (Model, string) {
	t.Helper()
	dir := t.TempDir()
	writeCorpus(t, dir)
	web := "---\ntitle: A web clipping\ndate: 2024-01-05\nsource: https://example.com/doha\n---\n\nFrom the web.\n"
	if err := os.WriteFile(filepath.Join(dir, "clips", "web.md"), []byte(web), 0o644); err != nil {
		t.Fatal(err)
	}
	roots, err := scan.OpenRoots([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	lib := store.NewLibrary()
	lib.Load(context.Background(), roots, nil)
	return startModel(t, Options{Library: lib, Style: "notty", Profile: termenv.Ascii, Out: out}, 80, 24, loaded(lib)), dir
}

func TestCopyWithOSC52(t *testing.T) {
	t.Setenv("TMUX", "")
	var out bytes.Buffer
	m, dir := diskModel(t, &out)
	m = settle(t, m, keys("y")...) // the Qatar story: a file, no URL
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(filepath.Join(dir, "2024/11/qatar.txt"))) + "\a"
	if out.String() != want || !strings.Contains(screen(m), "Copied the path") {
		t.Errorf("y wrote %q, want %q\n%s", out.String(), want, screen(m))
	}
	out.Reset()
	m = settle(t, m, keys("/title:web{enter}")...)
	settle(t, m, keys("y")...) // front matter with a source
	if !strings.Contains(out.String(), base64.StdEncoding.EncodeToString([]byte("https://example.com/doha"))) {
		t.Errorf("y on an article with a URL wrote %q", out.String())
	}
}

func TestOpenInBrowser(t *testing.T) {
	var out bytes.Buffer
	m, _ := diskModel(t, &out)
	got := filepath.Join(t.TempDir(), "opened")
	script := filepath.Join(t.TempDir(), "browser")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf %s \"$1\" > "+got+"\n"), 0o755)
	t.Setenv("BROWSER", script)
	m = settle(t, m, keys("o")...)
	if !strings.Contains(screen(m), "no URL") {
		t.Errorf("o on an article without a URL:\n%s", screen(m))
	}
	m = settle(t, m, keys("/title:web{enter}")...)
	settle(t, m, keys("o")...)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if b, _ := os.ReadFile(got); string(b) == "https://example.com/doha" {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("the browser was not given the article's URL")
}

func TestEditAndReload(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	var out bytes.Buffer
	m, dir := diskModel(t, &out)
	m = settle(t, m, keys("e")...)
	if !strings.Contains(screen(m), "set $VISUAL or $EDITOR") {
		t.Errorf("e without an editor:\n%s", screen(m))
	}
	t.Setenv("EDITOR", "vi -n")
	file := filepath.Join(dir, "2024/11/qatar.txt")
	cmd, err := editorCmd(file)
	if err != nil || strings.Join(cmd.Args, " ") != "vi -n "+file {
		t.Fatalf("editor command %v, %v", cmd, err)
	}
	// The editor changed the file; on its return the reader shows it.
	m = settle(t, m, keys("{enter}")...)
	a := m.reader.shown
	text, _ := os.ReadFile(file)
	os.WriteFile(file, append(text, []byte("A paragraph the editor added.\n")...), 0o644)
	m = settle(t, m, editorFinishedMsg{a: a})
	m = settle(t, m, keys("G")...)
	if !strings.Contains(screen(m), "A paragraph the editor added.") {
		t.Errorf("the edit does not show after the editor closed:\n%s", screen(m))
	}
}
