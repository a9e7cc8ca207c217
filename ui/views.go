package ui

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// The views picker (v): All, Bookmarks, Unread, each saved search and
// each tag, with what each finds and how much of it is unread, counted
// in a command and again as files arrive. Choosing one shows it; S saves
// the filter in force as a search.

// viewKind is what a view shows.
type viewKind int

const (
	viewAll viewKind = iota
	viewBookmarks
	viewUnread
	viewSearch
	viewTag
)

// view is one line of the picker.
type view struct {
	kind   viewKind
	name   string // as shown: a search's name, a tag
	query  string // what the filter is set to: a search's query, tag:…
	config bool   // a search of the configuration, which del cannot remove
	// total and unread are its counts; counted says they are there.
	total, unread int
	counted       bool
}

// viewsModel is the picker's state: the views, the cursor, its size.
type viewsModel struct {
	sh            *shared
	views         []view
	cursor        int
	offset        int
	width, height int
	// seq numbers each count asked for; counting is the one in flight,
	// and countedAt what the library was when the shown counts began.
	seq       int
	counting  bool
	countedAt viewsStamp
	// moved counts the changes the counts cannot see from their sizes:
	// marks and tags moved to edited articles, another instance's
	// changes, a search saved elsewhere.
	moved int
}

// viewsStamp is what, changed, makes the counts old: the library's
// articles, the bookmarks, the read marks, the tags.
type viewsStamp struct{ total, marks, unread, tagged, moved int }

func newViewsModel(sh *shared) viewsModel { return viewsModel{sh: sh} }

// SetSize sizes the picker.
func (m *viewsModel) SetSize(w, h int) { m.width, m.height = w, h }

// stamp is the library's state as the counts see it.
func (m *Model) viewsStamp() viewsStamp {
	s := viewsStamp{total: m.total, unread: m.unread, moved: m.views.moved}
	if m.sh.marks != nil {
		s.marks = m.sh.marks.Len()
	}
	s.tagged = m.sh.tags.Len()
	return s
}

// openViews opens the picker on the views there are now, the one in force
// under the cursor, and counts them.
func (m *Model) openViews(tea.KeyMsg) tea.Cmd {
	m.overlay = overlayViews
	m.views.views = m.viewList(nil)
	m.views.cursor, m.views.offset = 0, 0
	for i, v := range m.views.views {
		if m.isCurrentView(v) {
			m.views.cursor = i
		}
	}
	m.views.scroll()
	m.syncFocus()
	return m.countViews()
}

// isCurrentView says whether v is what the list shows.
func (m *Model) isCurrentView(v view) bool {
	f := m.filter.Value()
	switch v.kind {
	case viewAll:
		return f == "" && !m.bookmarksOnly && !m.unreadOnly
	case viewBookmarks:
		return f == "" && m.bookmarksOnly && !m.unreadOnly
	case viewUnread:
		return f == "" && m.unreadOnly && !m.bookmarksOnly
	}
	return f == v.query && !m.bookmarksOnly && !m.unreadOnly
}

// viewList is the picker's lines: the three of every library, the saved
// searches by name, then the tags, commonest first (tags, from a count;
// nil before the first).
func (m *Model) viewList(tags []store.TagCount) []view {
	out := []view{{kind: viewAll, name: "All articles"}, {kind: viewBookmarks, name: "Bookmarks"}}
	if m.sh.read != nil {
		out = append(out, view{kind: viewUnread, name: "Unread"})
	}
	for _, s := range m.savedSearches() {
		out = append(out, view{kind: viewSearch, name: text.SanitizeLine(s.Name), query: s.Query, config: s.Config})
	}
	for _, t := range tags {
		out = append(out, view{kind: viewTag, name: t.Tag, query: tagQuery(t.Tag), total: t.Count, unread: t.Unread, counted: true})
	}
	return out
}

// savedSearches is the configuration's searches and the saved ones.
func (m *Model) savedSearches() []state.Search {
	return state.MergeSearches(m.sh.configSearches, m.sh.searches.List())
}

// bareWord is a tag that tag: takes as it stands.
var bareWord = regexp.MustCompile(`^[\pL\pN]+$`)

// tagQuery is the query that finds a tag: tag:"middle east" for one of
// several words.
func tagQuery(tag string) string {
	if bareWord.MatchString(tag) {
		return "tag:" + tag
	}
	return `tag:"` + strings.Join(text.Words(tag), " ") + `"`
}

// viewsCountedMsg is a count of the views, for the count seq.
type viewsCountedMsg struct {
	seq   int
	at    viewsStamp
	tags  []store.TagCount
	views []view // the views without tags, counted
	// reloaded says the saved searches changed on disk: the new ones
	// are still to count.
	reloaded bool
}

