package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// wellFormed parses every XML file of the book, so that a broken one
// fails even where epubcheck is missing; it returns the files' texts.
func wellFormed(t *testing.T, book []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	if z.File[0].Name != "mimetype" || z.File[0].Method != zip.Store || len(z.File[0].Extra) != 0 {
		t.Errorf("first entry %q method %d extra %d: want mimetype stored, no extra field", z.File[0].Name, z.File[0].Method, len(z.File[0].Extra))
	}
	files := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(data)
		if !strings.HasSuffix(f.Name, ".xhtml") && !strings.HasSuffix(f.Name, ".opf") &&
			!strings.HasSuffix(f.Name, ".ncx") && !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v\n%s", f.Name, err, data)
			}
		}
	}
	return files
}

func writeBook(t *testing.T, items []Item) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := EPUB(&buf, FromSlice(items), Options{Title: "News & views", Now: time.Date(2024, 11, 16, 12, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.epub")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

func TestEPUB(t *testing.T) {
	items := []Item{
		{Article: &article.Article{Headline: "US pressures Qatar", Date: time.Date(2024, 11, 16, 20, 49, 0, 0, time.UTC),
			Format: article.FormatMarkdown, Author: "Ann Lee", Site: "The Wire", Source: "https://wire.example/1?a=1&b=2",
			Body: "First *paragraph* with a [link](https://example.com/x) and [a file](other.md).\n\n## More\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode & more\n```\n"},
			Tags: []string{"gaza", "to read"}, Note: "Ask about Doha.\n\nSecond thought."},
		{Article: &article.Article{Headline: "Plain one", Undated: true, Format: "text", Body: "1. not a list\n\n# not a heading"}},
	}
	path, book := writeBook(t, items)
	files := wellFormed(t, book)
	ch := files["OEBPS/a000001.xhtml"]
	for _, want := range []string{"<h1>US pressures Qatar</h1>", "Saturday, 16 November 2024, 20:49 · by Ann Lee",
		`The Wire · <a href="https://wire.example/1?a=1&amp;b=2">`, "Tags: gaza, to read", "<p>Ask about Doha.</p>",
		`<a href="https://example.com/x">link</a>`, "and a file.", "<table>", "code &amp; more"} {
		if !strings.Contains(ch, want) {
			t.Errorf("chapter 1 lacks %q:\n%s", want, ch)
		}
	}
	if ch := files["OEBPS/a000002.xhtml"]; !strings.Contains(ch, "<p>1. not a list</p>") || !strings.Contains(ch, "<p># not a heading</p>") || !strings.Contains(ch, "undated") {
		t.Errorf("a plain text body is not shown as written:\n%s", ch)
	}
	if nav := files["OEBPS/nav.xhtml"]; !strings.Contains(nav, `<a href="a000002.xhtml">Plain one</a>`) || !strings.Contains(nav, "News &amp; views") {
		t.Errorf("nav:\n%s", nav)
	}
	testcorpus.EPUBCheck(t, path)
}

// TestEPUBHostile: what an article's bytes hold never breaks the XML.
func TestEPUBHostile(t *testing.T) {
	nasty := "a \x1b[31mred\x1b[0m \x00 \x07 ]]> <script>alert(1)</script> & &amp; &nbsp; &#27; &#0; &#xD800; &#xFFFE; \xff\xfe bad \uFFFE \u202e rtl"
	items := []Item{{
		Article: &article.Article{Headline: "Head " + nasty, Format: article.FormatMarkdown, Author: nasty, Site: nasty,
			Source: "javascript:alert(1)", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
			Body: nasty + "\n\n<div onclick=\"x\">raw</div>\n\n[x](javascript:alert(1)) [y](#nowhere) ![img](pic.png) <http://exa mple> [z](http://a b)\n\n```\n" + nasty + "\n```\n"},
		Tags: []string{nasty}, Note: nasty + "\n]]>\n<b>",
	}, {
		Article: &article.Article{Headline: nasty, Format: "text", Body: nasty, Source: "https://ok.example/" + nasty},
	}}
	path, book := writeBook(t, items)
	files := wellFormed(t, book)
	for name, f := range files {
		if strings.Contains(f, "<script") || strings.Contains(f, `href="javascript`) || strings.Contains(f, "\x1b") {
			t.Errorf("%s lets through what it should not:\n%s", name, f)
		}
	}
	testcorpus.EPUBCheck(t, path)
}

func TestEPUBEmpty(t *testing.T) {
	if err := EPUB(io.Discard, FromSlice(nil), Options{}); err != ErrNothing {
		t.Errorf("no articles: %v, want ErrNothing", err)
	}
}
