package ui

import (
	"context"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

type colorProfile = termenv.Profile

// Options is what the UI is started with.
type Options struct {
	Roots     []article.Root
	Library   *store.Library
	Bookmarks *state.Bookmarks
	// ReadState, when set, marks an article read once the user has
	// picked it (a key or a click) and it has been on screen a moment.
	ReadState *state.ReadState
	// Positions, when set, keep where each article was left, for the
	// reader to return there.
	Positions *state.Positions
	// Tags, when set, are the user's tags, which the filter's tag: finds
	// and which follow an edited article.
	Tags *state.Tags
	// Notes, when set, are the user's notes on articles, written with a
	// key in their editor, shown under the headline and found by note:.
	Notes *state.Notes
	// Searches, when set, are the searches saved from the filter (S),
	// and ConfigSearches the configuration's; the views picker (v)
	// offers both.
	Searches       *state.Searches
	ConfigSearches []state.Search
	// Warning is shown in the status line at start, for a problem found
	// before the UI ran (an unreadable bookmarks file, say).
	Warning string
	// Style is glamour's standard style: dark, light or notty.
	Style string
	// Profile is the terminal's colour profile.
	Profile termenv.Profile
	// Out is where the clipboard sequence goes: the terminal.
	Out io.Writer
	// Follow keeps watching the roots after loading, so that files added,
	// changed or removed show without a restart.
	Follow bool
	// Keys remaps actions (see Actions) to keys; CheckKeys validates it.
	Keys map[string][]string
	// DateFormat is the list's date column, as a Go time layout.
	DateFormat string
	// Hyperlinks makes the reader's web links OSC 8 hyperlinks: set it
	// only for a terminal known to take them (the CLI's hyperlinks
	// setting), since one that does not may print them.
	Hyperlinks bool
}

// shared is the state every pane reads: sizes, styles, keys, the library.
type shared struct {
	styles styles
	keys   keyMap
	lib    *store.Library
	marks  *state.Bookmarks
	read   *state.ReadState
	pos    *state.Positions
	tags   *state.Tags
	notes  *state.Notes
	// searches and configSearches are Options'.
	searches       *state.Searches
	configSearches []state.Search
	// groupInline is the largest library a search groups copies of
	// itself (inlineGroups; tests make it 0).
	groupInline int
	// readAfter is how long an article must be on screen to count as read.
	readAfter time.Duration
	// latestSearch is the newest search asked for, for older ones still
	// running to notice they are not wanted.
	latestSearch atomic.Int64
	glamourStyle string
	dateFormat   string
	profile      termenv.Profile
	hyperlinks   bool
	out          io.Writer
}

// kept is what the user keeps of articles, as the store takes it.
func (sh *shared) kept() store.Kept {
	return store.Kept{Bookmarks: sh.marks, Read: sh.read, Tags: sh.tags, Notes: sh.notes, Positions: sh.pos}
}

// Model is the root model: it owns focus, size and routing.
type Model struct {
	sh     *shared
	roots  []article.Root
	watch  bool // follow the roots after loading
	list   listModel
	reader readerModel
	filter filterModel
	find   filterModel // the find inside an article
	tagIn  filterModel // the tag prompt
	// tagging is the article the tag prompt is for, and tagFrom the
	// focus it gives the keys back to.
	tagging *article.Article
	tagFrom focusState
	tagPool []string // the tags the prompt completes from (tagPool)
	// nameIn is the prompt for a search's name (S), and nameFrom the
	// focus it gives the keys back to.
	nameIn   filterModel
	nameFrom focusState
	views    viewsModel // the views picker (v)
	timeline timelineModel
	help     help.Model

	width, height int
	split         bool
	focus         focusState
	overlay       overlay        // what covers the panes, if anything
	helpVP        viewport.Model // the full help, scrolled where it does not fit
	skipped       skippedModel
	picker        pickerModel // the links or the outline
	bookmarksOnly bool
	unreadOnly    bool
	// copiesApart shows every copy of a story as a row of its own (c),
	// not one row a story.
	copiesApart  bool
	grouping     bool // the library's groups are being worked out (prepareGroups)
	sort         store.Sort
	unread       int        // articles not read, in the library
	readTimerFor article.ID // the article whose read timer runs
	// picked is the article the user last chose to look at, by a key or
	// a click: only it starts a read timer, not whatever comes to be
	// under the cursor while rows arrive.
	picked article.ID

	// posFor is the article whose position pos was last seen, and
	// posDirty says a position was marked since the last save.
	posFor   article.ID
	pos      float64
	posDirty bool

	// saves is how many commands saving state are running: quit waits
	// for them, so that a bookmark made just before q is on disk.
	saves    int
	quitting bool
	// stateWatch follows the state files for other instances' changes.
	stateWatch stateWatch

	progress  store.Progress
	loaded    bool
	refresh   refresh // paces the searches loading asks for
	total     int
	searchSeq int // the newest search asked for
	applied   int // the search whose results are on screen
	// searching says the newest search has run past slowSearch: a
	// phrase over a large library reads files, for seconds.
	searching bool
	flash     string
	flashErr  bool
}

// New builds the UI over a library that it loads from opt.Roots.
func New(opt Options) Model {
	style := opt.Style
	if style == "" {
		style = "dark"
	}
	sh := &shared{
		styles:         newStyles(style != "light", opt.Profile),
		keys:           defaultKeyMap(),
		lib:            opt.Library,
		marks:          opt.Bookmarks,
		read:           opt.ReadState,
		pos:            opt.Positions,
		tags:           opt.Tags,
		notes:          opt.Notes,
		searches:       opt.Searches,
		configSearches: opt.ConfigSearches,
		readAfter:      1500 * time.Millisecond,
		groupInline:    inlineGroups,
		glamourStyle:   style,
		dateFormat:     opt.DateFormat,
		profile:        opt.Profile,
		hyperlinks:     opt.Hyperlinks,
		out:            opt.Out,
	}
	if sh.lib == nil {
		sh.lib = store.NewLibrary()
	}
	if sh.out == nil {
		sh.out = os.Stdout
	}
	if sh.dateFormat == "" {
		sh.dateFormat = "2 Jan 2006"
	}
	// main checks the keys with CheckKeys first; a bad map here keeps
	// the defaults.
	if err := sh.keys.remap(opt.Keys); err != nil {
		sh.keys = defaultKeyMap()
	}
	h := help.New()
	h.ShortSeparator = " · "
	m := Model{
		sh:      sh,
		roots:   opt.Roots,
		watch:   opt.Follow,
		list:    newListModel(sh),
		reader:  newReaderModel(sh),
		filter:  newFilterModel(sh),
		find:    newFindModel(sh),
		tagIn:   newTagModel(sh),
		nameIn:  newNameModel(sh),
		views:   newViewsModel(sh),
		help:    h,
		helpVP:  viewport.New(0, 0),
		skipped: newSkippedModel(sh),
		picker:  newPickerModel(sh),
	}
	m.stateWatch.ctx, m.stateWatch.stop = context.WithCancel(context.Background())
	m.stateWatch.changed = make(chan struct{}, 1)
	if opt.Warning != "" {
		m.flash, m.flashErr = opt.Warning, true
	}
	m.syncFocus()
	return m
}

// Init starts loading the library, and following the state files so
// that what another instance marks shows here.
func (m Model) Init() tea.Cmd {
	paths := m.sh.kept().Paths()
	cmds := []tea.Cmd{loadLibrary(m.sh.lib, m.roots, m.watch)}
	if w := m.stateWatch; len(paths) > 0 {
		cmds = append(cmds, watchState(w.ctx, paths, w.changed), waitForState(w.ctx, w.changed))
	}
	return tea.Batch(cmds...)
}

// Update routes messages: keys to the focused pane, results to their
// owners whatever has focus.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.notePosition()
	// An article the user chose, on screen for a moment, becomes read.
	if m.sh.read != nil && m.reader.shown != nil && m.readerVisible() && m.reader.shown.ID == m.picked {
		if id := m.reader.shown.ID; id != m.readTimerFor {
			m.readTimerFor = id
			cmd = tea.Batch(cmd, readTimer(id, m.sh.readAfter))
		}
	}
	// The picker's counts follow the library as files arrive.
	if c := m.recountViews(); c != nil {
		cmd = tea.Batch(cmd, c)
	}
	return m, cmd
}

