// Package scan owns how articles are found on disk: the roots given on the
// command line, the walk over them on every core, reading and parsing one
// file into its articles, and watching the folders for changes. It
// imports store/article and store/text, and must not import the index,
// the state files, store itself or any Charm package: what to do with
// each file found is its caller's.
package scan
