package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// ScanRow is one stored scan of `scans list` (its JSON form as is).
type ScanRow struct {
	ID           string    `json:"id"`
	Date         date.Date `json:"date"`
	Company      string    `json:"company,omitempty"`
	CompanyID    int64     `json:"company_id,omitempty"`
	Sector       string    `json:"sector"`
	Size         string    `json:"size"`
	Municipality string    `json:"municipality"`
	Quadrant     string    `json:"quadrant"`
	Impact       float64   `json:"impact"`
	Readiness    float64   `json:"readiness"`
	Mode         string    `json:"mode"`
	Advisor      string    `json:"advisor,omitempty"`
	Due          []string  `json:"due,omitempty"` // programmes whose follow-up is due
}

// ScanList writes stored scans as a table: id, date, the business (its
// name, else its sector and size), municipality and quadrant with the
// labels of qn (ids when it is nil), and with due the programmes whose
// follow-up is due.
func ScanList(w io.Writer, rows []ScanRow, qn *q.Questionnaire, lang i18n.Lang, due bool) error {
	t := func(key string) string { return msg.T(lang, key) }
	label := func(qid, id string) string { return qn.OptionName(qid, id, lang) }
	quadrant := func(id string) string {
		if qn != nil {
			if qd := qn.Quadrant(id); qd != nil {
				return qd.Label.In(lang)
			}
		}
		return id
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := t("col.id") + "\t" + t("col.date") + "\t" + t("col.business") + "\t" + t("col.place") + "\t" + t("col.quadrant")
	if due {
		head += "\t" + t("col.due")
	}
	fmt.Fprintln(tw, head)
	for _, r := range rows {
		business := Printable(r.Company)
		if business == "" {
			business = label(q.QSector, r.Sector) + ", " + label(q.QSize, r.Size)
		}
		line := fmt.Sprintf("%s\t%s\t%s\t%s\t%s", r.ID, i18n.Day(lang, r.Date), business, label(q.QMunicipality, r.Municipality), quadrant(r.Quadrant))
		if due {
			line += "\t" + strings.Join(r.Due, ", ")
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

// DraftRow is one interrupted scan of `scans drafts`.
type DraftRow struct {
	ID            string `json:"id"`
	Updated       string `json:"updated_at"`
	Questionnaire string `json:"questionnaire"`
	Answered      int    `json:"answered"`
	Business      string `json:"business"`
}

// Drafts writes interrupted scans as a table, or as JSON.
func Drafts(w io.Writer, list []*drafts.Draft, asJSON bool, lang i18n.Lang) error {
	var rows []DraftRow
	for _, d := range list {
		rows = append(rows, DraftRow{
			ID: d.ID, Updated: d.UpdatedAt.Local().Format("2006-01-02 15:04"), // JSON: sortable
			Questionnaire: d.Questionnaire.ID + " " + d.Questionnaire.Version,
			Answered:      len(d.Answers), Business: DraftBusiness(d, lang),
		})
	}
	if asJSON {
		if rows == nil {
			rows = []DraftRow{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	t := func(key string) string { return msg.T(lang, key) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, t("col.id")+"\t"+t("col.updated")+"\t"+t("col.questionnaire")+"\t"+t("col.answered")+"\t"+t("col.business"))
	for i, d := range list {
		rows[i].Updated = DraftDate(d, lang)
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", r.ID, r.Updated, r.Questionnaire, r.Answered, Printable(r.Business))
	}
	return tw.Flush()
}

// DraftDate is when a draft was last saved, as text shows it: the date
// as every date of the language (27-11-2026 in Dutch), then the time.
func DraftDate(d *drafts.Draft, lang i18n.Lang) string {
	t := d.UpdatedAt.Local()
	return i18n.Day(lang, date.Of(t)) + " " + t.Format("15:04")
}

// DraftBusiness names the business of a draft for a listing: its name when
// given, else its sector and place as answered so far (as labels when the
// questionnaire can be opened).
func DraftBusiness(d *drafts.Draft, lang i18n.Lang) string {
	str := func(id string) string {
		var v string
		if raw, ok := d.Answers[id]; ok {
			json.Unmarshal(raw, &v)
		}
		return v
	}
	if s := str(q.QCompanyName); s != "" {
		return s
	}
	qn, _ := q.Open(d.QuestionnaireRef, "", nil)
	var parts []string
	for _, id := range []string{q.QSector, q.QPlace} {
		v := str(id)
		if v == "" {
			continue
		}
		parts = append(parts, qn.OptionName(id, v, lang))
	}
	return strings.Join(parts, ", ")
}

// FollowUps writes what was recorded after a scan (`scans follow-up`): per
// referral its outcome, reason, note and next date, then the scan's
// referrals.
func FollowUps(w io.Writer, res *scan.Result, list []store.FollowUp, lang i18n.Lang) error {
	t := func(key string) string { return msg.T(lang, key) }
	name := map[string]string{}
	for _, r := range res.Referrals {
		name[r.Programme] = r.Name
	}
	fmt.Fprintln(w, msg.Tf(lang, "msg.follow-up-head", res.ID))
	// How to reach them: asked only with the consent to follow-up.
	if c := res.Answers["contact"].Text; c != "" && res.Consents["follow_up"].Given {
		fmt.Fprintln(w, "  "+msg.Tf(lang, "msg.follow-up-contact", Printable(c)))
	}
	if len(list) == 0 {
		fmt.Fprintln(w, "  "+t("msg.no-follow-ups"))
	}
	for _, fu := range list {
		what := name[fu.Programme]
		if what == "" {
			what = fu.Programme
		}
		if what == "" {
			what = t("msg.whole-scan")
		}
		line := "  " + fu.Date.String() + "  " + what
		if fu.Outcome != "" {
			line += ": " + t("outcome."+fu.Outcome)
		}
		if fu.Reason != "" {
			line += " (" + Printable(fu.Reason) + ")"
		}
		if fu.Note != "" {
			line += " — " + Printable(fu.Note)
		}
		if !fu.Next.IsZero() {
			line += " · " + msg.Tf(lang, "msg.next", fu.Next)
		}
		fmt.Fprintln(w, line)
		if fu.HandoverNote != "" {
			fmt.Fprintln(w, "      "+t("msg.handover")+": "+Printable(fu.HandoverNote))
		}
	}
	var open []string
	for _, r := range res.Referrals {
		if !r.More {
			open = append(open, r.Programme)
		}
	}
	_, err := fmt.Fprintln(w, "  "+msg.Tf(lang, "msg.referrals-of-scan", strings.Join(open, ", ")))
	return err
}
