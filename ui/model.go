// Package ui is broadsheet's terminal interface: a list of articles, a
// reader, a live filter and bookmarks, as Bubble Tea models.
package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

type colorProfile = termenv.Profile

// Options is what the UI is started with.
type Options struct {
	Roots     []store.Root
	Library   *store.Library
	Bookmarks *store.Bookmarks
	// ReadState, when set, marks articles read once shown for a moment.
	ReadState *store.ReadState
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
}

// shared is the state every pane reads: sizes, styles, keys, the library.
type shared struct {
	styles styles
	keys   keyMap
	lib    *store.Library
	marks  *store.Bookmarks
	read   *store.ReadState
	// readAfter is how long an article must be on screen to count as read.
	readAfter time.Duration
	// latestSearch is the newest search asked for, for older ones still
	// running to notice they are not wanted.
	latestSearch atomic.Int64
	glamourStyle string
	dateFormat   string
	profile      termenv.Profile
	out          io.Writer
}

// splitWidth is the narrowest terminal that shows list and reader side by
// side.
const splitWidth = 100

// Model is the root model: it owns focus, size and routing.
type Model struct {
	sh     *shared
	roots  []store.Root
	watch  bool // follow the roots after loading
	list   listModel
	reader readerModel
	filter filterModel
	find   filterModel // the find inside an article
	help   help.Model

	width, height int
	split         bool
	focus         focusState
	fullHelp      bool
	helpVP        viewport.Model // the full help, scrolled where it does not fit
	showSkipped   bool
	skipped       skippedModel
	bookmarksOnly bool
	unreadOnly    bool
	sort          store.Sort
	unread        int      // articles not read, in the library
	readTimerFor  store.ID // the article whose read timer runs

	progress  store.Progress
	loaded    bool
	total     int
	searchSeq int // the newest search asked for
	applied   int // the search whose results are on screen
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
		styles:       newStyles(style != "light"),
		keys:         defaultKeyMap(),
		lib:          opt.Library,
		marks:        opt.Bookmarks,
		read:         opt.ReadState,
		readAfter:    1500 * time.Millisecond,
		glamourStyle: style,
		dateFormat:   opt.DateFormat,
		profile:      opt.Profile,
		out:          opt.Out,
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
		help:    h,
		helpVP:  viewport.New(0, 0),
		skipped: newSkippedModel(sh),
	}
	if opt.Warning != "" {
		m.flash, m.flashErr = opt.Warning, true
	}
	m.syncFocus()
	return m
}

// Init starts loading the library.
func (m Model) Init() tea.Cmd {
	return loadLibrary(m.sh.lib, m.roots, m.watch)
}

