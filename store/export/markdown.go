package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/store/article"
	"github.com/broadsheet/broadsheet/store/text"
	"gopkg.in/yaml.v3"
)

// Markdown writes each item to dir (which must exist) as a markdown file
// with YAML front matter, named by its headline and ID (slug-0123456789.md).
// The front matter holds what broadsheet's markdown reader reads back
// (store/article/frontmatter.go): title, date (RFC 3339, left out for an
// undated article), source, author, description (the excerpt), tags (the
// article's own and the user's, as one set); and beside them site and
// note, which broadsheet does not read from front matter but other tools
// may. The body is the article's as it is, so broadsheet reads the same
// text back.
func Markdown(dir string, items Items, opt Options) error {
	used := map[string]bool{}
	n := 0
	for it, err := range items {
		if err != nil {
			return err
		}
		name := fileName(it.Article, used)
		data, err := MarkdownFile(it)
		if err != nil {
			return fmt.Errorf("%s: %w", text.SanitizeLine(it.Article.Path), err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
		n++
		opt.progress(n)
	}
	return nil
}

// frontMatter is a markdown file's front matter, in the order written.
type frontMatter struct {
	Title       string   `yaml:"title"`
	Date        string   `yaml:"date,omitempty"`
	Source      string   `yaml:"source,omitempty"`
	Author      any      `yaml:"author,omitempty"`
	Site        string   `yaml:"site,omitempty"`
	Description string   `yaml:"description,omitempty"`
	Tags        []string `yaml:"tags,omitempty"`
	Note        string   `yaml:"note,omitempty"`
}

// MarkdownFile is one item as Markdown writes it.
func MarkdownFile(it Item) ([]byte, error) {
	a := it.Article
	fm := frontMatter{Title: valid(a.Headline), Source: valid(a.Source), Site: valid(a.Site),
		Description: valid(a.Excerpt), Note: valid(it.Note)}
	if !a.Undated && !a.Date.IsZero() {
		fm.Date = a.Date.Format(time.RFC3339Nano)
	}
	if a.Author != "" {
		// The reader splits a string at commas and joins the names with
		// ", "; an author that would not come back the same is a list.
		fm.Author = valid(a.Author)
		if names := strings.Split(a.Author, ","); len(names) > 1 && strings.Join(trimAll(names), ", ") != a.Author {
			fm.Author = []string{valid(a.Author)}
		}
	}
	for _, t := range it.Tags {
		fm.Tags = append(fm.Tags, valid(t))
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	b.WriteString("---\n\n")
	if body := valid(a.Body); body != "" {
		b.WriteString(body)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// valid is s with invalid UTF-8 replaced: yaml.v3 writes a string that
// is not UTF-8 as base64.
func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

func trimAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.TrimSpace(s)
	}
	return out
}

// jekyllDate is what makes broadsheet date a file by its name.
var jekyllDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(?:-|$)`)

// maxSlug bounds a file name's slug, in bytes.
const maxSlug = 64

// fileName is a's file name in the folder: its headline's words, lower
// case, joined by '-', then its ID's first digits (more where two would
// share a name). Nothing but letters, digits and '-' is in it, so it is
// safe on any file system; a slug that reads as a date (2024-11-16-...)
// starts "undated-" when the article has no date, which its name would
// otherwise give it.
func fileName(a *article.Article, used map[string]bool) string {
	var b strings.Builder
slug:
	for _, r := range strings.ToLower(text.SanitizeLine(a.Headline)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if b.Len()+utf8.RuneLen(r) > maxSlug {
				break slug
			}
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "article"
	}
	if (a.Undated || a.Date.IsZero()) && jekyllDate.MatchString(slug) {
		slug = "undated-" + slug
	}
	id := a.ID.String()
	for n := article.ShortIDLen; ; n += 2 {
		name := slug + "-" + id[:min(n, len(id))] + ".md"
		if !used[strings.ToLower(name)] || n >= len(id) {
			used[strings.ToLower(name)] = true
			return name
		}
	}
}
