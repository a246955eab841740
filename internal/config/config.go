// Package config provides the user's settings from
// $XDG_CONFIG_HOME/digiscan/config.yaml (advisor, organisation, default
// language, database, catalogue, privacy contact) and the data directory
// where digiscan keeps drafts and its database.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/gooivechtstreek/digiscan/i18n"
	"github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// Config is the settings file. Every field is optional.
type Config struct {
	Keys          strictyaml.Keys `yaml:"-"`
	Advisor       string          `yaml:"advisor"`       // name recorded with advisor-led scans
	Organisation  string          `yaml:"organisation"`  // the advisor's organisation
	Lang          string          `yaml:"lang"`          // nl or en
	Mode          string          `yaml:"mode"`          // advisor or self
	DB            string          `yaml:"db"`            // database path
	Catalogue     string          `yaml:"catalogue"`     // programme catalogue name or path
	Questionnaire string          `yaml:"questionnaire"` // default questionnaire name or path
	Privacy       Privacy         `yaml:"privacy"`
}

// Privacy names the controller shown in the privacy notice.
type Privacy struct {
	Keys       strictyaml.Keys `yaml:"-"`
	Controller string          `yaml:"controller"` // e.g. "Regio Gooi en Vechtstreek"
	Contact    string          `yaml:"contact"`    // e-mail or URL for questions and erasure requests
	Retention  string          `yaml:"retention"`  // e.g. "2 jaar"
}

// Path returns the config file location: DIGISCAN_CONFIG, else
// $XDG_CONFIG_HOME/digiscan/config.yaml, else the OS config dir.
func Path(getenv func(string) string) string {
	if p := getenv("DIGISCAN_CONFIG"); p != "" {
		return p
	}
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "digiscan", "config.yaml")
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "digiscan", "config.yaml")
}

// Load reads the config file; a missing file gives the zero Config.
func Load(getenv func(string) string) (*Config, error) {
	p := Path(getenv)
	c := &Config{}
	if p == "" {
		return c, nil
	}
	data, err := strictyaml.ReadFile(p, nil, 1<<20)
	if err != nil {
		if _, statErr := os.Stat(p); errors.Is(statErr, fs.ErrNotExist) {
			// DIGISCAN_CONFIG names a file on purpose: a typo there must
			// not silently run with no settings.
			if getenv("DIGISCAN_CONFIG") != "" {
				return nil, &MissingError{Path: p}
			}
			return c, nil
		}
		return nil, err
	}
	if onlyComments(data) {
		return c, nil // a file of comments (the settings all commented out) sets nothing
	}
	if err := strictyaml.Unmarshal(p, data, c); err != nil {
		return nil, err
	}
	dir := filepath.Dir(p)
	c.DB = resolvePath(c.DB, dir, getenv)
	// catalogue: and questionnaire: are a built-in name or a path; a path
	// means the same from any working directory, like db:.
	c.Catalogue = resolveRef(c.Catalogue, dir, getenv)
	c.Questionnaire = resolveRef(c.Questionnaire, dir, getenv)
	if c.Lang != "" && c.Lang != "nl" && c.Lang != "en" {
		return nil, c.Keys.Of("lang", strictyaml.Pos{Line: 1}).AtText(p, i18n.Text{
			NL: fmt.Sprintf("lang moet nl of en zijn, niet %q", c.Lang),
			EN: fmt.Sprintf("lang must be nl or en, got %q", c.Lang)})
	}
	if c.Mode != "" && c.Mode != "advisor" && c.Mode != "self" {
		return nil, c.Keys.Of("mode", strictyaml.Pos{Line: 1}).AtText(p, i18n.Text{
			NL: fmt.Sprintf("mode moet advisor of self zijn, niet %q", c.Mode),
			EN: fmt.Sprintf("mode must be advisor or self, got %q", c.Mode)})
	}
	// The texts are stored with every scan and shown in reports and on the
	// terminal: no control or text-direction characters, as in answers.
	privacy := c.Keys.Of("privacy", strictyaml.Pos{Line: 1})
	for _, t := range []struct {
		pos         strictyaml.Pos
		name, value string
	}{
		{c.Keys.Of("advisor", strictyaml.Pos{Line: 1}), "advisor", c.Advisor},
		{c.Keys.Of("organisation", strictyaml.Pos{Line: 1}), "organisation", c.Organisation},
		{c.Privacy.Keys.Of("controller", privacy), "privacy controller", c.Privacy.Controller},
		{c.Privacy.Keys.Of("contact", privacy), "privacy contact", c.Privacy.Contact},
		{c.Privacy.Keys.Of("retention", privacy), "privacy retention", c.Privacy.Retention},
	} {
		if msg := scan.CheckPrintable(t.value); msg != "" {
			return nil, t.pos.AtText(p, i18n.Text{
				NL: t.name + ": " + scan.CheckPrintableIn(t.value, i18n.NL),
				EN: t.name + ": " + msg})
		}
	}
	return c, nil
}

// onlyComments tells whether data holds nothing but blank lines and
// comments (strictyaml calls such a file empty, an error for other files).
func onlyComments(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	for line := range bytes.Lines(data) {
		l := bytes.TrimSpace(line)
		if len(l) > 0 && l[0] != '#' && !bytes.Equal(l, []byte("---")) {
			return false
		}
	}
	return true
}

// resolvePath makes a path from the config file mean the same from any
// working directory: ~ and ~/… are the home folder, a relative path is
// relative to the config file's folder (dir). (Without this, `db: x.db`
// split the scans over one database per working directory and `db: ~/x.db`
// made a folder named ~.)
func resolvePath(path, dir string, getenv func(string) string) string {
	if path == "" {
		return ""
	}
	if path == "~" || strings.HasPrefix(path, "~/") || strings.HasPrefix(path, `~\`) {
		home := getenv("HOME")
		if home == "" {
			if h, err := os.UserHomeDir(); err == nil {
				home = h
			}
		}
		if home != "" {
			return filepath.Join(home, path[1:])
		}
	}
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

// resolveRef resolves a catalogue: or questionnaire: value that names a
// file (see questionnaires.IsPath; ~ alone is the home folder, a file name
// with ~/ a file in it) like resolvePath; a built-in name and "-" (stdin)
// stay as they are.
func resolveRef(ref, dir string, getenv func(string) string) string {
	if ref == "" || ref == "-" || !questionnaires.IsPath(ref) {
		return ref
	}
	return resolvePath(ref, dir, getenv)
}

// DataDir is where digiscan keeps its data: $XDG_DATA_HOME/digiscan, else
// %LOCALAPPDATA%\digiscan on Windows, else ~/.local/share/digiscan.
func DataDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "digiscan"), nil
	}
	if runtime.GOOS == "windows" {
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "digiscan"), nil
		}
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("cannot find a data directory: set XDG_DATA_HOME")
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "digiscan"), nil
}

// MissingError is a DIGISCAN_CONFIG that names a file that does not exist:
// a typo there must not silently run with no settings.
type MissingError struct{ Path string }

func (e *MissingError) Error() string {
	return fmt.Sprintf("DIGISCAN_CONFIG names %s, which does not exist: create it, or unset DIGISCAN_CONFIG to use the default settings", e.Path)
}
