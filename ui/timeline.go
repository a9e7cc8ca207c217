package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/store"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// The timeline (T): a strip above the list of how many of the list's
// articles fall in each week, month or year, whichever fits the span in
// the strip's width, counted in a command after each search so that it
// moves as a query is typed: "brexit" shows when it was news.

// timelineHeight is the strip's lines: the bars, then their labels.
const timelineHeight = 2

// timelineMinHeight is the smallest screen the strip shows on: below it
// the list needs every line.
const timelineMinHeight = 16

// timeline is a count of dates by period.
type timeline struct {
	by     string    // "week", "month" or "year"
	start  time.Time // the first period's start
	counts []int     // a period each, from start
	peak   int       // the largest count
	total  int       // the dated articles counted
}

// timelineUnits are the periods a timeline may count by, finest first.
var timelineUnits = []string{"week", "month", "year"}

// periodStart is the start of the period t falls in.
func periodStart(t time.Time, by string) time.Time {
	t = t.UTC()
	switch by {
	case "week": // ISO weeks, from Monday
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	case "year":
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// nextPeriod is the start of the period after the one starting at t.
func nextPeriod(t time.Time, by string) time.Time {
	switch by {
	case "week":
		return t.AddDate(0, 0, 7)
	case "year":
		return t.AddDate(1, 0, 0)
	}
	return t.AddDate(0, 1, 0)
}

// periodsBetween is how many periods run from the one holding lo to the
// one holding hi, both counted.
func periodsBetween(lo, hi time.Time, by string) int {
	a, b := periodStart(lo, by), periodStart(hi, by)
	switch by {
	case "week":
		return int(b.Sub(a).Hours()/24/7) + 1
	case "year":
		return b.Year() - a.Year() + 1
	}
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()) + 1
}

// PeriodName names the day, ISO week, month or year t falls in: the
// timeline's labels, and broadsheet stats's periods, so that the two
// always agree.
func PeriodName(t time.Time, by string) string {
	switch by {
	case "day":
		return t.Format("2006-01-02")
	case "week":
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case "year":
		return t.Format("2006")
	}
	return t.Format("2006-01")
}

// countTimeline counts the dates each gives by the finest period of
// which cols or fewer cover their span.
func countTimeline(each func(func(date int64)), cols int) timeline {
	var lo, hi int64
	n := 0
	each(func(d int64) {
		if n == 0 || d < lo {
			lo = d
		}
		if n == 0 || d > hi {
			hi = d
		}
		n++
	})
	if n == 0 {
		return timeline{}
	}
	first, last := time.Unix(0, lo).UTC(), time.Unix(0, hi).UTC()
	by := timelineUnits[len(timelineUnits)-1]
	for _, u := range timelineUnits {
		if periodsBetween(first, last, u) <= max(1, cols) {
			by = u
			break
		}
	}
	tl := timeline{by: by, start: periodStart(first, by), counts: make([]int, periodsBetween(first, last, by))}
	each(func(d int64) {
		t := time.Unix(0, d).UTC()
		i := periodsBetween(first, t, by) - 1
		if i >= 0 && i < len(tl.counts) {
			tl.counts[i]++
			tl.total++
		}
	})
	for _, c := range tl.counts {
		tl.peak = max(tl.peak, c)
	}
	return tl
}

// bars are the eight heights of a block, lowest first.
var bars = []rune("▁▂▃▄▅▆▇█")

// View draws the strip w cells wide: a column or more a period, each a
// block as high as its count against the peak (any count at least the
// lowest), then the first period's name, the peak's, and the last's.
func (tl timeline) View(st *styles, w int) string {
	if tl.total == 0 {
		return fit(st.Status.Render(" no dated article to show on the timeline"), w, true) + "\n" + strings.Repeat(" ", w)
	}
	n := len(tl.counts)
	cw := max(1, min(4, (w-1)/n)) // columns a period
	var b strings.Builder
	b.WriteByte(' ')
	peakAt := -1
	for i, c := range tl.counts {
		if c == tl.peak && peakAt < 0 {
			peakAt = i
		}
		glyph := " "
		if c > 0 {
			glyph = string(bars[min(len(bars)-1, (c*len(bars)-1)/tl.peak)])
		}
		b.WriteString(strings.Repeat(glyph, cw))
	}
	line := st.Timeline.Render(ansi.Truncate(b.String(), w, ""))
	start := tl.start
	name := func(i int) string {
		t := start
		for range i {
			t = nextPeriod(t, tl.by)
		}
		return PeriodName(t, tl.by)
	}
	left, right := name(0), name(n-1)
	mid := fmt.Sprintf("peak %s: %s · a column a %s", name(peakAt), count(tl.peak), tl.by)
	label := " " + left
	if gap := w - ansi.StringWidth(label) - len(right) - 1; n > 1 && gap > ansi.StringWidth(mid)+4 {
		pad := gap - ansi.StringWidth(mid)
		label += strings.Repeat(" ", pad/2) + mid + strings.Repeat(" ", pad-pad/2) + right
	} else if n > 1 && gap > 1 {
		label += strings.Repeat(" ", gap) + right
	}
	return fit(line, w, true) + "\n" + fit(st.Status.Render(label), w, true)
}

// timelineModel is the strip's state: whether it is wanted, and the
// count of the list's result, kept from the newest count asked for.
type timelineModel struct {
	on     bool
	width  int // the strip's width when last counted
	seq    int // the newest count asked for
	shown  int // the count on screen
	counts timeline
}

// timelineCountedMsg is the count of one search's result.
type timelineCountedMsg struct {
	seq int
	tl  timeline
}

// countTimelineOf counts a result's dates for a strip cols cells wide.
func countTimelineOf(res store.Result, cols, seq int) tea.Cmd {
	return func() tea.Msg {
		return timelineCountedMsg{seq: seq, tl: countTimeline(res.EachDate, cols)}
	}
}

// timelineShows says whether the strip is on screen: wanted, and room
// for it above the list.
func (m *Model) timelineShows() bool {
	return m.timeline.on && m.height >= timelineMinHeight && m.overlay == overlayNone &&
		(m.split || m.focus != focusReader && !(m.focus == focusFind) && !(m.focus == focusTag && m.tagFrom == focusReader))
}

// timelineWidth is the strip's width: the list's.
func (m *Model) timelineWidth() int {
	if m.split {
		return listWidth(m.width)
	}
	return m.width
}

// recountTimeline asks for a count of the list's result, when the strip
// shows.
func (m *Model) recountTimeline() tea.Cmd {
	if !m.timelineShows() {
		return nil
	}
	m.timeline.seq++
	return countTimelineOf(m.list.items.Result(), m.timelineWidth()-2, m.timeline.seq)
}

// timelineCounted shows the newest count; an older one is dropped.
func (m *Model) timelineCounted(msg timelineCountedMsg) {
	if msg.seq < m.timeline.shown {
		return
	}
	m.timeline.shown, m.timeline.counts = msg.seq, msg.tl
}

// toggleTimeline shows or hides the strip.
func (m *Model) toggleTimeline(tea.KeyMsg) tea.Cmd {
	m.timeline.on = !m.timeline.on
	if m.timeline.on && m.height < timelineMinHeight {
		m.setFlash("The timeline needs a taller screen.", true)
	}
	m.timeline.width = 0 // layout counts for the strip's width
	return m.layout()
}
