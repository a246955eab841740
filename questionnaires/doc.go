// Package questionnaires provides the questionnaire model: sections of
// questions with bilingual texts, conditions on earlier answers, options
// that feed the digital-intensity and advanced-technology indicators, the
// scoring settings (dimensions, impact prior, thresholds, bands, gap tiers,
// insight rules) and references to the EDIH DMA items.
//
// Questionnaires are YAML. Load reads one strictly (unknown keys, duplicate
// keys and wrong types are file:line:col errors), then Validate checks the
// whole (duplicate ids, conditions on unknown or later questions, feeds of
// unknown indicators, missing translations, the fixed profile ids of
// docs/design.md, ...). The built-in questionnaires are embedded: see
// Builtin, and Find for the questionnaire a stored result used.
package questionnaires
