// Command broadsheet reads folders of saved news articles in the terminal.
//
// main only wires: the command line lives in package ui/cli.
package main

import (
	"os"
	"runtime/debug"

	"github.com/broadsheet/broadsheet/ui/cli"
)

// gcPercent is the GC target broadsheet runs with; the store benchmarks
// use the same (store/bench_test.go).
const gcPercent = 25

func main() {
	// The library's live heap is small next to what loading churns
	// through (each file read, parsed and tokenised, then dropped); a
	// tighter GC target keeps the peak nearer the live heap. For 100,000
	// articles: 130-138 MB at a warm start instead of 160 at Go's default;
	// 15 saved a few more MB but made a cold load 40% slower.
	debug.SetGCPercent(gcPercent)
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
