package article

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/text"
)

// readHTMLFixture reads a page of testdata/html.
func readHTMLFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "html", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rawHTML is what a body converted to markdown must not hold: a tag of
// the page's, as written.
var rawHTML = regexp.MustCompile(`<(/?[a-zA-Z][a-zA-Z0-9-]*[\s>/]|!--|!doctype)`)

// checkPageBody fails when a page's body holds raw HTML, inline image
// data, or anything the sanitiser would change.
func checkPageBody(t *testing.T, a Article) {
	t.Helper()
	if m := rawHTML.FindString(a.Body); m != "" {
		t.Errorf("body holds raw HTML %q", m)
	}
	for _, bad := range []string{"base64", "data:image", "iVBORw0KGgo", "window.__INITIAL_DATA__", "font-family"} {
		if strings.Contains(a.Body, bad) {
			t.Errorf("body holds %q", bad)
		}
	}
	if text.Sanitize(a.Body) != a.Body {
		t.Error("body is not sanitised")
	}
	for _, f := range []string{a.Headline, a.Author, a.Site, a.Source, a.Excerpt} {
		if text.SanitizeLine(f) != f {
			t.Errorf("field %q is not sanitised", f)
		}
	}
}

func TestParseHTML(t *testing.T) {
	for _, tt := range []struct {
		file                           string
		headline, author, site, source string
		date                           time.Time // zero: undated
		excerpt                        string    // a phrase of it
		phrases                        []string  // in the body, in order
		absent                         []string  // not in the body
	}{
		{file: "news.html",
			headline: "Qatar suspends role as mediator in Gaza ceasefire talks", author: "Jane Hollis", site: "Example News",
			source:  "https://www.example-news.co.uk/news/articles/c1234567", // canonical over og:url and the saved-from comment
			date:    utc(2024, time.November, 9, 14, 5),
			excerpt: "resume its efforts",
			phrases: []string{"Qatar has told Israel and Hamas", "## Pressure from Washington", "> \"Qatar will not accept",
				"[our guide to the talks](https://www.example-news.co.uk/news/articles/c9876543)",
				"- the withdrawal of Israeli troops", "Hamas has denied"},
			absent: []string{"Sport", "Weather", "Copyright 2024", "Example News logo", "Hostage families protest", "analytics"}},
		{file: "index.html", headline: "Front page | The Daily Example",
			phrases: []string{"Latest stories", "[Rates held at 5%](/business/rates-held)", "Late goal settles the final"},
			absent:  []string{"var ads", "color: #c00", "[World]", "© The Daily Example"}},
		{file: "singlefile.html", headline: "River levels fall after a dry May", author: "Tom Reed", site: "The River Blog",
			source: "https://blog.example.org/2024/06/river-levels", // SingleFile's header comment
			date:   utc(2024, time.June, 3, 0, 0), excerpt: "Tom Reed",
			phrases: []string{"The river at the weir has fallen", "```\nweir gauge, 1 June: 0.42 m", "every fifteen minutes"},
			absent:  []string{"Lora", "@font-face"}},
		{file: "brief.htm", headline: "Council approves new cycle lanes", excerpt: "link the station to the hospital",
			phrases: []string{"protected cycle lanes", "31 to 22", "due to start in the spring"}},
		{file: "saved.txt", headline: "Library opens late on Thursdays",
			source:  "https://town.example.net/notices/library-hours", // a relative canonical link, read against og:url
			excerpt: "central library",
			phrases: []string{"until nine o'clock", "reviewed after a year"}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := readHTMLFixture(t, tt.file)
			as, err := Parse(tt.file, data, testModTime)
			if err != nil {
				t.Fatal(err)
			}
			if len(as) != 1 {
				t.Fatalf("%d articles", len(as))
			}
			a := as[0]
			if a.Format != FormatHTML {
				t.Errorf("Format = %q", a.Format)
			}
			if a.Headline != tt.headline || a.Author != tt.author || a.Site != tt.site || a.Source != tt.source {
				t.Errorf("headline %q, author %q, site %q, source %q\nwant %q, %q, %q, %q",
					a.Headline, a.Author, a.Site, a.Source, tt.headline, tt.author, tt.site, tt.source)
			}
			if tt.date.IsZero() {
				if !a.Undated || a.DateFromFile {
					t.Errorf("dated %v (from file %v), want undated", a.Date, a.DateFromFile)
				}
			} else if !a.Date.Equal(tt.date) || a.Undated || a.DateFromFile {
				t.Errorf("Date = %v (undated %v, from file %v), want %v", a.Date, a.Undated, a.DateFromFile, tt.date)
			}
			if !strings.Contains(a.Excerpt, tt.excerpt) {
				t.Errorf("Excerpt = %q, want a phrase %q", a.Excerpt, tt.excerpt)
			}
			rest := a.Body
			for _, p := range tt.phrases {
				i := strings.Index(rest, p)
				if i < 0 {
					t.Errorf("body lacks %q (or has it out of order):\n%s", p, a.Body)
					break
				}
				rest = rest[i+len(p):]
			}
			for _, p := range tt.absent {
				if strings.Contains(a.Body, p) {
					t.Errorf("body holds %q, which is the site's, not the article's", p)
				}
			}
			if strings.HasPrefix(strings.TrimSpace(a.Body), "# "+a.Headline) {
				t.Error("the body repeats the headline")
			}
			checkPageBody(t, a)
			if a.ID != IDOf(data) || a.Size != int64(len(data)) {
				t.Error("the ID is not the hash of the file")
			}
			if a.Words < 25 || a.ReadingMinutes() > 2 {
				t.Errorf("%d words, %d min read", a.Words, a.ReadingMinutes())
			}
			if md := a.Markdown(); !strings.HasPrefix(md, "# ") || !strings.Contains(md, tt.phrases[0]) {
				t.Errorf("Markdown:\n%s", md)
			}
		})
	}
}

