package state

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPositionsRoundTrip: positions read back as marked, clamped to a
// fraction; another instance's entry and unknown members survive a save;
// the top forgets a position.
func TestPositionsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b, c := tagRef("a"), tagRef("b"), tagRef("c")
	path := filepath.Join(dir, PositionsFile)
	file := `{"version": 1, "mine": true, "positions": [{"id": "` + b.ID.String() + `", "at": 0.25, "colour": "red"}]}`
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := OpenPositions(dir)
	if err != nil {
		t.Fatal(err)
	}
	p.Mark(a, 0.5)
	p.Mark(c, 7) // past the end: the end
	if p.At(a.ID) != 0.5 {
		t.Errorf("in memory: %v", p.At(a.ID))
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	again, err := OpenPositions(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		ref  Ref
		want float64
	}{{"marked", a, 0.5}, {"another's", b, 0.25}, {"clamped", c, 1}} {
		if got := again.At(tt.ref.ID); got != tt.want {
			t.Errorf("%s: read back %v, want %v", tt.name, got, tt.want)
		}
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{`"mine": true`, `"colour": "red"`, `"headline": "Story a"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the file lost %s:\n%s", want, data)
		}
	}
	again.Mark(a, 0)
	again.Mark(b, math.NaN())
	if err := again.Save(); err != nil {
		t.Fatal(err)
	}
	third, _ := OpenPositions(dir)
	if third.At(a.ID) != 0 || third.At(b.ID) != 0 || third.At(c.ID) != 1 {
		t.Errorf("after going to the top: a %v, b %v, c %v", third.At(a.ID), third.At(b.ID), third.At(c.ID))
	}
	var none *Positions
	if none.At(a.ID) != 0 {
		t.Error("a nil Positions has a position")
	}
}

// TestPositionsBadFile: a file that cannot be read is not written over.
func TestPositionsBadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, PositionsFile)
	bad := `{"version": 1, "positions": [{"id": "zz", "at": 0.5}]}`
	if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := OpenPositions(dir)
	if err == nil {
		t.Fatal("a bad ID was read")
	}
	p.Mark(tagRef("a"), 0.5)
	if err := p.Save(); err == nil {
		t.Error("saving over a file that cannot be read succeeded")
	}
	if data, _ := os.ReadFile(path); string(data) != bad {
		t.Errorf("the file was written over:\n%s", data)
	}
}
