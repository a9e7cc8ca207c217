package article

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// ID identifies an article by its content, so that moving or renaming a
// file keeps it and byte-identical copies collapse into one.
type ID [16]byte

// IDOf derives an article's ID from its bytes: its file's, or its
// record's in a file of many articles.
func IDOf(data []byte) ID {
	sum := sha256.Sum256(data)
	var id ID
	copy(id[:], sum[:])
	return id
}

// String is the full hex form, used in files and JSON.
func (id ID) String() string { return hex.EncodeToString(id[:]) }

// Short is the abbreviated hex form shown to people; any unique prefix of
// String is accepted wherever an ID is.
func (id ID) Short() string { return id.String()[:ShortIDLen] }

// AppendShort appends Short's form to dst.
func (id ID) AppendShort(dst []byte) []byte { return hex.AppendEncode(dst, id[:ShortIDLen/2]) }

// ShortIDLen is how many hex digits an abbreviated ID shows.
const ShortIDLen = 10

// ParseID reads a full hex ID.
func ParseID(s string) (ID, bool) {
	var id ID
	if len(s) != 2*len(id) {
		return id, false
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil {
		return id, false
	}
	return id, true
}

// Article is one parsed article. Its text fields are already sanitised:
// no control character from the file survives into them.
type Article struct {
	ID       ID
	Headline string
	// Date is the article's own date, or the file's modification time when
	// DateFromFile is set (headline-first text has no date of its own).
	Date         time.Time
	DateFromFile bool
	// Undated is set when neither the article nor the file gave a date.
	Undated bool
	// Cut is set when the file was longer than MaxArticleSize and only
	// its start was read; Size is then the whole file's.
	Cut bool
	// Format names the format the article was read by (see Lookup).
	Format string
	// Body is the article's text without its headline and date: for plain
	// text, paragraphs separated by a blank line; for markdown, the
	// markdown after the front matter.
	Body   string
	Source string // the article's URL: front matter source or url
	Author string
	// Site is the publication: a saved page's site name, a feed's title.
	Site string
	// Excerpt is the article's own summary, one line: front matter's
	// description, a saved page's, or else its first paragraph.
	Excerpt string
	Tags    []string
	Words   int // words in headline and body

	// Path is where the file was found, as shown to the user.
	Path string
	// Folder is the folder the file came from, relative to the argument
	// it was found under ("" for the argument itself).
	Folder string
	Size   int64
	// ModTime is the file's modification time.
	ModTime time.Time

	// Loc is where the article is, to read it again.
	Loc Loc
}

// ReadingMinutes estimates reading time at 230 words a minute, at least 1.
func (a *Article) ReadingMinutes() int {
	m := (a.Words + 229) / 230
	if m < 1 {
		m = 1
	}
	return m
}

// Own copies the article's strings, so that none points into the bytes
// it was parsed from (see ParseClaimedView).
func (a *Article) Own() {
	a.Body = strings.Clone(a.Body)
	a.Excerpt = strings.Clone(a.Excerpt)
	a.ownShort()
}

// DropBody lets the body go once the article is indexed (the library
// reads it again to show it), and copies the short fields out of the
// file's text, which they may be slices of and would otherwise keep whole.
func (a *Article) DropBody() {
	a.Body, a.Excerpt = "", ""
	a.ownShort()
}

// ownShort copies the fields a loaded article keeps.
func (a *Article) ownShort() {
	a.Headline = strings.Clone(a.Headline)
	a.Source = strings.Clone(a.Source)
	a.Author = strings.Clone(a.Author)
	a.Site = strings.Clone(a.Site)
	for i, t := range a.Tags {
		a.Tags[i] = strings.Clone(t)
	}
}

// MaxArticleSize caps what is read of one file: a huge file cannot exhaust
// memory or keep the reader rendering for long. A larger file is cut at a
// line end before this size and its article says so.
const MaxArticleSize = 512 << 10

// ErrNotFound and ErrAmbiguous are what a look-up by ID prefix says of a
// bad ID, in the library or the bookmarks alike.
var (
	ErrNotFound  = errors.New("no article has that ID")
	ErrAmbiguous = errors.New("that ID prefix names more than one article")
)
