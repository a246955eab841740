package main

import (
	"context"
	"fmt"
	stdio "io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/iostreams"
	"github.com/gooivechtstreek/digiscan/internal/msg"
)

// run is the whole program: it returns the exit code.
func run(args []string, io *iostreams.IOStreams) (code int) {
	lang := i18n.NL
	defer recoverPanic(io.ErrOut, &lang, &code)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	f := newFactory(io, args)
	lang = f.lang
	done := make(chan struct{})
	defer close(done)
	go watchSignals(f, sigs, done, cancel)
	root := newRootCmd(f)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	err := root.ExecuteContext(ctx)
	f.closeDB()
	return exitCode(withDB(err, f.dbUsed), io.ErrOut, f.lang)
}

// repanic lets a panic through recoverPanic: in a test binary a panic
// must fail the test, not become a message.
var repanic = testing.Testing()

// recoverPanic turns a panic into one line on stderr, with where to report
// it, and exit code 1: never a stack trace for the user.
func recoverPanic(stderr stdio.Writer, lang *i18n.Lang, code *int) {
	r := recover()
	if r == nil {
		return
	}
	if repanic {
		panic(r)
	}
	fmt.Fprintln(stderr, msg.Tf(*lang, "err.internal", firstLine(fmt.Sprint(r)), versionString()))
	*code = exitError
}

// firstLine is the first line of s, at most 200 bytes.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// signalGrace is how long a command has to end by itself after SIGINT,
// SIGTERM or SIGHUP (its context is cancelled: a write rolls back, an
// output file is not replaced) before the process ends anyway.
const signalGrace = time.Second

// exitNow ends the process (tests replace it).
var exitNow = os.Exit

// watchSignals ends the command on a signal: it cancels the context at
// once; a command still running after signalGrace (blocked reading a
// pipe, a device, a huge file) ends with exit 130 and a line on stderr.
// An interview is left to end itself (it keeps a draft); a second signal
// ends any command at once.
func watchSignals(f *factory, sigs <-chan os.Signal, done <-chan struct{}, cancel context.CancelFunc) {
	select {
	case <-done:
		return
	case <-sigs:
	}
	cancel()
	for {
		var grace <-chan time.Time
		if !f.interviewing.Load() {
			grace = time.After(signalGrace)
		}
		select {
		case <-done:
			return
		case <-sigs:
		case <-grace:
			if f.interviewing.Load() {
				continue
			}
		}
		fmt.Fprintln(f.io.ErrOut, f.t("msg.signal-ended"))
		exitNow(exitAborted)
		return
	}
}

func newRootCmd(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:           "digiscan",
		Short:         f.t("cmd.root.short"),
		Long:          f.t("cmd.root.long"),
		Example:       f.t("cmd.root.example"),
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionString(),
		Annotations:   map[string]string{langAnnotation: string(f.lang)},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if f.langFlag != "" {
				if _, err := i18n.ParseLang(f.langFlag); err != nil {
					return usageError{err}
				}
			}
			f.noteInputs(cmd, args)
			// Before any work (an interview, an export): -o must not
			// destroy the database or an input.
			if fl := cmd.Flags().Lookup("output"); fl != nil {
				return f.checkOutput(fl.Value.String())
			}
			return nil
		},
	}
	cmd.PersistentFlags().StringVar(&f.langFlag, "lang", "", f.t("flag.lang"))
	cmd.PersistentFlags().StringVar(&f.dbFlag, "db", "", f.t("flag.db"))
	_ = cmd.MarkPersistentFlagFilename("db", "db")
	_ = cmd.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{"nl", "en"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	cmd.SetVersionTemplate("digiscan {{.Version}}\n")

	cmd.AddCommand(
		newScanCmd(f),
		newQuestionnaireCmd(f),
		newValidateCmd(f),
		newScansCmd(f),
		newProgrammesCmd(f),
		newImportCmd(f),
		newExportCmd(f),
		newStatsCmd(f),
		newReportCmd(f),
		newScoreCmd(f),
		newVersionCmd(f),
	)
	cmd.InitDefaultCompletionCmd()
	for _, c := range cmd.Commands() {
		if c.Name() == "completion" {
			c.Short = f.t("cmd.completion.short")
			c.Long = f.t("cmd.completion.long")
			c.Example = f.t("cmd.completion.example")
		}
	}
	cmd.InitDefaultHelpCmd()
	for _, c := range cmd.Commands() {
		if c.Name() == "help" {
			c.Short = f.t("cmd.help.short")
		}
	}
	localizeHelp(cmd, f)
	return cmd
}

