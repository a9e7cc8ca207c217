package cli

import "testing"

// TestChooseStyle: a command's auto style is decided from the
// environment alone; the TUI's question to the terminal is put only for
// auto on a terminal, never when a flag or the configuration says.
func TestChooseStyle(t *testing.T) {
	never := func() bool { t.Error("asked the terminal"); return true }
	for _, tt := range []struct {
		setting, colorfgbg, noColor string
		tty                         bool
		ask                         func() bool
		want                        string
	}{
		{"auto", "", "", true, nil, "dark"},
		{"auto", "0;15", "", true, nil, "light"},
		{"auto", "15;0", "", true, nil, "dark"},
		{"auto", "0;default;7", "", true, nil, "light"},
		{"auto", "junk", "", true, nil, "dark"},
		{"", "0;15", "", true, nil, "light"},
		{"auto", "0;15", "", false, never, "notty"},
		{"auto", "", "1", true, never, "notty"},
		{"dark", "0;15", "", true, never, "dark"},
		{"light", "", "", true, never, "light"},
		{"notty", "", "", true, never, "notty"},
		{"auto", "0;15", "", true, func() bool { return true }, "dark"},
		{"auto", "", "", true, func() bool { return false }, "light"},
	} {
		t.Setenv("COLORFGBG", tt.colorfgbg)
		t.Setenv("NO_COLOR", tt.noColor)
		got, err := chooseStyle(tt.setting, tt.tty, tt.ask)
		if err != nil || got != tt.want {
			t.Errorf("%+v: %q, %v; want %q", tt, got, err, tt.want)
		}
	}
	if _, err := chooseStyle("purple", true, never); err == nil {
		t.Error("purple is a style")
	}
}

func TestParseBackground(t *testing.T) {
	for _, tt := range []struct {
		in             string
		dark, ok, done bool
	}{
		{"", false, false, false},
		{"\x1b]11;rgb:0000/0000/0000\x1b\\", false, false, false},
		{"\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[1;1R", true, true, true},
		{"\x1b]11;rgb:ff/ff/ff\a\x1b[1;1R", false, true, true},
		{"\x1b]11;rgba:f/f/f/f\a\x1b[1;1R", false, true, true},
		{"\x1b[24;80R", false, false, true},
		{"\x1b[24;80R\x1b]11;rgb:ffff/ffff/ffff\a", false, false, true},
	} {
		dark, ok, done := parseBackground([]byte(tt.in))
		if dark != tt.dark || ok != tt.ok || done != tt.done {
			t.Errorf("%q: %v %v %v, want %v %v %v", tt.in, dark, ok, done, tt.dark, tt.ok, tt.done)
		}
	}
}
