package testcorpus

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"testing"
)

// EPUBCheck runs the W3C checker, epubcheck, on the book at path when it
// is on PATH, and fails t on any error or warning it reports (a warning
// is often what an e-reader trips on). Without epubcheck it only logs,
// unless BROADSHEET_EPUBCHECK=1 (as .ci/run sets it): then a missing
// checker fails the test, so CI cannot pass without the check.
func EPUBCheck(t testing.TB, path string) {
	t.Helper()
	bin, err := exec.LookPath("epubcheck")
	if err != nil {
		if os.Getenv("BROADSHEET_EPUBCHECK") == "1" {
			t.Fatal("BROADSHEET_EPUBCHECK=1 but epubcheck is not on PATH")
		}
		t.Log("epubcheck is not on PATH: the book is not checked by it")
		return
	}
	cmd := exec.Command(bin, path)
	// Debian's /usr/bin/epubcheck is the jar itself, run through
	// binfmt_misc where that is set up; a container may not have it.
	if isJar(bin) {
		cmd = exec.Command("java", "-jar", bin, path)
	}
	out, err := cmd.CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING(")) || bytes.Contains(out, []byte("ERROR(")) ||
		!bytes.Contains(out, []byte("No errors or warnings detected")) {
		t.Fatalf("epubcheck rejects %s: %v\n%s", path, err, out)
	}
}

// isJar says whether the file at path is a zip (a jar), not a program.
func isJar(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 2)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == "PK"
}