// countViews counts the views in a command, unless a count is in flight:
// its answer then asks for the next if the library moved on meanwhile.
func (m *Model) countViews() tea.Cmd {
	if m.views.counting {
		return nil
	}
	m.views.seq++
	m.views.counting = true
	var fixed []view
	for _, v := range m.views.views {
		if v.kind != viewTag {
			fixed = append(fixed, v)
		}
	}
	return countViews(m.sh.lib, fixed, m.searchOptions(), m.sh.marks, m.sh.read, m.sh.tags, m.sh.searches, m.views.seq, m.viewsStamp())
}

// countViews counts what each view finds, and every tag.
func countViews(lib *store.Library, views []view, opt store.SearchOptions, marks *state.Bookmarks,
	read *state.ReadState, tags *state.Tags, searches *state.Searches, seq int, at viewsStamp) tea.Cmd {
	return func() tea.Msg {
		// A search another instance saved shows at the next count.
		var reloaded bool
		if searches != nil {
			reloaded, _ = searches.Reload()
		}
		unread := func(article.ID) bool { return true }
		if read != nil {
			unread = func(id article.ID) bool { return !read.Has(id) }
		}
		for i := range views {
			v := &views[i]
			o := opt
			q := query.Parse(v.query)
			switch v.kind {
			case viewBookmarks:
				o.Only = func(article.ID) bool { return false }
				if marks != nil {
					o.Only = marks.Has
				}
			case viewUnread:
				o.Only = unread
			}
			res := lib.Search(q, o)
			v.total, v.unread, v.counted = res.Len(), res.Count(unread), true
		}
		var user func(article.ID) []string
		if tags != nil {
			user = tags.Of
		}
		var isRead func(article.ID) bool
		if read != nil {
			isRead = read.Has
		}
		return viewsCountedMsg{seq: seq, at: at, tags: lib.TagCounts(user, isRead), views: views, reloaded: reloaded}
	}
}

// viewsCounted shows a count, keeping the cursor on its view, and asks
// for another when the library changed while it ran.
func (m *Model) viewsCounted(msg viewsCountedMsg) tea.Cmd {
	if msg.seq != m.views.seq {
		return nil
	}
	m.views.counting = false
	if m.overlay != overlayViews {
		return nil
	}
	var under view
	if c := m.views.cursor; c < len(m.views.views) {
		under = m.views.views[c]
	}
	list := m.viewList(msg.tags)
	for i := range list {
		for _, c := range msg.views {
			if list[i].kind == c.kind && list[i].query == c.query {
				list[i].total, list[i].unread, list[i].counted = c.total, c.unread, true
			}
		}
		if list[i].kind == under.kind && list[i].query == under.query && list[i].name == under.name {
			m.views.cursor = i
		}
	}
	m.views.views = list
	m.views.cursor = min(m.views.cursor, len(list)-1)
	m.views.countedAt = msg.at
	if msg.reloaded {
		m.views.moved++
	}
	m.views.scroll()
	return m.recountViews()
}

// recountViews counts again when the picker shows and what it counted
// has changed: files arrived, a bookmark or a read mark was made.
func (m *Model) recountViews() tea.Cmd {
	if m.overlay != overlayViews || m.views.counting || m.views.countedAt == m.viewsStamp() {
		return nil
	}
	return m.countViews()
}

// viewUp and viewDown move the picker's cursor.
func (m *Model) viewUp(tea.KeyMsg) tea.Cmd {
	m.views.cursor = max(0, m.views.cursor-1)
	m.views.scroll()
	return nil
}

func (m *Model) viewDown(tea.KeyMsg) tea.Cmd {
	m.views.cursor = min(len(m.views.views)-1, m.views.cursor+1)
	m.views.scroll()
	return nil
}

// pickView shows the view under the cursor: its filter kept, the
// bookmarks and unread views as B and U give them.
func (m *Model) pickView(msg tea.KeyMsg) tea.Cmd {
	if m.views.cursor >= len(m.views.views) {
		return m.closeOverlay(msg)
	}
	v := m.views.views[m.views.cursor]
	m.overlay = overlayNone
	m.bookmarksOnly, m.unreadOnly = v.kind == viewBookmarks, v.kind == viewUnread
	m.filter.Reset()
	m.filter.input.SetValue(v.query)
	m.list.moved = false
	m.focus = focusList
	m.syncFocus()
	return tea.Batch(m.layout(), m.searchSaying())
}

// removeView takes away the saved search under the cursor; one of the
// configuration's is the user's to edit there.
func (m *Model) removeView(tea.KeyMsg) tea.Cmd {
	if m.views.cursor >= len(m.views.views) {
		return nil
	}
	v := m.views.views[m.views.cursor]
	switch {
	case v.kind != viewSearch:
		m.setFlash("Only a saved search can be removed.", true)
		return nil
	case v.config:
		m.setFlash("“"+v.name+"” is in the configuration file: remove it there.", true)
		return nil
	}
	return m.saving(removeSearch(m.sh.searches, v.name))
}

