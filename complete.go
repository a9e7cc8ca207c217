package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store"
	"github.com/broadsheet/broadsheet/ui"
)

// command is a subcommand as completions and the man page describe it.
type command struct {
	name, args, about string
	flags             []string
}

// commonFlags are taken by every command.
var commonFlags = []string{"--style", "--data-dir", "--state-dir", "--config"}

// commands is every subcommand; dispatch, completions and the man page
// all follow it (TestCommandsTable checks dispatch does).
var commands = []command{
	{"list", "[PATH...]", "list articles, newest first, one a line", []string{"--filter", "--sort", "--bookmarked", "--json"}},
	{"show", "ID|FILE [PATH...]", "render an article as the reader does", []string{"--width"}},
	{"bookmark", "add|rm ID...", "add or remove bookmarks", []string{"--in"}},
	{"bookmarks", "[PATH...]", "list bookmarks, or write a reading list", []string{"--json", "--markdown"}},
	{"related", "ID [PATH...]", "the five stories most like one", nil},
	{"config", "", "print the configuration in force, and where each value comes from", nil},
	{"completion", "bash|zsh|fish", "print a shell completion script", nil},
	{"man", "", "print the manual page", nil},
}

// flagValues are the values a flag takes, for completion.
var flagValues = map[string][]string{
	"--sort":  store.Sorts,
	"--style": {"auto", "dark", "light", "notty"},
}

func cmdCompletion(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageErr("usage: broadsheet completion bash|zsh|fish")
	}
	switch args[0] {
	case "bash":
		writeBash(stdout)
	case "zsh":
		writeZsh(stdout)
	case "fish":
		writeFish(stdout)
	default:
		return usageErr("completion: no script for %q (bash, zsh or fish)", args[0])
	}
	return nil
}

func names() []string {
	var out []string
	for _, c := range commands {
		out = append(out, c.name)
	}
	return out
}

func writeBash(w io.Writer) {
	fmt.Fprintf(w, `# bash completion for broadsheet: source it, or put it in
# ~/.local/share/bash-completion/completions/broadsheet
_broadsheet() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local opts="%s --help --version"
	case "$prev" in
`, strings.Join(commonFlags, " "))
	for flag, vals := range flagValues {
		fmt.Fprintf(w, "\t%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", flag, strings.Join(vals, " "))
	}
	fmt.Fprintf(w, "\t--data-dir|--state-dir|--in) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n\tesac\n")
	fmt.Fprintf(w, "\tif [[ $COMP_CWORD -eq 1 && $cur != -* ]]; then\n")
	fmt.Fprintf(w, "\t\tCOMPREPLY=($(compgen -W %q -- \"$cur\") $(compgen -f -- \"$cur\")); return\n\tfi\n", strings.Join(names(), " "))
	fmt.Fprintf(w, "\tcase \"${COMP_WORDS[1]}\" in\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%s) opts=\"$opts %s\" ;;\n", c.name, strings.Join(c.flags, " "))
	}
	fmt.Fprintf(w, "\tesac\n\tif [[ $cur == -* ]]; then\n\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n\telse\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n\tfi\n}\ncomplete -o filenames -F _broadsheet broadsheet\n")
}

func writeZsh(w io.Writer) {
	fmt.Fprintf(w, "#compdef broadsheet\n# zsh completion for broadsheet: put it in a folder of $fpath as _broadsheet\n\n_broadsheet() {\n")
	fmt.Fprintf(w, "\tlocal -a commands\n\tcommands=(\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t\t'%s:%s'\n", c.name, c.about)
	}
	fmt.Fprintf(w, "\t)\n\tlocal -a common\n\tcommon=(\n")
	fmt.Fprintf(w, "\t\t'--style[reader style]:style:(%s)'\n", strings.Join(flagValues["--style"], " "))
	fmt.Fprintf(w, "\t\t'--data-dir[where bookmarks live]:folder:_files -/'\n\t\t'--state-dir[where read state lives]:folder:_files -/'\n\t)\n")
	fmt.Fprintf(w, "\tif (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then\n\t\t_describe command commands\n\t\t_files\n\t\treturn\n\tfi\n")
	fmt.Fprintf(w, "\tcase $words[2] in\n")
	for _, c := range commands {
		var specs []string
		for _, f := range c.flags {
			spec := "'" + f + "'"
			if vals, ok := flagValues[f]; ok {
				spec = fmt.Sprintf("'%s:value:(%s)'", f, strings.Join(vals, " "))
			}
			specs = append(specs, spec)
		}
		fmt.Fprintf(w, "\t%s) _arguments $common %s '*:file:_files' ;;\n", c.name, strings.Join(specs, " "))
	}
	fmt.Fprintf(w, "\t*) _arguments $common '*:file:_files' ;;\n\tesac\n}\n\n_broadsheet \"$@\"\n")
}

