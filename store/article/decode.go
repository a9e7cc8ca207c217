package article

import (
	"bytes"
	"encoding/binary"
	"unicode"
	"unicode/utf8"
	"unsafe"

	xunicode "golang.org/x/text/encoding/unicode"

	"golang.org/x/text/encoding/charmap"
)

// ---- decoding ------------------------------------------------------------

var (
	utf8BOM = []byte{0xef, 0xbb, 0xbf}
	// binaryMagic are the openings of the binary files most often found
	// beside articles: PNG, JPEG, GIF, PDF, ZIP (and so docx, epub), gzip.
	binaryMagic = [][]byte{
		[]byte("\x89PNG\r\n\x1a\n"),
		{0xff, 0xd8, 0xff},
		[]byte("GIF87a"),
		[]byte("GIF89a"),
		[]byte("%PDF-"),
		[]byte("PK\x03\x04"),
		[]byte("PK\x05\x06"),
		{0x1f, 0x8b},
	}
)

// decodeText turns a file's bytes into UTF-8 text with '\n' line ends and
// no byte-order mark, or fails with ErrNotText or ErrEmpty. It copies the
// data once in the common case (valid UTF-8 with LF line ends), or with
// view not at all: the text is then data itself, seen as a string.
func decodeText(data []byte, view bool) (string, error) {
	owned := false // whether data may be changed in place
	if len(data) >= 2 && (data[0] == 0xff && data[1] == 0xfe || data[0] == 0xfe && data[1] == 0xff) {
		// UTF-16 with a byte-order mark, as Windows editors save "Unicode".
		b, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", ErrNotText
		}
		data, owned = b, true
	} else {
		for _, m := range binaryMagic {
			if bytes.HasPrefix(data, m) {
				return "", ErrNotText
			}
		}
	}
	if !looksLikeText(data) {
		return "", ErrNotText
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		data, owned = fromWindows1252(data), true
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = normaliseNewlines(data, owned)
	}
	if isBlank(data) {
		return "", ErrEmpty
	}
	if view || owned {
		// A view of the caller's data, or of a copy no one else holds.
		return unsafe.String(unsafe.SliceData(data), len(data)), nil
	}
	return string(data), nil
}

// looksLikeText says whether the start of data is text: no NUL, and few
// control bytes other than whitespace and ESC (text coloured with ANSI
// escapes is still text; the sanitiser defuses the escapes).
func looksLikeText(data []byte) bool {
	sample := data
	if len(sample) > sniffLen {
		sample = sample[:sniffLen]
	}
	controls := 0
	for i := 0; i < len(sample); i++ {
		for i+8 <= len(sample) && noControls8(binary.LittleEndian.Uint64(sample[i:])) {
			i += 8
		}
		if i == len(sample) {
			break
		}
		c := sample[i]
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

// noControls8 says whether none of the 8 bytes of x is a control or DEL,
// so that looksLikeText can pass over them at once. For a byte b below
// 0x80, b + 0x60 has its top bit set just when b >= 0x20, and b + 0x01
// just when b is 0x7f, with no carry into the next byte.
func noControls8(x uint64) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	low := x &^ tops
	return (x|(low+0x60*ones)&^(low+ones))&tops == tops
}

// fromWindows1252 decodes text that is not valid UTF-8. Valid UTF-8
// sequences are kept and each invalid byte is read as Windows-1252, so a
// Windows-1252 file reads right ("Café", "£600m") and so does a UTF-8 file
// with a few stray Windows-1252 bytes pasted in.
func fromWindows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/4)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(c))
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// normaliseNewlines turns CRLF and lone CR into LF, in place when the
// buffer is owned.
func normaliseNewlines(b []byte, owned bool) []byte {
	var out []byte
	if owned {
		out = b[:0]
	} else {
		out = make([]byte, 0, len(b))
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}

func isBlank(b []byte) bool {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}
