package index

// EachTerm calls fn with every word of the index, in byte order, and two
// walks over its docs, in ascending order: those holding it in the
// headline or body (all) and in the headline alone (title). It is how a
// segment writer reads an in-memory index without knowing its posting
// forms. Like Add, it may not run at the same time as Add.
func (x *Index) EachTerm(fn func(word string, all, title func(yield func(doc uint32)))) {
	sorted := x.Prefixed("")
	words := x.dict.snapshot()
	for _, t := range sorted {
		fn(words[t],
			func(yield func(doc uint32)) { x.all.eachDoc(t, yield) },
			func(yield func(doc uint32)) { x.title.eachDoc(t, yield) })
	}
}