// Update routes messages: keys to the focused pane, results to their
// owners whatever has focus.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	nm := next.(Model)
	// An article on screen for a moment becomes read.
	if nm.sh.read != nil && nm.reader.shown != nil && (nm.split || nm.focus == focusReader) {
		if id := nm.reader.shown.ID; id != nm.readTimerFor {
			nm.readTimerFor = id
			cmd = tea.Batch(cmd, readTimer(id, nm.sh.readAfter))
		}
	}
	return nm, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		cmds = append(cmds, m.layout())

	case loadStartedMsg:
		return m, waitForLoad(msg.ch)

	case articlesLoadedMsg:
		// Search again only when the articles changed, not for every
		// count of files checked.
		if msg.p.Loaded != m.progress.Loaded || msg.p.Searchable != m.progress.Searchable ||
			msg.p.Final || !m.loaded && m.applied == 0 {
			cmds = append(cmds, m.search(), countUnread(m.sh.lib, m.sh.read))
		}
		m.progress = msg.p
		m.loaded = msg.p.Final
		if msg.ch != nil {
			// Reports go on after loading while the folders are watched.
			cmds = append(cmds, waitForLoad(msg.ch))
		}

	case resultsFoundMsg:
		if msg.seq < m.applied {
			return m, nil // an older query finished late
		}
		m.applied = msg.seq
		m.total = msg.res.Total
		m.list.SetItems(msg.res.Articles, msg.q)
		m.list.empty = m.emptyText()
		if a := m.reader.shown; a != nil && m.loaded && (m.split || m.focus == focusReader) {
			if _, ok := m.sh.lib.Get(a.ID); !ok && a.Path != "" {
				if now, ok := m.sh.lib.ByPath(a.Path); ok {
					// The file changed (an edit): show what it holds now.
					cmds = append(cmds, m.reader.Reload(now))
				} else {
					m.flash, m.flashErr = "This article's file is gone: it stays open until you leave it.", true
				}
			}
		}
		if m.find.Value() == "" && m.reader.find.Raw != msg.q.Raw {
			m.reader.Find(msg.q) // the filter's words, marked in the reader
		}
		cmds = append(cmds, m.follow())

	case articleRenderedMsg:
		var cmd tea.Cmd
		m.reader, cmd = m.reader.Update(msg)
		cmds = append(cmds, cmd)

	case copiedMsg:
		m.flash, m.flashErr = "Copied the "+msg.what+" to the clipboard.", false

	case browserOpenedMsg:

	case errMsg:
		m.flash, m.flashErr = store.SanitizeLine(msg.err.Error()), true

	case editorFinishedMsg:
		if msg.err != nil {
			m.flash, m.flashErr = store.SanitizeLine("editor: "+msg.err.Error()), true
		}
		// Show what the file holds now.
		cmds = append(cmds, m.reader.Reload(msg.a))

	case unreadCountedMsg:
		m.unread = msg.n

	case readTimerMsg:
		if m.reader.shown != nil && m.reader.shown.ID == msg.id && m.readTimerFor == msg.id &&
			(m.split || m.focus == focusReader) && !m.sh.read.Has(msg.id) {
			cmds = append(cmds, saveRead(m.sh.read, msg.id, true))
		}

	case readSavedMsg:
		if msg.err != nil {
			m.flash, m.flashErr = store.SanitizeLine(msg.err.Error()), true
		} else if msg.toggled {
			if msg.read {
				m.flash, m.flashErr = "Marked read.", false
			} else {
				m.flash, m.flashErr = "Marked unread.", false
			}
		}
		cmds = append(cmds, m.search(), countUnread(m.sh.lib, m.sh.read))

	case bookmarkSavedMsg:
		switch {
		case msg.err != nil:
			m.flash, m.flashErr = store.SanitizeLine(msg.err.Error()), true
		case msg.on:
			m.flash, m.flashErr = "Bookmarked.", false
		default:
			m.flash, m.flashErr = "Bookmark removed.", false
		}
		if m.bookmarksOnly {
			cmds = append(cmds, m.search())
		}

	case tea.MouseMsg:
		cmds = append(cmds, m.mouse(msg))

	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			// Keys typed faster than the terminal is read arrive as one
			// message ("/qat"); each is a key of its own.
			for _, r := range msg.Runes {
				cmds = append(cmds, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
			}
			break
		}
		cmds = append(cmds, m.key(msg))
	default:
		// The cursor blink and other messages of the filter input.
		if m.focus == focusFilter {
			var cmd tea.Cmd
			m.filter, cmd = m.filter.Update(msg)
			cmds = append(cmds, cmd)
		}
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := &m.sh.keys
	if key.Matches(msg, k.ForceQuit) {
		return tea.Quit
	}
	m.flash = ""
	if m.focus == focusFilter {
		return m.filterKey(msg)
	}
	if m.focus == focusFind {
		return m.findKey(msg)
	}
	if m.fullHelp {
		// The full help takes the keys until it is closed; the rest
		// scroll it where it does not fit.
		switch {
		case key.Matches(msg, k.Help, k.CloseSkipped):
			m.fullHelp = false
			m.syncFocus()
			return m.layout()
		case key.Matches(msg, k.Quit):
			return tea.Quit
		default:
			var cmd tea.Cmd
			m.helpVP, cmd = m.helpVP.Update(msg)
			return cmd
		}
	}
	if m.showSkipped {
		// The list of skipped files takes the keys until it is closed.
		switch {
		case key.Matches(msg, k.CloseSkipped):
			m.showSkipped = false
			m.syncFocus()
		case key.Matches(msg, k.Quit):
			return tea.Quit
		default:
			var cmd tea.Cmd
			m.skipped, cmd = m.skipped.Update(msg)
			return cmd
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Skipped):
		m.showSkipped, m.fullHelp = true, false
		m.syncFocus()
		m.skipped.SetSkips(m.sh.lib.Skipped())
		return nil
	case key.Matches(msg, k.Help):
		m.fullHelp = true
		m.syncFocus()
		cmd := m.layout()
		m.helpVP.GotoTop()
		if m.helpVP.TotalLineCount() > m.helpVP.Height {
			m.flash, m.flashErr = "More keys below: ↓ to scroll.", false
		}
		return cmd
	case key.Matches(msg, k.Filter):
		m.fullHelp = false
		m.focus = focusFilter
		m.syncFocus()
		return tea.Batch(m.layout(), m.filter.Focus())
	case key.Matches(msg, k.Bookmark):
		return m.toggleBookmark()
	case key.Matches(msg, k.BookmarksView):
		m.bookmarksOnly = !m.bookmarksOnly
		m.list.moved = false
		return m.search()
	case key.Matches(msg, k.Sort):
		m.sort = (m.sort + 1) % store.Sort(len(store.Sorts))
		if m.sort == store.SortRelevance && len(store.ParseQuery(m.filter.Value()).Words) == 0 {
			m.sort = store.SortNewest // relevance needs words to rank by
		}
		m.list.moved = false
		m.flash, m.flashErr = "Sorted by "+m.sort.String()+".", false
		return m.search()
	case key.Matches(msg, k.Copy):
		a := m.current()
		if a == nil {
			return nil
		}
		if u := articleURL(a); u != "" {
			return copyToClipboard(m.sh.out, u, "URL")
		}
		path := articleFile(a)
		if path == "" {
			path = a.Path // a built-in sample's name
		}
		return copyToClipboard(m.sh.out, path, "path")
	case key.Matches(msg, k.Browse):
		a := m.current()
		if a == nil {
			return nil
		}
		if u := articleURL(a); u != "" {
			m.flash, m.flashErr = "Opening "+store.SanitizeLine(u)+"…", false
			return openInBrowser(u)
		}
		m.flash, m.flashErr = "This article has no URL to open (no source or url in its front matter).", true
		return nil
	case key.Matches(msg, k.Edit):
		a := m.current()
		if a == nil {
			return nil
		}
		file := articleFile(a)
		if file == "" {
			m.flash, m.flashErr = "This article is built in: there is no file to edit.", true
			return nil
		}
		cmd, err := editorCmd(file)
		if err != nil {
			m.flash, m.flashErr = err.Error(), true
			return nil
		}
		return editArticle(a, cmd)
	case key.Matches(msg, k.UnreadView):
		if m.sh.read == nil {
			return nil
		}
		m.unreadOnly = !m.unreadOnly
		m.list.moved = false
		return m.search()
	case key.Matches(msg, k.ToggleRead):
		a := m.current()
		if a == nil || m.sh.read == nil {
			return nil
		}
		cmd := saveRead(m.sh.read, a.ID, !m.sh.read.Has(a.ID))
		return func() tea.Msg {
			msg := cmd().(readSavedMsg)
			msg.toggled = true
			return msg
		}
	case key.Matches(msg, k.SwitchPane):
		if m.focus == focusList {
			m.focus = focusReader
		} else {
			m.focus = focusList
		}
		m.syncFocus()
		return nil
	case key.Matches(msg, k.ClearFilter):
		m.filter.Reset()
		return tea.Batch(m.layout(), m.search())
	}
	switch m.focus {
	case focusList:
		if key.Matches(msg, k.Open) {
			if m.list.Selected() == nil {
				return nil
			}
			m.focus = focusReader
			m.syncFocus()
			return tea.Batch(m.layout(), m.follow())
		}
		var cmd tea.Cmd
		m.list, cmd = m.list.Update(msg)
		return tea.Batch(cmd, m.follow())
	case focusReader:
		switch {
		case key.Matches(msg, k.Back):
			m.focus = focusList
			m.syncFocus()
			return m.layout()
		case key.Matches(msg, k.Find):
			m.focus = focusFind
			m.syncFocus()
			return tea.Batch(m.layout(), m.find.Focus())
		case key.Matches(msg, k.NextMatch):
			m.reader.Jump(1)
			return nil
		case key.Matches(msg, k.PrevMatch):
			m.reader.Jump(-1)
			return nil
		case key.Matches(msg, k.OpenRelated):
			if a := m.reader.relatedFor(msg); a != nil {
				return m.reader.SetArticle(a)
			}
			return nil
		}
		var cmd tea.Cmd
		m.reader, cmd = m.reader.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) filterKey(msg tea.KeyMsg) tea.Cmd {
	k := &m.sh.keys
	switch {
	case key.Matches(msg, k.FilterApply):
		return m.closeInput(&m.filter, false, focusList)
	case key.Matches(msg, k.FilterCancel):
		return tea.Batch(m.closeInput(&m.filter, true, focusList), m.search())
	case key.Matches(msg, k.FilterUp, k.FilterDown):
		var cmd tea.Cmd
		m.list, cmd = m.list.Update(msg)
		return tea.Batch(cmd, m.follow())
	}
	before := m.filter.Value()
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if m.filter.Value() != before {
		return tea.Batch(cmd, m.search())
	}
	return cmd
}

