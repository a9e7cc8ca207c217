package ui

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// listModel is the list pane. It draws only the rows on screen, so its
// cost does not grow with the number of articles.
type listModel struct {
	sh      *shared
	items   store.Stories // a row a story: near-copies as one, unless shown apart
	cursor  int
	offset  int
	width   int
	height  int
	focused bool
	query   query.Query
	// empty is what the pane says when it has no rows.
	empty string
	// moved is set once the user picks a row; until then the cursor stays
	// on the first row while rows arrive, so a fresh start shows the
	// newest articles, not whichever one happened to load first.
	moved bool
	// folders says whether any row has a folder: without one the folder
	// column's room goes to the headline.
	folders bool
	// drawn keeps the rows the last View drew.
	drawn *rowCache
}

func newListModel(sh *shared) listModel {
	return listModel{sh: sh, focused: true, empty: "Loading…", drawn: &rowCache{}}
}

// rowCache keeps the rows the last View drew, by what each was drawn
// from. A View follows every message (a key, a blink of the cursor, an
// article rendered), and drawing forty rows through lipgloss was most of
// what one cost, 2 ms of a keystroke's few frames at a million articles,
// where from one View to the next the rows rarely change.
type rowCache struct {
	rows map[rowKey]string
	tags bool // a row drawn has had tags (see View)
}

// rowKey is everything a row is drawn from; an article is never changed
// once made, only replaced.
type rowKey struct {
	a                               *article.Article
	selected, focused, marked, read bool
	cols                            columns
	query, tags                     string
	copies                          int
}

// SetSize sets the pane's size in cells.
func (m *listModel) SetSize(w, h int) {
	m.width, m.height = w, h
	m.clamp()
}

// SetItems replaces the rows. Once the user has picked a row, the cursor
// stays on that article while rows arrive during a load; otherwise, or when
// the filter changed, it goes to the first row.
func (m *listModel) SetItems(items store.Stories, q query.Query) {
	if q.Raw != m.query.Raw {
		// A new filter starts at its first result.
		m.moved = false
	}
	var sel article.ID
	var selPath string
	had := false
	if a := m.Selected(); a != nil && m.moved {
		sel, selPath, had = a.ID, a.Path, true
	}
	m.items, m.query = items, q
	m.folders = items.Where()
	if had {
		// The same article, or its file's new version after an edit.
		if i := items.Find(sel, selPath); i >= 0 {
			// Keep the row where it was on screen when possible.
			m.offset += i - m.cursor
			m.cursor = i
			m.clamp()
			return
		}
	}
	m.cursor, m.offset = 0, 0
	m.clamp()
}

// Selected is the article under the cursor, or nil.
func (m listModel) Selected() *article.Article {
	if m.cursor < 0 || m.cursor >= m.items.Len() {
		return nil
	}
	return m.items.At(m.cursor)
}

// Update moves the cursor for the list's keys.
func (m listModel) Update(msg tea.Msg) (listModel, tea.Cmd) {
	k := &m.sh.keys
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.b[actUp], k.b[actInputUp]):
			m.move(-1)
		case key.Matches(msg, k.b[actDown], k.b[actInputDown]):
			m.move(1)
		case key.Matches(msg, k.b[actPageUp]):
			m.move(-max(1, m.height))
		case key.Matches(msg, k.b[actPageDown]):
			m.move(max(1, m.height))
		case key.Matches(msg, k.b[actTop]):
			m.move(-m.items.Len())
		case key.Matches(msg, k.b[actBottom]):
			m.move(m.items.Len())
		}
	case tea.MouseMsg:
		if msg.Action != tea.MouseActionPress {
			break
		}
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.scroll(-3)
		case tea.MouseButtonWheelDown:
			m.scroll(3)
		}
	}
	return m, nil
}

// move shifts the cursor by d rows, scrolling to keep it in view.
func (m *listModel) move(d int) {
	if m.items.Len() == 0 {
		return
	}
	m.moved = true
	m.cursor = max(0, min(m.items.Len()-1, m.cursor+d))
	m.clamp()
}