// update hands each message to the method beside the command that sent
// it; those live with their commands, in load.go, cmds.go and ways.go.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.layout()
	case tea.KeyMsg:
		return m.keyBurst(msg)
	case tea.MouseMsg:
		return m.mouse(msg)
	case loadStartedMsg:
		return waitForLoad(msg.ch)
	case articlesLoadedMsg:
		return m.articlesLoaded(msg)
	case stateChangedMsg:
		return tea.Batch(reloadState(m.sh.kept()), waitForState(m.stateWatch.ctx, m.stateWatch.changed))
	case stateReloadedMsg:
		return m.stateReloaded(msg)
	case reconciledMsg:
		return m.reconciled(msg)
	case resultsFoundMsg:
		return m.resultsFound(msg)
	case searchSlowMsg:
		if int(msg) == m.searchSeq && m.applied < m.searchSeq {
			m.searching = true
			m.list.empty = m.emptyText()
		}
	case libraryRefreshedMsg, refreshDueMsg:
		return m.refreshed(msg)
	case unreadCountedMsg:
		m.unread = msg.n
	case articleRenderedMsg, relatedFoundMsg:
		var cmd tea.Cmd
		m.reader, cmd = m.reader.Update(msg)
		return cmd
	case skippedListedMsg:
		if m.overlay == overlaySkipped {
			m.skipped.SetSkips(msg.skips)
		}
	case readTimerMsg:
		return m.readTimerDone(msg)
	case readSavedMsg:
		return m.readSaved(msg)
	case bookmarkSavedMsg:
		return m.bookmarkSaved(msg)
	case tagsSavedMsg:
		return m.bookmarkSaved(bookmarkSavedMsg(msg))
	case noteFileMadeMsg:
		return m.noteFileMade(msg)
	case noteEditedMsg:
		return m.noteEdited(msg)
	case noteSavedMsg:
		return m.noteSaved(msg)
	case viewsCountedMsg:
		return m.viewsCounted(msg)
	case timelineCountedMsg:
		m.timelineCounted(msg)
	case tagsCountedMsg:
		m.tagsCounted(msg)
	case groupsPreparedMsg:
		m.grouping = false
		return tea.Batch(m.search(), m.reader.relateAgain())
	case searchSavedMsg:
		return m.searchSaved(msg)
	case positionsSavedMsg:
		return m.bookmarkSaved(bookmarkSavedMsg(msg))
	case linkResolvedMsg:
		return m.linkResolved(msg)
	case fileFoundMsg:
		return m.fileFound(msg)
	case editorFinishedMsg:
		return m.editorFinished(msg)
	case copiedMsg:
		m.setFlash("Copied the "+msg.what+" to the clipboard.", false)
	case browserOpenedMsg:
	case errMsg:
		m.setFlash(text.SanitizeLine(msg.err.Error()), true)
	default:
		// The cursor blink and other messages of the input being typed in.
		if in := m.blinking(); in != nil {
			var cmd tea.Cmd
			*in, cmd = in.Update(msg)
			return cmd
		}
	}
	return nil
}