// findKey types in the find inside an article, which marks its matches
// as each key is typed.
func (m *Model) findKey(msg tea.KeyMsg) tea.Cmd {
	k := &m.sh.keys
	switch {
	case key.Matches(msg, k.FilterApply):
		m.reader.Jump(1)
		return m.closeInput(&m.find, false, focusReader)
	case key.Matches(msg, k.FilterCancel):
		m.reader.Find(m.list.query)
		return m.closeInput(&m.find, true, focusReader)
	}
	before := m.find.Value()
	var cmd tea.Cmd
	m.find, cmd = m.find.Update(msg)
	if v := m.find.Value(); v != before {
		m.reader.Find(store.ParseQuery(v))
	}
	return cmd
}

// closeInput gives the keys back from a text input to the pane to,
// emptying the input when reset is set.
func (m *Model) closeInput(in *filterModel, reset bool, to focusState) tea.Cmd {
	in.Blur()
	if reset {
		in.Reset()
	}
	m.focus = to
	m.syncFocus()
	return m.layout()
}

func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	top := lipgloss.Height(m.headerView())
	y := msg.Y - top
	if y < 0 || y >= m.bodyHeight() || m.fullHelp || m.showSkipped {
		return nil
	}
	inList := m.focus != focusReader || m.split
	if m.split {
		inList = msg.X < m.list.width
	}
	if !inList {
		var cmd tea.Cmd
		m.reader, cmd = m.reader.Update(msg)
		return cmd
	}
	if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
		if m.list.ClickRow(y) {
			if m.split && m.focus == focusReader {
				m.focus = focusList
				m.syncFocus()
			}
			return m.follow()
		}
		return nil
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	return tea.Batch(cmd, m.follow())
}

