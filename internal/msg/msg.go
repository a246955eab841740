// Package msg is digiscan's UI chrome in Dutch and English: headings,
// prompts, key help, status lines and error hints, looked up by key.
//
// The messages live in messages.yaml; content (questions, programmes,
// advice) lives in the questionnaire and catalogue files instead.
// messages_gen.go holds the same messages as a sorted table, made from the
// YAML by `go generate ./internal/msg`, so no command pays for parsing YAML
// at start-up.
package msg

//go:generate go run -tags generate ../generate messages

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/gooivechtstreek/digiscan/i18n"
)

// message is one entry of the generated table.
type message struct {
	key    string
	nl, en string
}

func lookup(key string) (i18n.Text, bool) {
	i := sort.Search(len(generated), func(i int) bool { return generated[i].key >= key })
	if i < len(generated) && generated[i].key == key {
		return i18n.Text{NL: generated[i].nl, EN: generated[i].en}, true
	}
	return i18n.Text{}, false
}

// T returns the message key in lang. An unknown key comes back as "[key]"
// so a missing translation is visible (and caught by the tests).
func T(l i18n.Lang, key string) string {
	t, ok := lookup(key)
	if !ok {
		return "[" + key + "]"
	}
	return t.In(l)
}

// Tf formats the message key in lang with args (fmt verbs).
func Tf(l i18n.Lang, key string, args ...any) string {
	return fmt.Sprintf(plural(T(l, key), args), args...)
}

// Has reports whether key exists (for tests).
func Has(key string) bool {
	_, ok := lookup(key)
	return ok
}

// plural chooses the forms written {one|other} in a message by the
// nearest number (%d) before them: "%d {scan|scans}" gives "1 scan" and
// "3 scans". A message without braces is returned as it is.
func plural(f string, args []any) string {
	if !strings.Contains(f, "{") {
		return f
	}
	var b strings.Builder
	arg, count := 0, int64(-1)
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == '%' && i+1 < len(f) && f[i+1] == '%':
			b.WriteString("%%")
			i++
		case c == '%':
			j := i + 1
			for j < len(f) && !unicode.IsLetter(rune(f[j])) {
				j++
			}
			if j < len(f) && f[j] == 'd' && arg < len(args) {
				count = asInt(args[arg])
			}
			arg++
			b.WriteString(f[i : j+1])
			i = j
		case c == '{':
			end := strings.IndexByte(f[i:], '}')
			one, other, ok := strings.Cut(f[i+1:i+max(end, 1)], "|")
			if end < 0 || !ok {
				b.WriteByte(c)
				continue
			}
			if count == 1 {
				b.WriteString(one)
			} else {
				b.WriteString(other)
			}
			i += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func asInt(a any) int64 {
	switch n := a.(type) {
	case int:
		return int64(n)
	case int64:
		return n
	case int32:
		return int64(n)
	case uint:
		return int64(n)
	case uint64:
		return int64(n)
	}
	return -1
}
