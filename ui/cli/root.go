package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"github.com/broadsheet/broadsheet/store/text"
	"github.com/spf13/cobra"
)

const version = "0.1.0"

// rootLong is the root's --help text and, unwrapped, the man page's
// description.
const rootLong = `broadsheet reads folders of saved news articles in the terminal: it lists
every article under the folders and files given, newest first, renders the
selected one, filters them as you type, and keeps bookmarks and read state.

With no PATH, broadsheet reads $BROADSHEET_PATH (folders separated by ':'),
else the paths of its configuration file, else its built-in sample articles.

Articles are dated plain text (a date line, a headline line, then
paragraphs), headline-first plain text, or markdown with optional YAML front
matter.`

// outBuffer is stdout's buffer: a pipe takes 64 KB at a time, and
// list's 471,758 lines of a million articles (70 MB) through one cost
// twice the time of writing them to a file, in 4 KB writes.
const outBuffer = 64 << 10

// app is what one run of the command line shares: where output goes, the
// flags every command takes, and the configuration they lead to.
type app struct {
	// stdout is the output of every command, cobra's help and completion
	// included: buffered, and remembering the first write that failed,
	// which Run reports. term is the same stdout unbuffered: the TUI's,
	// and what decides whether output goes to a terminal.
	stdout       *bufio.Writer
	term, stderr io.Writer

	style      string
	dataDir    string
	stateDir   string
	configFile string
	checkFiles bool
	cfg        *config // read by loadConfig
}

// exitError carries a process exit code: 2 for usage, 1 for the rest,
// 128+n after signal n, which has no err to print.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, a ...any) error {
	return &exitError{2, fmt.Errorf(format, a...)}
}

// Run is the whole program, minus the process, so tests and main can call
// it: it returns the exit status.
//
// Output that cannot be written is an error, exit status 1: a full disk
// must not pass for a finished backup. A reader that went away (list |
// head -1) is not worth a word: writing to a closed pipe on fd 1 kills
// the process with SIGPIPE as it does cat, and where SIGPIPE is ignored
// the EPIPE that comes instead exits 1 in silence.
func Run(args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: bufio.NewWriterSize(stdout, outBuffer), term: stdout, stderr: stderr}
	root := newRoot(a)
	// A nil slice would make cobra read os.Args.
	root.SetArgs(append([]string{}, args...))
	err := root.Execute()
	return a.exit(err, a.stdout.Flush())
}

// exit prints err as broadsheet always has, one line on stderr, then
// the failure to write stdout if there was one, and returns the status
// they stand for.
func (a *app) exit(err, writeErr error) int {
	if writeErr != nil && errors.Is(err, writeErr) {
		err = nil // the command stopped because its output failed
	}
	code := 0
	if err != nil {
		code = 1
		var ee *exitError
		quiet := false
		if errors.As(err, &ee) {
			code, quiet = ee.code, ee.err == nil
		}
		for _, line := range errorLines(err) {
			if quiet {
				break
			}
			fmt.Fprintln(a.stderr, "broadsheet: "+text.SanitizeLine(line))
		}
		if code == 2 {
			fmt.Fprintln(a.stderr, "Run 'broadsheet --help' for usage.")
		}
	}
	if writeErr != nil {
		code = max(code, 1)
		if !errors.Is(writeErr, syscall.EPIPE) {
			fmt.Fprintln(a.stderr, "broadsheet: writing output: "+text.SanitizeLine(writeCause(writeErr).Error()))
		}
	}
	return code
}

// writeCause is what went wrong writing, without the "write /dev/stdout"
// that names no file the user gave.
func writeCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// newRoot builds the one command tree that runs, documents and completes
// broadsheet. Cobra prints nothing of its own but help: errors come back
// to Run, flag errors as usage errors.
func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:     "broadsheet [PATH...]",
		Short:   "read folders of saved news articles in the terminal",
		Long:    rootLong,
		Version: version,
		Args:    pathsNotCommands,
		RunE: func(_ *cobra.Command, paths []string) error {
			if err := a.loadConfig(); err != nil {
				return err
			}
			return a.runTUI(paths)
		},
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetVersionTemplate("broadsheet {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr("%v", err) })
	root.SuggestionsMinimumDistance = 2
	root.Flags().BoolP("version", "v", false, "print the version")
	a.commonFlags(root)
	root.AddCommand(a.listCmd(), a.showCmd(), a.bookmarkCmd(), a.bookmarksCmd(), a.tagCmd(), a.tagsCmd(), a.searchesCmd(), a.statsCmd(), a.relatedCmd(), a.exportCmd(),
		a.configCmd(), a.completionCmd(), a.manCmd())
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			c.Short = "help about any command" // cobra's says "Help about"
		}
	}
	return root
}

// commonFlags are the flags every command takes.
func (a *app) commonFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.StringVar(&a.style, "style", "auto", "`STYLE` of the reader: dark, light, notty or auto; auto follows the terminal's\nbackground, and is notty under NO_COLOR or when output is no terminal")
	f.StringVar(&a.dataDir, "data-dir", "", "keep bookmarks and tags in `DIR` (default $XDG_DATA_HOME/broadsheet)")
	f.StringVar(&a.stateDir, "state-dir", "", "keep read state in `DIR` (default $XDG_STATE_HOME/broadsheet)")
	f.StringVar(&a.configFile, "config", "", "read the configuration from `FILE` (default $XDG_CONFIG_HOME/broadsheet/config.toml)")
	f.BoolVar(&a.checkFiles, "check-files", false, "check every file against the cache; past 100,000 files, commands check only\nthe folders, which misses a file rewritten in place (the reader checks all)")
	root.RegisterFlagCompletionFunc("style", fixed("auto", "dark", "light", "notty"))
	root.MarkPersistentFlagDirname("data-dir")
	root.MarkPersistentFlagDirname("state-dir")
	root.MarkPersistentFlagFilename("config", "toml")
}

// pathsNotCommands lets the root take paths but not a misspelt command:
// a first argument that names no file or folder, has no slash that would
// make it one, and does not stand after --, is an unknown command.
func pathsNotCommands(cmd *cobra.Command, args []string) error {
	if len(args) == 0 || cmd.ArgsLenAtDash() == 0 ||
		strings.ContainsRune(args[0], os.PathSeparator) || strings.ContainsRune(args[0], '/') {
		return nil
	}
	if _, err := os.Lstat(args[0]); err == nil {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q, and no file or folder of that name", args[0])
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return usageErr("%s", msg)
}

// nargs checks a command's count of arguments, a wrong count being a
// usage error that says msg; max < 0 is no limit.
func nargs(min, max int, msg string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < min || max >= 0 && len(args) > max {
			return usageErr("%s", msg)
		}
		return nil
	}
}

// fixed completes a flag's value from a fixed list, and never with files.
func fixed(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
