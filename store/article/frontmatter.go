package article

import (
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store/text"
	"gopkg.in/yaml.v3"
)

func splitFrontMatter(s string) (raw, rest string, ok bool) {
	first, pos := text.NextLine(s, 0)
	if pos == len(s) && !strings.HasSuffix(s, "\n") || strings.TrimRight(first, " \t") != "---" {
		return "", s, false
	}
	start := pos
	for pos < len(s) {
		line, next := text.NextLine(s, pos)
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			return s[start:pos], s[next:], true
		}
		pos = next
	}
	return "", s, false
}

// parseFrontMatter reads the fields Parse knows from YAML front matter;
// ok says it is a YAML mapping (or empty). Front matter that is not is
// ignored as a whole: the article still loads, from its heading or file
// name.
func parseFrontMatter(raw string) (fm frontMatter, ok bool) {
	defer func() {
		// The YAML parser is not ours; a panic in it must not lose the
		// whole load.
		if recover() != nil {
			fm, ok = frontMatter{}, false
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(raw), &doc); err != nil {
		return fm, false
	}
	if len(doc.Content) == 0 {
		return fm, true
	}
	root := deref(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return fm, false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], deref(root.Content[i+1])
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
			continue
		}
		switch strings.ToLower(k.Value) {
		case "title":
			fm.title = scalar(v)
		case "source":
			fm.source = scalar(v)
		case "url":
			fm.url = scalar(v)
		case "author", "authors":
			fm.author = strings.Join(list(v), ", ")
		case "tags":
			fm.tags = list(v)
		case "date":
			if v.Kind != yaml.ScalarNode {
				fm.hasDate, fm.badDate = true, true
				continue
			}
			fm.hasDate = true
			if d, ok := parseDate(v.Value); ok {
				fm.date = d
				continue
			}
			// YAML reads some timestamps we do not, such as
			// "2001-12-14 21:59:43.10 -5".
			var t time.Time
			if v.ShortTag() == "!!timestamp" && v.Decode(&t) == nil {
				fm.date = wallClock(t)
				continue
			}
			fm.badDate = true
		}
	}
	return fm, true
}

// deref follows YAML aliases (with a bound, though the parser rejects
// cycles).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; i < 8 && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

func scalar(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// list reads a YAML sequence of scalars or a comma-separated string.
func list(n *yaml.Node) []string {
	var out []string
	switch n.Kind {
	case yaml.ScalarNode:
		for _, s := range strings.Split(n.Value, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if s := strings.TrimSpace(scalar(deref(c))); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// takeHeading finds the first level-one ATX heading outside fenced code
// and returns its text and s without that line, so the reader does not
// show the headline twice.