// scroll keeps the cursor on screen.
func (m *viewsModel) scroll() {
	rows := max(1, m.height-1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
}

// View draws the picker: a title, then a line a view with its counts
// right-aligned, the searches' queries dimmed between.
func (m viewsModel) View() string {
	st := &m.sh.styles
	var b strings.Builder
	rows := max(1, m.height-1)
	w := max(10, m.width-2)
	b.WriteString(st.Prompt.Render("Views") + st.Status.Render(ansi.Truncate("  unread / total · enter shows · del removes a saved search · esc closes", w-5, "…")))
	for i := m.offset; i < min(len(m.views), m.offset+rows); i++ {
		v := m.views[i]
		counts := "…"
		if v.counted {
			counts = fmt.Sprintf("%s / %s", count(v.unread), count(v.total))
		}
		name := v.name
		switch v.kind {
		case viewTag:
			name = "#" + name
		case viewSearch:
			name = "⌕ " + name
		}
		mark := "  "
		if i == m.cursor {
			mark = "> "
		}
		left := mark + name
		room := w - ansi.StringWidth(counts) - 1
		var detail string
		if v.kind == viewSearch {
			detail = "  " + text.SanitizeLine(v.query)
			if v.config {
				detail += " (config)"
			}
		}
		line := ansi.Truncate(left, max(1, room), "…")
		if pad := room - ansi.StringWidth(line); pad > 2 && detail != "" {
			d := ansi.Truncate(detail, pad-1, "…")
			line += st.Status.Render(d)
		}
		gap := max(1, room-ansi.StringWidth(line)+1)
		line += strings.Repeat(" ", gap) + st.Status.Render(counts)
		if i == m.cursor {
			line = st.Selected.Render(ansi.Strip(line))
		}
		b.WriteString("\n" + line)
	}
	return b.String()
}

// The search prompt (S): a name for the filter in force.

// newNameModel is the prompt for a saved search's name.
func newNameModel(sh *shared) filterModel {
	m := newFilterModel(sh)
	m.input.Prompt = "save search as: "
	m.input.Placeholder = "a name"
	m.input.CharLimit = 64
	return m
}

// openSaveSearch asks for a name for the filter in force.
func (m *Model) openSaveSearch(tea.KeyMsg) tea.Cmd {
	if m.sh.searches == nil {
		return nil
	}
	if strings.TrimSpace(m.filter.Value()) == "" {
		m.setFlash("Type a filter (/) first: S saves it as a search.", true)
		return nil
	}
	m.nameFrom = m.focus
	if m.nameFrom == focusFilter {
		m.filter.Blur()
		m.nameFrom = focusList
	}
	m.nameIn.Reset()
	for _, s := range m.savedSearches() {
		if s.Query == m.filter.Value() {
			m.nameIn.input.SetValue(s.Name) // saving it again renames it
		}
	}
	m.nameIn.input.CursorEnd()
	m.focus = focusName
	m.syncFocus()
	return tea.Batch(m.layout(), m.nameIn.Focus())
}

// keepSearchName saves the filter under the name typed.
func (m *Model) keepSearchName() tea.Cmd {
	name, q := m.nameIn.Value(), strings.TrimSpace(m.filter.Value())
	cmd := m.closeInput(&m.nameIn, true, m.nameFrom)
	clean, ok := state.CleanSearchName(name)
	if !ok {
		m.setFlash("Not saved: a name needs a word, and at most 64 characters.", true)
		return cmd
	}
	for _, s := range m.sh.configSearches {
		if state.SearchKey(s.Name) == state.SearchKey(clean) {
			m.setFlash("“"+text.SanitizeLine(s.Name)+"” is a search of the configuration file: choose another name.", true)
			return cmd
		}
	}
	return tea.Batch(cmd, m.saving(saveSearch(m.sh.searches, clean, q)))
}

// searchSavedMsg reports a search saved or removed, or why not.
type searchSavedMsg struct {
	name    string
	removed bool
	err     error
}

// saveSearch keeps query under name in the searches file.
func saveSearch(s *state.Searches, name, q string) tea.Cmd {
	return func() tea.Msg { return searchSavedMsg{name: name, err: s.Save(name, q)} }
}

// removeSearch takes the search away from the searches file.
func removeSearch(s *state.Searches, name string) tea.Cmd {
	return func() tea.Msg {
		_, err := s.Remove(name)
		return searchSavedMsg{name: name, removed: true, err: err}
	}
}

// searchSaved says what became of a save, and shows the picker's new
// list if it is open.
func (m *Model) searchSaved(msg searchSavedMsg) tea.Cmd {
	done := m.saveDone()
	switch {
	case msg.err != nil:
		m.setFlash(text.SanitizeLine(msg.err.Error()), true)
	case msg.removed:
		m.setFlash("Removed the search “"+text.SanitizeLine(msg.name)+"”.", false)
	default:
		m.setFlash("Saved the search “"+text.SanitizeLine(msg.name)+"”: v lists it.", false)
	}
	if m.overlay == overlayViews {
		m.views.counting = false
		m.views.views = m.viewList(nil)
		m.views.cursor = min(m.views.cursor, len(m.views.views)-1)
		return tea.Batch(m.countViews(), done)
	}
	return done
}
