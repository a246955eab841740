package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/internal/config"
	"github.com/gooivechtstreek/digiscan/internal/drafts"
	"github.com/gooivechtstreek/digiscan/internal/iostreams"
	"github.com/gooivechtstreek/digiscan/internal/msg"
	"github.com/gooivechtstreek/digiscan/internal/store"
)

// factory gives commands what they need from the outside world, so tests
// can replace the streams, the clock and the environment.
type factory struct {
	io  *iostreams.IOStreams
	now func() time.Time
	// lang is the language of help and messages, resolved before the
	// command tree is built: --lang in the arguments, config, LANG, else nl.
	lang i18n.Lang
	// langFlag is the --lang flag as given ("" when not).
	langFlag string

	configOnce sync.Once
	cfg        *config.Config
	cfgErr     error

	// dbFlag is --db; the database opens on first use (most commands and
	// the start of an interview never need it).
	dbFlag string
	dbOnce sync.Once
	store  *store.DB
	dbErr  error
}

// dbPath is where the database lives: --db, DIGISCAN_DB, the config's db,
// else digiscan.db in the data directory.
func (f *factory) dbPath() (string, error) {
	cfg, err := f.config()
	if err != nil {
		return "", err
	}
	if p := firstOf(f.dbFlag, f.io.Getenv("DIGISCAN_DB"), cfg.DB); p != "" {
		return p, nil
	}
	dir, err := config.DataDir(f.io.Getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "digiscan.db"), nil
}

// db opens the database once; drafts kept as files by an earlier version
// move into it.
func (f *factory) db() (*store.DB, error) {
	f.dbOnce.Do(func() {
		path, err := f.dbPath()
		if err != nil {
			f.dbErr = err
			return
		}
		if f.store, f.dbErr = store.Open(path); f.dbErr != nil {
			return
		}
		if dir, err := config.DataDir(f.io.Getenv); err == nil {
			if n, err := f.store.MigrateDrafts(context.Background(), drafts.FileStore{Dir: filepath.Join(dir, "drafts")}); err != nil {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.drafts-not-migrated", err))
			} else if n > 0 {
				fmt.Fprintln(f.io.ErrOut, f.tf("msg.drafts-migrated", n))
			}
		}
	})
	return f.store, f.dbErr
}

func (f *factory) closeDB() {
	if f.store != nil {
		f.store.Close()
	}
}

func (f *factory) config() (*config.Config, error) {
	f.configOnce.Do(func() { f.cfg, f.cfgErr = config.Load(f.io.Getenv) })
	return f.cfg, f.cfgErr
}

// dayOr is d, or today when d is not given.
func (f *factory) dayOr(d date.Date) date.Date {
	if d.IsZero() {
		return date.Of(f.now())
	}
	return d
}

// drafts returns the draft store: the database, opened when first used.
func (f *factory) drafts() drafts.Store { return lazyDrafts{f} }

// lazyDrafts opens the database only when a draft is read or written, so
// an interview starts without waiting for it.
type lazyDrafts struct{ f *factory }

func (l lazyDrafts) store() (drafts.Store, error) {
	db, err := l.f.db()
	if err != nil {
		return nil, err
	}
	return db.Drafts(), nil
}

func (l lazyDrafts) Save(d *drafts.Draft) error {
	s, err := l.store()
	if err != nil {
		return err
	}
	return s.Save(d)
}

func (l lazyDrafts) Load(id string) (*drafts.Draft, error) {
	s, err := l.store()
	if err != nil {
		return nil, err
	}
	return s.Load(id)
}

func (l lazyDrafts) List() ([]*drafts.Draft, error) {
	s, err := l.store()
	if err != nil {
		return nil, err
	}
	return s.List()
}

func (l lazyDrafts) Delete(id string) error {
	s, err := l.store()
	if err != nil {
		return err
	}
	return s.Delete(id)
}

func (f *factory) t(key string) string               { return msg.T(f.lang, key) }
func (f *factory) tf(key string, args ...any) string { return msg.Tf(f.lang, key, args...) }

// run is the whole program: it returns the exit code.
func run(args []string, io *iostreams.IOStreams) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	f := newFactory(io, args)
	root := newRootCmd(f)
	root.SetArgs(args)
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	err := root.ExecuteContext(ctx)
	f.closeDB()
	return exitCode(err, io.ErrOut, f.lang)
}

func newFactory(io *iostreams.IOStreams, args []string) *factory {
	f := &factory{io: io, now: time.Now}
	// The language of the help is needed before cobra parses the flags.
	cfgLang := ""
	if c, err := f.config(); err == nil {
		cfgLang = c.Lang
	}
	l, err := i18n.Resolve(langArg(args), "", cfgLang, io.Getenv)
	if err != nil {
		l = i18n.NL // the flag's own validation reports it
	}
	f.lang = l
	return f
}

// langArg finds --lang in the arguments without parsing the rest.
func langArg(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
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
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if f.langFlag != "" {
				if _, err := i18n.ParseLang(f.langFlag); err != nil {
					return usageError{err}
				}
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
	)
	cmd.SetUsageTemplate(r.Replace(cmd.UsageTemplate()))
}

func init() {
	// Used only by the Dutch usage template: pflag writes "(default x)".
	cobra.AddTemplateFunc("dutchDefaults", func(s string) string {
		return strings.ReplaceAll(s, "(default ", "(standaard ")
	})
}

// exactArgs and friends report wrong argument counts as usage errors.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func minArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MinimumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if err := cobra.NoArgs(cmd, args); err != nil {
		return usageError{err}
	}
	return nil
}

// formats are the values a --format flag takes, in the order the error
// for another one lists them.
type formats []string

var textOrJSON = formats{"text", "json"}

// flag adds -f/--format to cmd, with def as the default, completing the
// formats.
func (fs formats) flag(cmd *cobra.Command, p *string, def, usage string) {
	cmd.Flags().StringVarP(p, "format", "f", def, usage)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(fs, cobra.ShellCompDirectiveNoFileComp))
}

// check is the usage error for a format that is not one of fs.
func (fs formats) check(format string) error {
	if slices.Contains(fs, format) {
		return nil
	}
	list := fs[len(fs)-1]
	if len(fs) > 1 {
		list = strings.Join(fs[:len(fs)-1], ", ") + " or " + list
	}
	return usagef("unknown --format %q: use %s", format, list)
}
