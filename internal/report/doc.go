// Package report renders scored results for people and programs: the
// terminal result (lipgloss, with the quadrant picture and a bar per
// dimension, plain when piped or NO_COLOR is set), the accessible result
// told in sentences, and JSON. Every label comes from the questionnaire or
// the translated chrome, so the same result reads in Dutch or English.
package report
