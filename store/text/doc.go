// Package text is the leaf of the store: how words are split and folded,
// how text from a file is made safe for a terminal, how plain text is
// escaped for markdown, and what links and headings a markdown text has.
// It must import nothing of broadsheet's, so every other store package can
// use it.
package text
