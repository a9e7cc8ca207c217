package state

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/broadsheet/broadsheet/store/text"
)

// object is one JSON object of a state file, member by member, its keys
// as written (encoding/json would match them in any case). Reading takes
// out the members this build knows; what is left is kept and written
// back, so that a field a newer broadsheet, a script or the user added is
// never dropped by the next save.
type object map[string]json.RawMessage

// take decodes the member key into v, if there is one, and removes it
// from o; a member of the wrong type is an error.
func (o object) take(key string, v any) error {
	raw, ok := o[key]
	if !ok {
		return nil
	}
	delete(o, key)
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%q: %w", key, err)
	}
	return nil
}

// rest is what is left of o once taken, kept as the JSON of an object
// (a string, so that the values holding it stay comparable), or "" for
// nothing.
func (o object) rest() string {
	if len(o) == 0 {
		return ""
	}
	data, _ := json.Marshal(map[string]json.RawMessage(o)) // compact, keys sorted
	return string(data)
}

// member is one key and value to write, in order.
type member struct {
	key   string
	value any
}

// encodeObject writes the members in order, then those kept in rest, by
// key; a kept member never shadows a known one.
func encodeObject(members []member, rest string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	known := make([]string, 0, len(members))
	for _, m := range members {
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		writeMember(&b, m.key, v)
		known = append(known, m.key)
	}
	if rest != "" {
		var kept object
		if err := json.Unmarshal([]byte(rest), &kept); err != nil {
			return nil, err
		}
		keys := make([]string, 0, len(kept))
		for k := range kept {
			if !slices.Contains(known, k) {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			writeMember(&b, k, kept[k])
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeMember(b *bytes.Buffer, key string, value []byte) {
	if b.Len() > 1 {
		b.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	b.Write(k)
	b.WriteByte(':')
	b.Write(value)
}

// indent lays out a state file for people to read, as json.MarshalIndent
// does, ending in a newline.
func indent(data []byte) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Indent(&b, data, "", "  "); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// checkDuplicateKeys refuses a document in which an object holds a key
// twice: encoding/json would keep the last silently, and whichever one a
// person meant, the file does not say one thing.
func checkDuplicateKeys(data []byte) error {
	type frame struct {
		keys      map[string]bool // nil for an array
		expectKey bool
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var top *frame
		if n := len(stack); n > 0 {
			top = stack[n-1]
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, &frame{keys: map[string]bool{}, expectKey: true})
			case '[':
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
				if n := len(stack); n > 0 && stack[n-1].keys != nil {
					stack[n-1].expectKey = true
				}
			}
			continue
		}
		if top == nil || top.keys == nil {
			continue
		}
		if !top.expectKey {
			top.expectKey = true
			continue
		}
		k, _ := tok.(string)
		if top.keys[k] {
			return fmt.Errorf("the key %q is there twice", text.SanitizeLine(k))
		}
		top.keys[k] = true
		top.expectKey = false
	}
}
