// Package export writes articles out of broadsheet for other readers: an
// EPUB 3 book (one chapter an article, with its particulars and the
// user's note), a folder of markdown files with YAML front matter that
// broadsheet reads back as it wrote them, and JSON Lines with every field.
// It takes what to write as Items (an article with its body, the tags and
// the note that go with it), so it never looks anything up; the CLI finds,
// filters and opens the articles. Output goes to a temporary file or
// folder beside the destination and is renamed into place only when it is
// whole, so a failed export leaves what was there before. It imports
// store/article and store/text (and goldmark, x/net/html and yaml.v3),
// and must not import store itself or any Charm package.
package export
