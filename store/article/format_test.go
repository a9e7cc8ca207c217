package article

import "testing"

// TestRegistry: every format has a name the cache can keep and a way to
// be chosen, names are unique, and a streamed format can read one record
// again, since the reader reopens records by offset.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range formats {
		if f.Name == "" || seen[f.Name] || Lookup(f.Name) != f {
			t.Errorf("format %q: empty, repeated or not found by name", f.Name)
		}
		seen[f.Name] = true
		if f.Claims == nil && f.Detect == nil {
			t.Errorf("%s: neither Claims nor Detect", f.Name)
		}
		if f.Stream != nil && f.Reread == nil {
			t.Errorf("%s: streamed without Reread", f.Name)
		}
		if f.Stream == nil && f.Parse == nil {
			t.Errorf("%s: neither Parse nor Stream", f.Name)
		}
		if (f.Split == nil) != (f.Decode == nil) {
			t.Errorf("%s: Split without Decode or Decode without Split", f.Name)
		}
	}
}
