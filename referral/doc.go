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
// eligibility and availability on the as-of date are hard filters
// (availability comes from the windows and dates, whatever the status, so
// a past as-of date sees a programme as it was; a successor starts where
// its predecessor ends); a programme whose next window opens within three
// months is referred as upcoming, never as open. Fit comes before
// eligibility: a programme is referred only when it answers a need of the
// business (a gap it helps with, a topic asked for, not being a member, the
// quadrant for hands-on help, or the intent it names, such as own R&D).
// Programmes made for the business's sector and need rank first; then the
// gaps weighted by impact, the focus, the quadrant (guidance and free
// low-threshold help first for businesses with the most to gain) and the
// topics. The rules are written out in gooi-vechtstreek.yaml's header.
// Explain says per rule why one programme is referred or not (`digiscan
// programmes why`). Load precomputes masks, day numbers and texts so that
// matching allocates little.
package referral
