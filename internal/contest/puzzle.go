package contest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"sync"
	"time"

	"tuyengiao"
)

// The difficulty of proofs of work, in leading zero bits of a SHA-256: a solver tries 2^bits
// counters on average, and each bit doubles it. internal/web/static/pow.js tries 0,9 to 1,4
// million counters a second in headless Chromium and under node 20 on one core of the 2-core
// benchmark machine (under node a mean of 80 ms at 16 bits, 0,4 s at 18, 2 s at 20, over 30
// challenges each, the machine shared);
// a cheap phone's browser runs the same JavaScript some eight to ten times slower, about
// 100.000 to 150.000 a second. So DefaultBits, 65.536 tries, costs such a phone about half a
// second, and DefaultMaxBits, 16 times as many, about 7 to 10 seconds. The tries a solution
// takes are random: one in twenty takes three times the average.
const (
	DefaultBits    = 16
	DefaultMaxBits = 20
	// DefaultWindow and DefaultFree: an address may ask DefaultFree puzzles within
	// DefaultWindow at DefaultBits; an office or a carrier's shared address asking more gets
	// harder ones, one bit for each doubling.
	DefaultWindow = 10 * time.Minute
	DefaultFree   = 30
)

// PuzzleLifetime is how long a challenge may be solved and sent after it is issued.
const PuzzleLifetime = 5 * time.Minute

// MaxRemembered bounds the solved challenges Puzzles remembers to refuse them a second time:
// each is 8 bytes in a map, 28 MB when full. Each is remembered until the minute it
// expires in has passed, at most six minutes, so the memory allows about 3.000 proofs a second
// kept up for that long; beyond that Check refuses until the oldest are dropped, rather than
// forget one that could then be sent again.
const MaxRemembered = 1 << 20

// maxBits is the most zero bits a challenge may ask: pow.js reads only the first word of a digest.
const maxBits = 32

// Puzzles issues and checks proofs of work, signed with key (HMAC-SHA256); now is the clock
// (tests replace it). A challenge is a text "v1.<purpose>.<bits>.<expires unix>.<nonce>.<mac>",
// URL-safe, valid for 5 minutes; a solution is a decimal counter c such that
// SHA-256(challenge + ":" + c) starts with `bits` zero bits.
//
// A Puzzles is safe for concurrent use. A challenge is remembered from when it is solved, by
// the first 8 bytes of its mac, in buckets by the minute it expires in: a whole bucket is
// dropped once that minute has passed.
type Puzzles struct {
	key []byte
	now func() time.Time

	mu     sync.Mutex
	used   map[int64]map[uint64]struct{} // minute of expiry → macs of the solved challenges
	solved int                           // challenges remembered in used
	limit  int                           // MaxRemembered, but in tests
}

// NewPuzzles returns the puzzles of key, a secret of at least 32 random bytes kept by the
// server (challenges issued under another key are refused).
func NewPuzzles(key []byte, now func() time.Time) *Puzzles {
	return &Puzzles{key: key, now: now, used: map[int64]map[uint64]struct{}{}, limit: MaxRemembered}
}

// Issue returns a challenge for purpose asking bits zero bits (held to 0..32). The purpose is
// a name the code chooses ("register", "attempt"): up to 32 lower-case letters, digits, '-'
// and '_'; Issue panics on any other.
func (p *Puzzles) Issue(purpose string, bits int) string {
	if purpose == "" || len(purpose) > 32 || strings.Trim(purpose, "abcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		panic("contest: puzzle purpose " + strconv.Quote(purpose) + " is not a lower-case name")
	}
	nonce := make([]byte, 12)
	rand.Read(nonce) // never fails: crypto/rand aborts the program rather than return an error
	expires := p.now().Add(PuzzleLifetime).Unix()
	body := "v1." + purpose + "." + strconv.Itoa(min(max(bits, 0), maxBits)) + "." +
		strconv.FormatInt(expires, 10) + "." + base64.RawURLEncoding.EncodeToString(nonce)
	return body + "." + base64.RawURLEncoding.EncodeToString(p.mac(body))
}

func (p *Puzzles) mac(body string) []byte {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(body))
	return m.Sum(nil)
}

// Check verifies a solution for purpose: EINVALID "Mã chống máy tự động không đúng hoặc đã hết hạn,
// vui lòng thử lại." for a forged, expired, wrong-purpose, unsolved or malformed one, and the same
// error for a challenge used before (single use, remembered until it expires, memory bounded:
// at most MaxRemembered remembered; a full memory refuses rather than forgets early). Only
// challenges solved are remembered, so filling the memory costs a proof of work each.
func (p *Puzzles) Check(purpose, challenge, solution string) error {
	// Issue makes challenges of at most 111 bytes: nothing is split or decoded at a client's length.
	if len(challenge) > 160 || len(solution) < 1 || len(solution) > 16 || strings.Trim(solution, "0123456789") != "" {
		return refusedPuzzle()
	}
	dot := strings.LastIndexByte(challenge, '.')
	mac, err := base64.RawURLEncoding.DecodeString(challenge[dot+1:])
	if dot < 0 || err != nil || !hmac.Equal(mac, p.mac(challenge[:dot])) {
		return refusedPuzzle()
	}
	// The mac holds: the fields are as Issue wrote them.
	f := strings.Split(challenge, ".")
	if len(f) != 6 {
		return refusedPuzzle()
	}
	bits, _ := strconv.Atoi(f[2])
	expires, _ := strconv.ParseInt(f[3], 10, 64)
	now := p.now().Unix()
	if f[1] != purpose || now >= expires || !leadingZeros(sha256.Sum256([]byte(challenge+":"+solution)), bits) {
		return refusedPuzzle()
	}
	if !p.remember(mac, expires, now) {
		return refusedPuzzle()
	}
	return nil
}

func refusedPuzzle() error {
	return tuyengiao.Errorf(tuyengiao.EINVALID, "Mã chống máy tự động không đúng hoặc đã hết hạn, vui lòng thử lại.")
}

// remember records a solved challenge, reporting false when it was used before or the memory
// is full.
func (p *Puzzles) remember(mac []byte, expires, now int64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for minute, macs := range p.used {
		if (minute+1)*60 <= now { // every challenge of the bucket has expired
			p.solved -= len(macs)
			delete(p.used, minute)
		}
	}
	id := uint64(0)
	for _, b := range mac[:8] {
		id = id<<8 | uint64(b)
	}
	macs := p.used[expires/60]
	if _, ok := macs[id]; ok || p.solved >= p.limit {
		return false
	}
	if macs == nil {
		macs = map[uint64]struct{}{}
		p.used[expires/60] = macs
	}
	macs[id] = struct{}{}
	p.solved++
	return true
}

// leadingZeros reports whether sum starts with bits zero bits.
func leadingZeros(sum [sha256.Size]byte, bits int) bool {
	for i := 0; bits > 0; i, bits = i+1, bits-8 {
		if bits >= 8 && sum[i] != 0 || bits < 8 && sum[i]>>(8-bits) != 0 {
			return false
		}
	}
	return true
}