func TestClaimHTML(t *testing.T) {
	for _, tt := range []struct {
		name, head string
		want       bool
	}{
		{"page.html", "", true},
		{"PAGE.HTM", "", true},
		{"page.xhtml", "", true},
		{"page.txt", "<!DOCTYPE html><html>", true},
		{"page.txt", "\ufeff  \n<!doctype HTML>\n", true},
		{"page.txt", " \n\ufeff<html lang=en>", true},
		{"page", "<HTML>", true},
		{"page.txt", "<!-- saved from url=(0014)about:internet -->\n<html>", true},
		{"page.txt", `<?xml version="1.0"?>` + "\n" + `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd"><html xmlns="http://www.w3.org/1999/xhtml">`, true},
		{"page.txt", `<?xml version="1.0"?><html>`, true},
		{"feed.xml", `<?xml version="1.0"?><rss version="2.0">`, false},
		{"notes.txt", "<htmlish> is not a tag", false},
		{"notes.txt", "<!doctype htmlx>", false},
		{"notes.txt", "Headline\n\n<html> in the text", false},
		{"notes.md", "# Writing <html>", false},
		{"notes.txt", "<!-- a comment that never ends", false},
		{"data.jsonl", `<html>`, false}, // JSON Lines claims it first
	} {
		f := Claim(tt.name, []byte(tt.head))
		if got := f != nil && f.Name == FormatHTML; got != tt.want {
			t.Errorf("Claim(%q, %q) = %v, want html %v", tt.name, tt.head, f, tt.want)
		}
	}
	if f := Lookup(FormatHTML); f == nil || f.MaxSize < 32<<20 || !f.Markdown {
		t.Error("html does not read pages of 32 MB whole, as markdown")
	}
}

// bigImagePage is the SingleFile fixture with an inline image of n bytes
// of base64.
func bigImagePage(t testing.TB, n int) []byte {
	page := readHTMLFixture(t, "singlefile.html")
	img := bytes.Repeat([]byte("iVBORw0KGgoAAAANSUhEUgAA+/9="), n/28+1)[:n]
	return bytes.Replace(page, []byte("BIGIMAGE"), img, 1)
}

