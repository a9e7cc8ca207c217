package article

import (
	"regexp"
	"strings"

	"github.com/broadsheet/broadsheet/store/text"
)

// Template directives left in a site's sources: Hugo shortcodes
// ({{< name >}}, {{% name %}}), Liquid tags ({% name %}) and moustache
// expressions ({{name ...}}, as Ghost's {{image}}). Each opening one
// becomes a quiet placeholder, a closing one goes, and none is shown as
// raw syntax.
var templateDirective = regexp.MustCompile(
	`\{\{<\s*(/?)\s*([^\s>/]+)[^>]*?/?>\}\}` + // Hugo, angle brackets
		`|\{\{%\s*(/?)\s*([^\s%/]+)[^%]*?/?%\}\}` + // Hugo, percent
		`|\{%-?\s*(end)?([A-Za-z_][\w.-]*)[^%]*?-?%\}` + // Liquid
		`|\{\{-?\s*([#/^>]?)\s*([A-Za-z_.][\w.-]*)[^{}]*?-?\}\}`) // moustache

// quietTemplates replaces the directives outside code. A line that holds
// only directives becomes a paragraph of its own, so that the paragraphs
// around a shortcode block are never joined into one.
func quietTemplates(s string) string {
	if !strings.Contains(s, "{{") && !strings.Contains(s, "{%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var f fence
	for pos := 0; pos < len(s); {
		line, next := text.NextLine(s, pos)
		ended := next > pos+len(line) // the line had its '\n'
		pos = next
		quiet := line
		if !f.inCode(line) {
			quiet = templateDirective.ReplaceAllStringFunc(line, placeholder)
		}
		switch {
		case quiet == line:
			b.WriteString(line)
		case strings.TrimSpace(templateDirective.ReplaceAllString(line, "")) == "":
			// Directives alone on their line: a paragraph of their own,
			// or, for closing ones, a break between paragraphs.
			b.WriteByte('\n')
			if p := strings.TrimSpace(quiet); p != "" {
				b.WriteString(p + "\n")
			}
		default:
			b.WriteString(quiet)
		}
		if ended {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// placeholder is what one directive shows as.
func placeholder(d string) string {
	m := templateDirective.FindStringSubmatch(d)
	closing, name, kind := "", "", "shortcode"
	switch {
	case m[2] != "":
		closing, name = m[1], m[2]
	case m[4] != "":
		closing, name = m[3], m[4]
	case m[6] != "":
		closing, name, kind = m[5], m[6], "template"
	default:
		closing, name, kind = m[7], m[8], "template"
		if closing == "#" || closing == "^" || closing == ">" {
			closing = ""
		}
	}
	if closing != "" {
		return ""
	}
	return "⟨" + kind + ": " + name + "⟩"
}
