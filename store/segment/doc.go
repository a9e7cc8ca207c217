// Package segment owns the immutable index segment on disk: one file
// holding a set of articles' rows, their files, their words and posting
// lists, written once (Write, Merge) and read in place through a
// read-only memory mapping (Open), so that a library of a million
// articles opens without decoding anything and keeps in memory only the
// pages that a screen or a query touches. The layout is documented at the
// top of open.go, where it is read.
//
// It imports store/index (to read an in-memory index and to fill its
// Bitsets) and store/text (to fold headlines), and must not import store,
// store/article (it never sees an article or parses a file), or any Charm
// package.
//
// # Choices, and what they were measured against
//
// Shaped as Lucene's and bleve's zap segments are: fixed-width tables
// binary-searched in place, strings in one heap, a block-indexed term
// dictionary, and roaring posting lists (zap's choice), with headline
// postings kept apart so a title: query reads no body postings.
//
// The dictionary is sorted front-coded blocks of 16 terms, found by a
// binary search of the blocks' first terms, read where they lie. At
// 100,000 docs (60,000 words, go test -bench DictBlocks -count 5, medians)
// the dictionary with its entries is 628, 564, 533, 517 and 509 kB at 8,
// 16, 32, 64 and 128 terms a block, and a look-up of a random word takes
// 1.0, 1.6, 3.1, 3.9 and 6.3 us: 16 is the knee. vellum (an FST, v1.2.1)
// over the same words, holding one number a word where an entry here
// holds three, is 328 kB and looks a word up in 0.97 us, but walks the
// 128 words of a three-letter prefix in 61 us with 39 allocations,
// against 7 us and none here; a prefix walk is what every keystroke of a
// filter does, so vellum is not measurably better, and it would be one
// more dependency trusted with a file that may be spoiled.
//
// Postings are written by the roaring package (run-optimised) and read by
// a walker of its portable format (postings.go), not by roaring's
// FromBuffer: that builds a Bitmap for every list it views, and ORing the
// commonest word's list of 100,000 docs into a Bitset through it takes
// 1.4 ms (BenchmarkOrIntoFromBuffer) against 5-9 us for the walker, which
// copies a bitmap container's words and allocates nothing. Lists are not
// padded to 8 bytes: the walker's loads are unaligned little-endian reads,
// which cost nothing more on the machines Go runs on.
//
// The first key of a filter is a prefix of one letter, and ORing every
// word that starts with it read most of the postings: at a million docs
// that made the first keystroke of each letter slow and, as the library
// warms all 36 after a load, every page of postings resident. So the doc
// sets of every first character and of the larger two-character prefixes
// are stored whole (prefixes.go). At 100,000 docs (go test -bench
// 'OrInto$/prefix' -count 5, medians) OrInto of "m", 5,708 words and
// 3.0 MB of lists, took 4.3 ms and takes 5 us; of "ti", 3,883 words and
// 2.1 MB, 3.2 ms and now 3.7 us; a three-letter prefix walks, as before.
// Which two-character prefixes was chosen by size, on the bench corpus
// and on 100,000 docs of English prose (400-word windows of the vim and
// perl manuals and Go's comments; a 45 MB segment): storing all costs
// 1.9 and 5.4 MB, those of more than 1/64 of the docs nearly as much
// (4.8 MB of prose: the large sets are the costly ones), and those of 256
// words or a byte of lists a doc (twoLetter) 0.55 and 2.3 MB, leaving
// walks of fewer words and bytes than that. The one-character sets are
// 0.41 and 1.0 MB. The bench segment grows from 62.94 to 63.90 MB (1.5%);
// Write takes 8% longer and Merge, which unites the inputs' sets rather
// than the postings, 17%.
//
// A phrase is checked by reading each candidate's file, since a segment
// keeps no word positions: at a million docs "said the minister" had
// 437,812 candidates and 328 docs holding it, and took 6.5-12 s. Lucene's
// positions would answer it from the index, at a byte or two a word (some
// 700 MB more at the million, a cache more than twice the size) and, while
// a load builds them, as much more heap. Each doc keeps instead a Bloom
// filter of its pairs of adjacent words (index.PairFilter, half a byte a
// pair), asked before its file is read: it turns away 85% of the docs
// that lack one pair of a phrase and 98% of those that lack two. The
// filters sit in a section of their own, apart from the rows and strings
// a first screen reads. At a million docs they add 223 MB (a 633 MB
// segment becomes 856 MB) and the phrase takes 0.55-0.97 s, its output
// the same; at 100,000 (BenchmarkPhrase, medians of three) 658 ms becomes
// 61 ms, and the segment 66.5 MB becomes 88.7 MB.
//
// Each doc keeps too the sketch of its body (store/dedup), 64 bytes in a
// table of its own, so that near-copies are grouped without reading a
// file: 64 MB more at a million docs, read whole only when grouping.
package segment