func TestHTMLInlineImage(t *testing.T) {
	data := bigImagePage(t, 5<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	as, err := Parse("river.html", data, testModTime)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	a := as[0]
	if a.Headline != "River levels fall after a dry May" || !strings.Contains(a.Body, "The river at the weir has fallen") {
		t.Errorf("headline %q, body:\n%.300s", a.Headline, a.Body)
	}
	checkPageBody(t, a)
	if len(a.Body) > 2<<10 {
		t.Errorf("the body is %d bytes: the image is in it", len(a.Body))
	}
	// Reading the file whole takes two copies (its bytes as text); what
	// stripping and parsing add must be of the order of the longest token,
	// not a multiple of the page.
	t.Logf("a %.1f MB page: %.1f MB allocated", float64(len(data))/(1<<20), float64(after.TotalAlloc-before.TotalAlloc)/(1<<20))
	if total := after.TotalAlloc - before.TotalAlloc; total > 8*uint64(len(data)) {
		t.Errorf("parsing a %d MB page allocated %d MB", len(data)>>20, total>>20)
	}
}

func TestStripPage(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<img src="data:image/png;base64,AAAA" alt="x">`, `<img alt="x">`},
		{`<img SRC=' DATA:image/png;base64,AAAA' alt=x>`, `<img alt="x">`},
		{`<p style="color:red;background:url(data:image/png;base64,AAAA)">t</p>`, `<p style="color:red;background:url(data:,)">t</p>`},
		{`<img srcset="data:a,b 1x, data:c,d 2x" src="a.jpg">`, `<img src="a.jpg">`},
		{`<a href="/x" title="a &amp; b">data: kept in text</a>`, `<a href="/x" title="a &amp; b">data: kept in text</a>`},
		{`<script>alert("<p>")</script><p>t</p>`, `<script></script><p>t</p>`},
		{`<script></script>after`, `<script></script>after`},
		{`<script type="application/ld+json">{"a":1}</script>`, `<script type="application/ld+json">{"a":1}</script>`},
		{`<style>p{}</style><noscript><img src=x></noscript>`, `<style></style><noscript></noscript>`},
		{`a<svg><svg><title>t</title></svg><path/></svg>b<svg/>c`, `abc`},
		{`a<svg><p>never closed`, `a<svg><p>never closed`},
		{`<template><p>later</p></template>now`, `now`},
		{`<!-- a comment -->x`, `x`},
	} {
		got, _ := stripPage(tt.in, true)
		if string(got) != tt.want {
			t.Errorf("stripPage(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
	long := `<a href="https://x/` + strings.Repeat("a", maxAttr) + `">t</a>`
	if got, _ := stripPage(long, true); string(got) != `<a>t</a>` {
		t.Errorf("a %d-byte attribute was kept", maxAttr)
	}
}

func TestSavedFromURL(t *testing.T) {
	for _, tt := range []struct{ comment, want string }{
		{" saved from url=(0047)https://www.example.com/news/a ", "https://www.example.com/news/a"},
		{"saved from url=https://x.example/", "https://x.example/"},
		{"\n Page saved with SingleFile \n url: https://blog.example.org/a \n saved date: Mon\n", "https://blog.example.org/a"},
		{" url: https://not.singlefile/ ", ""},
		{" an ordinary comment ", ""},
	} {
		if got := savedFromURL([]byte(tt.comment)); got != tt.want {
			t.Errorf("savedFromURL(%q) = %q, want %q", tt.comment, got, tt.want)
		}
	}
}

func TestHTMLHostile(t *testing.T) {
	page := "<html><head><title>Bad\x1b]52;c;eA==\x07 title\u202e</title>" +
		`<meta name="author" content="By Eve&#x1b;[2J">` +
		`<meta property="og:site_name" content="Site&#27;]8;;x">` +
		`<link rel="canonical" href="https://evil.example/&#x1b;[31m">` +
		"</head><body><article><p>" + strings.Repeat("A paragraph of the story, long enough to count. ", 20) +
		"\x1b[2J and &#x1b;[31m and &#27; and <code>\x9b31m</code></p></article></body></html>"
	as, err := Parse("bad.html", []byte(page), testModTime)
	if err != nil {
		t.Fatal(err)
	}
	a := as[0]
	checkPageBody(t, a)
	for _, f := range []string{a.Headline, a.Author, a.Site, a.Source, a.Excerpt, a.Body} {
		for _, c := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(f, c) {
				t.Errorf("%q survives in %q", c, f)
			}
		}
	}
	md := a.Markdown()
	if strings.Contains(md, "&#x1b;") || strings.Contains(md, "&#27;") {
		t.Errorf("an escape survives as a character reference in\n%s", md)
	}
}

func TestHTMLCharsetAndNoTitle(t *testing.T) {
	// ISO 8859-2, as its <meta> says: 0xB1 is "ą", not Windows-1252's "±".
	page := "<html><head><meta charset=\"iso-8859-2\"><title>Wroc\xb3aw</title></head><body><p>Pi\xb1tek.</p></body></html>"
	as, err := Parse("p.html", []byte(page), testModTime)
	if err != nil {
		t.Fatal(err)
	}
	if as[0].Headline != "Wrocław" || !strings.Contains(as[0].Body, "Piątek.") {
		t.Errorf("headline %q, body %q", as[0].Headline, as[0].Body)
	}
	as, err = Parse("notes/untitled page.html", []byte("<html><body><p>Only text.</p></body></html>"), testModTime)
	if err != nil || as[0].Headline != "untitled page" || as[0].Body != "Only text." {
		t.Errorf("a page without a title: %v, %+v", err, as)
	}
	if _, err := Parse("empty.html", []byte("<html><head><script>x()</script></head><body> </body></html>"), testModTime); !errors.Is(err, ErrEmpty) {
		t.Errorf("a page of nothing: %v", err)
	}
}

func TestHTMLNoPanic(t *testing.T) {
	// Pages that are barely pages: each must load or fail, never panic.
	for _, page := range []string{"<html>", "<html><body></body></html>", "<!doctype html><title></title>",
		"<html><svg>", "<html><table><tr><td><table>", strings.Repeat("<div>", 10000) + "x",
		"<html><p>" + strings.Repeat("<a href=x>y</a>", 5000)} {
		// A page nested past the HTML parser's 512 open elements is an
		// error of its own; nothing may be one of a recovered panic.
		if _, err := Parse("p.html", []byte(page), testModTime); err != nil && strings.Contains(err.Error(), "could not be read") {
			t.Errorf("%.40q: %v", page, err)
		}
	}
}

func FuzzHTML(f *testing.F) {
	for _, name := range []string{"news.html", "index.html", "singlefile.html", "brief.htm", "saved.txt"} {
		f.Add(readHTMLFixture(f, name))
	}
	for _, s := range []string{"<html>", "<html><svg><p>", "<script>", "<!doctype html><title>\x1b[2J</title>",
		`<img src="data:`, "<html><body><p>&#x1b;[31m</p>", "<?xml?><html><head><title>t</title>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		as, err := Parse("fuzz.html", data, testModTime)
		if err != nil {
			return
		}
		for _, a := range as {
			if a.Headline == "" {
				t.Error("an article without a headline")
			}
			if text.Sanitize(a.Body) != a.Body {
				t.Error("body not sanitised")
			}
			for _, s := range []string{a.Headline, a.Author, a.Site, a.Source, a.Excerpt} {
				if text.SanitizeLine(s) != s {
					t.Errorf("field %q not sanitised", s)
				}
			}
		}
	})
}

