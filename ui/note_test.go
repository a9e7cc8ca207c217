package ui

import (
	"os"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/muesli/termenv"
)

// TestNoteFlow: a note written in the editor (its file, as the editor
// leaves it) is kept, in the file too, shown under the headline with its
// control characters made visible, found by note:, and removed when the
// editor leaves the file empty. The editor's file starts with the note.
func TestNoteFlow(t *testing.T) {
	t.Setenv("VISUAL", "true")
	lib := store.NewLibrary()
	lib.Add(testCorpus(t)...)
	dir := t.TempDir()
	notes, err := state.OpenNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := startModel(t, Options{Library: lib, Notes: notes, Style: "dark", Profile: termenv.Ascii}, 120, 40, loaded(lib))
	a := m.list.Selected()
	edit := func(write string) {
		t.Helper()
		made, ok := noteFile(a, notes.Of(a.ID))().(noteFileMadeMsg)
		if !ok || made.err != nil {
			t.Fatalf("the note's file: %+v", made)
		}
		if err := os.WriteFile(made.file, []byte(write), 0o600); err != nil {
			t.Fatal(err)
		}
		m = settle(t, m, noteEditedMsg{a: a, file: made.file})
		if _, err := os.Stat(made.file); err == nil {
			t.Error("the note's file was left behind")
		}
	}
	edit("Ask Doha about the \x1b[31mfigures.\n\nSecond thought.\n")
	if s := screen(m); !strings.Contains(s, "Note kept.") {
		t.Errorf("no word of the note kept:\n%s", s)
	}
	again, err := state.OpenNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Of(a.ID); !strings.HasPrefix(got, "Ask Doha about the \u241b[31mfigures.") {
		t.Errorf("the file holds %q", got)
	}
	s := screen(m)
	if !strings.Contains(s, "Note: Ask Doha about the ␛[31mfigures.") || !strings.Contains(s, "Second thought.") {
		t.Errorf("the reader shows no note:\n%s", s)
	}
	made, _ := noteFile(a, notes.Of(a.ID))().(noteFileMadeMsg)
	if data, _ := os.ReadFile(made.file); !strings.HasPrefix(string(data), "Ask Doha") {
		t.Errorf("the editor's file starts %q", data)
	}
	os.Remove(made.file)
	m = settle(t, m, keys("/note:\"second thought\"{enter}")...)
	if n := m.list.items.Len(); n != 1 {
		t.Errorf(`note:"second thought" shows %d articles`, n)
	}
	m = settle(t, m, keys("{esc}")...)
	edit("\n  \n")
	if got := notes.Of(a.ID); got != "" || !strings.Contains(screen(m), "Note removed.") {
		t.Errorf("an emptied note left %q", got)
	}
}
