package interview

import (
	"bufio"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/scan"
)

// runLines runs the line mode on input and returns what it printed.
func runLines(t *testing.T, s *Session, input string) (string, error) {
	t.Helper()
	var out strings.Builder
	err := Lines(context.Background(), s, strings.NewReader(input), &out)
	return out.String(), err
}

func TestLinesWholeInterviewFromAPipe(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.NL, nil, 0)
	saves := 0
	s.Save = func(*Session) error { saves++; return nil }
	input := strings.Join([]string{
		"detailhandel", // sector by label
		"2",            // size: micro (numbered from 1)
		"bussum",       // place by id
		"",             // association: empty is refused (there is a "none" option)
		"1",            // association: geen
		"?",            // impact: help
		"9",            // out of range: asked again
		"3",            // impact-customers: much
		"invested",     // areas.marketing by id
		"2",            // areas.admin: planned
		"1",            // statements: needs
		"1, 2",         // tools: website, cloud-office
		"",             // staff: nothing (no "none" option)
		"j",            // internet-use
		"2",            // data-use: stored
		"n",            // security
		"4", "0",       // ai matrix on the 0–5 scale: by level
		"",            // green: optional, skipped
		"",            // employees: optional, skipped
		"7",           // topics: ai
		"j", "n", "n", // consents
		"",        // company-name: skipped
		"1234567", // kvk: 7 digits refused
		"12345678",
	}, "\n") + "\n"
	out, err := runLines(t, s, input)
	if err != nil {
		t.Fatalf("Lines: %v\n%s", err, out)
	}
	for _, want := range []string{
		"Deel 1 van 4 · Profiel",
		"Sector?\n  1. industrie\n  2. detailhandel",
		"Kies een nummer van 1 tot en met 15: ",
		"Gekozen: detailhandel",
		"Kies minstens één antwoord, of „geen”.",
		"Bij deze vraag is geen extra uitleg.",
		"Kies een nummer van 1 tot en met 5.",
		"Beantwoord dit per onderdeel.",
		"Onderdeel 1 van 2, marketing: ",
		"  0. niet\n  1. overweegt",
		"Typ j voor ja, n voor nee of w voor weet ik niet: ",
		"Een KVK-nummer heeft 8 cijfers",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "Productie") || strings.Contains(out, "productie:") {
		t.Error("the production item is for manufacturers only")
	}
	want := scan.Answers{
		"sector": {Choice: "retail"}, "size": {Choice: "micro"}, "place": {Choice: "bussum"},
		"association":        {Choices: []string{"none"}},
		"impact-customers":   {Choice: "much"},
		"areas":              {Items: map[string]string{"marketing": "invested", "admin": "planned"}},
		"statements":         {Choices: []string{"needs"}},
		"tools":              {Choices: []string{"website", "cloud-office"}},
		"staff":              {Choices: []string{}},
		"internet-use":       {Choice: "yes"},
		"data-use":           {Choices: []string{"stored"}},
		"security":           {Choice: "no"},
		"ai":                 {Items: map[string]string{"chatbots": "4", "vision": "0"}},
		"topics":             {Choices: []string{"ai"}},
		"consent-statistics": {Choice: "yes"}, "consent-follow-up": {Choice: "no"}, "consent-handover": {Choice: "no"},
		"kvk-number": {Text: "12345678"},
	}
	if !reflect.DeepEqual(s.Answers, want) {
		t.Errorf("answers:\n got %+v\nwant %+v", s.Answers, want)
	}
	if saves < 4 {
		t.Errorf("saved %d times, want after every page", saves)
	}
}

func TestLinesFreelancerSkipsStaffQuestionsInEnglish(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.EN, nil, 0)
	input := "2\n1\n1\n1\n1\n1\n1\n1\n1\n"
	out, err := runLines(t, s, input)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted at end of input", err)
	}
	if !strings.Contains(out, "Part 1 of 4 · Profile") || !strings.Contains(out, "Choose a number from 1 to 15: ") {
		t.Errorf("English prompts missing:\n%s", out)
	}
	if strings.Contains(out, "Statements?") || strings.Contains(out, "Staff?") {
		t.Errorf("a freelancer was asked staff questions:\n%s", out)
	}
}

func TestLinesBackAndKeep(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.NL, nil, 0)
	// sector, size, then back to size, keep sector with Enter... then EOF.
	input := "1\n2\n<\n<\n\n3\n"
	out, err := runLines(t, s, input)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v", err)
	}
	if s.Answers["sector"].Choice != "manufacturing" || s.Answers["size"].Choice != "small" {
		t.Errorf("answers after going back = %+v", s.Answers)
	}
	if !strings.Contains(out, "(nu: industrie, Enter houdt dit)") {
		t.Errorf("going back does not show the current answer:\n%s", out)
	}
}

