// Package i18n provides the two languages digiscan speaks (Dutch and
// English), the bilingual Text type that every piece of content in the
// questionnaires and catalogues uses, and the translated UI chrome
// (headings, prompts, error hints) loaded from the embedded messages.yaml.
package i18n
