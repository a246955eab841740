package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/config"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/report"
	"github.com/gooivechtstreek/digiscan/internal/stats"
	"github.com/gooivechtstreek/digiscan/internal/store"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// handoverFormats are the formats of the hand-over report.
var handoverFormats = formats{"html", "pdf", "md"}

type reportOptions struct {
	format string
	output string
}

func newReportCmd(f *factory) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:               "report ID",
		Short:             f.t("cmd.report.short"),
		Long:              f.t("cmd.report.long"),
		Example:           f.t("cmd.report.example"),
		Args:              exactArgs(1),
		ValidArgsFunction: completeScans(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(cmd.Context(), f, o, args[0])
		},
	}
	handoverFormats.flag(cmd, &o.format, "html", f.t("flag.format-report"))
	cmd.Flags().StringVarP(&o.output, "output", "o", "", f.t("flag.output-report"))
	return cmd
}

func runReport(ctx context.Context, f *factory, o *reportOptions, id string) error {
	if err := handoverFormats.check(f, o.format); err != nil {
		return err
	}
	if o.format == "pdf" && (o.output == "" || o.output == "-") && f.io.OutTTY {
		return usageT("err.pdf-to-terminal")
	}
	res, qn, err := loadScan(ctx, f, id)
	if err != nil {
		return err
	}
	lang, err := resolveLang(f, res.Lang)
	if err != nil {
		return err
	}
	in, err := handoverInput(ctx, f, res, qn, lang, true)
	if err != nil {
		return err
	}
	return writeHandover(ctx, f, in, o.format, o.output)
}

// reportFormat is the format of scan --report FILE, from its extension.
func reportFormat(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return "pdf"
	case ".md", ".markdown":
		return "md"
	}
	return "html"
}

// handoverInput gathers what the report shows besides the result: the
// privacy line and, when the store has one, the business's previous scan
// with what came of its referrals.
func handoverInput(ctx context.Context, f *factory, res *scan.Result, qn *q.Questionnaire, lang i18n.Lang, stored bool) (report.HandoverInput, error) {
	in := report.HandoverInput{Result: res, Qn: qn, Lang: lang, Privacy: privacyOf(f, lang, res)}
	if !stored {
		return in, nil
	}
	db, err := f.db()
	if err != nil {
		return in, err
	}
	rec, err := db.Scan(ctx, res.ID)
	if err != nil {
		return in, nil
	}
	// Businesses like yours: the same sector and size band, protected as
	// the regional figures are; the business itself is never counted.
	g, err := stats.Peers(ctx, db, stats.PeerQuery{ScanID: res.ID, CompanyID: rec.CompanyID, Date: res.AsOf,
		Sector: res.Profile.Sector, Size: res.Profile.Size, Quadrant: res.Quadrant})
	if err != nil {
		return in, err
	}
	in.Peers = report.PeersOf(g, res, qn, lang)
	if rec.CompanyID == 0 {
		return in, nil // no company recorded: no earlier scan to find
	}
	list, err := db.List(ctx, store.Filter{CompanyID: rec.CompanyID, NoJSON: true})
	if err != nil {
		return in, err
	}
	// The latest scan before this one: by scan date, then creation time.
	var prev *store.Record
	for _, r := range list {
		if r.ID == rec.ID || r.Date.After(rec.Date) || (r.Date.Equal(rec.Date) && !r.CreatedAt.Before(rec.CreatedAt)) {
			continue
		}
		if prev == nil || r.Date.After(prev.Date) || (r.Date.Equal(prev.Date) && r.CreatedAt.After(prev.CreatedAt)) {
			prev = r
		}
	}
	if prev == nil {
		return in, nil
	}
	p, _, err := loadScan(ctx, f, prev.ID)
	if err != nil {
		return in, err
	}
	in.Previous = p
	fus, err := db.FollowUps(ctx, store.FollowUpFilter{ScanID: p.ID, Latest: true})
	if err != nil {
		return in, err
	}
	for _, fu := range fus {
		name := ""
		for _, ref := range p.Referrals {
			if ref.Programme == fu.Programme {
				name = ref.Name
			}
		}
		in.FollowUps = append(in.FollowUps, report.FollowUpOutcome{
			Programme: fu.Programme, Name: name, Outcome: fu.Outcome, Reason: fu.Reason, Date: fu.Date,
		})
	}
	return in, nil
}

// privacyOf is who keeps the answers, for how long and whom to ask, as
// the privacy notice said at the scan: an entrepreneur scanning alone keeps
// them on their own computer until they erase them; otherwise the config's
// privacy settings, else the scan's own organisation or advisor. It
// promises no period the config does not state.
func privacyOf(f *factory, lang i18n.Lang, res *scan.Result) report.Privacy {
	if res.Mode == scan.ModeSelf {
		return report.Privacy{
			Controller: msg.T(lang, "privacy.self-controller"),
			Retention:  msg.T(lang, "privacy.self-until-erased"),
			Contact:    msg.T(lang, "privacy.self-contact"),
		}
	}
	cfg, _ := f.config()
	if cfg == nil {
		cfg = &config.Config{}
	}
	controller, contact := keeperOf(cfg, lang, res.Organisation, firstOf(cfg.Advisor, res.Advisor))
	return report.Privacy{
		Controller: controller,
		Retention:  firstOf(cfg.Privacy.Retention, msg.T(lang, "privacy.until-erased")),
		Contact:    contact,
	}
}

// writeHandover renders the report in format and writes it to path (all
// or nothing) or standard output.
func writeHandover(ctx context.Context, f *factory, in report.HandoverInput, format, path string) error {
	h, err := report.NewHandover(in)
	if err != nil {
		return err
	}
	var browser string
	if format == "pdf" {
		// Found before anything is written, so a missing browser leaves no
		// half-made file behind.
		browser, err = report.FindBrowser(f.io.Getenv, exec.LookPath, report.FileExists)
		if err != nil {
			return noBrowserError{err: err, text: msg.T(in.Lang, "handover.no-browser")}
		}
	}
	err = f.writeOut(path, func(w io.Writer, _ bool) error {
		switch format {
		case "md":
			return report.HandoverMarkdown(w, h)
		case "pdf":
			var page bytes.Buffer
			if err := report.HandoverHTML(&page, h); err != nil {
				return err
			}
			return report.PrintPDF(ctx, browser, page.Bytes(), w)
		}
		return report.HandoverHTML(w, h)
	})
	if err == nil && path != "" && path != "-" {
		fmt.Fprintln(f.io.ErrOut, msg.Tf(in.Lang, "handover.written", path))
	}
	return err
}

// noBrowserError says no browser was found, and how to print the HTML instead.
type noBrowserError struct {
	err  error
	text string
}

func (e noBrowserError) Error() string { return e.err.Error() + "\n" + e.text }

func (e noBrowserError) Unwrap() error { return e.err }
