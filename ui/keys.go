package ui

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key the app answers. Update matches with key.Matches
// and help renders from the same bindings, so the two cannot drift;
// bindings that do not apply where the focus is are disabled, which hides
// them from help and stops them matching.
type keyMap struct {
	// Moving in the list.
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Back, SwitchPane                  key.Binding

	// Reading.
	ScrollUp, ScrollDown, ReaderPageUp, ReaderPageDown key.Binding
	HalfUp, HalfDown, ReaderTop, ReaderBottom          key.Binding

	// Everywhere outside the filter input.
	Filter, ClearFilter, Bookmark, BookmarksView, Help, Quit key.Binding
	ToggleRead, UnreadView, Sort                             key.Binding

	// Inside an article.
	Find, NextMatch, PrevMatch, OpenRelated key.Binding

	// Ways out.
	Edit, Browse, Copy    key.Binding
	Skipped, CloseSkipped key.Binding

	// In the filter input.
	FilterApply, FilterCancel, FilterUp, FilterDown key.Binding

	// ForceQuit works even in the filter input; it has no help of its own
	// since Quit shows the way out.
	ForceQuit key.Binding
}

func defaultKeyMap() keyMap {
	return keyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "ctrl+f"), key.WithHelp("pgdn", "page down")),
		Top:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Open:       key.NewBinding(key.WithKeys("enter", "right", "l"), key.WithHelp("enter", "read")),
		Back:       key.NewBinding(key.WithKeys("esc", "left", "h"), key.WithHelp("esc", "back")),
		SwitchPane: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch pane")),

		ScrollUp:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		ScrollDown:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		ReaderPageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", "page up")),
		ReaderPageDown: key.NewBinding(key.WithKeys("pgdown", " ", "ctrl+f"), key.WithHelp("space", "page down")),
		HalfUp:         key.NewBinding(key.WithKeys("ctrl+u", "u"), key.WithHelp("u", "½ page up")),
		HalfDown:       key.NewBinding(key.WithKeys("ctrl+d", "d"), key.WithHelp("d", "½ page down")),
		ReaderTop:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "top")),
		ReaderBottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "bottom")),

		Filter:        key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Bookmark:      key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "bookmark")),
		BookmarksView: key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "bookmarks only")),
		ToggleRead:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read/unread")),
		UnreadView:    key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "unread only")),
		Sort:          key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort: newest, oldest, A-Z, relevance")),
		Find:          key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find in article")),
		NextMatch:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:     key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		OpenRelated:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "open a related story")),
		Edit:          key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit the file")),
		Browse:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open its URL")),
		Copy:          key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy URL or path")),
		Help:          key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Skipped:       key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "skipped files")),
		CloseSkipped:  key.NewBinding(key.WithKeys("esc", "!"), key.WithHelp("esc", "close")),
		Quit:          key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),

		FilterApply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep")),
		FilterCancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear and close")),
		FilterUp:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "move up")),
		FilterDown:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "move down")),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c")),
	}
}

// ShortHelp is the one-line help: the keys that matter where the focus is.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{
		k.CloseSkipped, k.FilterApply, k.FilterCancel, k.FilterUp, k.FilterDown,
		k.Up, k.Down, k.Open, k.ScrollDown, k.Back, k.Find, k.NextMatch,
		k.Filter, k.ClearFilter, k.Bookmark, k.Help, k.Quit, k.BookmarksView, k.SwitchPane,
	}
}

// FullHelp is the help shown by ?, in columns.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.ScrollUp, k.ScrollDown, k.ReaderPageUp, k.ReaderPageDown, k.HalfUp, k.HalfDown, k.ReaderTop, k.ReaderBottom,
			k.Find, k.NextMatch, k.PrevMatch, k.OpenRelated},
		{k.Filter, k.FilterApply, k.FilterCancel, k.FilterUp, k.FilterDown, k.ClearFilter},
		{k.Open, k.Back, k.SwitchPane},
		{k.Bookmark, k.BookmarksView, k.ToggleRead, k.UnreadView, k.Sort, k.Edit, k.Browse, k.Copy, k.Skipped, k.Help, k.Quit},
	}
}

// fullHelpKeys is the map that ? shows: every key of k, remapped as it
// is, whatever has focus.
func fullHelpKeys(k keyMap) keyMap {
	k.setFocus(focusList, true, true, true, true)
	for _, a := range k.actions() {
		a.b.SetEnabled(true)
	}
	for _, b := range []*key.Binding{&k.FilterApply, &k.FilterCancel, &k.FilterUp, &k.FilterDown} {
		b.SetEnabled(true)
	}
	return k
}

// focusState is where keys go, which decides the bindings in force.
type focusState int

const (
	focusList focusState = iota
	focusReader
	focusFilter
	focusFind // the find inside an article
)

// setFocus enables exactly the bindings that apply in state f.
func (k *keyMap) setFocus(f focusState, split, filtered, fullHelp, skipped bool) {
	list := f == focusList
	reader := f == focusReader
	// The filter and the find inside an article are both text inputs:
	// every key types, enter keeps, esc clears.
	filter := f == focusFilter || f == focusFind
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.Open} {
		b.SetEnabled(list)
	}
	for _, b := range []*key.Binding{&k.ScrollUp, &k.ScrollDown, &k.ReaderPageUp, &k.ReaderPageDown,
		&k.HalfUp, &k.HalfDown, &k.ReaderTop, &k.ReaderBottom, &k.Back} {
		b.SetEnabled(reader)
	}
	for _, b := range []*key.Binding{&k.FilterApply, &k.FilterCancel} {
		b.SetEnabled(filter)
	}
	for _, b := range []*key.Binding{&k.FilterUp, &k.FilterDown} {
		b.SetEnabled(f == focusFilter)
	}
	for _, b := range []*key.Binding{&k.Find, &k.NextMatch, &k.PrevMatch, &k.OpenRelated} {
		b.SetEnabled(reader)
	}
	for _, b := range []*key.Binding{&k.Bookmark, &k.BookmarksView, &k.Help, &k.Quit, &k.Skipped,
		&k.ToggleRead, &k.UnreadView, &k.Sort, &k.Edit, &k.Browse, &k.Copy} {
		b.SetEnabled(!filter)
	}
	k.Filter.SetEnabled(!filter && !reader)
	k.SwitchPane.SetEnabled(split && !filter)
	k.CloseSkipped.SetEnabled(skipped || fullHelp)
	k.ClearFilter.SetEnabled(list && filtered)
	if fullHelp {
		k.Help.SetHelp("?", "close help")
	} else {
		k.Help.SetHelp("?", "more keys")
	}
}

// KeyHelp lists every key and what it does, from the same bindings the
// app matches on, for the man page.
func KeyHelp() [][2]string {
	var out [][2]string
	seen := map[string]bool{}
	for _, group := range fullHelpKeys(defaultKeyMap()).FullHelp() {
		for _, b := range group {
			h := b.Help()
			if h.Key == "" || seen[h.Key+h.Desc] {
				continue
			}
			seen[h.Key+h.Desc] = true
			out = append(out, [2]string{h.Key, h.Desc})
		}
	}
	return out
}
