package i18n

import (
	"testing"
)

func TestResolve(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		flag, file, config string
		env                map[string]string
		want               Lang
		err                bool
	}{
		{"en", "nl", "nl", nil, EN, false},
		{"", "en", "nl", nil, EN, false},
		{"", "", "en", nil, EN, false},
		{"", "", "", map[string]string{"LANG": "en_GB.UTF-8"}, EN, false},
		{"", "", "", map[string]string{"LANG": "nl_NL.UTF-8"}, NL, false},
		{"", "", "", map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL"}, EN, false},
		{"", "", "", map[string]string{"LANG": "C"}, NL, false},
		{"", "", "", map[string]string{"LANG": "de_DE.UTF-8"}, NL, false},
		{"", "", "", nil, NL, false},
		{"EN", "", "", nil, EN, false},
		{"fr", "", "", nil, "", true},
	}
	for _, tc := range tests {
		got, err := Resolve(tc.flag, tc.file, tc.config, env(tc.env))
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("Resolve(%q, %q, %q, %v) = %q, %v; want %q (error %v)", tc.flag, tc.file, tc.config, tc.env, got, err, tc.want, tc.err)
		}
	}
}

func TestTextFallback(t *testing.T) {
	if got := (Text{NL: "ja"}).In(EN); got != "ja" {
		t.Errorf("missing English falls back to Dutch, got %q", got)
	}
	if got := (Text{NL: "ja", EN: "yes"}).In(EN); got != "yes" {
		t.Errorf("got %q", got)
	}
}
