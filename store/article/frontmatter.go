package article

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/text"
	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// frontMatter is what an article's front matter says.
type frontMatter struct {
	title, source, author, excerpt string
	redirect                       string // where a redirect stub sends the reader
	path                           string // a permalink or path, which may hold a date
	tags                           []string
	date                           time.Time
	hasDate                        bool // a date was given
	badDate                        bool // a date was given but could not be read
}

// splitFrontMatter finds front matter at the start of s: YAML between a
// "---" line and a "---" or "..." line, TOML between "+++" lines (Hugo,
// Zola), or a JSON object whose last line is "}" (Hugo). Without its
// closing line there is none: the "---" is the markdown's own thematic
// break. kind is 'y', 't' or 'j'.
func splitFrontMatter(s string) (raw, rest string, kind byte, ok bool) {
	first, pos := text.NextLine(s, 0)
	first = strings.TrimRight(first, " \t")
	switch {
	case pos == len(s) && !strings.HasSuffix(s, "\n"):
		return "", s, 0, false
	case first == "---", first == "+++":
		closers := []string{"---", "..."}
		kind = 'y'
		if first == "+++" {
			closers, kind = []string{"+++"}, 't'
		}
		start := pos
		for pos < len(s) {
			line, next := text.NextLine(s, pos)
			if t := strings.TrimRight(line, " \t"); t == closers[0] || len(closers) > 1 && t == closers[1] {
				return s[start:pos], s[next:], kind, true
			}
			pos = next
		}
	case strings.HasPrefix(first, "{"):
		d := json.NewDecoder(strings.NewReader(s))
		var obj map[string]any
		if d.Decode(&obj) == nil {
			end := int(d.InputOffset())
			if _, next := text.NextLine(s, end); strings.TrimSpace(s[end:min(next, len(s))]) == "" {
				return s[:end], s[min(next, len(s)):], 'j', true
			}
		}
	}
	return "", s, 0, false
}

// parseFrontMatter reads the fields Parse knows from front matter; ok
// says it is a mapping (or empty). Front matter that is not is ignored as
// a whole: the article still loads, from its heading or file name.
func parseFrontMatter(raw string, kind byte) (fm frontMatter, ok bool) {
	defer func() {
		// The parsers are not ours; a panic in one must not lose the load.
		if recover() != nil {
			fm, ok = frontMatter{}, false
		}
	}()
	var fields map[string]any
	switch kind {
	case 'y':
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(raw), &doc); err != nil {
			return fm, false
		}
		if len(doc.Content) == 0 {
			return fm, true
		}
		m, isMap := fromYAML(doc.Content[0], 0).(map[string]any)
		if !isMap {
			return fm, false
		}
		fields = m
	case 't':
		if err := toml.Unmarshal([]byte(raw), &fields); err != nil {
			return fm, false
		}
	case 'j':
		d := json.NewDecoder(strings.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&fields); err != nil {
			return fm, false
		}
	default:
		return fm, false
	}
	return readFields(fields), true
}

// fromYAML turns a YAML node into strings (a scalar as written, so a date
// reads as its author wrote it), lists and maps, following aliases.
func fromYAML(n *yaml.Node, depth int) any {
	for i := 0; i < 8 && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	if depth > 16 {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return nil
		}
		return n.Value
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			out = append(out, fromYAML(c, depth+1))
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = fromYAML(n.Content[i+1], depth+1)
		}
		return out
	}
	return nil
}

// Front matter keys, by what they give, each list in the order looked at.
var (
	fmDateKeys     = []string{"date", "published", "publishdate", "pubdate", "created", "updated", "lastmod"}
	fmAuthorKeys   = []string{"author", "authors", "by", "byline"}
	fmTagKeys      = []string{"tags", "categories", "keywords"}
	fmExcerptKeys  = []string{"description", "summary", "excerpt"}
	fmSourceKeys   = []string{"source", "url", "link", "canonical", "canonical_url"}
	fmRedirectKeys = []string{"redirect", "redirect_to", "redirect_url", "redirecturl"}
	fmPathKeys     = []string{"path", "permalink", "slug"}
)

