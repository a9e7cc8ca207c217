package export

import (
	"archive/zip"
	"crypto/sha256"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/text"
)

// The EPUB is EPUB 3 (with a toc.ncx as well, for readers of EPUB 2),
// written by hand with archive/zip: the whole of the container is six
// small templates, and writing them here keeps every byte that reaches
// the XML under escapeXML. Its layout:
//
//	mimetype                 "application/epub+zip", first and stored
//	META-INF/container.xml   points at OEBPS/content.opf
//	OEBPS/content.opf        metadata, manifest, spine (nav, then chapters)
//	OEBPS/nav.xhtml          the table of contents, one link a chapter
//	OEBPS/toc.ncx            the same for EPUB 2 readers
//	OEBPS/style.css
//	OEBPS/a000001.xhtml ...  one chapter an article, in the order given
//
// Chapters are written as the articles come, so an export of many holds
// only their headlines in memory. The book's identifier is a UUID made
// from the articles' IDs: the same articles make the same book.

const mimetype = "application/epub+zip"

// chapter is what the table of contents keeps of an article.
type chapter struct{ file, title string }

// EPUB writes items to w as one EPUB 3 book.
func EPUB(w io.Writer, items Items, opt Options) error {
	z := zip.NewWriter(w)
	// mimetype first, stored, no extra field and no data descriptor, as
	// the OCF specification asks: CreateRaw writes the header as given.
	mw, err := z.CreateRaw(&zip.FileHeader{Name: "mimetype", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE([]byte(mimetype)), CompressedSize64: uint64(len(mimetype)), UncompressedSize64: uint64(len(mimetype))})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(mw, mimetype); err != nil {
		return err
	}
	if err := writeZipFile(z, "META-INF/container.xml", containerXML); err != nil {
		return err
	}
	if err := writeZipFile(z, "OEBPS/style.css", styleCSS); err != nil {
		return err
	}
	var chapters []chapter
	ids := sha256.New()
	for it, err := range items {
		if err != nil {
			return err
		}
		ch := chapter{file: fmt.Sprintf("a%06d.xhtml", len(chapters)+1), title: headline(it)}
		page, err := chapterXHTML(it, ch.title)
		if err != nil {
			return fmt.Errorf("%s: %w", text.SanitizeLine(it.Article.Path), err)
		}
		if err := writeZipFile(z, "OEBPS/"+ch.file, page); err != nil {
			return err
		}
		ids.Write(it.Article.ID[:])
		chapters = append(chapters, ch)
		opt.progress(len(chapters))
	}
	if len(chapters) == 0 {
		return ErrNothing
	}
	title := opt.Title
	if title == "" {
		title = "broadsheet"
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	uid := bookUUID(ids.Sum(nil))
	for _, f := range []struct{ name, body string }{
		{"OEBPS/content.opf", contentOPF(title, uid, now, chapters)},
		{"OEBPS/nav.xhtml", navXHTML(title, chapters)},
		{"OEBPS/toc.ncx", tocNCX(title, uid, chapters)},
	} {
		if err := writeZipFile(z, f.name, f.body); err != nil {
			return err
		}
	}
	return z.Close()
}

// ErrNothing is an export of no articles: an EPUB needs a chapter.
var ErrNothing = fmt.Errorf("no articles to export")

func writeZipFile(z *zip.Writer, name, body string) error {
	w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, body)
	return err
}

// headline is the item's headline as a chapter's title, never empty.
func headline(it Item) string {
	if h := strings.TrimSpace(text.SanitizeLine(it.Article.Headline)); h != "" {
		return h
	}
	return "Untitled"
}

