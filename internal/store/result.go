package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gooivechtstreek/digiscan/date"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// resultAlias is scan.Result without its methods, so storedResult can
// replace its Answers (which need the questionnaire to decode) by their
// raw JSON.
type resultAlias scan.Result

// storedResult is the JSON form of a result in the database and in JSON
// Lines exports: scan.Result's keys, answers as raw JSON values.
type storedResult struct {
	*resultAlias
	Answers map[string]json.RawMessage `json:"answers"`
}

// encodeResult returns the canonical JSON of r: no HTML escaping, no
// trailing newline. The same result always gives the same bytes.
func encodeResult(r *storedResult) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encode result: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func fromResult(r *scan.Result) *storedResult {
	var answers map[string]json.RawMessage
	if r.Answers != nil {
		answers = r.Answers.EncodeJSON()
		for id, raw := range answers {
			answers[id] = unescapeHTML(raw)
		}
	}
	return &storedResult{resultAlias: (*resultAlias)(r), Answers: answers}
}

// unescapeHTML re-encodes a JSON value that json.Marshal wrote with <, >
// and & escaped, so stored text reads (and is searched) as typed.
func unescapeHTML(raw json.RawMessage) json.RawMessage {
	if !bytes.Contains(raw, []byte(`\u00`)) {
		return raw
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return raw
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return raw
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// decodeResult reads stored or imported result JSON strictly: unknown keys
// are errors (an export of a newer digiscan is refused, not half read).
func decodeResult(data []byte) (*storedResult, error) {
	s := &storedResult{resultAlias: &resultAlias{}}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(s); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value on the line")
	}
	return s, nil
}

// decodeStored decodes result JSON as stored and exported. With a
// questionnaire the answers are decoded too (answers that no longer fit it
// are left out, see scan.DecodeJSON); without one Result.Answers is nil.
func decodeStored(data []byte, qn *q.Questionnaire) (*scan.Result, error) {
	s, err := decodeResult(data)
	if err != nil {
		return nil, fmt.Errorf("decode result: %w", err)
	}
	r := (*scan.Result)(s.resultAlias)
	if qn != nil {
		r.Answers, _ = scan.DecodeJSON(qn, s.Answers)
	}
	return r, nil
}

var quadrants = []string{"vulnerable", "frontrunner", "low-urgency", "prepared"}

// ConsentKeys are the keys of scan.Result.Consents.
var ConsentKeys = []string{ConsentStatistics, ConsentFollowUp, ConsentHandover}

// Consent keys.
const (
	ConsentStatistics = "statistics"
	ConsentFollowUp   = "follow_up"
	ConsentHandover   = "handover"
)

// validate checks what the store relies on; the scoring itself is trusted.
func validate(r *resultAlias) error {
	switch {
	case !validScanID(r.ID):
		return fmt.Errorf("%w: scan id %q: letters, digits, - and _ only, at most 64", ErrInvalid, r.ID)
	case r.CreatedAt.IsZero():
		return fmt.Errorf("%w: scan %s has no created_at", ErrInvalid, r.ID)
	case r.Mode != scan.ModeAdvisor && r.Mode != scan.ModeSelf && r.Mode != scan.ModeSurvey:
		return fmt.Errorf("%w: scan %s: mode %q is not advisor, self or survey", ErrInvalid, r.ID, r.Mode)
	case r.Questionnaire.ID == "":
		return fmt.Errorf("%w: scan %s names no questionnaire", ErrInvalid, r.ID)
	case !slices.Contains(quadrants, r.Quadrant):
		return fmt.Errorf("%w: scan %s: quadrant %q is not one of %v", ErrInvalid, r.ID, r.Quadrant, quadrants)
	case r.Impact < 0 || r.Impact > 100 || r.Readiness < 0 || r.Readiness > 100:
		return fmt.Errorf("%w: scan %s: impact and readiness must be 0–100", ErrInvalid, r.ID)
	}
	for k, c := range r.Consents {
		if !slices.Contains(ConsentKeys, k) {
			return fmt.Errorf("%w: scan %s: unknown consent %q", ErrInvalid, r.ID, k)
		}
		if hasControl(c.TextVersion) {
			return fmt.Errorf("%w: scan %s: control character in consent text version", ErrInvalid, r.ID)
		}
	}
	cat := r.Catalogue
	if cat == nil {
		cat = &scan.CatalogueRef{}
	}
	for _, v := range []string{r.Questionnaire.ID, r.Questionnaire.Version, r.Questionnaire.Hash, cat.ID, cat.Version,
		r.Lang, r.Profile.Sector, r.Profile.Size, r.Profile.Municipality, r.Profile.Province, r.Maturity.Band, r.DigitalIntensity.Version} {
		if hasControl(v) {
			return fmt.Errorf("%w: scan %s: control character in %q", ErrInvalid, r.ID, v)
		}
	}
	for _, v := range r.Profile.Topics {
		// Stored joined by commas (the topics column): an id holds none.
		if v == "" || hasControl(v) || strings.ContainsRune(v, ',') {
			return fmt.Errorf("%w: scan %s: topic %q is not an option id (letters, digits and -)", ErrInvalid, r.ID, v)
		}
	}
	for _, v := range []string{r.Advisor, r.Organisation, r.HeardVia} {
		if msg := scan.CheckPrintable(v); msg != "" {
			return fmt.Errorf("%w: scan %s: %q: %s", ErrInvalid, r.ID, v, msg)
		}
	}
	if c := r.Company; c != nil {
		if msg := scan.CheckPrintable(c.Name); msg != "" {
			return fmt.Errorf("%w: scan %s: company name %q: %s", ErrInvalid, r.ID, c.Name, msg)
		}
		if c.KVK != "" && !digits(c.KVK, 8) {
			return fmt.Errorf("%w: scan %s: KVK number %q is not 8 digits", ErrInvalid, r.ID, c.KVK)
		}
		if c.Establishment != "" && !digits(c.Establishment, 12) {
			return fmt.Errorf("%w: scan %s: establishment number %q is not 12 digits", ErrInvalid, r.ID, c.Establishment)
		}
	}
	return nil
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// timeLayout stores times in UTC with a fixed width, so they sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

// scanDate is the day a scan speaks for: as_of, else the day it was made.
func scanDate(r *resultAlias) string {
	if !r.AsOf.IsZero() {
		return r.AsOf.String()
	}
	return date.Of(r.CreatedAt).String()
}

// dimensionIDs are the dimensions kept as columns (dim_<id>), in the
// questionnaires' order; another number of dimensions would need a
// migration (the conversion panics at start-up rather than store scores in
// the wrong columns).
var dimensionIDs = [6]string(q.DimensionIDs)

// scanColumns are the columns of scans written from a result, in the order
// of scanValues.
const scanColumns = `id, company_id, created_at, scan_date, saved_at,
	questionnaire_id, questionnaire_version, questionnaire_hash, catalogue_id, catalogue_version,
	lang, mode, advisor, organisation, heard_via,
	sector, size, municipality, province, quadrant,
	impact, readiness, maturity, maturity_band, dii_version, dii_count, dii_basic,
	consent_statistics, consent_statistics_text, consent_follow_up, consent_follow_up_text,
	consent_handover, consent_handover_text,
	company_name, kvk, establishment,
	dim_strategy, dim_technology, dim_people, dim_data, dim_automation, dim_green,
	tech_cloud, tech_ai, tech_data_analytics, tech_any, topics`

const scanPlaceholders = `?, ?, ?, ?, ?,  ?, ?, ?, ?, ?,  ?, ?, ?, ?, ?,  ?, ?, ?, ?, ?,
	?, ?, ?, ?, ?, ?, ?,  ?, ?, ?, ?, ?, ?,  ?, ?, ?,  ?, ?, ?, ?, ?, ?,  ?, ?, ?, ?, ?`

func scanValues(r *resultAlias, companyID int64, savedAt string) []any {
	var cat scan.CatalogueRef
	if r.Catalogue != nil {
		cat = *r.Catalogue
	}
	var comp scan.Company
	if r.Company != nil {
		comp = *r.Company
	}
	var company any
	if companyID != 0 {
		company = companyID
	}
	dims := make([]any, len(dimensionIDs))
	for i, id := range dimensionIDs {
		if v, ok := (*scan.Result)(r).DimensionScore(id); ok {
			dims[i] = v
		}
	}
	st, fu, ho := r.Consents[ConsentStatistics], r.Consents[ConsentFollowUp], r.Consents[ConsentHandover]
	return append([]any{
		r.ID, company, fmtTime(r.CreatedAt), scanDate(r), savedAt,
		r.Questionnaire.ID, r.Questionnaire.Version, r.Questionnaire.Hash, cat.ID, cat.Version,
		r.Lang, r.Mode, r.Advisor, r.Organisation, r.HeardVia,
		r.Profile.Sector, r.Profile.Size, r.Profile.Municipality, r.Profile.Province, r.Quadrant,
		r.Impact, r.Readiness, r.Maturity.Score, r.Maturity.Band, r.DigitalIntensity.Version, r.DigitalIntensity.Count, r.DigitalIntensity.Basic,
		st.Given, st.TextVersion, fu.Given, fu.TextVersion, ho.Given, ho.TextVersion,
		comp.Name, comp.KVK, comp.Establishment,
	}, append(dims, r.AdvancedTech.Cloud, r.AdvancedTech.AI, r.AdvancedTech.DataAnalytics, r.AdvancedTech.Any,
		strings.Join(r.Profile.Topics, ","))...)
}

// validScanID: a letter or digit, then up to 63 letters, digits, - or _.
func validScanID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case (c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return true
}

// digits reports whether s is exactly n ASCII digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// unsafeJSONText finds a control or text-direction character
// (scan.UnsafeRune) in any string of a JSON line, raw or escaped (\n,
// \u001b, \u202e); ok is false when there is none. It reads the bytes once, without
// decoding the JSON.
func unsafeJSONText(b []byte) (found rune, ok bool) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b):
			switch b[i+1] {
			case 'b':
				return '\b', true
			case 'f':
				return '\f', true
			case 'n':
				return '\n', true
			case 'r':
				return '\r', true
			case 't':
				return '\t', true
			case 'u':
				if i+6 <= len(b) {
					if v, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 32); err == nil && scan.UnsafeRune(rune(v)) {
						return rune(v), true
					}
				}
				i += 6
				continue
			}
			i += 2
		case c < utf8.RuneSelf:
			if scan.UnsafeRune(rune(c)) && c != '\n' && c != '\r' && c != '\t' && c != ' ' {
				return rune(c), true
			}
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			if scan.UnsafeRune(r) {
				return r, true
			}
			i += n
		}
	}
	return 0, false
}