// blinking is the text input with focus whose cursor blinks: the filter,
// the tag prompt or the search's name; nil for none.
func (m *Model) blinking() *filterModel {
	switch m.focus {
	case focusFilter:
		return &m.filter
	case focusTag:
		return &m.tagIn
	case focusName:
		return &m.nameIn
	}
	return nil
}

// keyBurst splits keys typed faster than the terminal is read, which
// arrive as one message ("/qat"): each is a key of its own.
func (m *Model) keyBurst(msg tea.KeyMsg) tea.Cmd {
	if msg.Type != tea.KeyRunes || len(msg.Runes) <= 1 || msg.Paste {
		return m.key(msg)
	}
	var cmds []tea.Cmd
	for _, r := range msg.Runes {
		cmds = append(cmds, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
	}
	return tea.Batch(cmds...)
}

// key does the action the key fires where the keys go (see actionTable),
// or else gives the key to what has them: an input types it, an overlay
// scrolls, the list and the reader match their own moves.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.sh.keys.forceQuit) {
		return m.quit(msg)
	}
	m.flash = ""
	if a := m.sh.keys.match(msg, m.keyPane()); a != nil && a.do != nil {
		return a.do(m, msg)
	}
	var cmd tea.Cmd
	switch m.keyPane() {
	case inFilter:
		return m.typeFilter(msg)
	case inFind:
		return m.typeFind(msg)
	case inTag:
		return m.typeTag(msg)
	case inName:
		var cmd tea.Cmd
		m.nameIn, cmd = m.nameIn.Update(msg)
		return cmd
	case inHelp:
		m.helpVP, cmd = m.helpVP.Update(msg)
	case inSkipped:
		m.skipped, cmd = m.skipped.Update(msg)
	case inReader:
		m.pick(m.reader.shown) // scrolling an article is looking at it
		m.reader, cmd = m.reader.Update(msg)
	default:
		return m.toList(msg)
	}
	return cmd
}

