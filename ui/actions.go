package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// pane is a place keys go: the two panes, the three text inputs and the
// two overlays. An action lives in a set of them, so pane is a bit set.
type pane uint16

const (
	inList pane = 1 << iota
	inReader
	inFilter
	inFind // the find inside an article
	inTag  // the tag prompt
	inName // the name of a search being saved
	inHelp // the full help, over the panes
	inSkipped
	inViews  // the views picker
	inPicker // the links or the outline, over the panes
)

// inPanes is the list and the reader: everywhere outside a text input or
// an overlay.
const inPanes = inList | inReader

// lastPane is the highest bit of pane: for p := inList; p <= lastPane;
// p <<= 1 visits every place once.
const lastPane = inPicker

// focusState is which pane or input has the keys.
type focusState int

const (
	focusList focusState = iota
	focusReader
	focusFilter
	focusFind
	focusTag
	focusName
)

// pane is the place f gives keys to.
func (f focusState) pane() pane {
	return [...]pane{focusList: inList, focusReader: inReader, focusFilter: inFilter, focusFind: inFind, focusTag: inTag, focusName: inName}[f]
}

// typing says whether f is a text input, which takes every key.
func (f focusState) typing() bool {
	return f == focusFilter || f == focusFind || f == focusTag || f == focusName
}

// overlay is what covers the panes, taking the keys until it is closed.
type overlay int

const (
	overlayNone overlay = iota
	overlayHelp
	overlaySkipped
	overlayViews
	overlayLinks
	overlayOutline
)

// pane is the place o takes keys in, or 0 for none.
func (o overlay) pane() pane {
	return [...]pane{overlayNone: 0, overlayHelp: inHelp, overlaySkipped: inSkipped, overlayViews: inViews, overlayLinks: inPicker, overlayOutline: inPicker}[o]
}

// keyState is what decides the bindings in force: the focus, the overlay
// over it, and the moments some actions need.
type keyState struct {
	focus, over pane
	split       bool // list and reader side by side
	filtered    bool // the filter holds text
	history     bool // the reader has an article to go back to
}

// helpColumn is an action's column in the full help.
type helpColumn int

const (
	noColumn helpColumn = iota
	colList
	colReader
	colFilter
	colPanes
	colAnywhere
)

// numColumns is one more than the last column.
const numColumns = colAnywhere + 1

// title heads the column in the full help.
func (c helpColumn) title() string {
	return [...]string{colList: "List", colReader: "Reader", colFilter: "Filter", colPanes: "Panes", colAnywhere: "Anywhere"}[c]
}

// action is one thing a key does, and everything derived from it: the
// binding matched, the help shown, where it is live, the name a
// configuration remaps it by.
type action struct {
	name string   // its name in config.toml's [keys]
	keys []string // the keys it ships with
	help string   // those keys as help shows them
	desc string
	// descOpen replaces desc while the overlay the action opens shows.
	descOpen string
	in       pane // where it lives
	// when, if set, narrows in to the moments the action makes sense.
	when  func(keyState) bool
	fixed bool // a configuration may not remap it: the text inputs' keys
	col   helpColumn
	short int // its place in the one-line help, from 1; 0 for none
	// do is what it does; nil passes the key to the pane that has it,
	// which matches it itself (the list's and the reader's moves).
	do func(m *Model, msg tea.KeyMsg) tea.Cmd
}

// actionID is an action's index in the table.
type actionID int

