// Package i18n is the vocabulary of the two languages digiscan speaks
// (Dutch and English): Lang, the bilingual Text that every piece of content
// in the questionnaires and catalogues uses, the language precedence of the
// command line (flag, file, config, locale) and dates as each language
// writes them. The translated UI chrome is digiscan's own (internal/msg).
package i18n
