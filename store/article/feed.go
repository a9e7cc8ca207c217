package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/broadsheet/broadsheet/store/text"
)

// FormatFeed is an RSS (0.9x, 1.0, 2.0), Atom or JSON Feed file, each
// item an article.
const FormatFeed = "feed"

// feedFormat reads feeds saved to disk. gofeed parses a whole document,
// not an item at a time, so a feed is read whole (feeds are small; maxFeed
// caps them) and an item's Loc.Offset is not a byte offset but its index
// among the feed's items: Reread parses the file again and picks that
// item. An item's ID is a hash of the feed's identity and the item's
// (feedItemID), not of its bytes, so a feed file saved again, with new
// items and edited old ones, keeps the IDs of the items it still has.
var feedFormat = Format{
	Name:     FormatFeed,
	Claims:   claimsFeed,
	Detect:   detectFeed,
	Parse:    parseFeed,
	Stream:   streamFeed,
	Reread:   rereadFeed,
	MaxSize:  maxFeed,
	Markdown: true,
}

// maxFeed is the largest feed file read: gofeed holds the whole document,
// and a real feed is a few hundred kilobytes.
const maxFeed = 64 << 20

// claimsFeed claims .rss and .atom by name; .xml and .json when the head
// is a feed's (or when there is no head: the walk asks of a name alone
// whether the file may be an article's); and a file of any other name,
// .txt among them, whose head is plainly a feed's.
func claimsFeed(name string, head []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".rss", ".atom":
		return true
	case ".xml", ".json":
		if head == nil {
			return true
		}
	}
	return feedHead(head)
}

// feedHead says whether a file's first bytes are a feed's: an XML
// document whose root is <rss>, <feed> or <rdf:RDF>, or a JSON object
// that names a jsonfeed.org version.
func feedHead(head []byte) bool {
	s := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	switch {
	case len(s) == 0:
		return false
	case s[0] == '{':
		return bytes.Contains(s, []byte(`"https://jsonfeed.org/version/`))
	case s[0] == '<':
		ok := false
		func() {
			defer func() { _ = recover() }() // a head is no reason to stop
			ok = gofeed.DetectFeedType(bytes.NewReader(s)) != gofeed.FeedTypeUnknown
		}()
		return ok
	}
	return false
}

// detectFeed takes, once no format claimed them, the files named as
// feeds are (a .xml whose root was past the head, or that is not a feed
// at all): parseFeed then reads them or says why not, rather than the
// text format showing XML as prose.
func detectFeed(in *Input) bool {
	switch strings.ToLower(path.Ext(in.Name)) {
	case ".rss", ".atom", ".xml", ".json":
		return true
	}
	return false
}

// parseFeed reads a feed that Detect took.
func parseFeed(in *Input) ([]Article, error) {
	var as []Article
	err := streamFeed(bytes.NewReader(in.Data), 0, in.Name, func(r Record) error {
		if r.Err == nil {
			as = append(as, r.Article)
		}
		return nil
	})
	return as, err
}

// streamFeed parses the whole feed in r and gives each of its items, in
// the feed's order, with its index as its offset. The base is ignored: a
// feed is always read from its start.
func streamFeed(r io.Reader, _ int64, _ string, each func(Record) error) error {
	feed, err := readFeed(r)
	if err != nil {
		return err
	}
	for i, item := range feed.Items {
		rec := Record{Line: i + 1}
		rec.Article, rec.Err = feedItem(feed, item, i)
		if rec.Err != nil {
			rec.Err = fmt.Errorf("item %d: %w", i+1, rec.Err)
		}
		if err := each(rec); err != nil {
			return err
		}
	}
	return nil
}

// rereadFeed parses the feed again and picks the item whose index is
// offset.
func rereadFeed(f io.ReaderAt, size, offset int64, _ string) (Article, error) {
	feed, err := readFeed(io.NewSectionReader(f, 0, size))
	if err != nil {
		return Article{}, err
	}
	if offset < 0 || offset >= int64(len(feed.Items)) {
		return Article{}, fmt.Errorf("the feed has no item %d now", offset+1)
	}
	return feedItem(feed, feed.Items[offset], int(offset))
}