// scroll moves the view by d rows, dragging the cursor along when it
// would leave the screen, as the wheel does in most lists.
func (m *listModel) scroll(d int) {
	m.moved = true
	m.offset += d
	m.offset = max(0, min(m.offset, m.items.Len()-m.height))
	if m.cursor < m.offset {
		m.cursor = m.offset
	}
	if m.height > 0 && m.cursor >= m.offset+m.height {
		m.cursor = m.offset + m.height - 1
	}
	m.clamp()
}

// ClickRow selects the row at y cells below the pane's top; it reports
// whether a row was there.
func (m *listModel) ClickRow(y int) bool {
	i := m.offset + y
	if y < 0 || y >= m.height || i >= m.items.Len() {
		return false
	}
	m.cursor = i
	m.moved = true
	return true
}

func (m *listModel) clamp() {
	if m.cursor < 0 && m.items.Len() > 0 {
		m.cursor = 0
	}
	if m.height <= 0 {
		return
	}
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+m.height {
		m.offset = m.cursor - m.height + 1
	}
	m.offset = max(0, min(m.offset, m.items.Len()-m.height))
}

// View draws exactly height rows of exactly width cells.
func (m listModel) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var b strings.Builder
	if m.items.Len() == 0 {
		b.WriteString(fit(m.sh.styles.Empty.Render(ansi.Truncate(m.empty, m.width-2, "…")), m.width, true))
		for i := 1; i < m.height; i++ {
			b.WriteString("\n" + strings.Repeat(" ", m.width))
		}
		return b.String()
	}
	// The tags column shows, where room allows, once a row on screen has
	// had tags: from then on, so that the columns do not change as the
	// list scrolls past tagged and untagged articles.
	tags := make([]string, m.height)
	for i := range tags {
		if j := m.offset + i; j < m.items.Len() {
			tags[i] = m.tagsOf(m.items.At(j))
			m.drawn.tags = m.drawn.tags || tags[i] != ""
		}
	}
	cols := listColumns(m.width, m.folders, m.drawn.tags)
	drawn := make(map[rowKey]string, m.height)
	for i := 0; i < m.height; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		j := m.offset + i
		if j >= m.items.Len() {
			b.WriteString(strings.Repeat(" ", m.width))
			continue
		}
		a := m.items.At(j)
		k := rowKey{a: a, selected: j == m.cursor, focused: m.focused, cols: cols, query: m.query.Raw, tags: tags[i],
			copies: m.items.Count(j),
			marked: m.sh.marks != nil && m.sh.marks.Has(a.ID), read: m.sh.read != nil && m.sh.read.Has(a.ID)}
		row, ok := m.drawn.rows[k]
		if !ok {
			row = m.row(a, k.selected, cols, k.copies)
		}
		drawn[k] = row
		b.WriteString(row)
	}
	m.drawn.rows = drawn
	return b.String()
}

// columns is the width of each part of a row; zero drops a part.
type columns struct {
	headline, date, folder, tags, minutes int
}

const (
	markWidth    = 3  // the cursor's ">", the bookmark's "★", a space
	dateWidth    = 13 // " ~16 Nov 2024": a tilde marks the file's date
	minutesWidth = 8  // "  12 min", room for "457 min" of a cut megabyte
	folderMax    = 16
	tagsMax      = 20
)

// listColumns decides what fits in a row of width w: the headline always,
// then the date, the reading time and, when some row has them (tags,
// folders), the tags and the folder as room allows.
func listColumns(w int, folders, tags bool) columns {
	c := columns{headline: w - markWidth}
	take := func(n int, min int) int {
		if c.headline-n >= min {
			c.headline -= n
			return n
		}
		return 0
	}
	c.date = take(dateWidth, 16)
	if c.date > 0 {
		c.minutes = take(minutesWidth, 24)
		// The tags, which the user chose, before the folder.
		if c.minutes > 0 && tags {
			c.tags = take(tagsMax+1, 32)
		}
		if c.minutes > 0 && folders {
			c.folder = take(folderMax+1, 36)
		}
	}
	return c
}