// keyPane is where keys go: the overlay while one shows, else the focus.
func (m *Model) keyPane() pane {
	if p := m.overlay.pane(); p != 0 && !m.focus.typing() {
		return p
	}
	return m.focus.pane()
}

// pick records that the user chose a to look at (see Model.picked).
func (m *Model) pick(a *article.Article) {
	if a != nil {
		m.picked = a.ID
	}
}

// readerVisible says whether the reader is on screen.
func (m *Model) readerVisible() bool { return m.split || m.focus == focusReader }

// follow keeps the reader on the selected article where it is visible.
func (m *Model) follow() tea.Cmd {
	if !m.readerVisible() {
		return nil
	}
	if m.focus == focusReader && (!m.split || len(m.reader.history) > 0) && m.reader.want != nil {
		// Full-screen reading stays on its article even if the list
		// below it changes, as does reading an article a link opened.
		return nil
	}
	cmd := m.reader.SetArticle(m.list.Selected())
	if m.find.Value() == "" {
		// An article opened from a filtered list shows the filter's
		// words, and n goes to the first.
		m.reader.Find(m.list.query)
	}
	return cmd
}

// current is the article the keys act on: the one in the reader when it
// has focus, else the selected row.
func (m *Model) current() *article.Article {
	if m.focus == focusReader && m.reader.shown != nil {
		return m.reader.shown
	}
	return m.list.Selected()
}

// setFlash shows text in the status line until the next key; isErr
// shows it as a problem.
func (m *Model) setFlash(text string, isErr bool) { m.flash, m.flashErr = text, isErr }

// syncFocus tells the panes where the focus is and enables the bindings
// that live there.
func (m *Model) syncFocus() {
	m.list.focused = m.focus != focusReader
	m.reader.focused = m.focus == focusReader
	m.sh.keys.setFocus(keyState{focus: m.focus.pane(), over: m.overlay.pane(), split: m.split, filtered: m.filter.Value() != "",
		history: len(m.reader.history) > 0})
	m.help.ShowAll = false
}
