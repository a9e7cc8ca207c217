// Package cli is broadsheet's command line: one cobra command tree from
// which the commands, their --help, the shell completions and the manual
// page all come, so that none of them can drift from what runs.
//
// It owns the commands and their flags, the TOML configuration file, the
// exit codes (2 for a usage error, 1 for any other) and what reaches stdout
// (results and help alone) and stderr. It imports store for everything a
// script can do, ui for the reader, its keys and RenderArticle, and seeds
// for the samples, each through its exported API only; and ui/cli/quietbg,
// whose init answers lipgloss's question about the background before
// Bubble Tea's init can put it to the terminal, so that no command waits
// on a terminal that never answers. Nothing imports it
// but main, and store and ui must never import it: flags and configuration
// reach them as values (ui.Options, paths), never as this package's types.
// A run's state hangs off one app value passed by pointer; there is no
// package-level mutable state.
package cli
