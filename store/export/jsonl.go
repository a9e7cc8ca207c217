package export

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"github.com/broadsheet/broadsheet/store/text"
)

// Record is an article as a JSON Lines export writes it: what list
// --json prints, with the date in full (RFC 3339, and "" when undated),
// and the excerpt, note and body besides. broadsheet reads such a file
// as a dataset: the headline, date, url, author, tags, site and body come
// back (the note, excerpt and the rest it does not read).
type Record struct {
	ID           string   `json:"id"`
	Date         string   `json:"date"`
	DateFromFile bool     `json:"date_from_file,omitempty"`
	Headline     string   `json:"headline"`
	Path         string   `json:"path"`
	Bookmarked   bool     `json:"bookmarked"`
	Words        int      `json:"words"`
	Author       string   `json:"author,omitempty"`
	Site         string   `json:"site,omitempty"`
	URL          string   `json:"url,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	Format       string   `json:"format,omitempty"`
	Cut          bool     `json:"cut,omitempty"`
	Excerpt      string   `json:"excerpt,omitempty"`
	Note         string   `json:"note,omitempty"`
	Body         string   `json:"body"`
}

// RecordOf is the item's record.
func RecordOf(it Item) Record {
	a := it.Article
	r := Record{ID: a.ID.String(), DateFromFile: a.DateFromFile, Headline: a.Headline,
		Path: text.SanitizeLine(a.Path), Bookmarked: it.Bookmarked, Words: a.Words,
		Author: a.Author, Site: a.Site, URL: a.Source, Tags: it.Tags, Format: a.Format,
		Cut: a.Cut, Excerpt: a.Excerpt, Note: it.Note, Body: a.Body}
	if !a.Undated && !a.Date.IsZero() {
		r.Date = a.Date.Format(time.RFC3339Nano)
	}
	return r
}

// JSONL writes items to w, one Record a line.
func JSONL(w io.Writer, items Items, opt Options) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	for it, err := range items {
		if err != nil {
			return err
		}
		if err := enc.Encode(RecordOf(it)); err != nil {
			return err
		}
		n++
		opt.progress(n)
	}
	return bw.Flush()
}
