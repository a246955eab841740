package export

import (
	"bytes"
	"errors"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonScanner reads the JSON of a stored result without building values
// for what an export skips: a stored result is about 10 KB, mostly
// referral reasons and advice texts, and encoding/json spends some 300 µs
// on one. Strings without escapes are returned as slices of the input;
// unescaped ones are written to an arena that lives until reset. It
// reports the first syntax error and then returns zero values.
type jsonScanner struct {
	b     []byte
	i     int
	err   error
	arena []byte
}

var errSyntax = errors.New("invalid JSON")

func (s *jsonScanner) reset(b []byte) {
	s.b, s.i, s.err = b, 0, nil
	s.arena = s.arena[:0]
}

func (s *jsonScanner) fail() {
	if s.err == nil {
		s.err = errSyntax
	}
	s.i = len(s.b)
}

func (s *jsonScanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte (0 at the end).
func (s *jsonScanner) peek() byte {
	s.ws()
	if s.i >= len(s.b) {
		return 0
	}
	return s.b[s.i]
}

func (s *jsonScanner) expect(c byte) bool {
	if s.peek() != c {
		s.fail()
		return false
	}
	s.i++
	return true
}

// object calls fn for each key of an object; fn must read or skip the
// value. A null counts as an empty object.
func (s *jsonScanner) object(fn func(key []byte)) {
	if s.null() {
		return
	}
	if !s.expect('{') {
		return
	}
	if s.peek() == '}' {
		s.i++
		return
	}
	for s.err == nil {
		key := foldKey(s.str())
		if !s.expect(':') {
			return
		}
		fn(key)
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return
		default:
			s.fail()
		}
	}
}

// foldKey makes key match the way encoding/json matches it to a field:
// case-insensitively, with Unicode simple folding ("Company", "nAme" and
// "\u017fcores" are "company", "name" and "scores"). Keys already in
// lower-case ASCII, as we write them, come back unchanged and without an
// allocation. Without it, a key spelled "Company" would be read by
// encoding/json but passed over here: a name kept in an anonymized export.
func foldKey(key []byte) []byte {
	plain := true
	for _, c := range key {
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return key
	}
	out := make([]byte, 0, len(key))
	for i := 0; i < len(key); {
		if c := key[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(key[i:])
		// encoding/json folds with ToUpper(ToLower(r)); lower-casing
		// that gives the ASCII letter where one exists (the long s and
		// the Kelvin sign).
		r = unicode.ToLower(unicode.ToUpper(unicode.ToLower(r)))
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}

// array calls fn for each element; fn must read or skip it. A null counts
// as an empty array.
func (s *jsonScanner) array(fn func(i int)) {
	if s.null() {
		return
	}
	if !s.expect('[') {
		return
	}
	if s.peek() == ']' {
		s.i++
		return
	}
	for n := 0; s.err == nil; n++ {
		fn(n)
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return
		default:
			s.fail()
		}
	}
}

// null consumes a null.
func (s *jsonScanner) null() bool {
	if s.peek() == 'n' && bytes.HasPrefix(s.b[s.i:], []byte("null")) {
		s.i += 4
		return true
	}
	return false
}

// str reads a string (nil for null).
func (s *jsonScanner) str() []byte {
	if s.null() {
		return nil
	}
	if !s.expect('"') {
		return nil
	}
	start := s.i
	for {
		j := bytes.IndexByte(s.b[s.i:], '"')
		if j < 0 {
			s.fail()
			return nil
		}
		end := s.i + j
		// A quote after an odd number of backslashes is part of the text.
		n := 0
		for k := end - 1; k >= start && s.b[k] == '\\'; k-- {
			n++
		}
		s.i = end + 1
		if n%2 == 0 {
			return s.unescape(s.b[start:end])
		}
	}
}

func (s *jsonScanner) unescape(raw []byte) []byte {
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return raw
	}
	from := len(s.arena)
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c >= utf8.RuneSelf {
			// Invalid UTF-8 becomes U+FFFD, as encoding/json reads it.
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n == 1 {
				s.arena = utf8.AppendRune(s.arena, utf8.RuneError)
			} else {
				s.arena = append(s.arena, raw[i:i+n]...)
			}
			i += n - 1
			continue
		}
		if c != '\\' {
			s.arena = append(s.arena, c)
			continue
		}
		i++
		if i >= len(raw) {
			s.fail()
			return nil
		}
		switch raw[i] {
		case '"', '\\', '/':
			s.arena = append(s.arena, raw[i])
		case 'b':
			s.arena = append(s.arena, '\b')
		case 'f':
			s.arena = append(s.arena, '\f')
		case 'n':
			s.arena = append(s.arena, '\n')
		case 'r':
			s.arena = append(s.arena, '\r')
		case 't':
			s.arena = append(s.arena, '\t')
		case 'u':
			r, n := hex4(raw[i+1:])
			if n < 0 {
				s.fail()
				return nil
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if i+6 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					if r2, n2 := hex4(raw[i+3:]); n2 >= 0 {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							r = d
							i += 6
						}
					}
				}
			}
			s.arena = utf8.AppendRune(s.arena, r)
		default:
			s.fail()
			return nil
		}
	}
	return s.arena[from:len(s.arena):len(s.arena)]
}

func hex4(b []byte) (rune, int) {
	if len(b) < 4 {
		return 0, -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, -1
		}
	}
	return r, 4
}

// numberBytes reads a number's text (nil for null).
func (s *jsonScanner) numberBytes() []byte {
	if s.null() {
		return nil
	}
	s.ws()
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			s.i++
			continue
		}
		break
	}
	if s.i == start {
		s.fail()
		return nil
	}
	return s.b[start:s.i]
}

// number reads a number; ok is false for null.
func (s *jsonScanner) number() (x float64, ok bool) {
	b := s.numberBytes()
	if b == nil {
		return 0, false
	}
	// Scores are small whole numbers: skip strconv for them.
	if len(b) <= 3 {
		v := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				v = -1
				break
			}
			v = v*10 + int(c-'0')
		}
		if v >= 0 {
			return float64(v), true
		}
	}
	x, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		s.fail()
		return 0, false
	}
	return x, true
}

// boolean reads true or false (false for null).
func (s *jsonScanner) boolean() bool {
	switch s.peek() {
	case 't':
		if bytes.HasPrefix(s.b[s.i:], []byte("true")) {
			s.i += 4
			return true
		}
	case 'f':
		if bytes.HasPrefix(s.b[s.i:], []byte("false")) {
			s.i += 5
			return false
		}
	case 'n':
		if s.null() {
			return false
		}
	}
	s.fail()
	return false
}

// skip skips any value.
func (s *jsonScanner) skip() {
	switch s.peek() {
	case '"':
		s.skipString()
	case '{', '[':
		s.skipNested()
	case 't', 'f':
		s.boolean()
	case 'n':
		if !s.null() {
			s.fail()
		}
	default:
		s.numberBytes()
	}
}

func (s *jsonScanner) skipString() {
	s.i++ // the opening quote
	for {
		j := bytes.IndexByte(s.b[s.i:], '"')
		if j < 0 {
			s.fail()
			return
		}
		k := s.i + j - 1
		n := 0
		for k >= s.i && s.b[k] == '\\' {
			n++
			k--
		}
		s.i += j + 1
		if n%2 == 0 {
			return
		}
	}
}

// skipNested skips an object or array by counting brackets outside strings.
func (s *jsonScanner) skipNested() {
	depth := 0
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '"':
			s.skipString()
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return
			}
		}
		s.i++
	}
	s.fail()
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
