//go:build !unix

package cli

import (
	"os"
	"time"
)

// foreground: only Unix terminals are asked.
func foreground(*os.File) bool { return false }

func queryBackground(*os.File, time.Duration) (dark, ok bool) { return false, false }
