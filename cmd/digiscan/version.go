package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/gooivechtstreek/digiscan/internal/report"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/referral"
)

// version is set at release time: -ldflags "-X main.version=v1.2.3".
var version = ""

func versionString() string {
	v := version
	if v == "" {
		v = "(devel)"
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
				v = bi.Main.Version
			}
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v += " " + s.Value[:12]
				}
			}
		}
	}
	return v
}

func newVersionCmd(f *factory) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "version",
		Short:   f.t("cmd.version.short"),
		Long:    f.t("cmd.version.long"),
		Example: "  digiscan version\n  digiscan version --format json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := textOrJSON.check(f, format); err != nil {
				return err
			}
			// The questionnaire and catalogue a scan would use now (the
			// config's, else the built-in ones), so a result can be traced.
			cfg, err := f.config()
			if err != nil {
				return err
			}
			qn, err := q.Open(firstOf(cfg.Questionnaire, q.DefaultName), "", nil)
			if err != nil {
				return err
			}
			cat, err := referral.Open(firstOf(cfg.Catalogue, referral.DefaultName), "", nil, nil)
			if err != nil {
				return err
			}
			if format == "json" {
				type ref struct {
					ID      string `json:"id"`
					Version string `json:"version"`
				}
				return report.WriteJSON(f.io.Out, struct {
					Version       string `json:"version"`
					Go            string `json:"go"`
					OS            string `json:"os"`
					Arch          string `json:"arch"`
					Questionnaire ref    `json:"questionnaire"`
					Catalogue     ref    `json:"catalogue"`
				}{versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH,
					ref{qn.ID, qn.Version}, ref{cat.ID, cat.Version}})
			}
			_, err = fmt.Fprintf(f.io.Out, "digiscan %s (%s, %s/%s)\n%s\n", versionString(), runtime.Version(), runtime.GOOS, runtime.GOARCH,
				f.tf("msg.version-content", qn.ID, qn.Version, cat.ID, cat.Version))
			return err
		},
	}
	textOrJSON.flag(cmd, &format, "text", f.t("flag.format-list"))
	return cmd
}
