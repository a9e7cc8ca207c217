package ui

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/testcorpus"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

// loadCounts is what the program did during a load.
type loadCounts struct {
	reports  int   // progress reports Update saw
	views    int   // screens drawn
	renders  int   // articles rendered for the reader
	rowsSeen []int // the list's distinct lengths, in the order shown
}

// loadWatcher runs a Model in a real program and ends it once the load
// is over and everything it asked for is on screen. start, when set,
// replaces the model's Init: a test feeds the progress itself.
type loadWatcher struct {
	m     Model
	c     *loadCounts
	start tea.Cmd
}

func (w loadWatcher) Init() tea.Cmd {
	if w.start != nil {
		return w.start
	}
	return w.m.Init()
}

func (w loadWatcher) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case articlesLoadedMsg:
		w.c.reports++
	case articleRenderedMsg:
		w.c.renders++
	}
	next, cmd := w.m.Update(msg)
	w.m = next.(Model)
	if n := w.m.list.items.Len(); len(w.c.rowsSeen) == 0 || w.c.rowsSeen[len(w.c.rowsSeen)-1] != n {
		w.c.rowsSeen = append(w.c.rowsSeen, n)
	}
	if loadSettled(w.m) {
		return w, tea.Quit
	}
	return w, cmd
}

func (w loadWatcher) View() string {
	w.c.views++
	return w.m.View()
}

// loadSettled says the load is over and its last search and count, the
// reconciling of the marks and the reader's render and related stories
// are in.
func loadSettled(m Model) bool {
	return m.loaded && m.applied == m.searchSeq && m.saves == 0 && !m.reader.running &&
		m.reader.relating == article.ID{}
}

// runLoad runs the program over m at 120x40 (the split view, so the
// reader renders too) until the load settles.
func runLoad(tb testing.TB, m Model, start tea.Cmd) (Model, loadCounts) {
	tb.Helper()
	var c loadCounts
	p := tea.NewProgram(loadWatcher{m: m, c: &c, start: start}, tea.WithInput(nil), tea.WithOutput(io.Discard),
		tea.WithoutSignalHandler())
	go p.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	final, err := p.Run()
	if err != nil {
		tb.Fatal(err)
	}
	return final.(loadWatcher).m, c
}

// loadModel is the UI as the reader starts it, with its own bookmarks and
// read state, over lib loading roots.
func loadModel(tb testing.TB, lib *store.Library, roots []article.Root) Model {
	tb.Helper()
	marks, err := state.OpenBookmarks(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	rs, err := state.OpenReadState(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	return New(Options{Roots: roots, Library: lib, Bookmarks: marks, ReadState: rs, Style: "dark",
		Profile: termenv.Ascii})
}

// checkSettled fails unless the screen holds what a fresh search of the
// whole library finds, and the unread count is the library's.
func checkSettled(tb testing.TB, m Model, lib *store.Library) {
	tb.Helper()
	want := lib.Search(query.Parse(""), store.SearchOptions{})
	if m.total != want.Total || !slices.Equal(m.list.items.Result().Articles(), want.Articles()) {
		tb.Errorf("on screen %d rows of %d, want the %d of a fresh search", m.list.items.Len(), m.total, want.Total)
	}
	if n := lib.CountUnread(m.sh.read.Has); m.unread != n {
		tb.Errorf("%d unread shown, want %d", m.unread, n)
	}
}

// seedArticles makes n seed-format articles, a minute apart.
func seedArticles(tb testing.TB, n int) []*article.Article {
	tb.Helper()
	day := time.Date(2024, 11, 16, 8, 0, 0, 0, time.UTC)
	var out []*article.Article
	for i := range n {
		d := day.Add(time.Duration(i) * time.Minute)
		src := fmt.Sprintf("%s\nStory %d from Doha\nTalks went on in Doha, day %d.\n", d.Format("Monday, January 2, 2006 03:04 PM"), i, i)
		name := fmt.Sprintf("%05d.txt", i)
		as, err := article.Parse(name, []byte(src), fileTime)
		if err != nil {
			tb.Fatal(err)
		}
		as[0].Path, as[0].Folder = "news/"+name, "news"
		out = append(out, &as[0])
	}
	return out
}

// feedLoad adds as to lib in batches of size, reporting each as the
// loader does (coalesced, as loadLibrary does), then a final report.
func feedLoad(lib *store.Library, as []*article.Article, size int) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan store.Progress, 1)
		send := sendLatest(ch)
		go func() {
			for i := 0; i < len(as); i += size {
				lib.Add(as[i:min(i+size, len(as))]...)
				send(store.Progress{Loaded: lib.Len(), Searchable: true})
				time.Sleep(time.Millisecond)
			}
			send(store.Progress{Loaded: lib.Len(), Searchable: true, Final: true})
			close(ch)
		}()
		return loadStartedMsg{ch}
	}
}

