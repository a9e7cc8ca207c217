// Package article owns what an article is: Article, its content ID, its
// location (Loc, Root), the registry of formats that read files into
// articles (seed, headline-first text, markdown with front matter), dates,
// and the markdown document the reader renders. It imports only
// store/text, and must not import the index, the walk, the state files,
// store itself or any Charm package.
package article
