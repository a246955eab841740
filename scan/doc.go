// Package scan turns answers into a scored result: which questions apply to
// this business (conditions), the answers file format and its checks, the
// rows of a survey export read cell by cell (Sheet), and the scores defined
// in docs/design.md ("Scores") — dimensions by the EDIH DMA method,
// maturity and band, readiness, impact with its sector prior, the
// quadrant, the Eurostat digital intensity index, the advanced-technology
// flags, gaps with tiers and cross-dimension insights.
//
// Everything here is pure: no I/O beyond the readers it is given, no clock
// (the as-of date and the result id come from the caller), so a result can
// be reproduced from its answers and questionnaire.
//
// Unanswered optional questions are left out of every score and listed in
// Result.Unanswered; a "don't know" answer is recorded in Result.Unknown and
// scores as "no" (0). A dimension none of whose questions apply to the
// business scores null ("not applicable") and is left out of the means.
package scan