func writeFish(w io.Writer) {
	fmt.Fprintf(w, "# fish completion for broadsheet: put it in ~/.config/fish/completions/broadsheet.fish\n")
	fmt.Fprintf(w, "complete -c broadsheet -l style -x -a '%s' -d 'reader style'\n", strings.Join(flagValues["--style"], " "))
	fmt.Fprintf(w, "complete -c broadsheet -l data-dir -r -a '(__fish_complete_directories)' -d 'where bookmarks live'\n")
	fmt.Fprintf(w, "complete -c broadsheet -l state-dir -r -a '(__fish_complete_directories)' -d 'where read state lives'\n")
	for _, c := range commands {
		fmt.Fprintf(w, "complete -c broadsheet -n __fish_use_subcommand -a %s -d '%s'\n", c.name, c.about)
		for _, f := range c.flags {
			name := strings.TrimPrefix(f, "--")
			if vals, ok := flagValues[f]; ok {
				fmt.Fprintf(w, "complete -c broadsheet -n '__fish_seen_subcommand_from %s' -l %s -x -a '%s'\n", c.name, name, strings.Join(vals, " "))
			} else {
				fmt.Fprintf(w, "complete -c broadsheet -n '__fish_seen_subcommand_from %s' -l %s\n", c.name, name)
			}
		}
	}
}

// cmdMan prints the manual page, in roff.
func cmdMan(stdout io.Writer) error {
	// Words for the few characters beyond ASCII that the key help uses,
	// so that every man reader, in every locale, shows them.
	glyphs := strings.NewReplacer("↑", "Up", "↓", "Down", "←", "Left", "→", "Right", "½", "1/2", "…", "...", "—", "--")
	esc := func(s string) string {
		s = strings.ReplaceAll(s, `\`, `\e`)
		s = strings.ReplaceAll(s, "-", `\-`)
		s = glyphs.Replace(s)
		if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
			s = `\&` + s
		}
		return s
	}
	fmt.Fprintf(stdout, ".TH BROADSHEET 1 %q \"broadsheet %s\" \"User Commands\"\n", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), version)
	fmt.Fprintf(stdout, ".SH NAME\nbroadsheet \\- read folders of saved news articles in the terminal\n")
	fmt.Fprintf(stdout, ".SH SYNOPSIS\n.B broadsheet\n[\\fIOPTIONS\\fR] [\\fIPATH\\fR...]\n")
	for _, c := range commands {
		fmt.Fprintf(stdout, ".br\n.B broadsheet %s\n%s\n", c.name, esc(c.args))
	}
	fmt.Fprintf(stdout, ".SH DESCRIPTION\nbroadsheet lists every article under the folders and files given (or in \\fB$BROADSHEET_PATH\\fR, or its built\\-in samples), newest first, renders the selected one, filters them as you type, and keeps bookmarks and read state.\n")
	fmt.Fprintf(stdout, "Articles are dated plain text (a date line, a headline line, then paragraphs), headline\\-first plain text, or markdown with optional YAML front matter.\n")
	fmt.Fprintf(stdout, ".SH COMMANDS\n")
	for _, c := range commands {
		fmt.Fprintf(stdout, ".TP\n.B %s %s\n%s", c.name, esc(c.args), esc(c.about))
		if len(c.flags) > 0 {
			fmt.Fprintf(stdout, "; options: %s", esc(strings.Join(c.flags, ", ")))
		}
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, ".SH OPTIONS\n.TP\n.B \\-\\-style dark|light|notty|auto\nthe reader's style\n.TP\n.B \\-\\-data\\-dir DIR\nwhere bookmarks live\n.TP\n.B \\-\\-state\\-dir DIR\nwhere read state lives\n")
	fmt.Fprintf(stdout, ".SH KEYS\n")
	for _, k := range ui.KeyHelp() {
		fmt.Fprintf(stdout, ".TP\n.B %s\n%s\n", esc(k[0]), esc(k[1]))
	}
	fmt.Fprintf(stdout, ".SH FILTER\nWords must all occur, in any order; case and accents do not matter; the last word also matches the start of a word. \\(dqphrases\\(dq, \\-word, title:, in:, after:, before:, on:, is:bookmarked, is:unread, OR and parentheses are understood.\n")
	fmt.Fprintf(stdout, ".SH FILES\n.TP\n.I $XDG_DATA_HOME/broadsheet/bookmarks.json\nbookmarks\n.TP\n.I $XDG_STATE_HOME/broadsheet/read.json\nread state\n.TP\n.I $XDG_CACHE_HOME/broadsheet/\nthe index, cached between runs\n")
	fmt.Fprintf(stdout, ".SH ENVIRONMENT\n.TP\n.B BROADSHEET_PATH\nfolders to read when none is given, separated by colons\n.TP\n.B VISUAL, EDITOR, BROWSER\nthe programs e and o start\n.TP\n.B NO_COLOR\nno colours\n")
	return nil
}
