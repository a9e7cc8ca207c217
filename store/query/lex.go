package query

import "strings"

// token is one lexeme of a query.
type token struct {
	text   string // as typed
	kind   byte   // 'w' word or field, '"' phrase, '(' , ')', '|' OR
	neg    bool
	closed bool // a phrase with its closing quote
	pos    int
}

func lexQuery(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '(' || c == ')':
			toks = append(toks, token{text: s[i : i+1], kind: c, pos: i})
			i++
		default:
			start := i
			neg := false
			if c == '-' && i+1 < len(s) && s[i+1] != ' ' {
				neg = true
				i++
				if s[i] == '(' { // -( ... ): exclude a group
					toks = append(toks, token{text: "(", kind: '(', neg: true, pos: start})
					i++
					continue
				}
			}
			// A field may take a quoted value: title:"a b".
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '(' && s[j] != ')' && s[j] != '"' {
				j++
			}
			if j < len(s) && s[j] == '"' {
				end := strings.IndexByte(s[j+1:], '"')
				closed := end >= 0
				if !closed {
					end = len(s) - j - 1
				}
				toks = append(toks, token{text: s[i : j+1+end], kind: '"', neg: neg, closed: closed, pos: start})
				i = j + 1 + end
				if closed {
					i++
				}
				continue
			}
			word := s[i:j]
			kind := byte('w')
			if word == "OR" && !neg {
				kind = '|'
			}
			toks = append(toks, token{text: word, kind: kind, neg: neg, pos: start})
			i = j
		}
	}
	return toks
}
