package article

import (
	"strings"
	"time"
)

// ---- dates ---------------------------------------------------------------

// Layouts tried by parseDate. Go's "2" and "3" also accept two digits, so
// "January 2" reads "November 16" and "3:04" reads "08:49".
var (
	// namedLayouts start with a weekday or month name.
	namedLayouts = []string{
		"Monday, January 2, 2006 3:04 PM", // the seed format
		"January 2, 2006 3:04 PM",
		"Monday, January 2, 2006",
		"January 2, 2006",
		"Mon, 2 Jan 2006 15:04:05 -0700", // RFC 1123Z and RFC 2822
		"Mon, 2 Jan 2006 15:04:05 MST",   // RFC 1123
		"Mon, 2 Jan 2006 15:04 -0700",
		"Mon, 2 Jan 2006 15:04 MST",
	}
	// numericLayouts start with a digit.
	numericLayouts = []string{
		time.RFC3339, // also reads fractional seconds
		"2006-01-02T15:04:05",
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04",
		"2006-01-02 15:04:05 -0700", // Jekyll
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04",
		"2006-01-02",
		"2 Jan 06 15:04 -0700", // RFC 822Z
		"2 Jan 06 15:04 MST",   // RFC 822
		"2 Jan 2006 15:04:05 -0700",
		"2 Jan 2006 15:04:05 MST",
	}
	dateWords = []string{
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "wed", "thu", "fri", "sat", "sun",
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
	}
)

// parseDate reads a date in any of the forms articles use. Times are
// wall-clock: the date and time as written, in UTC, whatever zone the text
// names, so an article shows the hour its author gave. It is called on the
// first line of every plain-text file, so it rejects most headlines before
// trying any layout.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 64 {
		return time.Time{}, false
	}
	layouts := numericLayouts
	if c := s[0]; c < '0' || c > '9' {
		if !startsWithDateWord(s) {
			return time.Time{}, false
		}
		layouts = namedLayouts
		if strings.HasSuffix(s, "am") || strings.HasSuffix(s, "pm") {
			s = s[:len(s)-2] + strings.ToUpper(s[len(s)-2:])
		}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return wallClock(t), true
		}
	}
	return time.Time{}, false
}

func startsWithDateWord(s string) bool {
	end := 0
	for end < len(s) && (s[end] >= 'a' && s[end] <= 'z' || s[end] >= 'A' && s[end] <= 'Z') {
		end++
	}
	w := s[:end]
	for _, d := range dateWords {
		if strings.EqualFold(w, d) {
			return true
		}
	}
	return false
}

func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}
