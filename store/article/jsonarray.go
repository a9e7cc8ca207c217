package article

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// FormatJSON is a dataset in one JSON document.
const FormatJSON = "json"

// jsonFormat reads a .json file, whatever its shape, without holding
// more of it than one record:
//
//   - an array of objects is an article an object, read by their fields'
//     names as JSON Lines' are (see FieldNames); an element that is not an
//     object, or not JSON, is reported with the line it starts on;
//   - an object holding an array of objects under a key that names no
//     field ({"status": "ok", "articles": [...]}, as news APIs answer) is
//     that array's articles: the first such key's, and the rest of the
//     object is not read;
//   - any other object is one article, by its fields.
//
// Anything else (a string, a number) is an error of the file. JSON's
// syntax has no place to start again after an error, so a record that is
// not JSON ends the file, reported.
var jsonFormat = Fields{}.jsonFormat()

// jsonFormat makes the JSON format whose fields are read through fl.
func (fl Fields) jsonFormat() *Format {
	j := jsonDoc{fields: fl}
	return &Format{Name: FormatJSON, Claims: claimExt(".json"), Stream: j.stream, Reread: j.reread}
}

// jsonDoc reads JSON documents.
type jsonDoc struct{ fields Fields }

// jsonSpace is JSON's white space.
const jsonSpace = " \t\r\n"

// stream reads the document in r, which must stand at the file's start.
func (j jsonDoc) stream(r io.Reader, base int64, _ string, each func(Record) error) error {
	tp := newTape(r, base)
	d := json.NewDecoder(tp)
	d.UseNumber()
	tok, err := d.Token()
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return fmt.Errorf("not JSON: %w", err)
	case tok == json.Delim('['):
		return j.elements(d, tp, each)
	case tok == json.Delim('{'):
		return j.object(d, tp, tp.file(d.InputOffset()-1), each)
	}
	return fmt.Errorf("a JSON %s, not an array or an object", jsonKind(tok))
}

// reread reads the object at offset again.
func (j jsonDoc) reread(f io.ReaderAt, size, offset int64, _ string) (Article, error) {
	tp := newTape(io.NewSectionReader(f, offset, size-offset), offset)
	d := json.NewDecoder(tp)
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return Article{}, fmt.Errorf("%w: %w", errNoRecord, err)
	}
	return j.article(v, tp.slice(offset, tp.file(d.InputOffset())), offset)
}

// elements reads an array's elements, its '[' read, each an article.
func (j jsonDoc) elements(d *json.Decoder, tp *tape, each func(Record) error) error {
	for d.More() {
		pos := tp.file(d.InputOffset())
		tp.drop(pos)
		var v any
		err := d.Decode(&v)
		start := tp.skipSpace(pos, jsonSpace+",")
		out := Record{Line: tp.lineAt(start)}
		if err != nil {
			out.Err = fmt.Errorf("not JSON, nor is the rest of the file: %w", err)
			if errors.Is(err, errTooLong) {
				out.Err = fmt.Errorf("a record longer than %d MB, and the rest of the file", maxRecord>>20)
			}
			return each(out)
		}
		out.Article, out.Err = j.article(v, tp.slice(start, tp.file(d.InputOffset())), start)
		if err := each(out); err != nil {
			return err
		}
	}
	return nil // a missing ']' loses nothing
}

// object reads an object, its '{' (at offset start) read: the articles
// of the first array of objects under a key that names no field, or else
// the one article of the object's fields.
func (j jsonDoc) object(d *json.Decoder, tp *tape, start int64, each func(Record) error) error {
	obj := map[string]any{}
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return objectError(tp.lineAt(start), err)
		}
		tok, err := d.Token()
		if err != nil {
			return objectError(tp.lineAt(start), err)
		}
		k, _ := key.(string)
		if tok == json.Delim('[') && !j.isField(k) && d.More() && tp.peek(tp.file(d.InputOffset())) == '{' {
			return j.elements(d, tp, each)
		}
		if obj[k], err = restOf(d, tok); err != nil {
			return objectError(tp.lineAt(start), err)
		}
	}
	if _, err := d.Token(); err != nil {
		return objectError(tp.lineAt(start), err)
	}
	out := Record{Line: tp.lineAt(start)}
	out.Article, out.Err = j.article(obj, tp.slice(start, tp.file(d.InputOffset())), start)
	return each(out)
}

// objectError is why an object at line could not be read.
func objectError(line int, err error) error {
	if errors.Is(err, errTooLong) {
		return fmt.Errorf("line %d: an object longer than %d MB", line, maxRecord>>20)
	}
	return fmt.Errorf("line %d: not JSON: %w", line, err)
}

// isField says a key names a field of an article (its tags, its
// authors), so that an array under it is the field's, not articles.
func (j jsonDoc) isField(key string) bool {
	k := fieldKey(key)
	for role := range FieldNames {
		if slices.Contains(j.fields.names(role), k) {
			return true
		}
	}
	return false
}

// restOf is the value whose first token, tok, d has just given.
func restOf(d *json.Decoder, tok json.Token) (any, error) {
	switch tok {
	case json.Delim('{'):
		m := map[string]any{}
		for d.More() {
			k, err := d.Token()
			if err != nil {
				return nil, err
			}
			var v any
			if err := d.Decode(&v); err != nil {
				return nil, err
			}
			s, _ := k.(string)
			m[s] = v
		}
		_, err := d.Token()
		return m, err
	case json.Delim('['):
		a := []any{}
		for d.More() {
			var v any
			if err := d.Decode(&v); err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := d.Token()
		return a, err
	}
	return tok, nil
}

// article makes the article of one JSON value, at offset, whose bytes
// are raw.
func (j jsonDoc) article(v any, raw []byte, offset int64) (Article, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Article{}, fmt.Errorf("not an object but a JSON %s", jsonKind(v))
	}
	a, err := j.fields.FromFields(obj)
	if err != nil {
		return Article{}, err
	}
	a.ID, a.Size, a.Loc.Offset = IDOf(raw), int64(len(raw)), offset
	return a, nil
}

// jsonKind names the kind of a JSON value for a message.
func jsonKind(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case json.Number, float64:
		return "number"
	case bool:
		return "boolean"
	case nil:
		return "null"
	case []any:
		return "array"
	case json.Delim:
		if v == '[' || v == ']' {
			return "array"
		}
		return "object"
	}
	return "value"
}
