package article

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// item is what a test wants of one article of a file of many: its
// fields, and a phrase of its body.
type item struct {
	Headline, Author, Site, Source, Tags, Phrase string
	Date                                         time.Time // zero: undated
}

func TestFeedItems(t *testing.T) {
	for _, tt := range []struct {
		file string
		want []item
	}{
		{"news.rss", []item{
			{"Ferry fares £2 cheaper & more sailings", "Ann Shore", "The Harbour Gazette", "https://gazette.example.com/2024/11/ferry-fares",
				"transport|harbour", "fares — the first cut in a decade.\n\n- Weekday sailings: six\n- Café on board", utc(2024, 11, 16, 20, 49)},
			{"Lighthouse reopens", "", "The Harbour Gazette", "https://gazette.example.com/2024/11/lighthouse",
				"", "climb the *142 steps* again", utc(2024, 11, 15, 9, 30)},
			{"Tide tables are out.", "", "The Harbour Gazette", "", "", "spring tides come early", time.Time{}},
		}},
		{"notes.atom", []item{
			{"Moths return to the moor", "Bea Heath", "Field & Notes", "https://notes.example.org/moths", "nature",
				"## A good year\n\nCounts are up **40%** on last year…", utc(2024, 11, 17, 8, 15)},
			{"Only updated", "Feed Owner", "Field & Notes", "", "", "only an updated one", utc(2024, 11, 18, 11, 0)},
		}},
		{"digest.json", []item{
			{"Rates held at 5%", "Cal Ledger", "Morning Digest", "https://digest.example.net/1", "economy|rates",
				"held rates & signalled *patience*.\n\nMarkets rose.", utc(2024, 11, 19, 7, 0)},
			{"A plain text item.", "The Desk", "Morning Digest", "", "", "first sentence is one.\n\nSecond paragraph.", utc(2024, 11, 19, 8, 0)},
		}},
		{"feed.xml", []item{
			{"An RDF item", "", "Old Style", "https://old.example.com/a", "", "after all these years", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
		}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := readFixture(t, "feed", tt.file)
			as, err := Parse(tt.file, data, testModTime)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, as, tt.want, FormatFeed)
			for i, a := range as {
				if a.Loc.Offset != int64(i) {
					t.Errorf("%q: offset %d, want its index %d", a.Headline, a.Loc.Offset, i)
				}
			}
		})
	}
}

// checkItems compares the articles of a file of many with what a test
// wants, and checks what every such article must be: of its format,
// with an ID of its own, and with no HTML or control character left.
func checkItems(t *testing.T, as []Article, want []item, format string) {
	t.Helper()
	if len(as) != len(want) {
		t.Fatalf("%d articles, want %d: %+v", len(as), len(want), as)
	}
	ids := map[ID]bool{}
	for i, a := range as {
		w := want[i]
		got := item{a.Headline, a.Author, a.Site, a.Source, strings.Join(a.Tags, "|"), w.Phrase, a.Date}
		if a.Undated {
			got.Date = time.Time{}
		}
		if !reflect.DeepEqual(got, w) || !strings.Contains(a.Body, w.Phrase) {
			t.Errorf("article %d:\n got  %+v\n want %+v\n body %q", i, got, w, a.Body)
		}
		if a.Undated != w.Date.IsZero() || a.DateFromFile {
			t.Errorf("%q: Undated %v, DateFromFile %v", a.Headline, a.Undated, a.DateFromFile)
		}
		if a.Format != format || a.ID == (ID{}) || ids[a.ID] || a.Words == 0 {
			t.Errorf("%q: format %q, ID %v (seen: %v), words %d", a.Headline, a.Format, a.ID, ids[a.ID], a.Words)
		}
		ids[a.ID] = true
		if rawHTML.MatchString(a.Body) {
			t.Errorf("%q: raw HTML in the body: %q", a.Headline, a.Body)
		}
		checkSafe(t, a)
	}
}

// checkSafe fails on an article with a control character in any field.
func checkSafe(t *testing.T, a Article) {
	t.Helper()
	fields := a.Headline + a.Author + a.Site + a.Source + strings.Join(a.Tags, "")
	if strings.ContainsAny(fields, "\n\r\t") || strings.ContainsAny(fields+a.Body, "\x00\x07\x1b\u009b\u202e") {
		t.Errorf("control characters survived: %+v", a)
	}
}

// readFixture reads a file under testdata.
func readFixture(t testing.TB, elem ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Reading an item again by its offset, as the reader does, gives the
// article the walk read.
func TestFeedReread(t *testing.T) {
	for _, file := range []string{"news.rss", "notes.atom", "digest.json", "feed.xml"} {
		data := readFixture(t, "feed", file)
		as, err := ParseUncounted(file, data, testModTime)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			again, err := feedFormat.Reread(bytes.NewReader(data), int64(len(data)), a.Loc.Offset, file)
			if err != nil {
				t.Fatalf("%s at %d: %v", file, a.Loc.Offset, err)
			}
			again.Format = a.Format
			if !reflect.DeepEqual(again, a) {
				t.Errorf("%s at %d:\n read again %+v\n first      %+v", file, a.Loc.Offset, again, a)
			}
		}
		if _, err := feedFormat.Reread(bytes.NewReader(data), int64(len(data)), int64(len(as)), file); err == nil {
			t.Errorf("%s: an item past the last was read", file)
		}
	}
}

