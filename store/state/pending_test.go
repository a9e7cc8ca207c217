package state

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
)

// TestToggleEveryPressCounts: two presses read in one batch each toggle,
// though neither's save has run; the saves, racing, agree with memory.
func TestToggleEveryPressCounts(t *testing.T) {
	dir := t.TempDir()
	b := bkOpen(t, dir)
	x := bkMark("x", "X", libDay(1))
	if on := b.Toggle(x); !on || !b.Has(x.ID) {
		t.Fatalf("first toggle: on %v, has %v", on, b.Has(x.ID))
	}
	if on := b.Toggle(x); on || b.Has(x.ID) {
		t.Fatalf("second toggle: on %v, has %v", on, b.Has(x.ID))
	}
	for range 2 {
		if err := b.Save(); err != nil {
			t.Fatal(err)
		}
	}
	if bkOpen(t, dir).Has(x.ID) {
		t.Error("two toggles left the bookmark on")
	}

	const n = 100
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.Toggle(bkMark(fmt.Sprint(i%7), "A", libDay(1+i%7)))
			if err := b.Save(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := b.Save(); err != nil {
		t.Fatal(err)
	}
	// 100 presses over 7 articles: each toggled n/7 times, or once more.
	var want []article.ID
	for k := range 7 {
		if presses := n/7 + btoi(k < n%7); presses%2 == 1 {
			want = append(want, bkMark(fmt.Sprint(k), "A", libDay(1)).ID)
		}
	}
	sortIDs := func(ids []article.ID) []article.ID {
		slices.SortFunc(ids, func(a, b article.ID) int { return slices.Compare(a[:], b[:]) })
		return ids
	}
	want = sortIDs(want)
	if got := sortIDs(bkListIDs(b)); !slices.Equal(got, want) {
		t.Errorf("in memory %v, want %v", got, want)
	}
	if got := sortIDs(bkListIDs(bkOpen(t, dir))); !slices.Equal(got, want) {
		t.Errorf("on disk %v, want %v", got, want)
	}
}

// TestReadMarkEveryPressCounts: the same of read marks.
func TestReadMarkEveryPressCounts(t *testing.T) {
	dir := t.TempDir()
	r, err := OpenReadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	x := Ref{ID: article.IDOf([]byte("x")), Headline: "X"}
	r.Toggle(x)
	r.Toggle(x)
	r.Mark(Ref{ID: article.IDOf([]byte("y"))}, true)
	if r.Has(x.ID) || r.Len() != 1 {
		t.Errorf("in memory: has x %v, len %d", r.Has(x.ID), r.Len())
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); r.Save() }()
	}
	wg.Wait()
	again, err := OpenReadState(dir)
	if err != nil || again.Has(x.ID) || again.Len() != 1 {
		t.Errorf("on disk: %v, has x %v, len %d", err, again.Has(x.ID), again.Len())
	}
}

// TestFailedSaveUndoesMemory: a change that could not be saved does not
// stay on screen as if it had been.
func TestFailedSaveUndoesMemory(t *testing.T) {
	dir := t.TempDir()
	b := bkOpen(t, dir)
	garbage := []byte("{ nope")
	if err := writeFile(b.Path(), garbage); err != nil {
		t.Fatal(err)
	}
	x := bkMark("x", "X", libDay(1))
	b.Toggle(x)
	if err := b.Save(); err == nil {
		t.Fatal("saved over a broken file")
	}
	if b.Has(x.ID) {
		t.Error("the unsaved bookmark is still shown")
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