// The actions, in the order the full help lists them.
const (
	actUp actionID = iota
	actDown
	actPageUp
	actPageDown
	actTop
	actBottom
	actScrollUp
	actScrollDown
	actReaderPageUp
	actReaderPageDown
	actHalfUp
	actHalfDown
	actReaderTop
	actReaderBottom
	actFind
	actNextMatch
	actPrevMatch
	actOpenRelated
	actLinks
	actLinkBack
	actOutline
	actNextHeading
	actPrevHeading
	actPickUp
	actPickDown
	actPickChoose
	actFilter
	actInputKeep
	actInputCancel
	actInputUp
	actInputDown
	actClearFilter
	actOpen
	actBack
	actSwitchPane
	actBookmark
	actBookmarksView
	actTag
	actNote
	actToggleRead
	actUnreadView
	actSort
	actEdit
	actBrowse
	actCopy
	actSkipped
	actViews
	actTimeline
	actCopies
	actSaveSearch
	actSaveTyped
	actViewUp
	actViewDown
	actViewPick
	actViewRemove
	actHelp
	actQuit
	actCloseOverlay
	numActions
)

func isSplit(s keyState) bool    { return s.split }
func isFiltered(s keyState) bool { return s.filtered }
func hasHistory(s keyState) bool { return s.history }

