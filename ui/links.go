package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/scan"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
)

// Following the article's links: the picker of them (l), a relative link
// to another file opened in the reader in place, with a history that
// backspace goes back through, and a web link in the browser. The
// outline's picker (T) and the heading keys ([ and ]) are here too, since
// they share the picker.

// openLinks opens the picker of the links of the article on screen.
func (m *Model) openLinks(tea.KeyMsg) tea.Cmd {
	items := make([]string, len(m.reader.links))
	for i, l := range m.reader.links {
		label := l.URL
		if l.Text != "" && l.Text != l.URL {
			label = l.Text + " · " + l.URL
		}
		items[i] = fmt.Sprintf("[%d] %s", i+1, label)
	}
	m.picker.Set("Links", "This article has no links.", items, 0)
	return m.openPicker(overlayLinks)
}

// openOutline opens the picker of the headings of the article on screen,
// on the last heading above the top of the screen.
func (m *Model) openOutline(tea.KeyMsg) tea.Cmd {
	items := make([]string, len(m.reader.outline))
	at := 0
	for i, h := range m.reader.outline {
		items[i] = strings.Repeat("  ", max(0, h.Level-1)) + h.Text
		if l := m.reader.headLines[i]; l >= 0 && l <= m.reader.vp.YOffset {
			at = i
		}
	}
	m.picker.Set("Outline", "This article has no headings.", items, at)
	return m.openPicker(overlayOutline)
}

func (m *Model) openPicker(o overlay) tea.Cmd {
	m.overlay = o
	m.syncFocus()
	return m.layout()
}

func (m *Model) pickUp(tea.KeyMsg) tea.Cmd   { m.picker.Move(-1); return nil }
func (m *Model) pickDown(tea.KeyMsg) tea.Cmd { m.picker.Move(1); return nil }

// pickChoose follows the link or goes to the heading under the cursor.
func (m *Model) pickChoose(msg tea.KeyMsg) tea.Cmd {
	i, was := m.picker.Chosen(), m.overlay
	cmd := m.closeOverlay(msg)
	if i < 0 {
		return cmd
	}
	if was == overlayOutline {
		m.reader.GotoHeading(i)
		return cmd
	}
	return tea.Batch(cmd, m.followLink(m.reader.links[i]))
}

func (m *Model) nextHeading(tea.KeyMsg) tea.Cmd { m.reader.StepHeading(1); return nil }
func (m *Model) prevHeading(tea.KeyMsg) tea.Cmd { m.reader.StepHeading(-1); return nil }

// followLink opens l: a web or mail link in the browser, a link to a file
// in the reader, once resolveLink has found it.
func (m *Model) followLink(l text.Link) tea.Cmd {
	target, web, err := linkTarget(l.URL, m.reader.file)
	switch {
	case err != nil:
		m.setFlash(err.Error(), true)
		return nil
	case web:
		m.setFlash("Opening "+l.URL+"…", false)
		return openInBrowser(target)
	}
	return resolveLink(m.sh.lib, m.roots, target, l.URL)
}

// linkTarget is where a link goes: for a web or mail link, its URL, with
// web set; for any other, the file it names, percent-decoded, without its
// #fragment, relative to the folder of from (the article's file).
func linkTarget(link, from string) (target string, web bool, err error) {
	u, err := url.Parse(link)
	if err != nil {
		return "", false, fmt.Errorf("cannot follow %s: %w", text.SanitizeLine(link), errors.Unwrap(err))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.String(), true, nil
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return "", false, fmt.Errorf("cannot follow %s: a file on another machine", text.SanitizeLine(link))
		}
	case "":
		if u.Host != "" { // "//host/path": a web link without its scheme
			return "https:" + u.String(), true, nil
		}
	default:
		return "", false, fmt.Errorf("cannot follow %s: broadsheet opens web links and files only", text.SanitizeLine(link))
	}
	p := u.Path
	if p == "" {
		return "", false, errors.New("that link is to a place in this article")
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		if from == "" {
			return "", false, errors.New("this article has no file for a relative link to start from")
		}
		p = filepath.Join(filepath.Dir(from), p)
	}
	return filepath.Clean(p), false, nil
}