// benchPage is a saved news page of about n bytes: the fixture's chrome
// and story, with the story's paragraphs repeated, or inline images, to
// make up the size.
func benchPage(b *testing.B, n int, images bool) []byte {
	page := readHTMLFixture(b, "news.html")
	para := []byte("<p>Since then the negotiators have met repeatedly in Doha and Cairo without reaching a second agreement, and the war in Gaza has gone on, <a href=\"/news/3\">officials</a> said.</p>\n")
	var fill []byte
	for len(page)+len(fill) < n {
		if images {
			img := bytes.Repeat([]byte("iVBORw0KGgoAAAANSUhEUgAA+/9="), 64<<10/28)
			fill = append(fill, `<figure><img src="data:image/jpeg;base64,`...)
			fill = append(fill, img...)
			fill = append(fill, `" alt="a picture"></figure>`...)
			fill = append(fill, para...)
		} else {
			fill = append(fill, para...)
			fill = append(fill, `<div class="promo"><span>Advertisement</span></div>`...)
		}
	}
	return bytes.Replace(page, []byte("<p>Hamas has denied"), append(fill, "<p>Hamas has denied"...), 1)
}

func BenchmarkHTML(b *testing.B) {
	for _, bb := range []struct {
		name   string
		size   int
		images bool
	}{
		{"50KB", 50 << 10, false},
		{"2MB", 2 << 20, false},
		{"2MB-images", 2 << 20, true},
	} {
		b.Run(bb.name, func(b *testing.B) {
			data := benchPage(b, bb.size, bb.images)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse("page.html", data, testModTime); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
