package store

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/broadsheet/broadsheet"

// layers says which of the module's packages each may import, by path
// below the module: the one-way rule of the layout (README, "How the code
// is laid out"). A package missing here fails the test, so a new one is
// placed on purpose.
var layers = map[string][]string{
	"":                           {"ui/cli"},
	"seeds":                      nil,
	"store/text":                 nil,
	"store/dedup":                nil,
	"store/export":               {"store/article", "store/text"},
	"store/article":              {"store/text"},
	"store/index":                {"store/dedup", "store/text"},
	"store/query":                {"store/index", "store/text"},
	"store/scan":                 {"store/article", "store/text"},
	"store/segment":              {"store/dedup", "store/index", "store/text"},
	"store/state":                {"store/article", "store/text"},
	"store/testcorpus":           nil,
	"store/testcorpus/gencorpus": {"store/testcorpus"},
	"store":                      {"store/article", "store/dedup", "store/index", "store/query", "store/scan", "store/segment", "store/state", "store/text"},
	"ui":                         {"seeds", "store", "store/article", "store/index", "store/query", "store/scan", "store/state", "store/text"},
	"ui/cli":                     {"seeds", "store", "store/article", "store/export", "store/index", "store/query", "store/scan", "store/state", "store/text", "ui", "ui/cli/quietbg"},
	"ui/cli/quietbg":             nil,
}

type listedPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

// TestImportRule checks every package of the module against layers, and
// that nothing under store/ depends on a Charm package, even indirectly.
func TestImportRule(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-json", module+"/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rel, ours := strings.CutPrefix(p.ImportPath, module)
		if !ours {
			continue
		}
		rel = strings.TrimPrefix(rel, "/")
		seen++
		allowed, known := layers[rel]
		if !known {
			t.Errorf("package %q is not in the layout's layers", rel)
			continue
		}
		for _, imp := range p.Imports {
			if dep, ok := strings.CutPrefix(imp, module); ok {
				dep = strings.TrimPrefix(dep, "/")
				if !slices.Contains(allowed, dep) {
					t.Errorf("%q imports %q, which the layout does not allow", rel, dep)
				}
			}
		}
		if rel == "store" || strings.HasPrefix(rel, "store/") {
			for _, dep := range p.Deps {
				if strings.HasPrefix(dep, "github.com/charmbracelet/") || strings.HasPrefix(dep, "charm.land/") {
					t.Errorf("%q depends on the Charm package %q", rel, dep)
				}
			}
		}
	}
	if seen < len(layers)-1 {
		t.Errorf("go list showed %d of the module's packages; the layout names %d", seen, len(layers))
	}
}
