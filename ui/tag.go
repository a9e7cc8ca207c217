package ui

import (
	"slices"
	"strings"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/state"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
)

// newTagModel is the prompt for an article's tags: its own tags as typed
// so far, comma-separated, completing the one being typed (tab) from
// the tags given any article.
func newTagModel(sh *shared) filterModel {
	m := newFilterModel(sh)
	m.input.Prompt = "tags: "
	m.input.Placeholder = "comma-separated; tab completes"
	m.input.ShowSuggestions = true
	return m
}

// openTag opens the tag prompt for the article on screen, holding the
// tags the user gave it.
func (m *Model) openTag(tea.KeyMsg) tea.Cmd {
	a := m.current()
	if m.sh.tags == nil || a == nil {
		return nil
	}
	m.tagging, m.tagFrom = a, m.focus
	m.tagPool = tagPool(m.sh.tags, a, m.list.onScreen())
	m.tagIn.Reset()
	if tags := m.sh.tags.Of(a.ID); len(tags) > 0 {
		m.tagIn.input.SetValue(strings.Join(tags, ", ") + ", ")
	}
	m.suggestTags()
	m.focus = focusTag
	m.syncFocus()
	return tea.Batch(m.layout(), m.tagIn.Focus(), countTags(m.sh.lib, m.sh.tags, a.ID))
}

// tagsCountedMsg is every tag of the library, the commonest first, for
// the prompt opened on the article for.
type tagsCountedMsg struct {
	forID article.ID
	tags  []store.TagCount
}

// countTags counts the library's tags, its articles' own and the user's,
// for the prompt to offer the ones no row on screen has.
func countTags(lib *store.Library, tags *state.Tags, id article.ID) tea.Cmd {
	return func() tea.Msg { return tagsCountedMsg{id, lib.TagCounts(tags.Of, nil)} }
}

// tagsCounted widens the prompt's offer to every tag of the library, the
// ones it offered first kept in front.
func (m *Model) tagsCounted(msg tagsCountedMsg) {
	if m.focus != focusTag || m.tagging == nil || m.tagging.ID != msg.forID {
		return
	}
	have := map[string]bool{}
	for _, t := range m.tagPool {
		have[state.TagKey(t)] = true
	}
	for _, c := range msg.tags {
		if k := state.TagKey(c.Tag); !have[k] {
			have[k] = true
			m.tagPool = append(m.tagPool, c.Tag)
		}
	}
	m.suggestTags()
}

// typeTag types in the tag prompt; tab takes the tag offered, as it is
// spelled where it was given, and a comma after it for the next.
func (m *Model) typeTag(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyTab {
		if s := m.tagIn.input.CurrentSuggestion(); s != "" {
			m.tagIn.input.SetValue(s + ", ")
			m.tagIn.input.CursorEnd()
			m.suggestTags()
		}
		return nil
	}
	before := m.tagIn.Value()
	var cmd tea.Cmd
	m.tagIn, cmd = m.tagIn.Update(msg)
	if m.tagIn.Value() != before {
		m.suggestTags()
	}
	return cmd
}

// suggestTags offers, for the tag being typed (after the last comma), the
// known tags it starts, as the whole prompt would read with each.
func (m *Model) suggestTags() {
	v := m.tagIn.Value()
	cut := strings.LastIndex(v, ",") + 1
	head, typed := v[:cut], strings.TrimLeft(v[cut:], " ")
	if head != "" {
		head += " "
	}
	var out []string
	if typed != "" {
		for _, t := range m.tagPool {
			if strings.HasPrefix(strings.ToLower(t), strings.ToLower(typed)) && !strings.EqualFold(t, typed) {
				out = append(out, head+t)
			}
		}
	}
	m.tagIn.input.SetSuggestions(out)
}

// tagPool is the tags the prompt offers: every tag the user gave an
// article, and the own tags (front matter, a dataset's) of the article
// being tagged and of the rows on screen; one a key, the commonest
// first.
func tagPool(tags *state.Tags, a *article.Article, rows []*article.Article) []string {
	count := map[string]int{}
	shown := map[string]string{}
	add := func(t string) {
		k := state.TagKey(t)
		if count[k]++; count[k] == 1 {
			shown[k] = t
		}
	}
	for _, tg := range tags.List() {
		for _, t := range tg.Tags {
			add(t)
		}
	}
	for _, r := range append(rows, a) {
		for _, t := range r.Tags {
			add(t)
		}
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = shown[k]
	}
	return out
}

// keepTags gives the article the tags typed and takes away the ones
// deleted from the prompt, in memory at once, and saves them behind.
func (m *Model) keepTags() tea.Cmd {
	a, value := m.tagging, m.tagIn.Value()
	m.tagging = nil
	cmd := m.closeInput(&m.tagIn, true, m.tagFrom)
	if a == nil {
		return cmd
	}
	var typed []string
	bad := ""
	for _, part := range strings.Split(value, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		if t, ok := state.CleanTag(part); ok {
			typed = append(typed, t)
		} else if bad == "" {
			bad = strings.TrimSpace(part)
		}
	}
	was := m.sh.tags.Of(a.ID)
	var removed []string
	for _, t := range was {
		if !slices.ContainsFunc(typed, func(s string) bool { return state.TagKey(s) == state.TagKey(t) }) {
			removed = append(removed, t)
		}
	}
	m.sh.tags.Change(state.RefOf(a), typed, removed)
	switch now := m.sh.tags.Of(a.ID); {
	case bad != "":
		m.setFlash("Not a tag: "+text.SanitizeLine(bad)+" (a tag needs a word, and at most 64 characters).", true)
	case len(now) == 0 && len(was) > 0:
		m.setFlash("Tags removed.", false)
	case len(now) > 0:
		m.setFlash("Tagged: "+text.SanitizeLine(strings.Join(now, ", "))+".", false)
	}
	// The reader's header shows the tags: render it again.
	return tea.Batch(cmd, m.saving(saveTags(m.sh.tags)), m.search(), m.reader.Reload(a))
}

// tagsSavedMsg reports the tags written, or why they were not.
type tagsSavedMsg struct{ err error }

// saveTags writes the tags changed in memory since the last save.
func saveTags(tags *state.Tags) tea.Cmd {
	return func() tea.Msg { return tagsSavedMsg{tags.Save()} }
}

// onScreen is the articles of the rows on screen.
func (m listModel) onScreen() []*article.Article {
	var out []*article.Article
	for j := m.offset; j < min(m.offset+m.height, m.items.Len()); j++ {
		out = append(out, m.items.At(j))
	}
	return out
}

// tagsOf is the tags the list shows of an article: its own and the
// user's, one line.
func (m listModel) tagsOf(a *article.Article) string {
	tags := state.JoinTags(a.Tags, m.sh.tags.Of(a.ID))
	if len(tags) == 0 {
		return ""
	}
	return text.SanitizeLine(strings.Join(tags, ", "))
}
