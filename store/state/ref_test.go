package state

import (
	"os"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
)

// TestReconcileRekeys: an entry whose article is now under another ID
// moves to it, keeping when it was made; one found under its own ID learns
// what it lacked; one not found stays as it was.
func TestReconcileRekeys(t *testing.T) {
	dir := t.TempDir()
	b := bkOpen(t, dir)
	r, err := OpenReadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	edited := bkMark("before edit", "Edited", libDay(1))
	gone := bkMark("gone", "Gone", libDay(2))
	old := bkMark("old", "Old", libDay(3))
	for _, bm := range []Bookmark{edited, gone, old} {
		bkSet(t, b, bm, true)
		r.Mark(bm.Ref(), true)
	}
	r.Mark(Ref{ID: old.ID}, true) // an old mark: the ID alone
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	added := bkOpen(t, dir).List()[2].Added
	now := edited.Ref()
	now.ID = article.IDOf([]byte("after edit"))
	find := func(q Ref) (Ref, bool) {
		switch q.Path {
		case edited.Path:
			return now, true
		case old.Path:
			return Ref{ID: old.ID, Path: old.Path, URL: "https://example.com/old", Headline: "Old"}, true
		}
		return Ref{}, false
	}
	if !b.Reconcile(find) || !r.Reconcile(find) {
		t.Fatal("Reconcile found nothing to do")
	}
	if err := b.Save(); err != nil {
		t.Fatal(err)
	}
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	b2 := bkOpen(t, dir)
	r2, _ := OpenReadState(dir)
	if b2.Has(edited.ID) || !b2.Has(now.ID) || !b2.Has(gone.ID) || b2.Len() != 3 {
		t.Errorf("bookmarks after: %v", bkListIDs(b2))
	}
	if r2.Has(edited.ID) || !r2.Has(now.ID) || !r2.Has(gone.ID) || r2.Len() != 3 {
		t.Errorf("read marks after: %d", r2.Len())
	}
	for _, bm := range b2.List() {
		if bm.ID == now.ID && !bm.Added.Equal(added) {
			t.Errorf("the moved bookmark's Added is %v, want %v", bm.Added, added)
		}
		if bm.ID == old.ID && bm.URL != "https://example.com/old" {
			t.Errorf("the old bookmark did not learn its URL: %+v", bm)
		}
	}
	data, _ := os.ReadFile(r.Path())
	if !strings.Contains(string(data), `"url": "https://example.com/old"`) || !strings.Contains(string(data), `"refs"`) {
		t.Errorf("read state does not keep refs:\n%s", data)
	}
	// Nothing more to do: a second pass changes nothing.
	if b2.Reconcile(find) || r2.Reconcile(find) {
		t.Error("a second Reconcile found changes")
	}
}

// TestReadStateOldFile: a read.json from before refs reads, and its marks
// gain refs as articles are found.
func TestReadStateOldFile(t *testing.T) {
	dir := t.TempDir()
	id := article.IDOf([]byte("a"))
	os.WriteFile(dir+"/"+ReadStateFile, []byte(`{"version": 1, "read": {"`+id.String()+`": "2024-11-01T00:00:00Z"}}`), 0o644)
	r, err := OpenReadState(dir)
	if err != nil || !r.Has(id) {
		t.Fatalf("%v, has %v", err, r.Has(id))
	}
	r.Mark(Ref{ID: id, Path: "a.txt"}, true)
	if err := r.Save(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(r.Path())
	if !strings.Contains(string(data), `"2024-11-01T00:00:00Z"`) || !strings.Contains(string(data), `"path": "a.txt"`) {
		t.Errorf("read again:\n%s", data)
	}
}
