package article

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decodes the charsets mail is written in, not only UTF-8
	"github.com/emersion/go-message/mail"

	"github.com/broadsheet/broadsheet/store/text"
)

// The mail formats: an mbox file of many messages, and one message a file
// (a Maildir's, or a saved .eml).
const (
	FormatMbox = "mbox"
	FormatMail = "mail"
)

// mailFormat reads one message a file: a Maildir's (its files sit in
// cur/ and new/ under names such as "1700000000.M1P2.host:2,S", which
// say nothing of their format), or a .eml. It claims a file by its .eml,
// or by a head that is a mail header: with a Subject and one of the
// fields every delivered message has, or, under a Maildir's kind of
// name, any two fields.
var mailFormat = Format{
	Name: FormatMail,
	Claims: func(name string, head []byte) bool {
		if strings.EqualFold(path.Ext(name), ".eml") {
			return true
		}
		return looksLikeMail(head, maildirName(name))
	},
	Parse: func(in *Input) ([]Article, error) {
		a, err := parseMail(in.Data)
		if err != nil {
			return nil, err
		}
		if a.Undated { // a message without a Date is as old as its file
			a.Undated = false
			a.fileDate(in.ModTime)
		}
		a.ModTime = in.ModTime
		return []Article{a}, nil
	},
	MaxSize:  maxMessage,
	Markdown: true,
}

// maxMessage is how much of one message is read: enough for the text of
// any message, with its attachments, which are skipped, but not without
// bound.
const maxMessage = 32 << 20

// ---- one message ---------------------------------------------------------

// parseMail reads one message: its Subject as the headline (encoded
// words decoded), its Date, its From's name (else address) as the
// author, its List-Id or else its sender's domain as the site, and its
// HTML part converted to markdown or else its text part, with transfer
// encodings and charsets undone. go-message is third-party code fed a
// file's bytes: a panic in it is an error of the message.
func parseMail(raw []byte) (a Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			a, err = Article{}, fmt.Errorf("the mail parser failed: %v", p)
		}
	}()
	e, err := message.Read(bytes.NewReader(raw))
	if e == nil || err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		return Article{}, fmt.Errorf("not a mail message: %w", err)
	}
	h := mail.Header{Header: e.Header}
	body := mailBody(e)
	if len(body) > MaxArticleSize {
		body = strings.ToValidUTF8(body[:MaxArticleSize], "")
		a.Cut = true
	}
	a.Body = text.Sanitize(body)
	subject, _ := h.Subject() // undecodable: the raw field
	a.Headline, _ = cleanHeadline(subject)
	if a.Headline == "" {
		a.Headline, _ = cleanHeadline(FirstSentence(htmlText(body)))
	}
	if a.Headline == "" {
		return Article{}, ErrEmpty
	}
	if d, err := h.Date(); err == nil && !d.IsZero() {
		a.Date = wallClock(d)
	} else if d, ok := parseDate(h.Get("Date")); ok {
		a.Date = d
	} else {
		a.Undated = true
	}
	var sender string
	if from, err := h.AddressList("From"); err == nil && len(from) > 0 {
		a.Author = cleanLine(firstNonEmpty(from[0].Name, from[0].Address))
		sender = from[0].Address
	} else {
		a.Author = cleanLine(headerText(h, "From"))
	}
	a.Site = cleanLine(listName(headerText(h, "List-Id")))
	if _, domain, ok := strings.Cut(sender, "@"); a.Site == "" && ok {
		a.Site = cleanLine(domain)
	}
	if u := strings.Trim(strings.TrimSpace(h.Get("Archived-At")), "<>"); strings.HasPrefix(u, "http") {
		a.Source = cleanLine(u)
	}
	if id, _ := h.MessageID(); id != "" {
		a.ID = IDOf([]byte("mail\x00" + id))
	} else {
		a.ID = IDOf(raw)
	}
	a.Size = int64(len(raw))
	return a, nil
}

