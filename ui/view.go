package ui

import (
	"fmt"
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// View draws the whole screen.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	var body string
	switch {
	case m.overlay == overlaySkipped:
		body = blankBlock(m.skipped.View(), m.width, m.bodyHeight())
	case m.overlay == overlayLinks || m.overlay == overlayOutline:
		body = blankBlock(m.picker.View(), m.width, m.bodyHeight())
	case m.overlay == overlayHelp:
		body = blankBlock(m.helpVP.View(), m.width, m.bodyHeight())
	case m.overlay == overlayViews:
		body = blankBlock(m.views.View(), m.width, m.bodyHeight())
	case m.split:
		div := strings.TrimSuffix(strings.Repeat(m.sh.styles.Divider.Render(" │")+"\n", m.bodyHeight()), "\n")
		body = lipgloss.JoinHorizontal(lipgloss.Top, m.listView(), div, m.reader.View())
	case m.focus == focusReader || m.focus == focusFind || m.focus == focusTag && m.tagFrom == focusReader:
		body = m.reader.View()
	default:
		body = m.listView()
	}
	return strings.Join([]string{m.headerView(), body, m.statusView(), m.helpView()}, "\n")
}

// listView is the list, under the timeline when it shows.
func (m Model) listView() string {
	if !m.timelineShows() {
		return m.list.View()
	}
	w := m.timelineWidth()
	if m.timeline.shown == 0 { // the first count is on its way
		return strings.Repeat(strings.Repeat(" ", w)+"\n", timelineHeight) + m.list.View()
	}
	return m.timeline.counts.View(&m.sh.styles, w) + "\n" + m.list.View()
}

// fullHelpView is every key, in titled columns, rendered by bubbles/help
// from the same bindings that Update matches.
func (m Model) fullHelpView() string {
	k := fullHelpKeys(m.sh.keys)
	// Columns go side by side while they fit, then onto the next row.
	var rows, row []string
	for i, group := range k.FullHelp() {
		title := (colList + helpColumn(i)).title()
		col := m.sh.styles.Prompt.Render(title) + "\n" + m.help.FullHelpView([][]key.Binding{group}) + "\n"
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
	case m.focus == focusTag:
		right = m.tagIn.View()
	case m.focus == focusName:
		right = m.nameIn.View()
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
	shown := m.list.items.ArticleCount()
	parts := []string{}
	if m.filter.Value() != "" || m.bookmarksOnly || m.unreadOnly {
		parts = append(parts, fmt.Sprintf("%s of %s", count(shown), plural(m.total, "article")))
	} else {
		parts = append(parts, plural(m.total, "article"))
	}
	if n := m.list.items.Len(); n != shown {
		parts = append(parts, pluralStories(n))
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
	if m.searching {
		parts = append(parts, "searching…")
	}
	if m.progress.Note != "" {
		parts = append(parts, text.SanitizeLine(m.progress.Note))
	}
	if m.progress.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("%s skipped (!)", count(m.progress.Skipped)))
	}
	if m.sort != store.SortNewest && !(m.sort == store.SortRelevance && len(m.list.query.Words) == 0) {
		parts = append(parts, "by "+m.sort.String())
	}
	if ign := m.list.query.Ignored; len(ign) > 0 {
		parts = append(parts, "ignored: "+text.SanitizeLine(strings.Join(ign, " ")))
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
	case m.searching:
		return "Searching…"
	case m.filter.Value() != "" && m.bookmarksOnly:
		return "No bookmarked article matches “" + text.SanitizeLine(m.filter.Value()) + "”."
	case m.filter.Value() != "":
		return "No article matches “" + text.SanitizeLine(m.filter.Value()) + "”."
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

// pluralStories is n stories, in words.
func pluralStories(n int) string {
	if n == 1 {
		return "1 story"
	}
	return count(n) + " stories"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return count(n) + " " + word + "s"
}