// actionTable is every key the app answers but ctrl+c (see keyMap). It is
// the one place a key is added: the key map, both helps, remapping, the
// man page and the rules for where a key works all come from it.
func actionTable() [numActions]action {
	const anywhere = inPanes | inHelp | inSkipped | inViews | inPicker
	return [numActions]action{
		actUp:       {name: "up", keys: ks("up", "k"), help: "↑/k", desc: "up", in: inList, col: colList, short: 6},
		actDown:     {name: "down", keys: ks("down", "j"), help: "↓/j", desc: "down", in: inList, col: colList, short: 7},
		actPageUp:   {name: "page_up", keys: ks("pgup", "ctrl+b"), help: "pgup", desc: "page up", in: inList, col: colList},
		actPageDown: {name: "page_down", keys: ks("pgdown", "ctrl+f"), help: "pgdn", desc: "page down", in: inList, col: colList},
		actTop:      {name: "top", keys: ks("home", "g"), help: "g/home", desc: "first", in: inList, col: colList},
		actBottom:   {name: "bottom", keys: ks("end", "G"), help: "G/end", desc: "last", in: inList, col: colList},

		actScrollUp:       {name: "scroll_up", keys: ks("up", "k"), help: "↑/k", desc: "scroll up", in: inReader, col: colReader},
		actScrollDown:     {name: "scroll_down", keys: ks("down", "j"), help: "↓/j", desc: "scroll down", in: inReader, col: colReader, short: 9},
		actReaderPageUp:   {name: "reader_page_up", keys: ks("pgup", "ctrl+b"), help: "pgup", desc: "page up", in: inReader, col: colReader},
		actReaderPageDown: {name: "reader_page_down", keys: ks("pgdown", " ", "ctrl+f"), help: "space", desc: "page down", in: inReader, col: colReader},
		actHalfUp:         {name: "half_page_up", keys: ks("ctrl+u", "u"), help: "u", desc: "½ page up", in: inReader, col: colReader},
		actHalfDown:       {name: "half_page_down", keys: ks("ctrl+d", "d"), help: "d", desc: "½ page down", in: inReader, col: colReader},
		actReaderTop:      {name: "reader_top", keys: ks("home", "g"), help: "g/home", desc: "top", in: inReader, col: colReader},
		actReaderBottom:   {name: "reader_bottom", keys: ks("end", "G"), help: "G/end", desc: "bottom", in: inReader, col: colReader},
		actFind:           {name: "find", keys: ks("/"), help: "/", desc: "find in article", in: inReader, col: colReader, short: 11, do: (*Model).openFind},
		actNextMatch:      {name: "next_match", keys: ks("n"), help: "n", desc: "next match", in: inReader, col: colReader, short: 12, do: (*Model).nextMatch},
		actPrevMatch:      {name: "previous_match", keys: ks("N"), help: "N", desc: "previous match", in: inReader, col: colReader, do: (*Model).prevMatch},
		actOpenRelated: {name: "open_related", keys: ks("1", "2", "3", "4", "5", "6", "7", "8", "9"), help: "1-9", desc: "open a copy or a related story",
			in: inReader, col: colReader, do: (*Model).openRelated},
		actLinks:       {name: "links", keys: ks("l"), help: "l", desc: "links", in: inReader, col: colReader, do: (*Model).openLinks},
		actLinkBack:    {name: "link_back", keys: ks("backspace"), help: "backspace", desc: "back from a link", in: inReader, when: hasHistory, col: colReader, do: (*Model).linkBack},
		actOutline:     {name: "outline", keys: ks("O"), help: "O", desc: "outline: the headings", in: inReader, col: colReader, do: (*Model).openOutline},
		actNextHeading: {name: "next_heading", keys: ks("]"), help: "]", desc: "next heading", in: inReader, col: colReader, do: (*Model).nextHeading},
		actPrevHeading: {name: "previous_heading", keys: ks("["), help: "[", desc: "previous heading", in: inReader, col: colReader, do: (*Model).prevHeading},
		actPickUp:      {name: "pick_up", fixed: true, keys: ks("up", "k"), help: "↑/k", desc: "up", in: inPicker, short: 2, do: (*Model).pickUp},
		actPickDown:    {name: "pick_down", fixed: true, keys: ks("down", "j"), help: "↓/j", desc: "down", in: inPicker, short: 3, do: (*Model).pickDown},
		actPickChoose:  {name: "pick_open", fixed: true, keys: ks("enter"), help: "enter", desc: "open", in: inPicker, short: 4, do: (*Model).pickChoose},

		actFilter:      {name: "filter", keys: ks("/"), help: "/", desc: "filter", in: inList, col: colFilter, short: 13, do: (*Model).openFilter},
		actInputKeep:   {name: "input_keep", keys: ks("enter"), help: "enter", desc: "keep", in: inFilter | inFind | inTag | inName, fixed: true, col: colFilter, short: 2, do: (*Model).keepInput},
		actInputCancel: {name: "input_cancel", keys: ks("esc"), help: "esc", desc: "clear and close", in: inFilter | inFind | inTag | inName, fixed: true, col: colFilter, short: 3, do: (*Model).cancelInput},
		actInputUp:     {name: "input_up", keys: ks("up", "ctrl+p"), help: "↑", desc: "move up", in: inFilter, fixed: true, col: colFilter, short: 4, do: (*Model).toList},
		actInputDown:   {name: "input_down", keys: ks("down", "ctrl+n"), help: "↓", desc: "move down", in: inFilter, fixed: true, col: colFilter, short: 5, do: (*Model).toList},
		actClearFilter: {name: "clear_filter", keys: ks("esc"), help: "esc", desc: "clear filter", in: inList, when: isFiltered, col: colFilter, short: 14, do: (*Model).clearFilter},

		actOpen:       {name: "open", keys: ks("enter", "right", "l"), help: "enter", desc: "read", in: inList, col: colPanes, short: 8, do: (*Model).openReader},
		actBack:       {name: "back", keys: ks("esc", "left", "h"), help: "esc", desc: "back", in: inReader, col: colPanes, short: 10, do: (*Model).backToList},
		actSwitchPane: {name: "switch_pane", keys: ks("tab"), help: "tab", desc: "switch pane", in: inPanes, when: isSplit, col: colPanes, short: 19, do: (*Model).switchPane},

		actBookmark:      {name: "bookmark", keys: ks("b"), help: "b", desc: "bookmark", in: inPanes, col: colAnywhere, short: 15, do: (*Model).toggleBookmark},
		actBookmarksView: {name: "bookmarks_view", keys: ks("B"), help: "B", desc: "bookmarks only", in: inPanes, col: colAnywhere, short: 18, do: (*Model).bookmarksView},
		actTag:           {name: "tag", keys: ks("t"), help: "t", desc: "tag", in: inPanes, col: colAnywhere, do: (*Model).openTag},
		actNote:          {name: "note", keys: ks("a"), help: "a", desc: "note (in your editor)", in: inPanes, col: colAnywhere, do: (*Model).writeNote},
		actToggleRead:    {name: "toggle_read", keys: ks("m"), help: "m", desc: "mark read/unread", in: inPanes, col: colAnywhere, do: (*Model).toggleRead},
		actUnreadView:    {name: "unread_view", keys: ks("U"), help: "U", desc: "unread only", in: inPanes, col: colAnywhere, do: (*Model).unreadView},
		actSort:          {name: "sort", keys: ks("s"), help: "s", desc: "sort: newest, oldest, A-Z, relevance", in: inPanes, col: colAnywhere, do: (*Model).nextSort},
		actEdit:          {name: "edit", keys: ks("e"), help: "e", desc: "edit the file", in: inPanes, col: colAnywhere, do: (*Model).edit},
		actBrowse:        {name: "browse", keys: ks("o"), help: "o", desc: "open its URL", in: inPanes, col: colAnywhere, do: (*Model).browse},
		actCopy:          {name: "copy", keys: ks("y"), help: "y", desc: "copy URL or path", in: inPanes, col: colAnywhere, do: (*Model).copyLink},
		actSkipped:       {name: "skipped", keys: ks("!"), help: "!", desc: "skipped files", in: inPanes, col: colAnywhere, do: (*Model).openSkipped},
		actViews: {name: "views", keys: ks("v"), help: "v", desc: "views: bookmarks, unread, searches, tags", descOpen: "close views",
			in: inPanes | inViews, col: colAnywhere, short: 20, do: (*Model).toggleViews},
		actTimeline: {name: "timeline", keys: ks("T"), help: "T", desc: "timeline above the list", in: inPanes, col: colAnywhere,
			do: (*Model).toggleTimeline},
		actCopies: {name: "copies", keys: ks("c"), help: "c", desc: "every copy of a story, or one row a story", in: inPanes, col: colAnywhere,
			do: (*Model).toggleCopies},
		actSaveSearch: {name: "save_search", keys: ks("S"), help: "S", desc: "save the filter as a search",
			in: inPanes, when: isFiltered, col: colFilter, do: (*Model).openSaveSearch},
		actSaveTyped: {name: "save_typed_search", keys: ks("ctrl+s"), help: "ctrl+s", desc: "save it as a search",
			in: inFilter, fixed: true, col: colFilter, do: (*Model).openSaveSearch},
		actViewUp:     {name: "view_up", keys: ks("up", "k"), help: "↑/k", desc: "up", in: inViews, fixed: true, do: (*Model).viewUp},
		actViewDown:   {name: "view_down", keys: ks("down", "j"), help: "↓/j", desc: "down", in: inViews, fixed: true, do: (*Model).viewDown},
		actViewPick:   {name: "view_pick", keys: ks("enter"), help: "enter", desc: "show", in: inViews, fixed: true, short: 2, do: (*Model).pickView},
		actViewRemove: {name: "view_remove", keys: ks("delete"), help: "del", desc: "remove a saved search", in: inViews, short: 3, do: (*Model).removeView},
		actHelp: {name: "help", keys: ks("?"), help: "?", desc: "more keys", descOpen: "close help", in: inPanes | inHelp,
			col: colAnywhere, short: 16, do: (*Model).toggleHelp},
		actQuit: {name: "quit", keys: ks("q", "ctrl+c"), help: "q", desc: "quit", in: anywhere, col: colAnywhere, short: 17, do: (*Model).quit},

		actCloseOverlay: {name: "close_overlay", keys: ks("esc", "!"), help: "esc", desc: "close", in: inHelp | inSkipped | inViews | inPicker, fixed: true, short: 1,
			do: (*Model).closeOverlay},
	}
}

func ks(k ...string) []string { return k }

// match is the action msg fires in the place p, or nil.
func (k *keyMap) match(msg tea.KeyMsg, p pane) *action {
	for id := range k.acts {
		if a := &k.acts[id]; a.in&p != 0 && key.Matches(msg, k.b[id]) {
			return a
		}
	}
	return nil
}
