package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/broadsheet/broadsheet/store/testcorpus"
)

// stdObject is what encoding/json, as decodeJSONRecord used it before
// readObject, makes of rec, and whether it read one object and no more.
func stdObject(rec []byte) (map[string]any, bool) {
	var obj map[string]any
	d := json.NewDecoder(bytes.NewReader(rec))
	d.UseNumber()
	if err := d.Decode(&obj); err != nil || d.More() || obj == nil {
		return nil, false
	}
	return obj, true
}

var objectSeeds = []string{
	`{"title": "Qatar talks", "text": "Line one.\nLine two.", "date": "2024-11-16T20:49:00Z"}`,
	`{}`, ` { "a" : [ ] , "b" : { } } `, `{"a":1,"a":2}`, `{"n": -0.5e+10, "m": 0, "k": 12E-3, "t": true, "f": false, "z": null}`,
	`{"tags": ["a", "b", {"name": "c"}], "author": {"name": "Ann", "url": null}}`,
	`{"s": "\u00e9\ud83d\ude00\ud800x\udc00\u0000\"\\\/\b\f\n\r\t"}`, "{\"s\": \"caf\xe9 \xff\xfe ok \xed\xa0\x80\"}",
	`{"s": "Zürich, 東京"}`, "{\"s\": \"a\tb\"}", `{"s": "\'"}`, `{"s": "\x"}`, `{"s": "\u12"}`, `{"a": 01}`, `{"a": 1.}`,
	`{"a": -}`, `{"a": 1e}`, `{"a": tru}`, `{"a": truex}`, `{"a": 1} {"b": 2}`, `{"a": 1}}`, `{"a": 1,}`, `{,}`,
	`{"a" 1}`, `[1, 2]`, `"a string"`, `null`, `{"a": [1,]}`, `{"a": "unterminated}`, `{"a": 1`, "",
	`{"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}`, "\ufeff{}", `{"a":NaN}`,
}

// FuzzReadObject: readObject reads what encoding/json reads, the same,
// and turns down only what encoding/json turns down or reads the same.
func FuzzReadObject(f *testing.F) {
	for _, s := range objectSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, rec []byte) {
		got, ok := readObject(rec)
		want, wantOK := stdObject(rec)
		if ok && (!wantOK || !reflect.DeepEqual(got, want)) {
			t.Fatalf("%q: read %#v, encoding/json %#v, %v", rec, got, want, wantOK)
		}
		if !ok && got != nil {
			t.Fatalf("%q: turned down, but with %#v", rec, got)
		}
	})
}

// TestReadObjectReadsDatasets: the test corpus's records, and the
// seeds that are plain objects, take the fast path.
func TestReadObjectReadsDatasets(t *testing.T) {
	for _, s := range []string{objectSeeds[0], objectSeeds[1], objectSeeds[2], objectSeeds[4], objectSeeds[5], objectSeeds[6],
		objectSeeds[7], objectSeeds[8]} {
		if _, ok := readObject([]byte(s)); !ok {
			t.Errorf("%s: not read", s)
		}
	}
	for _, rec := range corpusRecords(t, 200) {
		if _, ok := readObject(rec); !ok {
			t.Fatalf("%s: not read", rec)
		}
	}
}

// corpusRecords is the first n records of the 1,000-article test corpus
// as JSON Lines.
func corpusRecords(tb testing.TB, n int) [][]byte {
	file, err := testcorpus.JSONL(1000)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var recs [][]byte
	for sc := bufio.NewScanner(bytes.NewReader(data)); sc.Scan() && len(recs) < n; {
		recs = append(recs, bytes.Clone(sc.Bytes()))
	}
	return recs
}

// BenchmarkJSONRecord decodes the test corpus's records as a JSON Lines
// load does.
func BenchmarkJSONRecord(b *testing.B) {
	recs := corpusRecords(b, 1000)
	size := 0
	for _, r := range recs {
		size += len(r)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range recs {
			if _, err := jsonRecord(r, 0); err != nil {
				b.Fatal(err)
			}
		}
	}
}
