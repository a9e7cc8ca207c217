// Package query owns the query language of the filter and list --filter:
// its lexer, parser and AST (every node prints itself), its evaluation over
// a small Source interface, the phrase check (each candidate's filter of
// adjacent words asked, then its texts read, after the source's lock is
// let go), and the highlighting of what a query looks for.
// It imports store/index and store/text, and must not import
// store/article, store/scan, store itself or any Charm package: what a
// doc is, the Source says.
package query
