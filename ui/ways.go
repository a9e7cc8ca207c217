package ui

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-osc52/v2"
	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
	tea "github.com/charmbracelet/bubbletea"
)

// The ways out of the reader: the article's file in the user's editor, its
// URL in a browser, its URL or path on the clipboard.

// articleURL is the article's web address, from its source, if it has one.
func articleURL(a *article.Article) string {
	u, err := url.Parse(a.Source)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return a.Source
}

// articleFile is the file at path, made absolute, or "" when there is no
// such file (a built-in article's path is only its name). It stats the
// disk: call it from a command, never from Update.
func articleFile(path string) string {
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	return abs
}

// copiedMsg reports what was put on the clipboard.
type copiedMsg struct{ what string }

// copyArticle puts the article's URL on the clipboard, or else the path
// of its file (or a built-in article's name).
func copyArticle(out io.Writer, url, path string) tea.Cmd {
	return func() tea.Msg {
		if url != "" {
			return copyToClipboard(out, url, "URL")
		}
		if file := articleFile(path); file != "" {
			path = file
		}
		return copyToClipboard(out, path, "path")
	}
}

// copyToClipboard puts text on the clipboard with OSC 52, which works over
// ssh and in tmux; the terminal does the rest. The text travels base64
// encoded, so nothing in it can act on the terminal.
func copyToClipboard(out io.Writer, text, what string) tea.Msg {
	seq := osc52.New(text)
	if os.Getenv("TMUX") != "" {
		seq = seq.Tmux()
	}
	if _, err := seq.WriteTo(out); err != nil {
		return errMsg{fmt.Errorf("copying: %w", err)}
	}
	return copiedMsg{what}
}

// errMsg is a failure to show in the status line.
type errMsg struct{ err error }

// browserOpenedMsg reports that a URL went to the browser.
type browserOpenedMsg struct{}

// openInBrowser opens link with $BROWSER, or else xdg-open (open on a Mac).
func openInBrowser(link string) tea.Cmd {
	return func() tea.Msg {
		var cmd *exec.Cmd
		if b := os.Getenv("BROWSER"); b != "" {
			args := strings.Fields(b)
			cmd = exec.Command(args[0], append(args[1:], link)...)
		} else {
			for _, name := range []string{"xdg-open", "open"} {
				if path, err := exec.LookPath(name); err == nil {
					cmd = exec.Command(path, link)
					break
				}
			}
		}
		if cmd == nil {
			return errMsg{errors.New("no browser to open it in: set $BROWSER, or install xdg-open")}
		}
		cmd.Stdout, cmd.Stderr = nil, nil
		if err := cmd.Start(); err != nil {
			return errMsg{fmt.Errorf("opening the browser: %w", err)}
		}
		go cmd.Wait() // reap it; the browser outlives nothing of ours
		return browserOpenedMsg{}
	}
}

// editorCmd is the user's editor ($VISUAL, else $EDITOR) on file.
func editorCmd(file string) (*exec.Cmd, error) {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		return nil, errors.New("no editor: set $VISUAL or $EDITOR")
	}
	args := strings.Fields(editor)
	return exec.Command(args[0], append(args[1:], file)...), nil
}

// fileFoundMsg carries the file of an article to edit, "" for none.
type fileFoundMsg struct {
	a    *article.Article
	file string
}

// findFile looks for the article's file on disk, for the editor.
func findFile(a *article.Article) tea.Cmd {
	path := a.Path
	return func() tea.Msg { return fileFoundMsg{a, articleFile(path)} }
}

// fileFound hands the article's file to the editor, if it has one.
func (m *Model) fileFound(msg fileFoundMsg) tea.Cmd {
	if msg.file == "" {
		m.setFlash("This article is built in: there is no file to edit.", true)
		return nil
	}
	cmd, err := editorCmd(msg.file)
	if err != nil {
		m.setFlash(err.Error(), true)
		return nil
	}
	return editArticle(msg.a, cmd)
}

// editorFinishedMsg says the editor closed, and the article may have
// changed.
type editorFinishedMsg struct {
	a   *article.Article
	err error
}

// editorFinished shows what the file holds now.
func (m *Model) editorFinished(msg editorFinishedMsg) tea.Cmd {
	if msg.err != nil {
		m.setFlash(text.SanitizeLine("editor: "+msg.err.Error()), true)
	}
	return m.reader.Reload(msg.a)
}

// editArticle hands the terminal to the editor and takes it back after.
func editArticle(a *article.Article, cmd *exec.Cmd) tea.Cmd {
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return editorFinishedMsg{a, err} })
}
