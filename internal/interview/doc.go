// Package interview runs a questionnaire with a person: the full-screen TUI
// (charmbracelet/huh, one section per screen with "section k of n", back
// and forward, Dutch or English chrome) and the accessible line mode (one
// plain prompt per line, driveable from a pipe, for screen readers and
// TERM=dumb). Both honour the questionnaire's conditions and save a draft
// after every section and on interruption. It is the only importer of huh.
package interview