// follow keeps the reader on the selected article where it is visible.
func (m *Model) follow() tea.Cmd {
	if !m.split && m.focus != focusReader {
		return nil
	}
	if m.focus == focusReader && !m.split {
		// Full-screen reading stays on its article even if the list
		// below it changes.
		if m.reader.want != nil {
			return nil
		}
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
func (m *Model) current() *store.Article {
	if m.focus == focusReader && m.reader.shown != nil {
		return m.reader.shown
	}
	return m.list.Selected()
}

func (m *Model) toggleBookmark() tea.Cmd {
	a := m.current()
	if m.sh.marks == nil || a == nil {
		return nil
	}
	return saveBookmark(m.sh.marks, store.BookmarkOf(a), !m.sh.marks.Has(a.ID))
}

// search runs the current filter in the background; results of an older
// search that arrive late are dropped.
func (m *Model) search() tea.Cmd {
	m.searchSeq++
	seq, latest := int64(m.searchSeq), &m.sh.latestSearch
	latest.Store(seq)
	opt := store.SearchOptions{Sort: m.sort, Stale: func() bool { return latest.Load() != seq }}
	if m.sh.marks != nil {
		opt.Bookmarked = m.sh.marks.Has
	}
	if m.sh.read != nil {
		opt.Read = m.sh.read.Has
	}
	marks, read := m.sh.marks, m.sh.read
	switch {
	case m.bookmarksOnly && m.unreadOnly && marks != nil:
		opt.Only = func(id store.ID) bool { return marks.Has(id) && !read.Has(id) }
	case m.bookmarksOnly && marks != nil:
		opt.Only = marks.Has
	case m.unreadOnly:
		opt.Only = func(id store.ID) bool { return !read.Has(id) }
	}
	return runSearch(m.sh.lib, store.ParseQuery(m.filter.Value()), opt, m.searchSeq)
}

func (m *Model) syncFocus() {
	m.list.focused = m.focus != focusReader
	m.reader.focused = m.focus == focusReader
	m.sh.keys.setFocus(m.focus, m.split, m.filter.Value() != "", m.fullHelp, m.showSkipped)
	m.help.ShowAll = false
}

// layout sizes every pane from the window, measuring the chrome rather
// than assuming its height.
func (m *Model) layout() tea.Cmd {
	if m.width <= 0 || m.height <= 0 {
		return nil
	}
	m.split = m.width >= splitWidth
	m.syncFocus()
	m.help.Width = m.width
	m.filter.SetWidth(m.width - lipgloss.Width(m.titleView()) - 1)
	m.find.SetWidth(m.width - lipgloss.Width(m.titleView()) - 1)
	h := m.bodyHeight()
	m.skipped.SetSize(m.width-1, h)
	m.helpVP.Width, m.helpVP.Height = m.width-1, h
	m.helpVP.SetContent(m.fullHelpView())
	if m.split {
		lw := listWidth(m.width)
		m.list.SetSize(lw, h)
		return tea.Batch(m.reader.SetSize(m.width-lw-dividerWidth, h), m.follow())
	}
	m.list.SetSize(m.width, h)
	return m.reader.SetSize(m.width, h)
}

// dividerWidth is the gap and rule between the panes.
const dividerWidth = 2

// listWidth is the list pane's share of a split screen.
func listWidth(w int) int { return min(max(w*9/20, 40), 80) }

func (m Model) bodyHeight() int {
	return max(1, m.height-lipgloss.Height(m.headerView())-lipgloss.Height(m.statusView())-lipgloss.Height(m.helpView()))
}

// View draws the whole screen.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var body string
	switch {
	case m.showSkipped:
		body = blankBlock(m.skipped.View(), m.width, m.bodyHeight())
	case m.fullHelp:
		body = blankBlock(m.helpVP.View(), m.width, m.bodyHeight())
	case m.split:
		div := strings.TrimSuffix(strings.Repeat(m.sh.styles.Divider.Render(" │")+"\n", m.bodyHeight()), "\n")
		body = lipgloss.JoinHorizontal(lipgloss.Top, m.list.View(), div, m.reader.View())
	case m.focus == focusReader || m.focus == focusFind:
		body = m.reader.View()
	default:
		body = m.list.View()
	}
	return strings.Join([]string{m.headerView(), body, m.statusView(), m.helpView()}, "\n")
}

// fullHelpView is every key, in titled columns, rendered by bubbles/help
// from the same bindings that Update matches.
func (m Model) fullHelpView() string {
	k := fullHelpKeys(m.sh.keys)
	titles := []string{"List", "Reader", "Filter", "Panes", "Anywhere"}
	// Columns go side by side while they fit, then onto the next row.
	var rows, row []string
	for i, group := range k.FullHelp() {
		col := m.sh.styles.Prompt.Render(titles[i]) + "\n" + m.help.FullHelpView([][]key.Binding{group}) + "\n"
		if len(row) > 0 && lipgloss.Width(lipgloss.JoinHorizontal(lipgloss.Top, append(row, col)...)) > m.width-1 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row = nil
		}
		row = append(row, col, "    ")
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	return lipgloss.JoinVertical(lipgloss.Left, rows...)
}

func (m Model) titleView() string {
	return m.sh.styles.Title.Render("broadsheet")
}

func (m Model) headerView() string {
	title := m.titleView()
	var right string
	switch {
	case m.focus == focusFind || m.focus == focusReader && m.find.Value() != "":
		right = m.find.View()
	case m.focus == focusFilter || m.filter.Value() != "":
		right = m.filter.View()
	case m.bookmarksOnly && m.unreadOnly:
		right = m.sh.styles.TitleDim.Render("Unread bookmarks")
	case m.bookmarksOnly:
		right = m.sh.styles.TitleDim.Render("Bookmarks")
	case m.unreadOnly:
		right = m.sh.styles.TitleDim.Render("Unread")
	default:
		right = m.sh.styles.TitleDim.Render("All articles")
	}
	return fit(title+" "+right, m.width, true)
}

func (m Model) statusView() string {
	st := &m.sh.styles
	shown := len(m.list.items)
	parts := []string{}
	if m.filter.Value() != "" || m.bookmarksOnly || m.unreadOnly {
		parts = append(parts, fmt.Sprintf("%s of %s", count(shown), plural(m.total, "article")))
	} else {
		parts = append(parts, plural(m.total, "article"))
	}
	if m.sh.marks != nil {
		parts = append(parts, fmt.Sprintf("★ %d", m.sh.marks.Len()))
	}
	if m.sh.read != nil {
		parts = append(parts, fmt.Sprintf("%s unread", count(m.unread)))
	}
	if !m.loaded {
		parts = append(parts, fmt.Sprintf("loading %s/%s", count(m.progress.Done), count(m.progress.Found)))
	}
	if m.progress.Note != "" {
		parts = append(parts, store.SanitizeLine(m.progress.Note))
	}
	if m.progress.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("%s skipped (!)", count(m.progress.Skipped)))
	}
	if m.sort != store.SortNewest && !(m.sort == store.SortRelevance && len(m.list.query.Words) == 0) {
		parts = append(parts, "by "+m.sort.String())
	}
	if ign := m.list.query.Ignored; len(ign) > 0 {
		parts = append(parts, "ignored: "+store.SanitizeLine(strings.Join(ign, " ")))
	}
	line := " " + st.Status.Render(strings.Join(parts, " · "))
	if m.flash != "" {
		fs := st.Status
		if m.flashErr {
			fs = st.StatusErr
		}
		line += "  " + fs.Render(m.flash)
	}
	return fit(line, m.width, true)
}

