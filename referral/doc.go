// Package referral turns a scored scan into the support a business may
// actually use: the programme catalogue of a region (its model, strict
// loading with file:line:col errors and validation against the
// questionnaire), the embedded catalogue for Gooi & Vechtstreek
// (gooi-vechtstreek.yaml), matching and ranking with reasons in plain
// words, next-step advice, and the maintainer's catalogue check.
//
// A catalogue lists programmes with their hard eligibility rules (sector,
// size, municipality or province, conditions on answers), their focus (what
// makes them fit better without excluding anyone), their availability
// (status, dated and yearly windows, a successor), events such as themed
// workshops, reason templates and advice texts per dimension and gap tier,
// insight and quadrant, in Dutch and English. All wording lives in the
// YAML; the Go code decides which reasons and steps apply.
//
// Match fills a scan.Result's referrals, advice and catalogue reference:
// eligibility and availability on the as-of date are hard filters; a closed
// programme hands over to its open successor; a programme whose next window
// opens within three months is referred as upcoming, never as open; the
// ranking weighs the business's gaps by its impact, the programme's focus,
// the quadrant (guidance-heavy offers first for businesses with the most to
// gain) and the topics asked for. Load precomputes masks, day numbers and
// texts so that matching allocates little.
package referral
