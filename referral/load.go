package referral

import (
	"embed"
	"errors"
	"io"
	"path/filepath"

	embedded "github.com/gooivechtstreek/digiscan/internal/builtin"
	"github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/strictyaml"
)

// The built-in catalogues: NAME.yaml here, embedded as the source (the
// maintainer's check names file:line:col), and the same compiled into the
// binary as Go values (builtins_gen.go), so that a scan decodes no YAML or
// JSON.
//
//go:generate go run -tags generate ../internal/generate catalogues
//go:embed *.yaml
var builtinFS embed.FS

// DefaultName is the catalogue a scan uses unless told otherwise.
const DefaultName = "gooi-vechtstreek"

var builtins = &embedded.Set[*Catalogue]{FS: builtinFS, Kind: "catalogue"}

// BuiltinNames lists the embedded catalogues, sorted.
func BuiltinNames() []string { return builtins.Names() }

// Builtin returns an embedded catalogue by name, loaded once per process
// and checked on its own; Match (or Validate) checks it against the
// questionnaire in use. Callers must not modify it.
func Builtin(name string) (*Catalogue, error) {
	return builtins.Once(name, func() (*Catalogue, error) {
		if c := compiledBuiltin(name); c != nil {
			return loadCompiled("builtin:"+name, c)
		}
		return BuiltinSource(name)
	})
}

// IsBuiltin reports whether ref names a built-in catalogue rather than a
// file ("-" is standard input).
func IsBuiltin(ref string) bool { return ref != "-" && !questionnaires.IsPath(ref) }

// Open loads a catalogue by built-in name or path ("-" reads stdin). A
// relative path is taken relative to baseDir when set. An empty ref is the
// default catalogue. When qn is not nil the catalogue is also validated
// against it.
func Open(ref, baseDir string, stdin io.Reader, qn *questionnaires.Questionnaire) (*Catalogue, error) {
	if ref == "" {
		ref = DefaultName
	}
	if IsBuiltin(ref) {
		c, err := Builtin(ref)
		if err != nil {
			return nil, err
		}
		if qn != nil {
			if err := c.Validate(qn); err != nil {
				return nil, err
			}
		}
		return c, nil
	}
	p := ref
	if p != "-" && baseDir != "" && !filepath.IsAbs(p) {
		p = filepath.Join(baseDir, p)
	}
	data, err := strictyaml.ReadFile(p, stdin, strictyaml.DefaultLimit)
	if err != nil {
		return nil, err
	}
	if p == "-" {
		p = "stdin"
	}
	return Load(p, data, qn)
}

// BuiltinSource loads a built-in catalogue from its YAML rather than its
// precompiled form, so that everything keeps its file position: for the
// maintainer's check, whose findings name file:line:col.
func BuiltinSource(name string) (*Catalogue, error) {
	data, err := builtins.Source(name)
	if err != nil {
		return nil, err
	}
	return Load("builtin:"+name, data, nil)
}

// loadCompiled compiles a precompiled built-in (its YAML as decoded,
// validated when it was generated).
func loadCompiled(file string, c *Catalogue) (*Catalogue, error) {
	c.Source = file
	if err := c.compile(); err != nil {
		return nil, err
	}
	return c, nil
}

// Load decodes and validates a catalogue from YAML; file names it in
// errors. With a questionnaire, every id the catalogue names (sectors,
// topics, provinces, insights, answers in conditions) is checked against
// it as well; without, only the fixed ids (docs/design.md, "Fixed identifiers") are.
func Load(file string, data []byte, qn *questionnaires.Questionnaire) (*Catalogue, error) {
	var c Catalogue
	if err := strictyaml.Unmarshal(file, data, &c); err != nil {
		return nil, err
	}
	c.Source = file
	v := &validator{c: &c, Checker: questionnaires.Checker{File: file}}
	v.validate()
	if err := v.Errs.Err(); err != nil {
		v.Errs.Sort()
		return nil, v.Errs
	}
	if err := c.compile(); err != nil {
		return nil, err
	}
	if qn != nil {
		if err := c.Validate(qn); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// Usable reports the references that would make matching against qn wrong
// (what Match refuses), without the softer mismatches Validate adds.
func Usable(c *Catalogue, qn *questionnaires.Questionnaire) error {
	if c == nil || qn == nil {
		return errors.New("usable: no catalogue or questionnaire")
	}
	return c.prepare(qn).err
}

// Validate checks the catalogue's references against a questionnaire:
// topics, provinces, insight ids and the questions and answers named in
// conditions. The result is remembered for qn, so calling it again (as
// Match does) is cheap. Match itself only refuses the references that would
// make matching wrong; topics and insights the questionnaire lacks just
// never match there.
func (c *Catalogue) Validate(qn *questionnaires.Questionnaire) error {
	if qn == nil {
		return errors.New("validate: no questionnaire")
	}
	p := c.prepare(qn)
	return errors.Join(p.err, p.soft)
}