func (m Model) helpView() string {
	return fit(" "+m.help.ShortHelpView(m.sh.keys.ShortHelp()), m.width, true)
}

func (m Model) emptyText() string {
	switch {
	case !m.loaded:
		return "Loading…"
	case m.filter.Value() != "" && m.bookmarksOnly:
		return "No bookmarked article matches “" + store.SanitizeLine(m.filter.Value()) + "”."
	case m.filter.Value() != "":
		return "No article matches “" + store.SanitizeLine(m.filter.Value()) + "”."
	case m.bookmarksOnly:
		return "No bookmarks yet: press b on an article to keep it here."
	case m.unreadOnly:
		return "Nothing left unread."
	}
	return "No articles found."
}

// blankBlock pads s into a w by h block, cutting what does not fit.
func blankBlock(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	out := make([]string, h)
	for i := range out {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		out[i] = fit(" "+l, w, true)
	}
	return strings.Join(out, "\n")
}

// count formats n with thousands separators.
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return count(n) + " " + word + "s"
}

// loadStartedMsg hands Update the channel the loader reports on.
type loadStartedMsg struct{ ch <-chan store.Progress }

// articlesLoadedMsg reports a batch of articles added to the library.
type articlesLoadedMsg struct {
	p  store.Progress
	ch <-chan store.Progress
}

