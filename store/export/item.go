package export

import (
	"iter"
	"time"

	"github.com/broadsheet/broadsheet/store/article"
)

// Item is one article to export with what the user keeps of it: its
// tags (the article's own and the user's, as one set) and its note.
// Article must carry its Body (the library's Open gives it).
type Item struct {
	Article    *article.Article
	Tags       []string
	Note       string
	Bookmarked bool
}

// Items are the articles to export, in order, each with the error met in
// getting it; the first error stops the export.
type Items = iter.Seq2[Item, error]

// Options are what every format takes.
type Options struct {
	// Title names an EPUB; "" is "broadsheet".
	Title string
	// Now dates an EPUB (its dcterms:modified); zero is time.Now.
	Now time.Time
	// Progress, when set, is told how many articles are written so far,
	// after each one.
	Progress func(done int)
}

func (o Options) progress(n int) {
	if o.Progress != nil {
		o.Progress(n)
	}
}

// FromSlice is Items over a slice, for tests and small exports.
func FromSlice(items []Item) Items {
	return func(yield func(Item, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
}