func (m listModel) row(a *article.Article, selected bool, c columns, copies int) string {
	st := &m.sh.styles
	base := st.Row
	if selected {
		base = st.Selected
		if !m.focused {
			base = st.SelectedBlur
		}
	}
	paint := func(s lipgloss.Style, text string) string { return s.Inherit(base).Render(text) }

	var b strings.Builder
	// The cursor is a character as well as a style: without colour, or
	// where escape codes do not show, the row is still marked.
	mark := " "
	if selected {
		mark = ">"
	}
	if m.sh.marks != nil && m.sh.marks.Has(a.ID) {
		mark += "★ "
	} else {
		mark += "  "
	}
	b.WriteString(paint(st.Mark, mark))
	headline := st.Headline
	if m.sh.read != nil && m.sh.read.Has(a.ID) {
		headline = st.ReadHeadline
	}
	hw := c.headline
	if copies > 1 {
		// A story told several times: its newest copy, and how many.
		badge := fmt.Sprintf("×%d ", copies)
		if w := ansi.StringWidth(badge); w < hw-8 {
			b.WriteString(paint(st.Folder, badge))
			hw -= w
		}
	}
	b.WriteString(m.headline(a.Headline, hw, headline, paint))
	if c.folder > 0 {
		folder := text.SanitizeLine(whereFrom(a))
		b.WriteString(paint(st.Folder, " "+fitPlain(ansi.Truncate(folder, c.folder-1, "…"), c.folder-1)))
	}
	if c.tags > 0 {
		b.WriteString(paint(st.Folder, " "+fitPlain(ansi.Truncate(m.tagsOf(a), c.tags-1, "…"), c.tags-1)))
	}
	if c.minutes > 0 {
		b.WriteString(paint(st.Minutes, fmt.Sprintf("%*s", c.minutes, fmt.Sprintf("%d min", a.ReadingMinutes()))))
	}
	if c.date > 0 {
		switch {
		case a.Undated:
			b.WriteString(paint(st.FileDate, fmt.Sprintf("%*s", c.date, "undated")))
		case a.DateFromFile:
			b.WriteString(paint(st.FileDate, m.dateCell("~"+a.Date.Format(m.sh.dateFormat), c.date)))
		default:
			b.WriteString(paint(st.Date, m.dateCell(a.Date.Format(m.sh.dateFormat), c.date)))
		}
	}
	return b.String()
}

// dateCell right-aligns a date in w cells, cutting a long custom format.
func (m listModel) dateCell(date string, w int) string {
	date = ansi.Truncate(text.SanitizeLine(date), w-1, "…")
	return strings.Repeat(" ", max(0, w-ansi.StringWidth(date))) + date
}

// headline truncates h to w cells with an ellipsis, pads it, and marks the
// words the query matched.
func (m listModel) headline(h string, w int, style lipgloss.Style, paint func(lipgloss.Style, string) string) string {
	st := &m.sh.styles
	plain := ansi.Truncate(h, w, "…")
	cut := len(plain)
	if strings.HasSuffix(plain, "…") && plain != h {
		cut = len(plain) - len("…")
	}
	var b strings.Builder
	pos := 0
	for _, sp := range m.query.Highlights(h) {
		if sp[0] >= cut {
			break
		}
		end := min(sp[1], cut)
		b.WriteString(paint(style, h[pos:sp[0]]))
		b.WriteString(paint(st.Match, h[sp[0]:end]))
		pos = end
	}
	b.WriteString(paint(style, plain[pos:]))
	if pad := w - ansi.StringWidth(plain); pad > 0 {
		b.WriteString(paint(style, strings.Repeat(" ", pad)))
	}
	return b.String()
}

// fitPlain pads s with spaces to w cells.
func fitPlain(s string, w int) string {
	if pad := w - ansi.StringWidth(s); pad > 0 {
		return s + strings.Repeat(" ", pad)
	}
	return s
}

// fit truncates or pads a styled line to exactly w cells.
func fit(s string, w int, pad bool) string {
	if ansi.StringWidth(s) > w {
		return ansi.Truncate(s, w, "")
	}
	if pad {
		return s + strings.Repeat(" ", w-ansi.StringWidth(s))
	}
	return s
}

// whereFrom is what the list's folder column shows of an article: its
// site (a saved page's, a feed's, a dataset's: more telling than the
// folder all of a file's records share), else its folder, else its
// author.
func whereFrom(a *article.Article) string {
	switch {
	case a.Site != "":
		return a.Site
	case a.Folder != "":
		return a.Folder
	}
	return a.Author
}