// mailBody is a message's text as markdown: its first HTML part
// converted, or else its first text part escaped, or "" for a message
// of attachments only. A part that breaks off (a message cut short)
// gives what was read of it.
func mailBody(e *message.Entity) string {
	var htmlPart, textPart string
	var haveHTML, haveText bool
	r := mail.NewReader(e)
	for !haveHTML {
		p, err := r.NextPart()
		if p == nil || err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
			break
		}
		ih, ok := p.Header.(*mail.InlineHeader)
		if !ok {
			continue
		}
		t, _, _ := ih.ContentType()
		if t == "" {
			t = "text/plain"
		}
		switch {
		case t == "text/html":
			b, _ := io.ReadAll(io.LimitReader(p.Body, 4*MaxArticleSize))
			htmlPart, haveHTML = string(b), true
		case t == "text/plain" && !haveText:
			b, _ := io.ReadAll(io.LimitReader(p.Body, MaxArticleSize+1))
			textPart, haveText = string(b), true
		}
	}
	if haveHTML {
		return htmlToMarkdown(strings.ToValidUTF8(htmlPart, "\uFFFD"))
	}
	return text.EscapeMarkdown(strings.ReplaceAll(strings.ToValidUTF8(textPart, "\uFFFD"), "\r\n", "\n"))
}

// headerText is a header field with its encoded words decoded, or as
// written where they cannot be.
func headerText(h mail.Header, key string) string {
	s, err := h.Text(key)
	if err != nil {
		return h.Get(key)
	}
	return s
}

// listName is what a List-Id calls its list: its phrase, or else the
// identifier in its angle brackets ("Go Nuts <golang-nuts.googlegroups.com>").
func listName(id string) string {
	name, rest, ok := strings.Cut(id, "<")
	if name = strings.Trim(strings.TrimSpace(name), `"`); name != "" || !ok {
		return name
	}
	bracketed, _, _ := strings.Cut(rest, ">")
	return bracketed
}

// ---- telling a message by its head ---------------------------------------

// looksLikeMail says whether a file's head is a mail header: field lines
// from the first, up to a blank line or the head's end, with a Subject
// and a field that every delivered message has; or, when loose (the
// file's name is a Maildir's), any two fields.
func looksLikeMail(head []byte, loose bool) bool {
	fields := 0
	subject, delivered := false, false
	for s := head; len(s) > 0; {
		var l []byte
		var whole bool // the line ends within the head
		l, s, whole = bytes.Cut(s, []byte("\n"))
		l = bytes.TrimSuffix(l, []byte("\r"))
		if len(l) == 0 {
			break
		}
		if l[0] == ' ' || l[0] == '\t' {
			if fields == 0 {
				return false
			}
			continue // a folded field goes on
		}
		name := headerField(l)
		if name == "" {
			if !whole {
				break // the head ends mid-line
			}
			return false
		}
		fields++
		switch strings.ToLower(name) {
		case "subject":
			subject = true
		case "from", "date", "message-id", "received", "return-path", "delivered-to", "mime-version":
			delivered = true
		}
	}
	if loose {
		return fields >= 2 && (subject || delivered)
	}
	return subject && delivered
}

// headerField is the name of the header field that a line starts, or ""
// when it starts none: printable ASCII up to a colon.
func headerField(l []byte) string {
	i := bytes.IndexByte(l, ':')
	if i <= 0 || i > 76 {
		return ""
	}
	for _, c := range l[:i] {
		if c <= ' ' || c > '~' {
			return ""
		}
	}
	return string(l[:i])
}

// maildirName says whether a file's name is one a Maildir gives its
// messages: a delivery time in seconds, a dot, and a unique part, with
// or without ":2," and the flags.
func maildirName(name string) bool {
	digits := 0
	for digits < len(name) && name[digits] >= '0' && name[digits] <= '9' {
		digits++
	}
	return digits >= 9 && digits < len(name) && name[digits] == '.'
}

func firstLine(b []byte) []byte {
	l, _, _ := bytes.Cut(b, []byte("\n"))
	return bytes.TrimSuffix(l, []byte("\r"))
}
