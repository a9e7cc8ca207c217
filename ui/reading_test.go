package ui

import (
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store"
	"github.com/muesli/termenv"
)

// TestGoneArticleStaysOpen: in split view, when the file of the article
// in the reader is deleted, the reader keeps it open, as the status line
// says, until the user moves the selection.
func TestGoneArticleStaysOpen(t *testing.T) {
	all := testCorpus(t)
	lib := store.NewLibrary()
	lib.Add(all...)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 120, 40, loaded(lib))
	m = settle(t, m, keys("{down}{down}")...)
	open := m.reader.shown
	if open == nil || open.ID != m.list.Selected().ID {
		t.Fatal("the reader does not show the selected article")
	}
	// The file goes: the library, rescanned, no longer has it.
	rest := store.NewLibrary()
	for _, a := range all {
		if a.ID != open.ID {
			rest.Add(a)
		}
	}
	m.sh.lib = rest
	m = settle(t, m, articlesLoadedMsg{p: loaded(rest)})
	if !strings.Contains(screen(m), "it stays open until you leave it") {
		t.Fatalf("the status line does not say the file is gone:\n%s", screen(m))
	}
	if m.reader.shown == nil || m.reader.shown.ID != open.ID || m.reader.want.ID != open.ID {
		t.Fatalf("the reader left the article whose file went for %q", m.reader.shown.Headline)
	}
	if !strings.Contains(screen(m), open.Headline) {
		t.Errorf("the article is not on screen:\n%s", screen(m))
	}
	// More files arriving do not move it either.
	m = settle(t, m, articlesLoadedMsg{p: store.Progress{Loaded: rest.Len() + 1, Final: true}})
	if m.reader.shown == nil || m.reader.shown.ID != open.ID {
		t.Fatalf("a later search moved the reader off the open article")
	}
	// Moving the selection leaves it.
	m = settle(t, m, keys("{down}")...)
	if m.reader.shown == nil || m.reader.shown.ID != m.list.Selected().ID {
		t.Errorf("the reader did not follow the selection once the user moved it")
	}
}
