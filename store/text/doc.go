// Package text is the leaf of the store: how words are split and folded,
// how text from a file is made safe for a terminal, and how plain text is
// escaped for markdown. It must import nothing of broadsheet's, so every
// other store package can use it.
package text
