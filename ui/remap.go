package ui

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// actions names every binding a configuration may remap, and the places
// where it is live: two actions live in the same place may not share a
// key.
func (k *keyMap) actions() map[string]action {
	const list, reader, both = 1, 2, 3
	return map[string]action{
		"up": {&k.Up, list}, "down": {&k.Down, list}, "page_up": {&k.PageUp, list}, "page_down": {&k.PageDown, list},
		"top": {&k.Top, list}, "bottom": {&k.Bottom, list}, "open": {&k.Open, list}, "clear_filter": {&k.ClearFilter, list},
		"filter":    {&k.Filter, list},
		"scroll_up": {&k.ScrollUp, reader}, "scroll_down": {&k.ScrollDown, reader},
		"reader_page_up": {&k.ReaderPageUp, reader}, "reader_page_down": {&k.ReaderPageDown, reader},
		"half_page_up": {&k.HalfUp, reader}, "half_page_down": {&k.HalfDown, reader},
		"reader_top": {&k.ReaderTop, reader}, "reader_bottom": {&k.ReaderBottom, reader}, "back": {&k.Back, reader},
		"find": {&k.Find, reader}, "next_match": {&k.NextMatch, reader}, "previous_match": {&k.PrevMatch, reader},
		"open_related": {&k.OpenRelated, reader},
		"switch_pane":  {&k.SwitchPane, both}, "bookmark": {&k.Bookmark, both}, "bookmarks_view": {&k.BookmarksView, both},
		"toggle_read": {&k.ToggleRead, both}, "unread_view": {&k.UnreadView, both}, "sort": {&k.Sort, both},
		"edit": {&k.Edit, both}, "browse": {&k.Browse, both}, "copy": {&k.Copy, both},
		"skipped": {&k.Skipped, both}, "help": {&k.Help, both}, "quit": {&k.Quit, both},
	}
}

type action struct {
	b     *key.Binding
	where int // bit 1: the list, bit 2: the reader
}

// Actions lists the names a configuration may remap.
func Actions() []string {
	k := defaultKeyMap()
	var out []string
	for name := range k.actions() {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// KeyConflictError says that two actions live in the same place would
// share a key.
type KeyConflictError struct {
	Key, Action, Other string
}

func (e *KeyConflictError) Error() string {
	return fmt.Sprintf("key %q would do both %s and %s", e.Key, e.Action, e.Other)
}

// UnknownActionError names an action that does not exist.
type UnknownActionError struct{ Action string }

func (e *UnknownActionError) Error() string {
	return fmt.Sprintf("no action is called %q (actions: %s)", e.Action, strings.Join(Actions(), ", "))
}

// remap gives actions the keys named, keeping each key's help text
// short; it refuses an unknown action and a key two actions would share.
func (k *keyMap) remap(keys map[string][]string) error {
	acts := k.actions()
	for _, name := range slices.Sorted(maps.Keys(keys)) {
		a, ok := acts[name]
		if !ok {
			return &UnknownActionError{name}
		}
		if len(keys[name]) == 0 {
			return fmt.Errorf("%s: no key given", name)
		}
		a.b.SetKeys(keys[name]...)
		a.b.SetHelp(strings.Join(keys[name], "/"), a.b.Help().Desc)
	}
	// Every key, in every place, must name one action.
	for _, where := range []int{1, 2} {
		owner := map[string]string{}
		for _, name := range slices.Sorted(maps.Keys(acts)) {
			a := acts[name]
			if a.where&where == 0 {
				continue
			}
			for _, key := range a.b.Keys() {
				if other, taken := owner[key]; taken {
					return &KeyConflictError{Key: key, Action: name, Other: other}
				}
				owner[key] = name
			}
		}
	}
	return nil
}

// CheckKeys says whether a remapping is valid, without applying it.
func CheckKeys(keys map[string][]string) error {
	k := defaultKeyMap()
	return k.remap(keys)
}

// DefaultKeys are the keys of every remappable action, as shipped.
func DefaultKeys() map[string][]string {
	k := defaultKeyMap()
	out := map[string][]string{}
	for name, a := range k.actions() {
		out[name] = a.b.Keys()
	}
	return out
}
