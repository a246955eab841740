package i18n

// Text is a piece of content in both languages, written in YAML as
//
//	title:
//	  nl: Hoeveel mensen werken er in uw bedrijf?
//	  en: How many people work in your business?
type Text struct {
	NL string `yaml:"nl,omitempty" json:"nl,omitempty"`
	EN string `yaml:"en,omitempty" json:"en,omitempty"`
}

// In returns the text in lang, falling back to the other language when the
// translation is missing (validation reports missing translations; this only
// keeps a half-translated file usable).
func (t Text) In(lang Lang) string {
	if lang == EN {
		if t.EN != "" {
			return t.EN
		}
		return t.NL
	}
	if t.NL != "" {
		return t.NL
	}
	return t.EN
}

// IsZero reports whether neither language is set.
func (t Text) IsZero() bool { return t.NL == "" && t.EN == "" }

// Missing lists the languages without a translation.
func (t Text) Missing() []Lang {
	var m []Lang
	if t.NL == "" {
		m = append(m, NL)
	}
	if t.EN == "" {
		m = append(m, EN)
	}
	return m
}