// readFields reads front matter's fields, whatever its syntax, by key
// (case ignored).
func readFields(raw map[string]any) frontMatter {
	fields := make(map[string]any, len(raw))
	for k, v := range raw {
		if v != nil {
			fields[strings.ToLower(k)] = v
		}
	}
	first := func(keys []string) (any, bool) {
		for _, k := range keys {
			if v, ok := fields[k]; ok && fmString(v) != "" {
				return v, true
			}
		}
		return nil, false
	}
	var fm frontMatter
	fm.title = fmString(fields["title"])
	if v, ok := first(fmSourceKeys); ok {
		fm.source = fmString(v)
	}
	if v, ok := first(fmAuthorKeys); ok {
		var names []string
		for _, s := range fmList(v) {
			names = append(names, personName(s))
		}
		fm.author = strings.Join(names, ", ")
	}
	taxonomies, _ := fields["taxonomies"].(map[string]any) // Zola's
	for _, k := range fmTagKeys {
		fm.tags = append(fm.tags, fmList(fields[k])...)
		fm.tags = append(fm.tags, fmList(taxonomies[k])...)
	}
	if v, ok := first(fmExcerptKeys); ok {
		fm.excerpt = fmString(v)
	}
	if v, ok := first(fmRedirectKeys); ok {
		fm.redirect = fmString(v)
	}
	if v, ok := first(fmPathKeys); ok {
		fm.path = fmString(v)
	}
	if v, ok := first(fmDateKeys); ok {
		fm.hasDate = true
		fm.date, fm.badDate = fmDate(v)
	}
	return fm
}

// fmString is a field as one string; a list's first item, a map's name.
func fmString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		if len(v) > 0 {
			return fmString(v[0])
		}
	case map[string]any:
		for _, k := range []string{"name", "title", "url"} {
			if s := fmString(v[k]); s != "" {
				return s
			}
		}
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return v.(interface{ String() string }).String()
	case json.Number:
		return v.String()
	case bool, int64, float64, int:
		return fmt.Sprint(v)
	}
	return ""
}

// fmList is a field as a list: a list's items, or a string split at commas.
func fmList(v any) []string {
	var out []string
	switch v := v.(type) {
	case nil:
	case []any:
		for _, x := range v {
			if s := fmString(x); s != "" {
				out = append(out, s)
			}
		}
	default:
		for _, s := range strings.Split(fmString(v), ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// fmDate reads a front matter date, bad when it cannot be read.
func fmDate(v any) (time.Time, bool) {
	if t, ok := v.(time.Time); ok {
		return wallClock(t), false
	}
	s := fmString(v)
	if d, ok := parseDate(s); ok {
		return d, false
	}
	// YAML reads some timestamps we do not, such as
	// "2001-12-14 21:59:43.10 -5".
	var n yaml.Node
	var t time.Time
	if yaml.Unmarshal([]byte(s), &n) == nil && len(n.Content) == 1 && n.Content[0].ShortTag() == "!!timestamp" && n.Content[0].Decode(&t) == nil {
		return wallClock(t), false
	}
	return time.Time{}, true
}

var (
	wikiLink     = regexp.MustCompile(`^\[\[([^\]|]*)(?:\|([^\]]*))?\]\]$`)
	markdownLink = regexp.MustCompile(`^\[([^\]]*)\]\([^)]*\)$`)
)

// personName reduces an author written as a link, "[[Obsidian]]",
// "[[page|Name]]" or "[Name](https://...)", to the name.
func personName(s string) string {
	s = strings.TrimSpace(s)
	if m := wikiLink.FindStringSubmatch(s); m != nil {
		if m[2] != "" {
			return strings.TrimSpace(m[2])
		}
		return strings.TrimSpace(m[1])
	}
	if m := markdownLink.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1])
	}
	return s
}
