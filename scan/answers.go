package scan

import (
	"encoding/json"
	"slices"

	"go.yaml.in/yaml/v3"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Answer is one question's answer. Which field is used depends on the
// question's type: Choice for single, scale and yes/no ("yes", "no" or
// "dont-know"), Choices for multiple choice, Items for a matrix, Number
// and Text for the rest.
type Answer struct {
	Choice  string
	Choices []string
	Items   map[string]string
	Number  *float64
	Text    string
}

// Answers maps question ids to answers. A question without an entry is unanswered.
type Answers map[string]Answer

// Yes and No are the yes/no answers.
const (
	Yes = "yes"
	No  = "no"
)

// Has reports whether a multiple choice answer includes option id.
func (a Answer) Has(id string) bool { return slices.Contains(a.Choices, id) }

// MarshalJSON writes an answer in the answers-file form: an option id, a
// list, an item→option mapping, a number, true/false or text.
func (a Answer) MarshalJSON() ([]byte, error) {
	switch {
	case a.Items != nil:
		return json.Marshal(a.Items)
	case a.Choices != nil:
		return json.Marshal(a.Choices)
	case a.Number != nil:
		return json.Marshal(*a.Number)
	case a.Choice != "":
		return json.Marshal(a.Choice)
	}
	return json.Marshal(a.Text)
}

// Clone returns a deep copy, so a draft can be changed without touching a result.
func (as Answers) Clone() Answers {
	out := make(Answers, len(as))
	for k, a := range as {
		c := a
		c.Choices = slices.Clone(a.Choices)
		if a.Items != nil {
			c.Items = make(map[string]string, len(a.Items))
			for i, v := range a.Items {
				c.Items[i] = v
			}
		}
		if a.Number != nil {
			n := *a.Number
			c.Number = &n
		}
		out[k] = c
	}
	return out
}

// answered reports whether a is a real answer for qu (not an empty value).
func answered(qu *q.Question, a Answer) bool {
	switch qu.Type {
	case q.Multi:
		return a.Choices != nil
	case q.Number:
		return a.Number != nil
	case q.Text:
		return a.Text != ""
	}
	if qu.IsMatrix() {
		return len(a.Items) > 0
	}
	return a.Choice != ""
}

// DecodeJSON decodes stored answers (the JSON form MarshalJSON writes) for
// qn. Answers that no longer fit the questionnaire (a question removed, an
// option renamed) are left out and their ids returned in dropped.
func DecodeJSON(qn *q.Questionnaire, raw map[string]json.RawMessage) (answers Answers, dropped []string) {
	answers = make(Answers, len(raw))
	for id, msg := range raw {
		qu := qn.Question(id)
		if qu == nil {
			dropped = append(dropped, id)
			continue
		}
		var n yaml.Node
		if err := yaml.Unmarshal(msg, &n); err != nil || len(n.Content) == 0 {
			dropped = append(dropped, id)
			continue
		}
		a, msg := decodeAnswer(qu, n.Content[0])
		if !msg.IsZero() {
			dropped = append(dropped, id)
			continue
		}
		answers[id] = a
	}
	slices.Sort(dropped)
	return answers, dropped
}

// EncodeJSON is the inverse of DecodeJSON.
func (as Answers) EncodeJSON() map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(as))
	for id, a := range as {
		b, _ := json.Marshal(a)
		out[id] = b
	}
	return out
}