// loadLibrary starts loading the roots in the background. Progress is
// coalesced: a slow UI sees the latest count, not every batch.
func loadLibrary(lib *store.Library, roots []store.Root, follow bool) tea.Cmd {
	return func() tea.Msg {
		ch := make(chan store.Progress, 1)
		send := func(p store.Progress) {
			for {
				select {
				case ch <- p:
					return
				default:
					select {
					case <-ch:
					default:
					}
				}
			}
		}
		go func() {
			lib.Load(context.Background(), roots, send)
			lib.WarmPrefixes()
			if follow {
				// Until the program ends: it takes this goroutine along.
				lib.Watch(context.Background(), roots, send)
			}
			close(ch)
		}()
		return loadStartedMsg{ch}
	}
}

// waitForLoad waits for the loader's next report.
func waitForLoad(ch <-chan store.Progress) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return articlesLoadedMsg{p: p, ch: ch}
	}
}

// resultsFoundMsg carries the articles a filter matched.
type resultsFoundMsg struct {
	seq int
	q   store.Query
	res store.Result
}

// runSearch filters the library in the background.
func runSearch(lib *store.Library, q store.Query, opt store.SearchOptions, seq int) tea.Cmd {
	return func() tea.Msg {
		return resultsFoundMsg{seq: seq, q: q, res: lib.Search(q, opt)}
	}
}

