package scan

import (
	"crypto/rand"
	"io"
	mrand "math/rand/v2"
	"time"
)

const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz" // Crockford base32, lowercase

// NewID returns a scan id such as 20261127-k3f9x2ab: the day it was started
// (so ids sort by date and say when) and 40 random bits (so scans merged
// from several advisors do not collide). rnd nil means crypto/rand.
func NewID(now time.Time, rnd io.Reader) string {
	if rnd == nil {
		rnd = rand.Reader
	}
	var b [5]byte
	if c, ok := rnd.(*mrand.ChaCha8); ok {
		c.Read(b[:]) // batch scoring: b stays on the stack
	} else {
		var bb [5]byte // escapes: an allocation
		if _, err := io.ReadFull(rnd, bb[:]); err != nil {
			panic("scan: no randomness: " + err.Error())
		}
		b = bb
	}
	v := uint64(b[0])<<32 | uint64(b[1])<<24 | uint64(b[2])<<16 | uint64(b[3])<<8 | uint64(b[4])
	// One allocation: batch scoring makes an id per row.
	var id [17]byte
	y, m, d := now.Date()
	for i, n := range [3]int{y, int(m), d} {
		at, width := [3]int{0, 4, 6}[i], [3]int{4, 2, 2}[i]
		for j := at + width - 1; j >= at; j-- {
			id[j] = byte('0' + n%10)
			n /= 10
		}
	}
	id[8] = '-'
	for i := 16; i >= 9; i-- {
		id[i] = idAlphabet[v&31]
		v >>= 5
	}
	return string(id[:])
}
