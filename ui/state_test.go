package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

// stateModel is the UI over the test corpus with bookmarks and read state
// in their own folders, which it returns.
func stateModel(t *testing.T) (m Model, marksDir, readDir string) {
	t.Helper()
	lib := store.NewLibrary()
	lib.Add(testCorpus(t)...)
	marksDir, readDir = t.TempDir(), t.TempDir()
	marks, err := state.OpenBookmarks(marksDir)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := state.OpenReadState(readDir)
	if err != nil {
		t.Fatal(err)
	}
	m = startModel(t, Options{Library: lib, Bookmarks: marks, ReadState: rs, Style: "dark", Profile: termenv.Ascii},
		120, 40, loaded(lib))
	return m, marksDir, readDir
}

// onDisk says whether the article is bookmarked (key b) or read (key m)
// in the files, as another instance opening them would find.
func onDisk(t *testing.T, key, marksDir, readDir string, id article.ID) bool {
	t.Helper()
	if key == "b" {
		marks, err := state.OpenBookmarks(marksDir)
		if err != nil {
			t.Fatal(err)
		}
		return marks.Has(id)
	}
	rs, err := state.OpenReadState(readDir)
	if err != nil {
		t.Fatal(err)
	}
	return rs.Has(id)
}

// TestEveryPressCounts: b and m toggle once for every press, however fast
// they come: two read in one burst leave the article as it was, and a
// hundred whose saves race leave the file agreeing with the screen.
func TestEveryPressCounts(t *testing.T) {
	for _, k := range []string{"b", "m"} {
		t.Run(k, func(t *testing.T) {
			m, marksDir, readDir := stateModel(t)
			a := m.list.Selected()
			has := func() bool {
				if k == "b" {
					return m.sh.marks.Has(a.ID)
				}
				return m.sh.read.Has(a.ID)
			}
			// Two presses in one read of the terminal.
			m = settle(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k + k)})
			if has() || onDisk(t, k, marksDir, readDir, a.ID) {
				t.Fatalf("%s%s: on screen %v, on disk %v; want neither", k, k, has(), onDisk(t, k, marksDir, readDir, a.ID))
			}

			// A hundred presses, each one's command run at once with the
			// others, as the program runs them.
			var cmds []tea.Cmd
			for range 100 {
				next, cmd := m.Update(keys(k)[0])
				m = next.(Model)
				cmds = append(cmds, cmd)
			}
			if has() {
				t.Error("after 100 presses the article is marked in memory")
			}
			m = settle(t, m, runTogether(cmds)...)
			if has() || onDisk(t, k, marksDir, readDir, a.ID) {
				t.Errorf("after 100 presses: on screen %v, on disk %v; want neither", has(), onDisk(t, k, marksDir, readDir, a.ID))
			}
			m = settle(t, m, keys(k)...)
			if !has() || !onDisk(t, k, marksDir, readDir, a.ID) {
				t.Errorf("after 101 presses: on screen %v, on disk %v; want both", has(), onDisk(t, k, marksDir, readDir, a.ID))
			}
			if k == "b" && !strings.Contains(screen(m), "★ 1") {
				t.Errorf("the status line does not count the bookmark:\n%s", screen(m))
			}
			if k == "m" && !strings.Contains(screen(m), "5 unread") {
				t.Errorf("the status line does not count the article read:\n%s", screen(m))
			}
		})
	}
}

// runTogether runs the commands each in its own goroutine, as the program
// does, and returns the messages they sent.
func runTogether(cmds []tea.Cmd) []tea.Msg {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var out []tea.Msg
	for _, cmd := range cmds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msgs := run(cmd)
			mu.Lock()
			out = append(out, msgs...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// TestQuitWaitsForSaves: q pressed while a bookmark's save is still
// running ends the program only once it is on disk.
func TestQuitWaitsForSaves(t *testing.T) {
	m, marksDir, _ := stateModel(t)
	a := m.list.Selected()
	next, save := m.Update(keys("b")[0])
	next, quit := next.(Model).Update(keys("q")[0])
	m = next.(Model)
	quitted := make(chan tea.Msg, 1)
	go func() { quitted <- quit() }()
	select {
	case msg := <-quitted:
		if _, quits := msg.(tea.QuitMsg); quits {
			t.Fatal("q quit with the bookmark not yet saved")
		}
	case <-time.After(200 * time.Millisecond): // waiting: its grace runs
	}
	var done tea.Cmd
	for _, msg := range run(save) {
		next, cmd := m.Update(msg)
		m, done = next.(Model), tea.Batch(done, cmd)
	}
	if !onDisk(t, "b", marksDir, "", a.ID) {
		t.Error("the bookmark is not on disk")
	}
	if done == nil {
		t.Fatal("the program did not end once the save was done")
	}
	if _, quits := done().(tea.QuitMsg); !quits {
		t.Error("the program did not end once the save was done")
	}
}
