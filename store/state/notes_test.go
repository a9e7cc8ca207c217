package state

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
)

// TestNotesRoundTrip: a note set reads back cleaned, another instance's
// note on another article is kept, an empty note removes it, and
// members this build does not know survive.
func TestNotesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b := tagRef("a"), tagRef("b")
	path := filepath.Join(dir, NotesFile)
	file := `{"version": 1, "mine": true, "notes": [{"id": "` + b.ID.String() + `", "note": "kept", "colour": "red"}]}`
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	notes, err := OpenNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := notes.Set(a, "\n\nCheck the \x1b[2Jfigures.  \nAsk Doha.\n\n"); err != nil {
		t.Fatal(err)
	}
	again, err := OpenNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := again.Of(a.ID), "Check the \u241b[2Jfigures.\nAsk Doha."; got != want {
		t.Errorf("the note read back as %q, want %q", got, want)
	}
	if got := again.Of(b.ID); got != "kept" {
		t.Errorf("another's note read back as %q", got)
	}
	if err := again.Set(a, "  \n "); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), a.ID.String()) {
		t.Errorf("an emptied note stayed in the file:\n%s", data)
	}
	for _, kept := range []string{`"mine": true`, `"colour": "red"`} {
		if !strings.Contains(string(data), kept) {
			t.Errorf("the file lost %s:\n%s", kept, data)
		}
	}
}

// TestNotesFollowAnEdit: Reconcile moves a note to its article's new
// ID, after any note already there.
func TestNotesFollowAnEdit(t *testing.T) {
	dir := t.TempDir()
	a := tagRef("a")
	edited := a
	edited.ID = article.IDOf([]byte("a, edited"))
	notes, _ := OpenNotes(dir)
	if err := notes.Set(a, "first"); err != nil {
		t.Fatal(err)
	}
	if err := notes.Set(edited, "second"); err != nil {
		t.Fatal(err)
	}
	if !notes.Reconcile(func(r Ref) (Ref, bool) { return edited, r.ID == a.ID || r.ID == edited.ID }) {
		t.Fatal("nothing to move")
	}
	if err := notes.Save(); err != nil {
		t.Fatal(err)
	}
	again, _ := OpenNotes(dir)
	if got, want := again.Of(edited.ID), "second\n\nfirst"; got != want || again.Of(a.ID) != "" {
		t.Errorf("after the edit: %q on the new ID (want %q), %q on the old", got, want, again.Of(a.ID))
	}
}

func TestNotesBadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, NotesFile)
	body := `{"version": 1, "notes": [{"id": "x"`
	os.WriteFile(path, []byte(body), 0o600)
	notes, err := OpenNotes(dir)
	if err == nil {
		t.Fatal("a bad file opened without complaint")
	}
	if err := notes.Set(tagRef("a"), "x"); err == nil {
		t.Error("a note was saved over a bad file")
	}
	if data, _ := os.ReadFile(path); string(data) != body {
		t.Errorf("the bad file became %s", data)
	}
}
