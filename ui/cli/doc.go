// Package cli is broadsheet's command line: one cobra command tree from
// which the commands, their --help, the shell completions and the manual
// page all come, so none of them can drift from what runs.
//
// It owns the TOML configuration, the exit codes (2 for a usage error, 1
// for any other) and what reaches stdout and stderr. It imports package
// store for everything a script can do and package ui for the reader and
// its keys; nothing imports it but main, and it must not import main's
// concerns back (no process-wide state: everything a run needs hangs off
// one app value passed by pointer).
package cli
