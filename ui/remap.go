package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Actions lists the names a configuration may remap.
func Actions() []string {
	var out []string
	for _, a := range actionTable() {
		if !a.fixed {
			out = append(out, a.name)
		}
	}
	slices.Sort(out)
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
	byName := map[string]actionID{}
	for id, a := range k.acts {
		if !a.fixed {
			byName[a.name] = actionID(id)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(keys)) {
		id, ok := byName[name]
		if !ok {
			return &UnknownActionError{name}
		}
		if len(keys[name]) == 0 {
			return fmt.Errorf("%s: no key given", name)
		}
		k.b[id].SetKeys(keys[name]...)
		k.b[id].SetHelp(strings.Join(keys[name], "/"), k.b[id].Help().Desc)
	}
	return k.conflict()
}

// conflict is the first key that two actions live in the same place
// share, in the order of their names, or nil: every key, in every place,
// must name one action.
func (k *keyMap) conflict() error {
	ids := make([]actionID, numActions)
	for id := range ids {
		ids[id] = actionID(id)
	}
	slices.SortFunc(ids, func(a, b actionID) int { return strings.Compare(k.acts[a].name, k.acts[b].name) })
	for p := inList; p <= lastPane; p <<= 1 {
		owner := map[string]string{}
		for _, id := range ids {
			if k.acts[id].in&p == 0 {
				continue
			}
			for _, key := range k.b[id].Keys() {
				if other, taken := owner[key]; taken {
					return &KeyConflictError{Key: key, Action: k.acts[id].name, Other: other}
				}
				owner[key] = k.acts[id].name
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
	out := map[string][]string{}
	for _, a := range actionTable() {
		if !a.fixed {
			out[a.name] = slices.Clone(a.keys)
		}
	}
	return out
}
