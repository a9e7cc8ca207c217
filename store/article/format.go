package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
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
	// it is the headline of markdown without a title. Dir is the folder it
	// is in, slash-separated below its root ("." for the root), where a
	// date may be written as folders.
	Name, Dir string
	// Data is the file's bytes, as read; Text is them decoded to UTF-8
	// with '\n' line ends and no byte-order mark.
	Data []byte
	Text string
	// ModTime stands in for the date of articles that have none.
	ModTime time.Time
	// scratch, when set, is where a parser may build a text, which its
	// articles may then point into (see ParseClaimedView).
	scratch *[]byte
	// lead is what leadingDate found.
	lead struct {
		date     time.Time
		ok, read bool
	}
}

// A Format reads one kind of file. Adding a format is a file that
// declares one and a line in formats.
type Format struct {
	// Name is how the cache and `list --json` record the format.
	Name string
	// Claims says, from the file's name and its first HeadLen bytes
	// alone, that the format reads the file: a saved page by its .html,
	// a dataset by its .jsonl. A format that needs the whole text to tell
	// (markdown by its front matter) leaves it nil and has Detect.
	Claims func(name string, head []byte) bool
	// Detect says whether the format reads the file, from its whole text.
	Detect func(in *Input) bool
	// Parse reads the file's articles: zero, one or many. A format of one
	// article a file may leave ID, Size and ModTime for Parse to fill in.
	Parse func(in *Input) ([]Article, error)
	// Stream, for a format whose files are collections of records (a
	// dataset, a feed, a mailbox) and may be far larger than memory
	// should hold, reads the records one at a time from r, which stands
	// at offset base of the file, and gives each to each in file order.
	// It stops at the first error each returns. A format with Stream is
	// read by it, never by Parse.
	Stream func(r io.Reader, base int64, name string, each func(Record) error) error
	// Reread reads the one record of a streamed format at offset again
	// (the reader wants its body), without reading the whole file: a
	// format with Stream has it.
	Reread func(f io.ReaderAt, size, offset int64, name string) (Article, error)
	// Split and Decode, where set, are Stream in two parts, so that the
	// records of one large file can be decoded on every core: Split
	// reads the records' bytes in file order (copying nothing; each Raw
	// is good until the next), Decode makes one an article at its offset.
	Split  func(r io.Reader, base int64, each func(Raw) error) error
	Decode func(raw []byte, offset int64) (Article, error)
	// MaxSize is how much of a file Parse may be given, where it is not
	// MaxArticleSize: a saved page's inline images make it large.
	MaxSize int
	// Markdown says the bodies are markdown for glamour as they are;
	// otherwise they are plain text, escaped to show as written.
	Markdown bool
}

// Record is one record that a Stream read: its article, whose
// Loc.Offset is the record's byte offset in the file and whose ID is a
// hash of the record's bytes; or, for a record that could not be read,
// Err, with Line, its line number, for the message.
type Record struct {
	Article Article
	Line    int
	Err     error
}

// Raw is one record's bytes as Split found them, at Offset in the file
// and Line; or Err, for a record that could not be read at all.
type Raw struct {
	Bytes  []byte
	Offset int64
	Line   int
	Err    error
}

// Serial is a Stream made of a Split and a Decode, one record after
// another.
func Serial(split func(io.Reader, int64, func(Raw) error) error, decode func([]byte, int64) (Article, error),
	r io.Reader, base int64, each func(Record) error) error {
	return split(r, base, func(raw Raw) error {
		rec := Record{Line: raw.Line, Err: raw.Err}
		if rec.Err == nil {
			rec.Article, rec.Err = decode(raw.Bytes, raw.Offset)
		}
		return each(rec)
	})
}

// HeadLen is how much of a file Claims sees.
const HeadLen = 8 << 10

// Claim returns the format that claims a file by its name and head, or
// nil when the whole text must tell.
func Claim(name string, head []byte) *Format {
	for _, f := range formats {
		if f.Claims != nil && f.Claims(name, head) {
			return f
		}
	}
	return nil
}

// The format names, as articles and the cache record them.
const (
	FormatSeed     = "seed"
	FormatText     = "text"
	FormatMarkdown = "markdown"
)

// formats are tried in order: first each Claims, then each Detect; the
// first that says yes reads the file. Text reads anything, so it comes
// last.
var formats = []*Format{
	&jsonlFormat,
	&feedFormat, // before JSON: a JSON Feed is a .json file
	&mboxFormat,
	&mailFormat,
	&htmlFormat,
	csvFormat,
	tsvFormat,
	jsonFormat,
	&markdownFormat,
	&seedFormat,
	&textFormat,
}

// Lookup returns the format called name, or nil.
func Lookup(name string) *Format {
	for _, f := range formats {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Parse reads the articles in the bytes of one file. name is its
// slash-separated name below its root (or its base name alone). Path,
// Folder and Loc are left for the loader.
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
	return ParseClaimed(name, data, modTime, Claim(path.Base(name), data[:min(len(data), HeadLen)]))
}

// ParseClaimed is ParseUncounted for a loader that has already asked
// Claim (or Fields.Claim) about the file's base name and its first
// HeadLen bytes, and was answered f: it would answer the same again.
func ParseClaimed(name string, data []byte, modTime time.Time, f *Format) ([]Article, error) {
	return parseClaimed(name, data, modTime, f, false, nil)
}

// ParseClaimedView is ParseClaimed without copying data first: the
// articles' strings may point into data, and a caller that keeps one past
// a change to data must Own it (or DropBody) first. A loader reads every
// file into one buffer, and copying each file's bytes to a string made a
// fifth of what a cold load allocated. A parse that fails is run again
// over a copy, so that no error it returns points into data.
//
// With scratch, a parser may build an article's text in it (grown as
// needed, kept for the next call), and the article may point into that
// too.
func ParseClaimedView(name string, data []byte, modTime time.Time, f *Format, scratch *[]byte) ([]Article, error) {
	as, err := parseClaimed(name, data, modTime, f, true, scratch)
	if err != nil {
		return ParseClaimed(name, data, modTime, f)
	}
	return as, nil
}

func parseClaimed(name string, data []byte, modTime time.Time, f *Format, view bool, scratch *[]byte) ([]Article, error) {
	doc, err := decodeText(data, view)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", text.SanitizeLine(name), err)
	}
	in := &Input{Name: path.Base(name), Dir: path.Dir(name), Data: data, Text: doc, ModTime: modTime, scratch: scratch}
	name = in.Name
	if f != nil && f.Stream != nil {
		return collect(f, name, data)
	}
	if f == nil || f.Parse == nil {
		for _, f = range formats {
			if f.Detect != nil && f.Detect(in) {
				break
			}
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

// collect reads a whole file of a streamed format, leaving out the
// records that cannot be read: Parse is for callers that want the
// articles of a small file at once; the loader streams.
func collect(f *Format, name string, data []byte) ([]Article, error) {
	var as []Article
	err := f.Stream(bytes.NewReader(data), 0, name, func(r Record) error {
		if r.Err == nil {
			r.Article.Format = f.Name
			as = append(as, r.Article)
		}
		return nil
	})
	if err == nil && len(as) == 0 {
		err = ErrEmpty
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", text.SanitizeLine(name), err)
	}
	return as, nil
}
