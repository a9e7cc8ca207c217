package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
)

// TestCountTimeline: the finest period whose count of columns fits is
// chosen, every dated article falls in one period, and the periods run
// from the first's to the last's without a gap.
func TestCountTimeline(t *testing.T) {
	day := func(s string) int64 { return must(time.Parse("2006-01-02", s)).UnixNano() }
	for _, tt := range []struct {
		name   string
		dates  []string
		cols   int
		by     string
		first  string
		counts []int
	}{
		{"weeks across a year's end", []string{"2024-12-30", "2025-01-05", "2025-01-06", "2024-12-29"}, 10, "week", "2024-W52", []int{1, 2, 1}},
		{"months when weeks do not fit", []string{"2024-01-31", "2024-03-01", "2024-03-31"}, 5, "month", "2024-01", []int{1, 0, 2}},
		{"years when months do not fit", []string{"2016-05-01", "2024-11-16"}, 40, "year", "2016", []int{1, 0, 0, 0, 0, 0, 0, 0, 1}},
		{"one day", []string{"2024-11-16", "2024-11-16"}, 1, "week", "2024-W46", []int{2}},
		{"years even when they do not fit", []string{"1990-01-01", "2024-01-01"}, 3, "year", "1990", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			each := func(fn func(int64)) {
				for _, d := range tt.dates {
					fn(day(d))
				}
			}
			tl := countTimeline(each, tt.cols)
			if tl.by != tt.by || PeriodName(tl.start, tl.by) != tt.first || tl.total != len(tt.dates) {
				t.Fatalf("by %s from %s, %d counted; want by %s from %s, %d", tl.by, PeriodName(tl.start, tl.by), tl.total, tt.by, tt.first, len(tt.dates))
			}
			if tt.counts != nil && fmt.Sprint(tl.counts) != fmt.Sprint(tt.counts) {
				t.Errorf("counts %v, want %v", tl.counts, tt.counts)
			}
		})
	}
	if tl := countTimeline(func(func(int64)) {}, 10); tl.total != 0 || len(tl.counts) != 0 {
		t.Errorf("nothing dated counted %+v", tl)
	}
}

// TestTimelineStrip: T shows the strip above the list, which moves as a
// filter is typed; it hides on a small screen and when T is pressed
// again.
func TestTimelineStrip(t *testing.T) {
	m := newTestModel(t, 80, 24)
	before := screen(m)
	m = settle(t, m, keys("T")...)
	s := screen(m)
	lines := strings.Split(s, "\n")
	if s == before || !strings.ContainsAny(lines[1], string(bars)) || !strings.Contains(lines[2], "2024-") {
		t.Fatalf("T shows no strip:\n%s", s)
	}
	checkFits(t, m, 80, 24)
	all := m.timeline.counts
	m = settle(t, m, keys("/qatar")...)
	if got := m.timeline.counts; got.total >= all.total || got.total != m.list.items.Len() {
		t.Errorf("the strip counts %d dated articles for qatar, %d for all", got.total, all.total)
	}
	golden.RequireEqual(t, []byte(screen(m)))
	m = settle(t, m, keys("{esc}")...)
	m = settle(t, m, tea.WindowSizeMsg{Width: 40, Height: 12})
	if strings.ContainsAny(screen(m), string(bars)) {
		t.Errorf("the strip shows at 40x12:\n%s", screen(m))
	}
	checkFits(t, m, 40, 12)
	m = settle(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	checkFits(t, m, 120, 40)
	if !strings.ContainsAny(strings.Split(screen(m), "\n")[1], string(bars)) {
		t.Errorf("the strip is not above the list at 120x40:\n%s", screen(m))
	}
	m = settle(t, m, keys("T")...)
	if strings.ContainsAny(screen(m), string(bars)) {
		t.Errorf("T again left the strip:\n%s", screen(m))
	}
}