// End of input in the middle saves a draft and reports the interruption.
func TestLinesEOFSavesDraft(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.NL, nil, 0)
	var saved scan.Answers
	s.Save = func(s *Session) error { saved = s.Answers.Clone(); return nil }
	_, err := runLines(t, s, "2\n2\n")
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if saved["sector"].Choice != "retail" || saved["size"].Choice != "micro" {
		t.Errorf("draft = %+v, want the two answers", saved)
	}
}

// A signal (the context) interrupts a prompt that is waiting for input.
func TestLinesContextCancelWhileWaiting(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.NL, nil, 0)
	saved := false
	s.Save = func(*Session) error { saved = true; return nil }
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out strings.Builder
	go func() { done <- Lines(ctx, s, pr, &out) }()
	pw.Write([]byte("2\n"))
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, ErrInterrupted) || !saved || s.Answers["sector"].Choice != "retail" {
			t.Errorf("err = %v, saved = %v, answers = %+v", err, saved, s.Answers)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Lines did not return after the context was cancelled")
	}
}

// The line mode answers each prompt from one line, so a program can hold a
// conversation with it: read the prompt, then write the answer.
func TestLinesConversation(t *testing.T) {
	qn := mini(t)
	s := NewSession(qn, i18n.NL, nil, 0)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	go func() {
		Lines(context.Background(), s, inR, outW)
		outW.Close()
	}()
	r := bufio.NewReader(outR)
	waitFor := func(prompt string) {
		t.Helper()
		var seen strings.Builder
		for !strings.HasSuffix(seen.String(), prompt) {
			b, err := r.ReadByte()
			if err != nil {
				t.Fatalf("waiting for %q: %v; got %q", prompt, err, seen.String())
			}
			seen.WriteByte(b)
		}
	}
	waitFor("Kies een nummer van 1 tot en met 15: ")
	inW.Write([]byte("2\n"))
	waitFor("Kies een nummer van 1 tot en met 5: ")
	inW.Write([]byte("1\n"))
	waitFor("Kies een nummer van 1 tot en met 4: ")
	inW.Close()
	if s.Answers["size"].Choice != "zzp" {
		t.Errorf("size = %+v", s.Answers["size"])
	}
}

// End of input in the middle of a matrix keeps the items answered so far.
func TestLinesEOFInMatrixKeepsItems(t *testing.T) {
	qn := mini(t)
	answers := scan.Answers{
		"sector": {Choice: "retail"}, "size": {Choice: "micro"}, "place": {Choice: "bussum"},
		"association": {Choices: []string{"none"}}, "impact-customers": {Choice: "all"},
	}
	s := NewSession(qn, i18n.NL, answers, 3)
	var saved scan.Answers
	s.Save = func(s *Session) error { saved = s.Answers.Clone(); return nil }
	_, err := runLines(t, s, "invested\n")
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	if got := saved["areas"].Items; !reflect.DeepEqual(got, map[string]string{"marketing": "invested"}) {
		t.Errorf("draft areas = %v, want marketing kept", got)
	}
}

// A resumed answer is read out in words, not as the questionnaire's id,
// and a matrix item is an "item" in English, not a "part" like a section.
func TestLinesCurrentAnswerInWords(t *testing.T) {
	qn := mini(t)
	answers := scan.Answers{
		"sector": {Choice: "retail"}, "size": {Choice: "micro"}, "place": {Choice: "bussum"},
		"association": {Choices: []string{"none"}}, "impact-customers": {Choice: "none"},
		"areas": {Items: map[string]string{"marketing": "planned", "admin": "none"}},
	}
	s := NewSession(qn, i18n.NL, answers.Clone(), 1)
	out, _ := runLines(t, s, "\n\n\n")
	if !strings.Contains(out, "(nu: niet, Enter houdt dit)") || !strings.Contains(out, "(nu: gepland, Enter houdt dit)") {
		t.Errorf("current answers not in words:\n%s", out)
	}
	for _, raw := range []string{"nu: none", "nu: planned"} {
		if strings.Contains(out, raw) {
			t.Errorf("the prompt reads out the id (%q):\n%s", raw, out)
		}
	}
	s = NewSession(qn, i18n.EN, answers.Clone(), 3)
	out, _ = runLines(t, s, "\n")
	if !strings.Contains(out, "Item 1 of 2, ") || strings.Contains(out, "Part 1 of 2, ") {
		t.Errorf("matrix items are not called items in English:\n%s", out)
	}
}
