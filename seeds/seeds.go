// Package seeds embeds the sample articles that broadsheet opens when it is
// given no folder: the canonical seed article and a short tour of the app.
package seeds

import "embed"

// FS holds the sample articles.
//
//go:embed *.txt *.md
var FS embed.FS