// A feed saved again, with a new item first and an old one edited,
// keeps the IDs of the items it still has.
func TestFeedIDsSurviveUpdate(t *testing.T) {
	data := string(readFixture(t, "feed", "news.rss"))
	before, err := Parse("news.rss", []byte(data), testModTime)
	if err != nil {
		t.Fatal(err)
	}
	updated := strings.Replace(data, "<item>", "<item><title>Breaking</title><guid>gazette-1002</guid></item>\n<item>", 1)
	updated = strings.Replace(updated, "142 steps", "142 narrow steps", 1)
	after, err := Parse("news.rss", []byte(updated), testModTime)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+1 || after[0].Headline != "Breaking" {
		t.Fatalf("after the update: %+v", after)
	}
	for i, a := range before {
		if b := after[i+1]; b.ID != a.ID || b.Headline != a.Headline || b.Loc.Offset != int64(i+1) {
			t.Errorf("%q: ID %v then %v, offset %d", a.Headline, a.ID, b.ID, b.Loc.Offset)
		}
	}
	// The same item in another feed is another article.
	other := strings.Replace(data, "https://gazette.example.com/feed.rss", "https://elsewhere.example.com/feed.rss", 1)
	moved, _ := Parse("news.rss", []byte(other), testModTime)
	if len(moved) == 0 || moved[0].ID == before[0].ID {
		t.Error("an item of another feed has the same ID")
	}
}

// A feed that breaks off, or a file named as a feed that is not one, is
// an error of that file, not a crash and not prose.
func TestFeedBroken(t *testing.T) {
	for _, file := range []string{"truncated.rss", "not-a-feed.xml"} {
		as, err := Parse(file, readFixture(t, "feed", file), testModTime)
		if err == nil || len(as) != 0 || !strings.Contains(err.Error(), file) {
			t.Errorf("%s: %d articles, error %v", file, len(as), err)
		}
	}
	for _, data := range []string{"<rss><channel><item><title>x", "{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [", "<feed", ""} {
		err := feedFormat.Stream(strings.NewReader(data), 0, "f.rss", func(Record) error { return nil })
		if err == nil && data != "<rss><channel><item><title>x" {
			t.Errorf("%q read as a feed", data)
		}
	}
}

func TestClaimsFeed(t *testing.T) {
	rss := []byte("\ufeff<?xml version=\"1.0\"?>\n<!-- a comment -->\n<rss version=\"2.0\"><channel>")
	for _, tt := range []struct {
		name string
		head []byte
		want bool
	}{
		{"a.rss", nil, true},
		{"a.atom", []byte("anything"), true},
		{"a.xml", nil, true}, // the walk asks by name alone
		{"a.xml", rss, true},
		{"a.xml", []byte(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">`), true},
		{"a.xml", []byte(`<?xml version="1.0"?><project>`), false},
		{"a.txt", []byte("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), true},
		{"a.txt", []byte("Headline\n\nBody"), false},
		{"feed", rss, true},
		{"a.json", nil, true},
		{"a.json", []byte(`{"version": "https://jsonfeed.org/version/1.1", "items": []}`), true},
		{"a.json", []byte(`{"title": "a record"}`), false},
		{"a.md", []byte("# Title"), false},
	} {
		if got := claimsFeed(tt.name, tt.head); got != tt.want {
			t.Errorf("claimsFeed(%q, %.30q) = %v", tt.name, tt.head, got)
		}
	}
	if Claim("news.rss", nil) != &feedFormat || Lookup(FormatFeed) != &feedFormat {
		t.Error("the feed format is not registered")
	}
}

func FuzzFeed(f *testing.F) {
	for _, file := range []string{"news.rss", "notes.atom", "digest.json", "feed.xml", "truncated.rss"} {
		data, err := os.ReadFile(filepath.Join("testdata", "feed", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<rss><channel><item><title>\x1b]52;c;x\x07</title><description>&lt;p\x1b[2J&gt;</description></item></channel></rss>"))
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1", "items": [{"title": 1, "content_html": {"a": 2}}, null]}`))
	f.Add([]byte("<feed><entry><title type=\"html\">&lt;script&gt;x&lt;/script&gt;</title></entry></feed>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		as, _ := Parse("f.xml", data, time.Time{})
		for _, a := range as {
			if a.Headline == "" {
				t.Fatalf("an article without a headline: %+v", a)
			}
			checkSafe(t, a)
			again, err := feedFormat.Reread(bytes.NewReader(data), int64(len(data)), a.Loc.Offset, "f.xml")
			if err != nil || again.ID != a.ID {
				t.Fatalf("item %d read again: %v, ID %v then %v", a.Loc.Offset, err, a.ID, again.ID)
			}
		}
	})
}