// linkResolvedMsg carries the article a link to a file opens.
type linkResolvedMsg struct{ a *article.Article }

// resolveLink finds the article at the file path: the library's, if the
// file is in it (so that its bookmark and tags apply), else read from the
// file as show FILE reads one. link is the link as written, for messages.
func resolveLink(lib *store.Library, roots []article.Root, path, link string) tea.Cmd {
	return func() tea.Msg {
		if a := inLibrary(lib, roots, path); a != nil {
			return linkResolvedMsg{a}
		}
		shown := text.SanitizeLine(path)
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return errMsg{fmt.Errorf("no such file: %s", shown)}
		case err != nil:
			return errMsg{fmt.Errorf("%s: %w", shown, err)}
		case fi.IsDir():
			return errMsg{fmt.Errorf("the link %s goes to a folder, %s", text.SanitizeLine(link), shown)}
		}
		rs, err := scan.OpenRoots([]string{path})
		if err != nil {
			return errMsg{err}
		}
		as, _, err := scan.Read(&rs[0], rs[0].File, nil)
		if err != nil {
			return errMsg{fmt.Errorf("%s: %w", shown, err)}
		}
		if len(as) == 0 {
			return errMsg{fmt.Errorf("%s: not an article", shown)}
		}
		return linkResolvedMsg{as[0]}
	}
}

// inLibrary is the library's article in the file at path, or nil: the
// path is shown under each root that holds it as the library shows it.
func inLibrary(lib *store.Library, roots []article.Root, path string) *article.Article {
	if a, ok := lib.ByPath(path); ok {
		return a
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	for i := range roots {
		r := &roots[i]
		dir, ok := r.Dir()
		if !ok {
			continue
		}
		rel, err := filepath.Rel(dir, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if r.File != "" && rel != r.File {
			continue
		}
		if a, ok := lib.ByPath(r.DisplayPath(filepath.ToSlash(rel))); ok {
			return a
		}
	}
	return nil
}

// linkResolved opens the linked article in the reader, in place, the
// article left going on the history.
func (m *Model) linkResolved(msg linkResolvedMsg) tea.Cmd {
	m.reader.Visit(msg.a)
	m.pick(msg.a)
	m.syncFocus()
	return tea.Batch(m.savePositions(), m.reader.SetArticle(msg.a))
}

// linkBack goes back to the article a link was followed from.
func (m *Model) linkBack(tea.KeyMsg) tea.Cmd {
	a := m.reader.Back()
	if a == nil {
		return nil
	}
	m.pick(a)
	m.syncFocus()
	return m.reader.SetArticle(a)
}

// notePosition marks in memory where the article on screen is read to,
// when the user has moved in it since it was shown (its first position is
// where it was resumed at, nothing new).
func (m *Model) notePosition() {
	a := m.reader.shown
	if m.sh.pos == nil || a == nil || m.reader.want != a {
		return
	}
	at := m.reader.Position()
	if m.posFor == a.ID && at != m.pos {
		m.sh.pos.Mark(state.RefOf(a), at)
		m.posDirty = true
	}
	m.posFor, m.pos = a.ID, at
}

// savePositions writes the positions marked since the last save, when
// the user leaves an article.
func (m *Model) savePositions() tea.Cmd {
	if !m.posDirty {
		return nil
	}
	m.posDirty = false
	return m.saving(savePositions(m.sh.pos))
}

// positionsSavedMsg reports the positions written, or why they were not.
type positionsSavedMsg struct{ err error }

func savePositions(p *state.Positions) tea.Cmd {
	return func() tea.Msg { return positionsSavedMsg{p.Save()} }
}
