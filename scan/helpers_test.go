package scan

import (
	"os"
	"testing"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

func mini(t testing.TB) *q.Questionnaire {
	t.Helper()
	data, err := os.ReadFile("../internal/fixture/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	qn, err := q.Load("testdata/mini.yaml", data)
	if err != nil {
		t.Fatalf("mini.yaml does not load:\n%v", err)
	}
	return qn
}

func TestMiniLoads(t *testing.T) { mini(t) }
