package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/query"
	"github.com/broadsheet/broadsheet/store/text"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// readerModel is the reader pane: the selected article rendered with
// glamour in a viewport, over a footer with the scroll position. At most
// one render runs at a time; while it runs, later requests just replace
// what is wanted next, so holding a key in the list does not queue work.
type readerModel struct {
	sh      *shared
	vp      viewport.Model
	width   int
	height  int
	focused bool

	want  *article.Article // what should be on screen
	shown *article.Article // what is on screen
	lines []string         // shown's rendering, unmarked

	// find is the search inside the article: its query, its matches in
	// reading order, and the one last jumped to (-1 for none yet).
	find    query.Query
	matches []findMatch
	current int

	// links, outline and file are shown's, from its rendering; headLines
	// is the line of each heading of outline in lines, -1 where it was
	// not found.
	links     []text.Link
	outline   []text.Heading
	headLines []int
	file      string
	// history is the articles a link was followed from, the last the one
	// back goes to, each with where it was read to.
	history []visit
	// resume is where the next article shown starts, if it is that one.
	resume visit

	// related are the stories most like the one shown, once worked out.
	related   []*article.Article
	copies    int // how many of related are copies of the story (CopiesOf)
	relatedID article.ID
	relating  article.ID // the article whose related stories are sought
	// loading says the library is still loading (see SetLoading).
	loading bool
	running bool // a render is in flight
	cache   *renderCache
	err     error
}

func newReaderModel(sh *shared) readerModel {
	vp := viewport.New(0, 0)
	vp.MouseWheelEnabled = true
	return readerModel{sh: sh, vp: vp, cache: newRenderCache(32)}
}

// footerHeight is the reader's own status line.
const footerHeight = 1

// SetSize sizes the pane and re-renders when the width changed, since
// glamour wraps to the width.
func (m *readerModel) SetSize(w, h int) tea.Cmd {
	changed := w != m.width
	m.width, m.height = w, h
	m.vp.Width, m.vp.Height = w, max(0, h-footerHeight)
	if changed && m.want != nil {
		m.shown = nil
		return m.SetArticle(m.want)
	}
	return nil
}

// wrapFor is the width glamour wraps to in a pane w cells wide: the pane
// less glamour's margins, and no wider than comfortable reading.
func wrapFor(w int) int { return max(10, min(w-glamourMargin, maxWrap)) }

const (
	glamourMargin = 4   // what the standard styles add around the text
	maxWrap       = 100 // longer lines are hard to read
)

// SetArticle asks for a to be shown, rendering it in the background
// unless it is already rendered at this width.
func (m *readerModel) SetArticle(a *article.Article) tea.Cmd {
	m.want = a
	if a == nil {
		m.shown = nil
		m.vp.SetContent("")
		return nil
	}
	if m.shown != nil && m.shown.ID == a.ID {
		return nil
	}
	if r, ok := m.cache.get(a.ID, m.width); ok {
		return m.show(a, r)
	}
	if m.running || m.width <= 0 {
		return nil
	}
	m.running = true
	return renderArticle(m.sh.lib, m.sh.tags, m.sh.notes, a, m.width, wrapFor(m.width), m.sh.glamourStyle, m.sh.profile, m.sh.hyperlinks, !m.loading, m.sh.groupInline)
}

// show puts a's rendering on screen, and asks for its related stories
// if it came without them.
func (m *readerModel) show(a *article.Article, r rendered) tea.Cmd {
	same := m.shown != nil && m.shown.ID == a.ID
	m.shown, m.err = a, nil
	m.related, m.copies, m.relatedID = nil, 0, article.ID{}
	if r.relates {
		m.related, m.copies, m.relatedID = r.related, r.copies, a.ID
	}
	m.lines = strings.Split(r.out, "\n")
	m.links, m.outline, m.file = r.links, r.outline, r.file
	m.headLines = headingLines(m.lines, r.outline)
	m.mark()
	if !same {
		m.vp.GotoTop()
		at := m.sh.pos.At(a.ID) // where it was left last time
		if m.resume.a != nil && m.resume.a.ID == a.ID {
			at = m.resume.at
		}
		m.vp.SetYOffset(int(at*float64(len(m.lines)) + 0.5))
		m.resume = visit{}
		m.current = -1
	}
	return m.relate()
}

// visit is an article and where it was read to, as a fraction of its
// rendered lines, which survives a change of width.
type visit struct {
	a  *article.Article
	at float64
}

// Position is where the article on screen is read to, as a fraction of
// its rendered lines.
func (m readerModel) Position() float64 {
	if m.shown == nil || len(m.lines) == 0 {
		return 0
	}
	return float64(m.vp.YOffset) / float64(len(m.lines))
}

// ResumeAt makes a, when it is next shown, start at the fraction at of
// its lines, rather than at the top.
func (m *readerModel) ResumeAt(a *article.Article, at float64) {
	m.resume = visit{a, min(max(at, 0), 1)}
}

// Visit puts the article on screen on the history, before a link opens
// another.
func (m *readerModel) Visit(next *article.Article) {
	if m.shown != nil && (next == nil || next.ID != m.shown.ID) {
		m.history = append(m.history, visit{m.shown, m.Position()})
	}
}

