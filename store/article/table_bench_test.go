package article

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// benchRecords is how many records each dataset of BenchmarkDatasetLoad
// holds.
const benchRecords = 100_000

// benchRecord is record i of the benchmarks' datasets, the same in each
// format: a headline, a paragraph, a date, a link and tags.
func benchRecord(i int) map[string]string {
	return map[string]string{
		"title":        fmt.Sprintf("Record %d: talks resume as the deadline nears", i),
		"text":         strings.Repeat(fmt.Sprintf("Paragraph of record %d, with a comma and \"quotes\". ", i), 5),
		"published_at": fmt.Sprintf("2024-11-%02dT%02d:49:00Z", 1+i%28, i%24),
		"url":          fmt.Sprintf("https://example.com/news/%d", i),
		"tags":         "politics, world",
	}
}

var benchColumns = []string{"title", "text", "published_at", "url", "tags"}

func benchJSONL() []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	for i := range benchRecords {
		e.Encode(benchRecord(i))
	}
	return b.Bytes()
}

func benchJSONArray() []byte {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i := range benchRecords {
		if i > 0 {
			b.WriteString(",\n")
		}
		rec, _ := json.Marshal(benchRecord(i))
		b.Write(rec)
	}
	b.WriteString("\n]\n")
	return b.Bytes()
}

func benchCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(benchColumns)
	row := make([]string, len(benchColumns))
	for i := range benchRecords {
		rec := benchRecord(i)
		for j, c := range benchColumns {
			row[j] = rec[c]
		}
		w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// BenchmarkDatasetLoad streams 100,000 records of each dataset format
// from memory, as the loader streams a file (scan.ReadEach, and Parse by
// way of collect): JSON Lines against a CSV table and a JSON array of
// the same records.
func BenchmarkDatasetLoad(b *testing.B) {
	for _, c := range []struct {
		name string
		f    *Format
		data []byte
	}{
		{"jsonl", &jsonlFormat, benchJSONL()},
		{"csv", csvFormat, benchCSV()},
		{"json-array", jsonFormat, benchJSONArray()},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				n := 0
				err := c.f.Stream(bytes.NewReader(c.data), 0, c.name, func(r Record) error {
					if r.Err != nil {
						return r.Err
					}
					n++
					return nil
				})
				if err != nil || n != benchRecords {
					b.Fatalf("%d records, %v", n, err)
				}
			}
			b.ReportMetric(float64(benchRecords*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
