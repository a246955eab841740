package export

import (
	"fmt"
	"math"

	q "github.com/gooivechtstreek/digiscan/questionnaires"
)

// Consent keys in a stored result, in the order of the consent columns.
var consentKeys = [3]string{"statistics", "follow_up", "handover"}

// scanRow is what an export takes from a stored result. Byte slices point
// into the JSON being read (or the scanner's arena): valid while the row
// is written.
type scanRow struct {
	id, createdAt, asOf                      []byte
	qid, qversion                            []byte
	catID, catVersion                        []byte
	lang, mode, advisor, organisation, heard []byte
	sector, size, municipality, province     []byte
	companyName, kvk, establishment          []byte
	consent                                  [3]int8 // -1 not recorded, 0 no, 1 yes
	impact, readiness                        float64
	quadrant                                 []byte
	thImpact, thReadiness                    float64 // NaN when not recorded
	dims                                     [6]float64
	maturity                                 float64
	maturityBand                             []byte
	diiVersion, diiLevel                     []byte
	diiCount                                 float64
	diiBasic                                 bool
	tech                                     [4]bool // cloud, ai, data_analytics, any
	referrals                                [][]byte
}

func (r *scanRow) reset() {
	refs := r.referrals[:0]
	*r = scanRow{referrals: refs}
	r.consent = [3]int8{-1, -1, -1}
	r.thImpact, r.thReadiness, r.diiCount = math.NaN(), math.NaN(), math.NaN()
	for i := range r.dims {
		r.dims[i] = math.NaN()
	}
}

// resultHooks receive the parts of a result that depend on the columns.
type resultHooks struct {
	// indicator is called for each DII indicator.
	indicator func(id []byte, yes bool)
	// answer is called with each answer's question id; it must read or
	// skip the value.
	answer func(qid []byte, s *jsonScanner)
	// maxReferrals is how many referrals to keep.
	maxReferrals int
}

// parseResult reads stored result JSON into r.
func parseResult(s *jsonScanner, data []byte, r *scanRow, h *resultHooks) error {
	s.reset(data)
	r.reset()
	s.object(func(key []byte) {
		switch string(key) {
		case "id":
			r.id = s.str()
		case "created_at":
			r.createdAt = s.str()
		case "as_of":
			r.asOf = s.str()
		case "questionnaire":
			s.object(func(k []byte) {
				switch string(k) {
				case "id":
					r.qid = s.str()
				case "version":
					r.qversion = s.str()
				default:
					s.skip()
				}
			})
		case "catalogue":
			s.object(func(k []byte) {
				switch string(k) {
				case "id":
					r.catID = s.str()
				case "version":
					r.catVersion = s.str()
				default:
					s.skip()
				}
			})
		case "lang":
			r.lang = s.str()
		case "mode":
			r.mode = s.str()
		case "advisor":
			r.advisor = s.str()
		case "organisation":
			r.organisation = s.str()
		case "heard_via":
			r.heard = s.str()
		case "profile":
			s.object(func(k []byte) {
				switch string(k) {
				case "sector":
					r.sector = s.str()
				case "size":
					r.size = s.str()
				case "municipality":
					r.municipality = s.str()
				case "province":
					r.province = s.str()
				default:
					s.skip()
				}
			})
		case "company":
			s.object(func(k []byte) {
				switch string(k) {
				case "name":
					r.companyName = s.str()
				case "kvk":
					r.kvk = s.str()
				case "establishment":
					r.establishment = s.str()
				default:
					s.skip()
				}
			})
		case "consents":
			s.object(func(k []byte) {
				i := -1
				for j, c := range consentKeys {
					if string(k) == c {
						i = j
					}
				}
				if i < 0 {
					s.skip()
					return
				}
				r.consent[i] = 0
				s.object(func(k2 []byte) {
					if string(k2) == "given" {
						if s.boolean() {
							r.consent[i] = 1
						}
						return
					}
					s.skip()
				})
			})
		case "impact":
			r.impact, _ = s.number()
		case "readiness":
			r.readiness, _ = s.number()
		case "quadrant":
			r.quadrant = s.str()
		case "thresholds":
			s.object(func(k []byte) {
				switch string(k) {
				case "impact":
					r.thImpact, _ = s.number()
				case "readiness":
					r.thReadiness, _ = s.number()
				default:
					s.skip()
				}
			})
		case "dimensions":
			s.array(func(int) {
				var id []byte
				score := math.NaN()
				s.object(func(k []byte) {
					switch string(k) {
					case "id":
						id = s.str()
					case "score":
						if x, ok := s.number(); ok {
							score = x
						}
					default:
						s.skip()
					}
				})
				for i, d := range q.DimensionIDs {
					if string(id) == d {
						r.dims[i] = score
					}
				}
			})
		case "maturity":
			s.object(func(k []byte) {
				switch string(k) {
				case "score":
					r.maturity, _ = s.number()
				case "band":
					r.maturityBand = s.str()
				default:
					s.skip()
				}
			})
		case "digital_intensity":
			s.object(func(k []byte) {
				switch string(k) {
				case "version":
					r.diiVersion = s.str()
				case "count":
					if x, ok := s.number(); ok {
						r.diiCount = x
					}
				case "level":
					r.diiLevel = s.str()
				case "basic":
					r.diiBasic = s.boolean()
				case "indicators":
					s.object(func(id []byte) {
						yes := s.boolean()
						if h.indicator != nil {
							h.indicator(id, yes)
						}
					})
				default:
					s.skip()
				}
			})
		case "advanced_tech":
			s.object(func(k []byte) {
				switch string(k) {
				case "cloud":
					r.tech[0] = s.boolean()
				case "ai":
					r.tech[1] = s.boolean()
				case "data_analytics":
					r.tech[2] = s.boolean()
				case "any":
					r.tech[3] = s.boolean()
				default:
					s.skip()
				}
			})
		case "referrals":
			s.array(func(int) {
				s.object(func(k []byte) {
					if string(k) == "programme" && len(r.referrals) < h.maxReferrals {
						r.referrals = append(r.referrals, s.str())
						return
					}
					s.skip()
				})
			})
		case "answers":
			if h.answer == nil {
				s.skip()
				return
			}
			s.object(func(qid []byte) { h.answer(qid, s) })
		default:
			s.skip()
		}
	})
	if s.err != nil {
		return fmt.Errorf("stored result: %w", s.err)
	}
	if s.peek() != 0 {
		return fmt.Errorf("stored result: %w: data after the result", errSyntax)
	}
	return nil
}