// localizeHelp gives every command a help flag in the chosen language and
// translates cobra's help chrome ("Usage:", "Flags:", "(default ...)") and
// the completion commands.
func localizeHelp(cmd *cobra.Command, f *factory) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().BoolP("help", "h", false, f.tf("flag.help", c.Name()))
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cmd)
	cmd.Flags().Bool("version", false, f.t("flag.version"))
	for _, c := range cmd.Commands() {
		if c.Name() != "completion" {
			continue
		}
		for _, sub := range c.Commands() {
			sub.Short = f.tf("cmd.completion.shell.short", sub.Name())
			sub.Long = f.tf("cmd.completion.shell.long", sub.Name())
			if sub.Name() == "bash" {
				sub.Long = f.t("cmd.completion.bash.long")
			}
			sub.Example = f.t("cmd.completion." + sub.Name() + ".example")
			sub.Flags().VisitAll(func(fl *pflag.Flag) {
				if fl.Name == "no-descriptions" {
					fl.Usage = f.t("flag.no-descriptions")
				}
			})
		}
	}
	if f.lang == i18n.EN {
		return
	}
	r := strings.NewReplacer(
		"Usage:", "Gebruik:",
		"Aliases:", "Andere namen:",
		"Examples:", "Voorbeelden:",
		"Available Commands:", "Opdrachten:",
		"Additional Commands:", "Overige opdrachten:",
		"Global Flags:", "Algemene opties:",
		"Flags:", "Opties:",
		"Additional help topics:", "Meer hulp:",
		`Use "{{.CommandPath}} [command] --help" for more information about a command.`, `Meer over een opdracht: "{{.CommandPath}} OPDRACHT --help".`,
		"[flags]", "[opties]",
		"[command]", "[opdracht]",
		"FlagUsages | trimTrailingWhitespaces}}", "FlagUsages | trimTrailingWhitespaces | dutchDefaults}}",
		"{{.UseLine}}", "{{.UseLine | dutchUse}}",
	)
	dutchDefaults()
	cmd.SetUsageTemplate(r.Replace(cmd.UsageTemplate()))
}

// dutchDefaults registers, once per process, the template function of the
// Dutch usage template: pflag writes "(default x)".
var dutchDefaults = sync.OnceFunc(func() {
	cobra.AddTemplateFunc("dutchDefaults", func(s string) string {
		// pflag writes "(default x)", cobra's use line "[flags]".
		return strings.NewReplacer("(default ", "(standaard ", "[flags]", "[opties]").Replace(s)
	})
	cobra.AddTemplateFunc("dutchUse", dutchUse)
})

// usePlaceholder finds the placeholders of a use line ("import FILE...").
var usePlaceholder = regexp.MustCompile(`\b(FILE|NAME|PATH|AGE|EARLIER)\b`)

// dutchUse is a use line in Dutch: "[opties]", "BESTAND...", "NAAM|PAD".
func dutchUse(s string) string {
	s = strings.ReplaceAll(s, "[flags]", "[opties]")
	return usePlaceholder.ReplaceAllStringFunc(s, func(w string) string {
		return map[string]string{"FILE": "BESTAND", "NAME": "NAAM", "PATH": "PAD", "AGE": "LEEFTIJD", "EARLIER": "EERDER-ID"}[w]
	})
}
