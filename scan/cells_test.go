package scan

import (
	"strings"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

func TestParseCell(t *testing.T) {
	qn := mini(t)
	for _, tt := range []struct {
		qid, cell string
		want      string // the answer as JSON; "" when none
		msg       string
	}{
		{"sector", " retail ", `"retail"`, ""},
		{"sector", "", "", ""},
		{"sector", "retial", "", `unknown option "retial" (did you mean "retail"?)`},
		{"association", "local|biz", `["local","biz"]`, ""},
		{"association", "local | biz ", `["local","biz"]`, ""},
		{"association", "none", `["none"]`, ""},
		{"association", "local|", "", "empty option"},
		{"internet-use", "ja", `"yes"`, ""},
		{"internet-use", "N", `"no"`, ""},
		{"internet-use", "1", `"yes"`, ""},
		{"internet-use", "dont-know", `"dont-know"`, ""},
		{"security", "dont-know", "", "no don't-know answer"},
		{"security", "maybe", "", "expected true or false (yes/no, ja/nee, 1/0), found \"maybe\""},
		{"employees", "12,5", `12.5`, ""},
		{"employees", "1_000", `1000`, ""},
		{"employees", "veel", "", "expected a number"},
		{"employees", "NaN", "", "expected a number"},
		{"kvk-number", "1234.5678", `"12345678"`, ""},
		{"company-name", "  Bakkerij  ", `"Bakkerij"`, ""},
		{"areas", "planned", "", "a column of its own (areas.marketing"},
	} {
		a, ok, msg := ParseCell(qn.Question(tt.qid), tt.cell)
		got := ""
		if ok {
			b, _ := a.MarshalJSON()
			got = string(b)
		}
		if got != tt.want || (tt.msg == "") != (msg == "") || !strings.Contains(msg, tt.msg) {
			t.Errorf("%s %q: %s %q, want %s %q", tt.qid, tt.cell, got, msg, tt.want, tt.msg)
		}
	}
	for _, tt := range []struct{ item, cell, want, msg string }{
		{"marketing", "planned", "planned", ""},
		{"marketing", " ", "", ""},
		{"marketing", "plannd", "", `item "marketing": unknown option "plannd" (did you mean "planned"?)`},
		{"marketng", "planned", "", `unknown item "marketng" (did you mean "marketing"?)`},
	} {
		v, _, msg := ParseItemCell(qn.Question("areas"), tt.item, tt.cell)
		if v != tt.want || (tt.msg == "") != (msg == "") || !strings.Contains(msg, tt.msg) {
			t.Errorf("areas.%s %q: %q %q", tt.item, tt.cell, v, msg)
		}
	}
}

// TestOptionTable: every option of every question of the intake is found
// by its id, and nothing else is: ids of other questions' options, parts
// and extensions of ids, the empty string.
func TestOptionTable(t *testing.T) {
	qn, err := q.Builtin(q.DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, qu := range qn.Questions() {
		for _, o := range qu.Options {
			all = append(all, o.ID, o.ID[:len(o.ID)/2], o.ID+"x", strings.ToUpper(o.ID))
		}
	}
	all = append(all, "")
	found := 0
	for _, qu := range qn.Questions() {
		tab := newOptionTable(qu)
		for _, id := range all {
			got, want := tab.find(id), qu.Option(id)
			if got != want {
				t.Fatalf("%s: find(%q) = %v, want %v", qu.ID, id, got, want)
			}
			if got != nil {
				found++
			}
		}
	}
	if found < 100 {
		t.Fatalf("only %d options found", found)
	}
}

func TestTrim(t *testing.T) {
	for _, s := range []string{"", "a", " a", "a ", "\ta\r\n", "\u00a0a", "a\u3000", "é", " é ", "a b", "\x85a"} {
		if got, want := trim(s), strings.TrimSpace(s); got != want {
			t.Errorf("trim(%q) = %q, want %q", s, got, want)
		}
	}
}
