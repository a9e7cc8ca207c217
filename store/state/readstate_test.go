package state

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/broadsheet/broadsheet/store/article"
)

func TestReadStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	r, err := OpenReadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := article.IDOf([]byte("a")), article.IDOf([]byte("b"))
	if err := r.Set(a, true); err != nil {
		t.Fatal(err)
	}
	if err := r.Set(b, true); err != nil {
		t.Fatal(err)
	}
	if err := r.Set(b, false); err != nil {
		t.Fatal(err)
	}
	again, err := OpenReadState(dir)
	if err != nil || !again.Has(a) || again.Has(b) || again.Len() != 1 {
		t.Fatalf("after reopening: %v, has a %v, has b %v, len %d", err, again.Has(a), again.Has(b), again.Len())
	}
	// Two instances merge rather than overwrite each other.
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, _ := OpenReadState(dir)
			r.Set(article.IDOf([]byte{byte(i)}), true)
		}()
	}
	wg.Wait()
	if r, _ := OpenReadState(dir); r.Len() != 11 {
		t.Errorf("%d read after concurrent instances, want 11", r.Len())
	}
}

func TestReadStateBrokenFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ReadStateFile)
	os.WriteFile(file, []byte(`{"version": 9, "read": {}}`), 0o644)
	r, err := OpenReadState(dir)
	if err == nil || !strings.Contains(err.Error(), "newer broadsheet") {
		t.Fatalf("error %v", err)
	}
	if err := r.Set(article.IDOf([]byte("a")), true); err == nil || !strings.Contains(err.Error(), "read state not saved") {
		t.Errorf("Set over a broken file: %v", err)
	}
	if got, _ := os.ReadFile(file); string(got) != `{"version": 9, "read": {}}` {
		t.Error("the broken file was changed")
	}
}
