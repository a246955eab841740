// Package stats computes the regional picture (digiscan stats): how many
// scanned businesses have the most to gain, where, in which sectors and
// sizes, against the 2030 targets — without misleading numbers and
// without exposing anyone.
//
// # What is counted
//
// Only scans with consent-statistics, and only the latest scan per
// company (a business that moved or grew counts where and what it is
// now; re-scans are one company by KVK number or linked by hand, see
// store.DB.LinkScan); scans without a company count as their own business. Every count
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
// to action: contacted, applied or started); the demand for themed
// workshops (the weakest dimension, and the topics businesses asked help
// with, by breakdown); and how the quadrant counts
// move with both thresholds 10 lower and 10 higher (recomputed from the
// stored impact and readiness against each questionnaire version's
// thresholds).
//
// # Disclosure control
//
// The cell key method (cellkey.go; ABS TableBuilder, UK 2021 census):
// every counted business has a record key derived from its scan id, a
// count's cell key is the sum of its businesses' keys mod 2^16 and picks a
// perturbation of at most ±2 (MaxNoise). The same businesses are published
// the same way in every table, run, filter and view, so differencing across
// them gives noise, not counts. Counts of 1 to MinCell−1, and counts whose
// perturbed value falls below MinCell, are not published; zero stays zero.
// A group (row, column or target group) of fewer than 2·MinCell businesses
// shows its total only, not its split: a cell equal to its total would name
// every member's quadrant, and the same businesses get the same value.
// No complementary suppression is needed, so headline figures are shown
// whenever their own counts are large enough. Shares are worked out from
// published counts (at most 1), each with its Wilson 95 % interval; the
// 10+ shares say whether the target is above, below or inside it (Versus).
// The demand by topic (topics.go) is counted the same way: each topic
// count, overall and per municipality, sector or size, is a set of
// businesses with its cell key, and a group of fewer than 2·MinCell that
// answered shows its total only.
// Means are shown for groups whose count is published, the mean of all
// modes only when the hidden modes are none or at least MinCell together.
// Follow-up counts have no record keys: their cell key is made of the
// programme, the outcome and the count. Suppressed values are zero in the
// report, so no renderer can leak them. The auditor in audit_test.go
// attacks 40 runs by interval differencing (the shuttle algorithm) and must
// recover no protected count.
//
// # Estimates
//
// With Options.Population (a CBS "vestigingen"-shaped file, ReadPopulation)
// the report has post-stratified estimates for all businesses: per
// municipality × size band the scanned businesses' quadrant shares
// weighted by the number of businesses, with a 95 % interval; strata with
// fewer than MinScans scans are named and left out.
//
// # JSON
//
// [Report.WriteJSON] writes Report with its JSON tags: "filter", "min_cell",
// "n" (with "n_suppressed"), "modes", "protection" {"method", "min_cell",
// "max_noise"}, "quadrants", "breakdowns" [{"by", "tables": [{"mode",
// "table"}]}], "targets" {"groups", "rows": [{"group", "mode", "n",
// "shares", "compared", "gap", "versus"}]}, "dimensions", "change" {"n",
// "deltas", "transitions", "by_referral": [{"group", "n", "months",
// "same_mode", "deltas"}]}, "referrals", "sensitivity", "trend" (a table:
// quarters × quadrants), "demand" {"weakest_dimension": [{"id", "count"}],
// "answered" (a cell: the businesses that answered the topics question),
// "topics": [{"id", "count"}] (per topic of the questionnaire, share of
// "answered"; a business may choose several), "topics_by": [{"by",
// "table"}] (rows the breakdown's values, columns the topics, row totals
// the row's businesses that answered), "planning" (a table: rows the
// topics, columns the dimensions, the businesses that chose the topic by
// their weakest dimension, shares of the row)},
// "estimates" (with --population: "source", "strata", "population",
// "covered", "quadrants": [{"quadrant", "value", "low", "high"}],
// "uncovered", "min_scans"), "suppressed", "notes". A table is {"rows",
// "cols", "cells", "row_totals", "col_totals", "total"}; a cell is {"n",
// "share", "ci95": [low, high]} or {"suppressed": true}. Ids are the
// questionnaire's (quadrants, municipalities, sectors, sizes, dimensions).
//
// # Output
//
// [Report.WriteText] renders tables and bars with lipgloss (in Dutch or
// English, labels from the questionnaire, decimal commas in Dutch, plain
// without colour when not on a terminal, at most 80 columns),
// [Report.WriteJSON] the report as JSON, [Report.WriteCSV] one value a row
// in a CSV dialect, [Report.WriteHTML] the regional page (html.go,
// regional.html.tmpl): a self-contained printable page with inline SVG
// charts, each with role="img", a title, a description and a table,
// made only from the Report (one page when one municipality is selected).
//
// # Businesses like yours
//
// [Peers] compares one business with the other consenting businesses of
// its sector and size band (peers.go) for the hand-over report, published
// with the same cell key method; the business itself is never counted.
package stats
