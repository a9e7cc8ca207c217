package article

import (
	"errors"
	"fmt"
	"time"

	"github.com/broadsheet/broadsheet/store/text"
)

var (
	// ErrNotText means the file is not text (an image, an archive, a
	// binary), so a loader walking a folder can skip it quietly.
	ErrNotText = errors.New("not a text file")
	// ErrEmpty means the file has no headline: it is empty, blank, or holds
	// only a date. Such a file is not an article and is skipped like one
	// that is not text.
	ErrEmpty = errors.New("no headline")
)

const (
	// maxHeadline is how many runes of a headline are kept; a longer first
	// line is a paragraph, not a headline.
	maxHeadline = 500
	// sniffLen is how much of a file is examined to decide it is binary.
	sniffLen = 8 << 10
)

// Input is one file as a format sees it.
type Input struct {
	// Name is the file's base name: its extension hints at the format, and
	// it is the headline of markdown without a title.
	Name string
	// Data is the file's bytes, as read; Text is them decoded to UTF-8
	// with '\n' line ends and no byte-order mark.
	Data []byte
	Text string
	// ModTime stands in for the date of articles that have none.
	ModTime time.Time
}

// A Format reads one kind of file. Adding a format is a file that
// declares one and a line in formats.
type Format struct {
	// Name is how the cache and `list --json` record the format.
	Name string
	// Detect says whether the format reads the file.
	Detect func(in *Input) bool
	// Parse reads the file's articles: zero, one or many. A format of one
	// article a file may leave ID, Size and ModTime for Parse to fill in.
	Parse func(in *Input) ([]Article, error)
	// Markdown says the bodies are markdown for glamour as they are;
	// otherwise they are plain text, escaped to show as written.
	Markdown bool
}

// The format names, as articles and the cache record them.
const (
	FormatSeed     = "seed"
	FormatText     = "text"
	FormatMarkdown = "markdown"
)

// formats are tried in order; the first whose Detect says yes reads the
// file. Text reads anything, so it comes last.
var formats = []*Format{&markdownFormat, &seedFormat, &textFormat}

// Lookup returns the format called name, or nil.
func Lookup(name string) *Format {
	for _, f := range formats {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Parse reads the articles in the bytes of one file. Path, Folder and Loc
// are left for the loader.
//
// The format is decided by content first: front matter that is a YAML
// mapping, or a leading "# " heading, makes markdown whatever the
// extension; .md and .markdown are always markdown; otherwise a first line
// that is a date makes the seed format, and anything else is headline-first
// text. Errors wrap ErrNotText or ErrEmpty and name the file.
func Parse(name string, data []byte, modTime time.Time) ([]Article, error) {
	as, err := ParseUncounted(name, data, modTime)
	for i := range as {
		as[i].CountWords()
	}
	return as, err
}

// ParseUncounted is Parse without counting words, for a loader that
// counts them as it indexes rather than read every body twice.
func ParseUncounted(name string, data []byte, modTime time.Time) ([]Article, error) {
	doc, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", text.SanitizeLine(name), err)
	}
	in := &Input{Name: name, Data: data, Text: doc, ModTime: modTime}
	var f *Format
	for _, f = range formats {
		if f.Detect(in) {
			break
		}
	}
	as, err := f.Parse(in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", text.SanitizeLine(name), err)
	}
	kept := as[:0]
	for _, a := range as {
		if a.Headline == "" {
			continue
		}
		a.Format = f.Name
		if a.ID == (ID{}) {
			a.ID, a.Size, a.ModTime = IDOf(data), int64(len(data)), modTime
		}
		kept = append(kept, a)
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("%s: %w", text.SanitizeLine(name), ErrEmpty)
	}
	return kept, nil
}

// CountWords sets Words from the headline and body.
func (a *Article) CountWords() {
	a.Words = text.CountWords(a.Headline) + text.CountWords(a.Body)
}

// fileDate dates an article that has no date of its own by its file.
func (a *Article) fileDate(modTime time.Time) {
	if modTime.IsZero() {
		a.Undated = true
		return
	}
	a.Date = modTime
	a.DateFromFile = true
}
