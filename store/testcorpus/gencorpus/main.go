// Command gencorpus prints the folder of a generated test corpus of N
// articles, generating it on first use: go run ./store/testcorpus/gencorpus 100000
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/broadsheet/broadsheet/store/testcorpus"
)

func main() {
	n := 10000
	if len(os.Args) > 1 {
		v, err := strconv.Atoi(os.Args[1])
		if err != nil || v <= 0 {
			fmt.Fprintln(os.Stderr, "usage: gencorpus [N]")
			os.Exit(2)
		}
		n = v
	}
	dir, err := testcorpus.Dir(n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Println(dir)
}
