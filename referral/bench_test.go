package referral

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gooivechtstreek/digiscan/i18n"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// generated writes a catalogue of n programmes with varied rules, focus,
// windows and events, built from the embedded catalogue's shared sections
// (kinds, reasons, labels, advice) so it validates like a real one.
func generated(t testing.TB, n int) *Catalogue {
	t.Helper()
	data, err := builtinFS.ReadFile(DefaultName + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	head := src[:strings.Index(src, "\nprogrammes:")]
	advice := src[strings.Index(src, "\nadvice:"):]
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\nprogrammes:\n")
	provinces := []string{"noord-holland", "utrecht", "flevoland", "gelderland"}
	topics := []string{"ai", "funding", "online-sales", "cybersecurity", "website", "data", "people"}
	statuses := []string{"open", "open", "open", "open", "budget-exhausted", "closed"}
	for i := range n {
		fmt.Fprintf(&b, "  - id: p%04d\n", i)
		fmt.Fprintf(&b, "    name: {nl: Programma %d, en: Programme %d}\n", i, i)
		b.WriteString("    description: {nl: Een programma., en: A programme.}\n")
		b.WriteString("    operator: {nl: Iemand, en: Someone}\n")
		fmt.Fprintf(&b, "    offers: [%s]\n", []string{"scan", "advice", "subsidy", "workshop", "financing", "training"}[i%6])
		b.WriteString("    cost: {nl: Gratis, en: Free}\n")
		fmt.Fprintf(&b, "    url: https://example.org/p%d\n", i)
		b.WriteString("    eligibility:\n")
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "      sectors: [%s, %s]\n", q.Sectors[i%15], q.Sectors[(i+3)%15])
		case 1:
			fmt.Fprintf(&b, "      provinces: [%s]\n", provinces[i%4])
		case 2:
			b.WriteString("      sizes: [micro, small, medium]\n")
		case 3:
			fmt.Fprintf(&b, "      municipalities: [%s, %s]\n", q.Municipalities[i%7], q.Municipalities[(i+2)%7])
		case 4:
			b.WriteString("      answers: {not: {question: province, in: [abroad]}}\n")
		}
		b.WriteString("    focus:\n")
		fmt.Fprintf(&b, "      sectors: [%s]\n", q.Sectors[(i*7)%15])
		fmt.Fprintf(&b, "      dimensions: [%s, %s]\n", q.DimensionIDs[i%6], q.DimensionIDs[(i+1)%6])
		fmt.Fprintf(&b, "      topics: [%s]\n", topics[i%len(topics)])
		fmt.Fprintf(&b, "      quadrants: [%s]\n", q.QuadrantIDs[i%4])
		if i%3 == 0 {
			fmt.Fprintf(&b, "      scores: [{dimension: %s, max: 60}]\n", q.DimensionIDs[(i+2)%6])
		}
		if i%4 == 0 {
			b.WriteString("      not_member: true\n")
		}
		b.WriteString("    availability:\n")
		fmt.Fprintf(&b, "      status: %s\n", statuses[i%len(statuses)])
		if statuses[i%len(statuses)] != "closed" {
			switch i % 4 {
			case 1:
				b.WriteString("      windows:\n        - {opens: 2026-09-01, closes: 2026-12-31}\n        - {opens: 2027-02-01, closes: 2027-03-31}\n")
			case 2:
				b.WriteString("      yearly:\n        - {opens: \"11-01\", closes: \"02-28\"}\n")
			}
		}
		b.WriteString("    sources: [https://example.org]\n    reviewed: 2026-11-01\n    verified: true\n")
	}
	b.WriteString(advice)
	c, err := Load("generated.yaml", []byte(b.String()), intake(t))
	if err != nil {
		t.Fatalf("generated catalogue does not load:\n%v", err)
	}
	return c
}

func TestGeneratedCatalogue(t *testing.T) {
	c := generated(t, 1000)
	r := scored(t, "shop-hilversum", today, i18n.NL)
	if err := Match(c, intake(t), r, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(r.Referrals) < 100 {
		t.Errorf("only %d of 1000 generated programmes referred", len(r.Referrals))
	}
}

func benchMatch(b *testing.B, c *Catalogue, name string) {
	qn := intake(b)
	r := scored(b, name, today, i18n.NL)
	if err := Match(c, qn, r, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(r.Referrals)), "referrals")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Match(c, qn, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Matching one result against the embedded catalogue: must stay under 5 µs.
func BenchmarkMatchEmbedded(b *testing.B) {
	for _, name := range []string{"shop-hilversum", "media-hilversum", "photographer-laren"} {
		b.Run(name, func(b *testing.B) { benchMatch(b, builtin(b), name) })
	}
}

// Matching one result against 1,000 programmes: must stay under 200 µs.
func BenchmarkMatch1000(b *testing.B) {
	benchMatch(b, generated(b, 1000), "shop-hilversum")
}

// Loading and validating the embedded catalogue (done once per process).
func BenchmarkLoadEmbedded(b *testing.B) {
	data, _ := builtinFS.ReadFile(DefaultName + ".yaml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("bench.yaml", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}
