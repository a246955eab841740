// Package drafts keeps unfinished scans so an interrupted interview loses
// nothing: a draft is saved after every section and on interrupt, and
// `digiscan scan --resume` continues it. Drafts go through the Store
// interface; FileStore keeps one JSON file per draft.
package drafts

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gooivechtstreek/digiscan/date"
	"github.com/gooivechtstreek/digiscan/internal/safefile"
	q "github.com/gooivechtstreek/digiscan/questionnaires"
	"github.com/gooivechtstreek/digiscan/scan"
)

// Draft is an unfinished scan.
type Draft struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// QuestionnaireRef reopens the questionnaire (a built-in name or a path);
	// Questionnaire records the version the answers were given to.
	QuestionnaireRef string           `json:"questionnaire_ref"`
	Questionnaire    scan.QuestionRef `json:"questionnaire"`

	Lang         string    `json:"lang"`
	Mode         string    `json:"mode"`
	AsOf         date.Date `json:"as_of,omitzero"`
	Advisor      string    `json:"advisor,omitempty"`
	Organisation string    `json:"organisation,omitempty"`

	// Page is the next page (section part) to ask.
	Page int `json:"page"`
	// Answers in their JSON form, with the hash of each question's
	// definition when it was answered, so a changed question is asked again.
	Answers map[string]json.RawMessage `json:"answers"`
	Hashes  map[string]string          `json:"hashes"`
}

// ErrNotFound is returned for an unknown draft id.
var ErrNotFound = errors.New("draft not found")

// Store keeps drafts.
type Store interface {
	Save(d *Draft) error
	Load(id string) (*Draft, error)
	List() ([]*Draft, error) // most recently updated first
	Delete(id string) error
}

// SetAnswers records the answers with the current question hashes.
func (d *Draft) SetAnswers(qn *q.Questionnaire, answers scan.Answers) {
	d.Answers = answers.EncodeJSON()
	d.Hashes = make(map[string]string, len(answers))
	for id := range answers {
		if qu := qn.Question(id); qu != nil {
			d.Hashes[id] = qu.Hash
		}
	}
	d.Questionnaire = scan.QuestionRef{ID: qn.ID, Version: qn.Version, Hash: qn.Hash}
}

// Restore decodes the answers for qn. When the questionnaire changed since
// the draft was saved, answers to questions whose definition changed (or
// that no longer exist or fit) are dropped, so only those are asked again;
// their ids are returned in changed.
func (d *Draft) Restore(qn *q.Questionnaire) (answers scan.Answers, changed []string) {
	raw := make(map[string]json.RawMessage, len(d.Answers))
	for id, msg := range d.Answers {
		qu := qn.Question(id)
		if qu == nil || (d.Hashes[id] != "" && d.Hashes[id] != qu.Hash) {
			changed = append(changed, id)
			continue
		}
		raw[id] = msg
	}
	answers, dropped := scan.DecodeJSON(qn, raw)
	changed = append(changed, dropped...)
	slices.Sort(changed)
	return answers, changed
}

// FileStore keeps each draft as DIR/ID.json, readable only by the user.
type FileStore struct{ Dir string }

func (s FileStore) path(id string) (string, error) {
	if id == "" || strings.ContainsAny(id, `/\.`) {
		return "", fmt.Errorf("invalid draft id %q", id)
	}
	return filepath.Join(s.Dir, id+".json"), nil
}

// Save writes the draft all or nothing (safefile.Write: a temporary file
// renamed into place), so an interrupt never leaves half a draft.
func (s FileStore) Save(d *Draft) error {
	p, err := s.path(d.ID)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	if err := safefile.Write(p, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	return nil
}

// Load reads one draft.
func (s FileStore) Load(id string) (*Draft, error) {
	p, err := s.path(id)
	if err != nil {
		return nil, err
	}
	b, err := readLimited(p, maxDraftBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	var d Draft
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("draft %s is damaged (%v); remove %s", id, err, p)
	}
	return &d, nil
}

// List returns every readable draft, most recently updated first.
func (s FileStore) List() ([]*Draft, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []*Draft
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() {
			continue
		}
		d, err := s.Load(id)
		if err != nil {
			continue // a damaged file is reported when it is named
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *Draft) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	return out, nil
}

// maxDraftBytes is the largest draft file read: a draft is a few KB; a
// bigger file is not one (and is reported damaged).
const maxDraftBytes = 1 << 20

// readLimited reads at most limit bytes of path, a regular file.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is larger than %d KB: not a draft", path, limit>>10)
	}
	return b, nil
}

// RemoveDamaged removes the draft files that cannot be read (damaged,
// too large, not a draft) and the temporary files of saves that did not
// finish: they may hold a business's answers, and no command can open
// them. It returns the names of the files removed.
func (s FileStore) RemoveDamaged() ([]string, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			continue
		}
		if id, ok := strings.CutSuffix(name, ".json"); ok {
			if _, err := s.Load(id); err == nil || errors.Is(err, ErrNotFound) {
				continue
			}
		} else if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		if err := os.Remove(filepath.Join(s.Dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, name)
	}
	return removed, errors.Join(errs...)
}

// Delete removes a draft.
func (s FileStore) Delete(id string) error {
	p, err := s.path(id)
	if err != nil {
		return err
	}
	if err := os.Remove(p); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNotFound, id)
	} else if err != nil {
		return err
	}
	return nil
}

// Unfinished returns the drafts of list that hold answers (a draft without
// any is never worth resuming), in the order of list.
func Unfinished(list []*Draft) []*Draft {
	var out []*Draft
	for _, d := range list {
		if len(d.Answers) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// SameBusiness reports whether two drafts' answers are about the same
// business: the same KVK number when both have one, else the same company
// name when both have one, else the same sector, size and place.
func SameBusiness(a, b map[string]json.RawMessage) bool {
	str := func(m map[string]json.RawMessage, id string) string {
		var v string
		_ = json.Unmarshal(m[id], &v)
		return strings.ToLower(strings.Join(strings.Fields(v), " "))
	}
	for _, id := range []string{q.QKVK, q.QCompanyName} {
		if x, y := str(a, id), str(b, id); x != "" && y != "" {
			return x == y
		}
	}
	for _, id := range []string{q.QSector, q.QSize, q.QPlace} {
		if x, y := str(a, id), str(b, id); x == "" || x != y {
			return false
		}
	}
	return true
}