// bookUUID makes a version 4 style UUID of a hash, for dc:identifier.
func bookUUID(sum []byte) string {
	u := sum[:16]
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// chapterXHTML is one article's page: headline, date and author, where
// it is from (its source a link), its tags, the user's note, then the body.
func chapterXHTML(it Item, title string) (string, error) {
	a := it.Article
	var b strings.Builder
	b.WriteString(xhtmlHead(title))
	b.WriteString("<h1>")
	escapeXML(&b, title)
	b.WriteString("</h1>\n")
	meta := []string{dateLine(it)}
	if a.Author != "" {
		meta = append(meta, "by "+text.SanitizeLine(a.Author))
	}
	b.WriteString(`<p class="meta">`)
	escapeXML(&b, strings.Join(meta, " · "))
	b.WriteString("</p>\n")
	if a.Site != "" || a.Source != "" {
		b.WriteString(`<p class="meta">`)
		if a.Site != "" {
			escapeXML(&b, text.SanitizeLine(a.Site))
			if a.Source != "" {
				b.WriteString(" · ")
			}
		}
		if src := text.SanitizeLine(a.Source); src != "" {
			if href, ok := webURL(src); ok {
				b.WriteString(`<a href="` + escapedXML(href) + `">`)
				escapeXML(&b, src)
				b.WriteString("</a>")
			} else {
				escapeXML(&b, src)
			}
		}
		b.WriteString("</p>\n")
	}
	if len(it.Tags) > 0 {
		tags := make([]string, len(it.Tags))
		for i, t := range it.Tags {
			tags[i] = text.SanitizeLine(t)
		}
		b.WriteString(`<p class="tags">Tags: `)
		escapeXML(&b, strings.Join(tags, ", "))
		b.WriteString("</p>\n")
	}
	if note := strings.TrimSpace(text.Sanitize(it.Note)); note != "" {
		b.WriteString(`<aside class="note">` + "\n")
		for _, para := range strings.Split(note, "\n\n") {
			if para = strings.TrimSpace(para); para == "" {
				continue
			}
			b.WriteString("<p>")
			for i, line := range strings.Split(para, "\n") {
				if i > 0 {
					b.WriteString("<br/>")
				}
				escapeXML(&b, line)
			}
			b.WriteString("</p>\n")
		}
		b.WriteString("</aside>\n")
	}
	if err := bodyXHTML(&b, bodyMarkdown(a)); err != nil {
		return "", err
	}
	b.WriteString("\n</body>\n</html>\n")
	return b.String(), nil
}

// dateLine says when the article is from, as the reader does.
func dateLine(it Item) string {
	a := it.Article
	switch {
	case a.Undated || a.Date.IsZero():
		return "undated"
	case a.DateFromFile:
		return "file date: " + a.Date.Format("Monday, 2 January 2006, 15:04")
	case a.Date.Hour() == 0 && a.Date.Minute() == 0 && a.Date.Second() == 0 && a.Date.Nanosecond() == 0:
		return a.Date.Format("Monday, 2 January 2006")
	}
	return a.Date.Format("Monday, 2 January 2006, 15:04")
}

func xhtmlHead(title string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head>
<meta charset="UTF-8"/>
<title>` + escapedXML(title) + `</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
`
}

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`

const styleCSS = `body { margin: 0 1em; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.3em; }
p.meta, p.tags { font-style: italic; margin: 0.2em 0; color: #555; }
aside.note { border-left: 3px solid #999; padding-left: 0.8em; margin: 1em 0; }
pre { white-space: pre-wrap; }
`

func contentOPF(title, uid string, now time.Time, chapters []chapter) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">` + uid + `</dc:identifier>
<dc:title>` + escapedXML(title) + `</dc:title>
<dc:language>und</dc:language>
<dc:creator>broadsheet</dc:creator>
<meta property="dcterms:modified">` + now.UTC().Format("2006-01-02T15:04:05Z") + `</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="css" href="style.css" media-type="text/css"/>
`)
	for _, c := range chapters {
		id := strings.TrimSuffix(c.file, ".xhtml")
		b.WriteString(`<item id="` + id + `" href="` + c.file + `" media-type="application/xhtml+xml"/>` + "\n")
	}
	b.WriteString("</manifest>\n<spine toc=\"ncx\">\n<itemref idref=\"nav\"/>\n")
	for _, c := range chapters {
		b.WriteString(`<itemref idref="` + strings.TrimSuffix(c.file, ".xhtml") + `"/>` + "\n")
	}
	b.WriteString("</spine>\n</package>\n")
	return b.String()
}

func navXHTML(title string, chapters []chapter) string {
	var b strings.Builder
	b.WriteString(xhtmlHead(title))
	b.WriteString(`<nav epub:type="toc" id="toc">
<h1>`)
	escapeXML(&b, title)
	b.WriteString("</h1>\n<ol>\n")
	for _, c := range chapters {
		b.WriteString(`<li><a href="` + c.file + `">`)
		escapeXML(&b, c.title)
		b.WriteString("</a></li>\n")
	}
	b.WriteString("</ol>\n</nav>\n</body>\n</html>\n")
	return b.String()
}

func tocNCX(title, uid string, chapters []chapter) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
<head>
<meta name="dtb:uid" content="` + uid + `"/>
<meta name="dtb:depth" content="1"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text>` + escapedXML(title) + `</text></docTitle>
<navMap>
`)
	for i, c := range chapters {
		n := strconv.Itoa(i + 1)
		b.WriteString(`<navPoint id="p` + n + `" playOrder="` + n + `"><navLabel><text>`)
		escapeXML(&b, c.title)
		b.WriteString(`</text></navLabel><content src="` + c.file + `"/></navPoint>` + "\n")
	}
	b.WriteString("</navMap>\n</ncx>\n")
	return b.String()
}
