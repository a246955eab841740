// Package stats computes the regional picture (digiscan stats): how many
// scanned businesses have the most to gain, where, in which sectors and
// sizes, against the 2030 targets — without misleading numbers and
// without exposing anyone.
//
// # What is counted
//
// Only scans with consent-statistics, and only the latest scan per
// company (a business that moved or grew counts where and what it is
// now); scans without a company count as their own business. Every count
// is stated "among scanned businesses (n = …)" and split by mode: advisor
// led, self-assessed and survey scans differ. [Compute] reads the scans
// through store.DB.EachBrief (the columns statistics need, packed: no
// result JSON), so 100,000 scans take well under a second.
//
// The report ([Report]) holds: quadrant counts and shares per mode;
// breakdowns by municipality, sector and size (Options.By), per mode and
// for all modes; the DII basic level and cloud / AI / data-analytics shares
// against the 2030 targets (95% and 75%), compared only for firms of 10 or
// more people (small, medium, large: the population the targets are
// measured on), with freelancers and micro firms shown apart; mean scores
// per dimension; the change among re-scanned businesses from their first
// scan (T0) to their latest (T1), with the quadrant transitions;
// the outcomes of followed-up referrals per programme (the share that led
// to action: contacted, applied or started); and how the quadrant counts
// move with both thresholds 10 lower and 10 higher (recomputed from the
// stored impact and readiness against each questionnaire version's
// thresholds).
//
// # Suppression
//
// Counts of 1 to MinCell−1 (default 5) are suppressed, and with them as
// many others as it takes that none can be recovered from the totals:
// every published count is a box in the table of scans by mode, impact
// and readiness band, municipality, sector and size; for each family of
// linked tables (a breakdown with the quadrant table its columns add up
// to) an exact audit (Gaussian elimination modulo a prime) asks whether a
// suppressed count is a sum and difference of published ones, and while
// one is, a hypercube of counts around it is suppressed too (the cheapest
// one, zeros last). Shares with a suppressed part are not shown; means are
// shown for groups of at least MinCell, and the mean of all modes only
// when the modes it would give away are none or at least MinCell together.
// Suppressed values are zero in the report, so no renderer can leak them.
// Families are audited one by one: combining two breakdowns (sector and
// size, say) is not audited jointly.
//
// # Output
//
// [Report.WriteText] renders tables and bars with lipgloss (in Dutch or
// English, labels from the questionnaire, decimal commas in Dutch, plain
// without colour when not on a terminal, at most 80 columns),
// [Report.WriteJSON] the report as JSON, [Report.WriteCSV] one value a row
// in a CSV dialect.
package stats
