package export

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestJSONScanner(t *testing.T) {
	var s jsonScanner
	in := `{"a":"plain","b":"esc\"aped \\ \n \u00e9 \ud83d\ude00 \/","c":[1,{"x":[true,false,null]},"]"],"d":-12.5e1,"e":null,"f":{"g":"}"}}`
	s.reset([]byte(in))
	got := map[string]any{}
	s.object(func(k []byte) {
		switch string(k) {
		case "a", "b":
			got[string(k)] = string(s.str())
		case "d":
			x, _ := s.number()
			got["d"] = x
		default:
			s.skip()
		}
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	var want map[string]any
	json.Unmarshal([]byte(in), &want)
	if got["a"] != want["a"] || got["b"] != want["b"] || got["d"] != want["d"] {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, bad := range []string{`{"a":`, `{"a" 1}`, `{"a":"x}`, `[`, `{"a":tru}`, `{"a":"\q"}`, `{"a":"\u12"}`, `{"a":[1,}`} {
		s.reset([]byte(bad))
		s.object(func(k []byte) {
			if string(k) == "a" && s.peek() == '"' {
				s.str() // skip does not check escapes; reading does
				return
			}
			s.skip()
		})
		if s.err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	if got := string(appendJSONString(nil, "a\"b\\c\x01é")); got != `"a\"b\\c\u0001é"` {
		t.Errorf("appendJSONString: %s", got)
	}
}

// FuzzParseResult: any input gives an error or a row, never a panic, and
// valid JSON strings come out as encoding/json reads them.
func FuzzParseResult(f *testing.F) {
	f.Add([]byte(`{"id":"x","impact":50,"answers":{"a":["b","c"],"m":{"i":"1"},"n":3}}`))
	f.Add([]byte(`{"dimensions":[{"id":"strategy","score":null}],"referrals":[{"programme":"p"}]}`))
	f.Add([]byte(`{"company":{"name":"a\u0000b"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s jsonScanner
		var r scanRow
		h := resultHooks{maxReferrals: 3, answer: func(_ []byte, s *jsonScanner) { s.skip() }, indicator: func([]byte, bool) {}}
		err := parseResult(&s, data, &r, &h)
		if err != nil {
			return
		}
		var v struct {
			ID      *string `json:"id"`
			Company *struct {
				Name *string `json:"name"`
			} `json:"company"`
		}
		if json.Unmarshal(data, &v) == nil {
			if v.ID != nil && *v.ID != string(r.id) {
				t.Errorf("id %q, encoding/json %q", r.id, *v.ID)
			}
			if v.Company != nil && v.Company.Name != nil && *v.Company.Name != string(r.companyName) {
				t.Errorf("name %q, encoding/json %q", r.companyName, *v.Company.Name)
			}
		}
	})
}

func TestFoldKeyAgreesWithEncodingJSON(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"company", "company"},
		{"Company", "company"},
		{"CompAnY", "company"},
		{"HEARD_VIA", "heard_via"},
		{"\u017fcores", "scores"}, // long s
		{"\u212aVK", "kvk"},       // Kelvin sign
		{"naïve", "naïve"},
	} {
		if got := string(foldKey([]byte(tc.in))); got != tc.want {
			t.Errorf("foldKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAnonymizerDropsOddlyCasedIdentifyingKeys(t *testing.T) {
	a := &anonymizer{pids: NewPseudonyms([]byte("k")), keep: map[string]bool{}}
	in := []byte(`{"id":"x","Company":{"Name":"Bakkerij Secret"},"ADVISOR":"Jan Secret","Heard_Via":"Secret","profile":{"Place":"Secretdorp","sector":"retail"}}`)
	out, err := a.rewrite(in)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("Secret")) {
		t.Errorf("identifying text kept: %s", out)
	}
}
