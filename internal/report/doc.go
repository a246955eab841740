// Package report renders what digiscan shows people and programs: the
// scored result (for a terminal with lipgloss, with the quadrant picture
// and a bar per dimension, plain when piped or NO_COLOR is set; told in
// sentences for the accessible mode; JSON), the comparison of two scans,
// programmes in words and as a table (their rules, funding and state said
// with the questionnaire's labels), the maintainer's findings, the lists
// of stored scans, drafts and follow-ups, and the questionnaire itself
// (YAML, JSON or an outline). Every label comes from the questionnaire,
// the catalogue or the translated chrome, so the same thing reads in Dutch
// or English. The commands hand results here; they render nothing
// themselves.
package report