// TestLoadPacesSearches: a load reporting hundreds of batches does not
// search (and count the unread) once a batch, each O(library), but about
// once an interval; rows still arrive as it goes, and it ends with what
// a fresh search finds.
func TestLoadPacesSearches(t *testing.T) {
	const batches = 300
	lib := store.NewLibrary()
	as := seedArticles(t, batches*10)
	start := time.Now()
	m, c := runLoad(t, loadModel(t, lib, nil), feedLoad(lib, as, 10))
	took := time.Since(start)
	t.Logf("%d reports, %d searches, %d renders, %d screens in %v", c.reports, m.searchSeq, c.renders, c.views, took)
	checkSettled(t, m, lib)
	// Bounded by the time the load took, not by its batches: a first
	// search, one an interval, the final one, and one of slack.
	if limit := 3 + int(took/refreshEvery); m.searchSeq > limit {
		t.Errorf("%d searches for %d reports in %v, want at most %d", m.searchSeq, c.reports, took, limit)
	}
	if c.renders > m.searchSeq+1 {
		t.Errorf("%d renders for %d searches", c.renders, m.searchSeq)
	}
	var partial int
	for _, n := range c.rowsSeen {
		if n > 0 && n < len(as) {
			partial++
		}
	}
	if partial == 0 {
		t.Errorf("no rows shown before the load ended: lengths %v", c.rowsSeen)
	}
}

// TestRefreshOneInFlight: while a refresh runs, reports only say that
// another is due; the final report refreshes at once all the same, and a
// refresh that comes back late changes nothing.
func TestRefreshOneInFlight(t *testing.T) {
	as := seedArticles(t, 8)
	lib := store.NewLibrary()
	lib.Add(as[:3]...)
	m := loadModel(t, lib, nil)
	m = settle(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	report := func(final bool, add ...*article.Article) tea.Cmd {
		lib.Add(add...)
		next, cmd := m.Update(articlesLoadedMsg{p: store.Progress{Loaded: lib.Len(), Final: final}})
		m = next.(Model)
		return cmd
	}
	first := report(false)
	seq := m.searchSeq
	report(false, as[3:5]...)
	if m.searchSeq != seq {
		t.Fatalf("%d searches started while the first ran", m.searchSeq-seq)
	}
	// Back, it starts the one that is due, once its time comes.
	m = settle(t, m, run(first)...)
	if m.searchSeq != seq+1 || m.list.items.Len() != 5 {
		t.Fatalf("%d more searches, %d rows after the first came back; want 1 and 5", m.searchSeq-seq, m.list.items.Len())
	}

	m.refresh.started = time.Time{} // its time has come
	m.sh.read.Mark(state.RefOf(as[0]), true)
	late := report(false, as[5])
	final := report(true, as[6:]...)
	if m.searchSeq != seq+3 {
		t.Fatalf("the final report did not search at once")
	}
	m = settle(t, m, run(final)...)
	m = settle(t, m, run(late)...)
	if m.searchSeq != seq+3 {
		t.Errorf("the late refresh started %d more", m.searchSeq-seq-3)
	}
	checkSettled(t, m, lib)
	m = settle(t, m, refreshDueMsg{})
	if m.searchSeq != seq+3 {
		t.Errorf("a timer with nothing due searched")
	}
}

// TestRelatedAfterLoad: the stories listed under the article shown while
// the library loads are the library's, once it is loaded, not those of
// the part loaded when the article came on screen.
func TestRelatedAfterLoad(t *testing.T) {
	day := time.Date(2024, 11, 20, 8, 0, 0, 0, time.UTC)
	quince := func(i int, headline string) *article.Article {
		src := day.Add(-time.Duration(i)*time.Hour).Format("Monday, January 2, 2006 03:04 PM") + "\n" + headline + "\n" +
			"The quince harvest in Zug came early; growers said so.\n"
		as, err := article.Parse(fmt.Sprintf("q%d.txt", i), []byte(src), fileTime)
		if err != nil {
			t.Fatal(err)
		}
		return &as[0]
	}
	lib := store.NewLibrary()
	shown := quince(0, "Quince growers in Zug")
	lib.Add(append(seedArticles(t, 5), shown)...)
	m := startModel(t, Options{Library: lib, Style: "dark", Profile: termenv.Ascii}, 120, 40, store.Progress{Loaded: lib.Len()})
	if m.reader.shown == nil || m.reader.shown.ID != shown.ID {
		t.Fatalf("the reader does not show the newest article")
	}
	lib.Add(quince(1, "Zug's quince fair"), quince(2, "A quince year"))
	m = settle(t, m, articlesLoadedMsg{p: loaded(lib)})
	want, _ := lib.Related(shown, 5)
	if len(want) != 2 || !slices.Equal(m.reader.related, want) {
		t.Errorf("related %d stories, want the library's %d", len(m.reader.related), len(want))
	}
}

// BenchmarkLoadColdTUI is a first start through the TUI: every file read,
// parsed and indexed, as the program shows the rows arriving, until the
// screen settles. Compare with store's BenchmarkLoadCold.
// As there, it runs with the app's GC target, and BROADSHEET_BENCH_SIZES
// may name other sizes, comma-separated.
func BenchmarkLoadColdTUI(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	sizes := []int{10_000, 100_000}
	if s := os.Getenv("BROADSHEET_BENCH_SIZES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			var n int
			fmt.Sscan(f, &n)
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir, err := testcorpus.Dir(n)
			if err != nil {
				b.Fatal(err)
			}
			roots, err := scan.OpenRoots([]string{dir})
			if err != nil {
				b.Fatal(err)
			}
			var c loadCounts
			var searches int
			for b.Loop() {
				lib := store.NewLibrary()
				var m Model
				m, c = runLoad(b, loadModel(b, lib, roots), nil)
				if lib.Len() != n {
					b.Fatalf("loaded %d of %d", lib.Len(), n)
				}
				searches = m.searchSeq
				checkSettled(b, m, lib)
			}
			b.ReportMetric(float64(searches), "searches/op")
			b.ReportMetric(float64(c.reports), "reports/op")
			b.ReportMetric(float64(c.views), "views/op")
		})
	}
}