// unreadCountedMsg carries how many articles are not read.
type unreadCountedMsg struct{ n int }

// countUnread counts the unread articles in the background: once the
// articles or the read state change, not for every search.
func countUnread(lib *store.Library, rs *store.ReadState) tea.Cmd {
	if rs == nil {
		return nil
	}
	return func() tea.Msg { return unreadCountedMsg{lib.CountUnread(rs.Has)} }
}

// readTimerMsg says an article has been on screen for a moment.
type readTimerMsg struct{ id store.ID }

// readTimer waits for an article to have been on screen for a moment.
func readTimer(id store.ID, after time.Duration) tea.Cmd {
	return tea.Tick(after, func(time.Time) tea.Msg { return readTimerMsg{id} })
}

// readSavedMsg reports read state written, or why it was not.
type readSavedMsg struct {
	id      store.ID
	read    bool
	toggled bool // by the user, not by reading
	err     error
}

// saveRead marks an article read or unread on disk.
func saveRead(rs *store.ReadState, id store.ID, read bool) tea.Cmd {
	return func() tea.Msg {
		return readSavedMsg{id: id, read: read, err: rs.Set(id, read)}
	}
}

// bookmarkSavedMsg reports a bookmark written, or why it was not.
type bookmarkSavedMsg struct {
	id  store.ID
	on  bool
	err error
}

// saveBookmark adds or removes a bookmark on disk.
func saveBookmark(marks *store.Bookmarks, bm store.Bookmark, on bool) tea.Cmd {
	return func() tea.Msg {
		return bookmarkSavedMsg{id: bm.ID, on: on, err: marks.Set(bm, on)}
	}
}