// readFeed parses a feed of at most maxFeed bytes. gofeed is third-party
// code fed a file's bytes: a panic in it is an error of the file.
func readFeed(r io.Reader) (feed *gofeed.Feed, err error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFeed+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFeed {
		return nil, fmt.Errorf("a feed larger than %d MB", maxFeed>>20)
	}
	defer func() {
		if p := recover(); p != nil {
			feed, err = nil, fmt.Errorf("the feed parser failed: %v", p)
		}
	}()
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a readable RSS, Atom or JSON feed: %w", err)
	}
	return feed, nil
}

// feedItem makes the article of the feed's item i.
func feedItem(feed *gofeed.Feed, item *gofeed.Item, i int) (Article, error) {
	if item == nil {
		return Article{}, ErrEmpty
	}
	content := item.Content
	if strings.TrimSpace(content) == "" {
		content = item.Description
	}
	var a Article
	body := htmlToMarkdown(content)
	if len(body) > MaxArticleSize {
		body = strings.ToValidUTF8(body[:MaxArticleSize], "")
		a.Cut = true
	}
	a.Body = text.Sanitize(body)
	a.Headline, _ = cleanHeadline(htmlText(item.Title))
	if a.Headline == "" {
		a.Headline, _ = cleanHeadline(FirstSentence(htmlText(content)))
	}
	if a.Headline == "" {
		return Article{}, errors.New("no title and no text")
	}
	a.Source = cleanLine(item.Link)
	if a.Source == "" && len(item.Links) > 0 {
		a.Source = cleanLine(item.Links[0])
	}
	a.Author = cleanLine(strings.Join(personNames(item.Authors, item.Author), ", "))
	if a.Author == "" {
		a.Author = cleanLine(strings.Join(personNames(feed.Authors, feed.Author), ", "))
	}
	a.Site = cleanLine(htmlText(feed.Title))
	for _, c := range item.Categories {
		if c = cleanLine(htmlText(c)); c != "" && !contains(a.Tags, c) {
			a.Tags = append(a.Tags, c)
		}
	}
	if d, ok := itemDate(item.Published, item.PublishedParsed); ok {
		a.Date = d
	} else if d, ok := itemDate(item.Updated, item.UpdatedParsed); ok {
		a.Date = d
	} else {
		a.Undated = true
	}
	a.ID = feedItemID(feed, item)
	a.Size = int64(len(item.Title) + len(content))
	a.Loc.Offset = int64(i)
	return a, nil
}

// itemDate is an item's date as written, in the house's wall-clock
// way (gofeed's parsed dates are moved to UTC), or else as gofeed read
// it, for the forms the house does not know.
func itemDate(raw string, parsed *time.Time) (time.Time, bool) {
	if d, ok := parseDate(raw); ok {
		return d, true
	}
	if parsed != nil && !parsed.IsZero() {
		return wallClock(*parsed), true
	}
	return time.Time{}, false
}

// feedItemID is an item's ID: a hash of the feed's URL (or else its
// title) and the item's guid (or else its link, or else its title and
// date), which stay the same when the feed is saved again.
func feedItemID(feed *gofeed.Feed, item *gofeed.Item) ID {
	feedKey := firstNonEmpty(feed.FeedLink, feed.Link, feed.Title)
	itemKey := firstNonEmpty(item.GUID, item.Link)
	if itemKey == "" {
		itemKey = item.Title + "\x00" + firstNonEmpty(item.Published, item.Updated)
	}
	return IDOf([]byte("feed\x00" + feedKey + "\x00" + itemKey))
}

// personNames are the names of a feed's or an item's people (their
// addresses where they have no name), with gofeed's older single Author
// where the list is empty.
func personNames(ps []*gofeed.Person, one *gofeed.Person) []string {
	if len(ps) == 0 && one != nil {
		ps = []*gofeed.Person{one}
	}
	var out []string
	for _, p := range ps {
		if p == nil {
			continue
		}
		if n := strings.TrimSpace(htmlText(firstNonEmpty(p.Name, p.Email))); n != "" && !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
