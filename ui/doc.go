// Package ui is broadsheet's terminal interface: a list of articles, a
// reader, a live filter and bookmarks, as Bubble Tea models.
//
// It owns the TUI and nothing else: what the screen shows and what each
// key does there. Finding, parsing, indexing and saving belong to store,
// which ui reaches only through commands, never from Update. The keys are
// one table (actionTable in actions.go) from which the key map, both
// helps, remapping and the man page's key list are derived.
//
// The files are rooms: model.go routes, input.go the text inputs and
// the mouse, actions.go and do.go are the keys and what they do, keys.go and remap.go the bindings derived from
// them, layout.go and view.go the screen, load.go and cmds.go the
// commands with their messages, and list.go, reader.go, filter.go,
// find.go and skipped.go one sub-model each.
//
// ui must not import ui/cli: the command line is built on ui's exported
// functions (Actions, CheckKeys, DefaultKeys, KeyHelp, RenderArticle),
// not the other way round.
package ui