// Back takes the last article off the history, to start where it was
// left; nil when the history is empty.
func (m *readerModel) Back() *article.Article {
	if len(m.history) == 0 {
		return nil
	}
	v := m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	m.resume = v
	return v.a
}

// GotoHeading scrolls heading i of the outline to the top.
func (m *readerModel) GotoHeading(i int) {
	if i >= 0 && i < len(m.headLines) && m.headLines[i] >= 0 {
		m.vp.SetYOffset(m.headLines[i])
	}
}

// StepHeading scrolls to the next heading below the top line (d = 1)
// or the previous one above it (d = -1).
func (m *readerModel) StepHeading(d int) {
	top := m.vp.YOffset
	best := -1
	for _, l := range m.headLines {
		if l < 0 {
			continue
		}
		if d > 0 && l > top && (best < 0 || l < best) || d < 0 && l < top && l > best {
			best = l
		}
	}
	if best >= 0 {
		m.vp.SetYOffset(best)
	}
}

// headingLines finds each heading of outline in the rendered lines, in
// order: the first line at or after the last heading's whose text, less
// its "#" marks, starts as the heading does. A heading wrapped over lines
// is found by its start.
func headingLines(lines []string, outline []text.Heading) []int {
	out := make([]int, len(outline))
	from := 0
	for i, h := range outline {
		out[i] = -1
		want := []rune(h.Text)
		want = want[:min(len(want), 24)]
		for j := from; j < len(lines); j++ {
			got := strings.TrimLeft(strings.TrimSpace(ansi.Strip(lines[j])), "# ")
			if strings.HasPrefix(got, strings.TrimSpace(string(want))) {
				out[i], from = j, j+1
				break
			}
		}
	}
	return out
}

// SetLoading says whether the library is still loading. Until it is not,
// articles render without their related stories: each search for them
// walks the whole library, and what it found would be out of date with
// the next batch. Once it is, the article on screen gets them.
func (m *readerModel) SetLoading(loading bool) tea.Cmd {
	m.loading = loading
	return m.relate()
}

// relateAgain asks again for the related stories of the article on
// screen, which may now have its copies: the library's groups are there.
func (m *readerModel) relateAgain() tea.Cmd {
	if m.shown == nil || m.relatedID != m.shown.ID || m.copies > 0 {
		return nil
	}
	m.cache.drop(m.shown.ID)
	m.relatedID = article.ID{}
	return m.relate()
}

// relate asks for the related stories of the article on screen, unless
// it has them, they are on their way, or the library is still loading.
func (m *readerModel) relate() tea.Cmd {
	if a := m.shown; a != nil && !m.loading && m.relatedID != a.ID && m.relating != a.ID {
		m.relating = a.ID
		return findRelated(m.sh.lib, a, m.sh.groupInline)
	}
	return nil
}

// relatedFound shows the related stories found for an article, and keeps
// them with its rendering.
func (m *readerModel) relatedFound(msg relatedFoundMsg) {
	if m.relating == msg.id {
		m.relating = article.ID{}
	}
	if r, ok := m.cache.get(msg.id, m.width); ok {
		r.related, r.copies, r.relates = msg.related, msg.copies, true
		m.cache.put(msg.id, m.width, r)
	}
	if m.shown != nil && m.shown.ID == msg.id {
		m.related, m.copies, m.relatedID = msg.related, msg.copies, msg.id
		m.mark()
	}
}

// Reload renders a again from its file, which may have changed, if it is
// the article wanted, or its new version (the same path).
func (m *readerModel) Reload(a *article.Article) tea.Cmd {
	m.cache.drop(a.ID)
	if m.want == nil || m.want.ID != a.ID && m.want.Path != a.Path {
		return nil
	}
	m.cache.drop(m.want.ID)
	m.shown = nil
	return m.SetArticle(a)
}

// Find marks the words q looks for in the article, and counts them.
func (m *readerModel) Find(q query.Query) {
	m.find, m.current = q, -1
	m.mark()
}

// relatedLines is the Related block under the article: numbered so that
// a digit opens each.
func (m readerModel) relatedLines() []string {
	if m.shown == nil || m.relatedID != m.shown.ID || len(m.related) == 0 {
		return nil
	}
	st := &m.sh.styles
	var lines []string
	title := func(s string) {
		lines = append(lines, "", "  "+st.Prompt.Render(s)+st.ReaderMeta.Render(" · press a number to open"))
	}
	for i, a := range m.related {
		switch {
		case i == 0 && m.copies > 0:
			title("Other copies of this story")
		case i == m.copies:
			title("Related")
		}
		date := "undated"
		if !a.Undated {
			date = a.Date.Format("2 Jan 2006")
		}
		line := fmt.Sprintf("  %s %s %s", st.Prompt.Render(fmt.Sprint(i+1)), text.SanitizeLine(a.Headline), st.ReaderMeta.Render("· "+date))
		lines = append(lines, ansi.Truncate(line, max(1, m.width-1), "…"))
	}
	return lines
}

