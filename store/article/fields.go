package article

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Fields is a mapping of a dataset's own field names to the roles of an
// article's fields (title, text, date, url, author, tags, site), looked
// for before FieldNames: a newsroom export whose titles are "heading"
// maps title to "heading". It is a value, made once from the
// configuration by NewFields and passed down to whatever reads files;
// the zero Fields is FieldNames alone. It is never changed once made, so
// copies share its map safely.
type Fields struct {
	extra map[string][]string // role → names, folded as fieldKey folds them
}

// NewFields makes the mapping of extra, role to names in the order they
// are looked for, as the configuration's [formats.json] table gives it.
// A role that FieldNames does not know is an error, so a typing mistake
// in the configuration is reported rather than silently ignored.
func NewFields(extra map[string][]string) (Fields, error) {
	fl := Fields{extra: make(map[string][]string, len(extra))}
	for role, names := range extra {
		r := fieldKey(role)
		if _, ok := FieldNames[r]; !ok {
			return Fields{}, fmt.Errorf("no field role %q: the roles are %s", role, strings.Join(roleNames(), ", "))
		}
		for _, n := range names {
			if n = fieldKey(strings.TrimSpace(n)); n != "" && !slices.Contains(fl.extra[r], n) {
				fl.extra[r] = append(fl.extra[r], n)
			}
		}
	}
	if len(fl.extra) == 0 {
		return Fields{}, nil
	}
	return fl, nil
}

// String is the mapping in one line, the same for the same mapping: the
// cache keys its index by it, since another mapping reads other articles.
func (fl Fields) String() string {
	var b strings.Builder
	for _, role := range slices.Sorted(maps.Keys(fl.extra)) {
		fmt.Fprintf(&b, "%s=%s;", role, strings.Join(fl.extra[role], ","))
	}
	return b.String()
}

// Claim is the package's Claim with the dataset formats that map fields
// by name (CSV, TSV, JSON, JSON Lines) reading them through fl.
func (fl Fields) Claim(name string, head []byte) *Format {
	f := Claim(name, head)
	if f == nil || len(fl.extra) == 0 {
		return f
	}
	switch f.Name {
	case FormatCSV:
		return fl.tableFormat(FormatCSV, ',', ".csv")
	case FormatTSV:
		return fl.tableFormat(FormatTSV, '\t', ".tsv", ".tab")
	case FormatJSON:
		return fl.jsonFormat()
	case FormatJSONL:
		return fl.jsonlFormat()
	}
	return f
}

// FromFields is FromFields with fl's names taking precedence: the first
// of a role's mapped names that the record has and is not empty stands
// in for the role's own first name.
func (fl Fields) FromFields(obj map[string]any) (Article, error) {
	if len(fl.extra) == 0 {
		return FromFields(obj)
	}
	folded := make(map[string]any, len(obj))
	for k, v := range obj {
		folded[fieldKey(k)] = v
	}
	for role, names := range fl.extra {
		for _, n := range names {
			if v, ok := folded[n]; ok && v != nil && v != "" {
				folded[FieldNames[role][0]] = v
				break
			}
		}
	}
	return FromFields(folded)
}

// names are the field names fl looks for in role: its own, then
// FieldNames'.
func (fl Fields) names(role string) []string {
	return append(slices.Clip(fl.extra[role]), FieldNames[role]...)
}

// fieldKey folds a field's name as FromFields does: lower case, with '_'
// and '-' left out. It is called for every field of every record, so it
// builds no strings.Replacer (one costs some 6 KB to build).
func fieldKey(k string) string {
	k = strings.ToLower(k)
	if !strings.ContainsAny(k, "_-") {
		return k
	}
	b := make([]byte, 0, len(k))
	for i := range len(k) {
		if k[i] != '_' && k[i] != '-' {
			b = append(b, k[i])
		}
	}
	return string(b)
}

// roleNames are the roles FieldNames knows, sorted for messages.
func roleNames() []string {
	var rs []string
	for r := range FieldNames {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	return rs
}
