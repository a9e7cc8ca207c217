package article

import "testing"

// TestNoControls8: the eight-bytes-at-a-time test agrees with
// looksLikeText's byte at a time on every byte in every position.
func TestNoControls8(t *testing.T) {
	for c := range 256 {
		for pos := range 8 {
			x := uint64(0x6161616161616161)&^(0xff<<(8*pos)) | uint64(c)<<(8*pos)
			if got, want := noControls8(x), c >= 0x20 && c != 0x7f; got != want {
				t.Fatalf("byte %#x at %d: %v, want %v", c, pos, got, want)
			}
		}
	}
}

// FuzzLooksLikeText: looksLikeText, which passes over bytes that are no
// controls eight at a time, counts as a loop over the bytes counts.
func FuzzLooksLikeText(f *testing.F) {
	for _, s := range []string{"", "plain text, long enough to skip some", "a\x00b", "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f text",
		"Zürich\x7f\x7f\x7f\x7f and more", "\x1b[31mred\x1b[0m text"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := looksLikeText(data), refLooksLikeText(data); got != want {
			t.Fatalf("%q: %v, want %v", data, got, want)
		}
	})
}

// refLooksLikeText is looksLikeText a byte at a time.
func refLooksLikeText(data []byte) bool {
	sample := data[:min(len(data), sniffLen)]
	controls := 0
	for _, c := range sample {
		if c >= 0x20 {
			if c == 0x7f {
				controls++
			}
			continue
		}
		switch c {
		case 0:
			return false
		case '\t', '\n', '\r', '\f', '\v', 0x1b:
		default:
			controls++
		}
	}
	return controls*10 <= len(sample)
}
