package ui

import (
	"cmp"
	"slices"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap is every key the app answers, one binding per action of the
// table. Update matches with key.Matches and help renders from the same
// bindings, so the two cannot drift; bindings that do not apply where the
// focus is are disabled, which hides them from help and stops them
// matching.
type keyMap struct {
	acts [numActions]action
	b    [numActions]key.Binding

	// forceQuit is ctrl+c, which quits even in a text input and whatever
	// the configuration says: not an action, since nothing may remap or
	// hide the way out. It has no help of its own; quit shows the way out.
	forceQuit key.Binding
}

func defaultKeyMap() keyMap {
	k := keyMap{acts: actionTable(), forceQuit: key.NewBinding(key.WithKeys("ctrl+c"))}
	for id, a := range k.acts {
		k.b[id] = key.NewBinding(key.WithKeys(a.keys...), key.WithHelp(a.help, a.desc))
	}
	return k
}

// setFocus enables exactly the bindings that live in state s: those of
// the focused pane and those of the overlay over it. (The one-line help
// under an overlay still shows the pane's keys, as it always has; only
// the overlay's fire, see Model.key.)
func (k *keyMap) setFocus(s keyState) {
	for id, a := range k.acts {
		b := &k.b[id]
		b.SetEnabled(a.in&(s.focus|s.over) != 0 && (a.when == nil || a.when(s)))
		desc := a.desc
		if a.descOpen != "" && a.in&s.over != 0 {
			desc = a.descOpen
		}
		b.SetHelp(b.Help().Key, desc)
	}
}

// ShortHelp is the one-line help: the keys that matter where the focus is.
func (k keyMap) ShortHelp() []key.Binding {
	var ids []actionID
	for id, a := range k.acts {
		if a.short > 0 {
			ids = append(ids, actionID(id))
		}
	}
	slices.SortFunc(ids, func(a, b actionID) int { return cmp.Compare(k.acts[a].short, k.acts[b].short) })
	out := make([]key.Binding, len(ids))
	for i, id := range ids {
		out[i] = k.b[id]
	}
	return out
}

// FullHelp is the help shown by ?, in columns, in the table's order.
func (k keyMap) FullHelp() [][]key.Binding {
	cols := make([][]key.Binding, numColumns)
	for id, a := range k.acts {
		if a.col != noColumn {
			cols[a.col] = append(cols[a.col], k.b[id])
		}
	}
	return cols[colList:]
}

// fullHelpKeys is the map that ? shows: every key of k, remapped as it
// is, whatever has focus.
func fullHelpKeys(k keyMap) keyMap {
	k.setFocus(keyState{over: inHelp})
	for id := range k.b {
		k.b[id].SetEnabled(true)
	}
	return k
}

// KeyHelp lists every key and what it does, from the same bindings the
// app matches on, for the man page.
func KeyHelp() [][2]string { return keyHelp(defaultKeyMap()) }

// keyHelp is KeyHelp for the keys of k.
func keyHelp(k keyMap) [][2]string {
	var out [][2]string
	seen := map[[2]string]bool{}
	for _, group := range fullHelpKeys(k).FullHelp() {
		for _, b := range group {
			h := [2]string{b.Help().Key, b.Help().Desc}
			if h[0] == "" || seen[h] {
				continue
			}
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}