// relatedFor is the related story that key opens: a digit 1-9 the story
// of that number, if there is one, and any other key (open_related
// remapped to "0" or "ctrl+r") the first; nil when there is none.
func (m readerModel) relatedFor(msg tea.KeyMsg) *article.Article {
	if m.shown == nil || m.relatedID != m.shown.ID || len(m.related) == 0 {
		return nil
	}
	i := 0
	if s := msg.String(); len(s) == 1 && s[0] >= '1' && s[0] <= '9' {
		i = int(s[0] - '1')
	}
	if i >= len(m.related) {
		return nil
	}
	return m.related[i]
}

// mark puts the rendering, with the find's matches marked, on screen.
func (m *readerModel) mark() {
	lines, matches := highlightLines(append(slices.Clip(m.lines), m.relatedLines()...), m.find)
	m.matches = matches
	if m.current >= len(matches) {
		m.current = -1
	}
	m.vp.SetContent(strings.Join(lines, "\n"))
}

// Jump moves to the next (d = 1) or previous (d = -1) match and scrolls it
// into view, a few lines below the top.
func (m *readerModel) Jump(d int) {
	if len(m.matches) == 0 {
		return
	}
	switch {
	case m.current < 0 && d > 0:
		m.current = 0
	case m.current < 0:
		m.current = len(m.matches) - 1
	default:
		m.current = (m.current + d + len(m.matches)) % len(m.matches)
	}
	line := m.matches[m.current].line
	if line < m.vp.YOffset || line >= m.vp.YOffset+m.vp.Height {
		m.vp.SetYOffset(max(0, line-m.vp.Height/3))
	}
}

// Update scrolls for the reader's keys and takes finished renders.
func (m readerModel) Update(msg tea.Msg) (readerModel, tea.Cmd) {
	k := &m.sh.keys
	switch msg := msg.(type) {
	case relatedFoundMsg:
		m.relatedFound(msg)
	case articleRenderedMsg:
		m.running = false
		r := msg.rendered
		if msg.err != nil {
			m.err = msg.err
		} else {
			m.cache.put(msg.id, msg.width, r)
		}
		if m.want == nil {
			return m, nil
		}
		if m.want.ID == msg.id && msg.width == m.width {
			if msg.err == nil {
				return m, m.show(m.want, r)
			}
			return m, nil
		}
		// The selection or the size moved on while this rendered.
		cmd := m.SetArticle(m.want)
		return m, cmd
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.b[actScrollUp]):
			m.vp.ScrollUp(1)
		case key.Matches(msg, k.b[actScrollDown]):
			m.vp.ScrollDown(1)
		case key.Matches(msg, k.b[actReaderPageUp]):
			m.vp.PageUp()
		case key.Matches(msg, k.b[actReaderPageDown]):
			m.vp.PageDown()
		case key.Matches(msg, k.b[actHalfUp]):
			m.vp.HalfPageUp()
		case key.Matches(msg, k.b[actHalfDown]):
			m.vp.HalfPageDown()
		case key.Matches(msg, k.b[actReaderTop]):
			m.vp.GotoTop()
		case key.Matches(msg, k.b[actReaderBottom]):
			m.vp.GotoBottom()
		}
	case tea.MouseMsg:
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return m, cmd
	}
	return m, nil
}

// View draws the article and the footer, exactly width by height.
func (m readerModel) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	st := &m.sh.styles
	var body string
	switch {
	case m.err != nil && (m.shown == nil || m.want == nil || m.shown.ID != m.want.ID):
		body = blank(st.StatusErr.Render(fit(" Cannot show this article: "+text.SanitizeLine(m.err.Error()), m.width, false)), m.width, m.vp.Height)
	case m.want == nil:
		body = blank(st.Empty.Render(fit(" No article selected.", m.width, false)), m.width, m.vp.Height)
	case m.shown == nil:
		body = blank(st.Empty.Render(fit(" Rendering…", m.width, false)), m.width, m.vp.Height)
	default:
		body = m.vp.View()
	}
	return body + "\n" + m.footer()
}

func (m readerModel) footer() string {
	st := &m.sh.styles
	info := ""
	if m.shown != nil {
		pct := int(m.vp.ScrollPercent()*100 + 0.5)
		if m.vp.TotalLineCount() <= m.vp.Height {
			pct = 100
		}
		info = fmt.Sprintf(" %d%% ", pct)
		if len(m.find.Words) > 0 {
			n := "0"
			if m.current >= 0 {
				n = fmt.Sprint(m.current + 1)
			}
			info = fmt.Sprintf(" %s/%d ·", n, len(m.matches)) + info
		}
	}
	rule := max(0, m.width-ansi.StringWidth(info))
	// A heavy rule says the keys scroll here, in any colour profile.
	line := "─"
	if m.focused {
		line = "━"
	}
	return st.ReaderFooter.Render(strings.Repeat(line, rule) + info)
}

// blank puts first on the top line of a w by h block of spaces.
func blank(first string, w, h int) string {
	lines := make([]string, max(1, h))
	lines[0] = fit(first, w, true)
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.Repeat(" ", w)
	}
	return strings.Join(lines, "\n")
}
