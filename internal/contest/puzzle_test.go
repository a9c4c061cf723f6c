package contest

import (
	"crypto/sha256"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tuyengiao"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

// clock is a settable clock for Puzzles and Pressure.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// solve finds the first counter solving challenge, as pow.js does.
func solve(challenge string) string {
	bits, _ := strconv.Atoi(strings.Split(challenge, ".")[2])
	for c := 0; ; c++ {
		if leadingZeros(sha256.Sum256([]byte(challenge+":"+strconv.Itoa(c))), bits) {
			return strconv.Itoa(c)
		}
	}
}

// refused reports whether err is the refusal of a proof of work.
func refused(err error) bool {
	e := tuyengiao.UserError(err)
	return e != nil && e.Code == tuyengiao.EINVALID && strings.HasPrefix(e.Key, "Mã chống máy tự động không đúng")
}

func TestPuzzles(t *testing.T) {
	clk := &clock{t0}
	p := NewPuzzles(testKey, clk.now)

	t.Run("accepts a solved challenge once", func(t *testing.T) {
		c := p.Issue("register", 8)
		if err := p.Check("register", c, solve(c)); err != nil {
			t.Fatalf("solved: %v", err)
		}
		if err := p.Check("register", c, solve(c)); !refused(err) {
			t.Errorf("sent again: got %v, want a refusal", err)
		}
	})

	t.Run("accepts a challenge sent many times at once exactly once", func(t *testing.T) {
		c := p.Issue("attempt", 8)
		s := solve(c)
		var accepted atomic.Int32
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() {
				if p.Check("attempt", c, s) == nil {
					accepted.Add(1)
				}
			})
		}
		wg.Wait()
		if n := accepted.Load(); n != 1 {
			t.Errorf("accepted %d times", n)
		}
	})

	t.Run("refuses a wrong solution", func(t *testing.T) {
		c := p.Issue("register", 12)
		good, _ := strconv.Atoi(solve(c))
		for _, s := range []string{strconv.Itoa(good + 1), "", "-1", "1e3", " " + strconv.Itoa(good), "99999999999999999"} {
			if s == solve(c) {
				continue
			}
			if err := p.Check("register", c, s); !refused(err) {
				t.Errorf("solution %q: got %v, want a refusal", s, err)
			}
		}
	})

	t.Run("refuses a challenge of another key or with its fields changed", func(t *testing.T) {
		other := NewPuzzles([]byte("another key, another server....."), clk.now)
		c := other.Issue("register", 1)
		if err := p.Check("register", c, solve(c)); !refused(err) {
			t.Errorf("another key: got %v", err)
		}
		c = p.Issue("register", 8)
		easier := strings.Replace(c, ".8.", ".1.", 1)
		if err := p.Check("register", easier, solve(easier)); !refused(err) {
			t.Errorf("bits lowered: got %v", err)
		}
		f := strings.Split(c, ".")
		f[3] = strconv.Itoa(int(t0.Add(time.Hour).Unix()))
		later := strings.Join(f, ".")
		clk.t = t0.Add(10 * time.Minute)
		defer func() { clk.t = t0 }()
		if err := p.Check("register", later, solve(later)); !refused(err) {
			t.Errorf("expiry moved: got %v", err)
		}
	})

	t.Run("refuses a challenge of another purpose", func(t *testing.T) {
		c := p.Issue("register", 4)
		if err := p.Check("attempt", c, solve(c)); !refused(err) {
			t.Errorf("got %v", err)
		}
	})

	t.Run("refuses a challenge five minutes after it was issued", func(t *testing.T) {
		c := p.Issue("attempt", 4)
		clk.t = t0.Add(PuzzleLifetime - time.Second)
		c2 := p.Issue("attempt", 4) // the first expires a second from now
		clk.t = t0.Add(PuzzleLifetime)
		defer func() { clk.t = t0 }()
		if err := p.Check("attempt", c, solve(c)); !refused(err) {
			t.Errorf("expired: got %v", err)
		}
		if err := p.Check("attempt", c2, solve(c2)); err != nil {
			t.Errorf("issued a second ago: got %v", err)
		}
	})

	t.Run("refuses, once its memory is full, until what it remembers expires", func(t *testing.T) {
		p := NewPuzzles(testKey, clk.now)
		p.limit = 100 // MaxRemembered would take seconds to fill
		defer func() { clk.t = t0 }()
		for range p.limit {
			c := p.Issue("attempt", 0)
			if err := p.Check("attempt", c, "0"); err != nil {
				t.Fatal(err)
			}
		}
		clk.t = t0.Add(time.Second)
		c := p.Issue("attempt", 0)
		if err := p.Check("attempt", c, "0"); !refused(err) {
			t.Fatalf("memory full: got %v", err)
		}
		clk.t = t0.Add(PuzzleLifetime + time.Minute) // the others expired a minute ago
		c = p.Issue("attempt", 0)
		if err := p.Check("attempt", c, "0"); err != nil {
			t.Errorf("after the others expired: got %v", err)
		}
	})

	t.Run("accepts the solution pow.js found, the first counter that solves", func(t *testing.T) {
		// Issued at t0 under testKey; solved by internal/web/static/pow.js under node 20.
		for _, v := range []struct{ challenge, solution string }{
			{"v1.attempt.16.1796630700.3jirkZPANQk3KKQp.i82-fR4Bt07rZBXbuWzMUTdM-dhT5iI1nNk01qVItac", "58636"},
			{"v1.register.20.1796630700.lhDMlrF--4Vjgty5.yv5qRElKYhiV0iVGK4GRDBdLHDJZZK8bYgWhroVgers", "282658"},
		} {
			purpose := strings.Split(v.challenge, ".")[1]
			if err := NewPuzzles(testKey, clk.now).Check(purpose, v.challenge, v.solution); err != nil {
				t.Errorf("%s: %v", v.challenge, err)
			}
			if first := solve(v.challenge); first != v.solution {
				t.Errorf("%s: Go's first solution is %s, pow.js found %s", v.challenge, first, v.solution)
			}
		}
	})

	t.Run("issues URL-safe challenges of the bits asked, within 0 to 32", func(t *testing.T) {
		for bits, want := range map[int]string{-3: "0", 0: "0", 18: "18", 40: "32"} {
			c := p.Issue("register", bits)
			if f := strings.Split(c, "."); len(f) != 6 || f[2] != want || strings.Trim(c, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != "" {
				t.Errorf("Issue(%d) = %q", bits, c)
			}
		}
	})
}

func TestIssuePanics(t *testing.T) {
	for _, purpose := range []string{"", "Register", "a.b", "đăng-ký", strings.Repeat("a", 33)} {
		t.Run("panics on the purpose "+strconv.Quote(purpose), func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("did not panic")
				}
			}()
			NewPuzzles(testKey, time.Now).Issue(purpose, 1)
		})
	}
}

// FuzzCheck sends Check what a client may: whatever it accepts must be a challenge the
// server issued, solved.
func FuzzCheck(f *testing.F) {
	at := func() time.Time { return t0 }
	const issued = "v1.attempt.16.1796630700.3jirkZPANQk3KKQp.i82-fR4Bt07rZBXbuWzMUTdM-dhT5iI1nNk01qVItac" // at t0
	f.Add(issued, "58636")
	f.Add(issued, "0")
	f.Add("v1.attempt.0.1796630700.AAAAAAAAAAAAAAAA.AAAA", "0")
	f.Add("v1..", "")
	f.Add(".", "1")
	f.Fuzz(func(t *testing.T, challenge, solution string) {
		err := NewPuzzles(testKey, at).Check("attempt", challenge, solution)
		if err == nil {
			if challenge != issued || !leadingZeros(sha256.Sum256([]byte(challenge+":"+solution)), 16) {
				t.Fatalf("accepted %q with %q", challenge, solution)
			}
		} else if !refused(err) {
			t.Fatalf("%q, %q: %v", challenge, solution, err)
		}
	})
}

func TestPressure(t *testing.T) {
	clk := &clock{t0}
	t.Run("asks base bits of an address within its allowance", func(t *testing.T) {
		p := NewPressure(16, 20, 10*time.Minute, 30, clk.now)
		for i := range 30 {
			if got := p.Bits("203.0.113.7:4431"); got != 16 {
				t.Fatalf("request %d: %d bits", i+1, got)
			}
		}
	})

	t.Run("asks one bit more each time the count doubles, up to the cap, never refusing", func(t *testing.T) {
		p := NewPressure(16, 20, 10*time.Minute, 30, clk.now)
		var got []int
		for n := 1; n <= 2000; n++ {
			bits := p.Bits("203.0.113.7")
			if n == 30 || n == 31 || n == 60 || n == 61 || n == 120 || n == 121 || n == 480 || n == 481 || n == 2000 {
				got = append(got, bits)
			}
		}
		if want := []int{16, 17, 17, 18, 18, 19, 20, 20, 20}; !slices.Equal(got, want) {
			t.Errorf("at 30, 31, 60, 61, 120, 121, 480, 481, 2000 requests: %v, want %v", got, want)
		}
	})

	t.Run("counts each address apart, an IPv6 address by its /64", func(t *testing.T) {
		p := NewPressure(10, 14, time.Minute, 1, clk.now)
		p.Bits("2001:db8:1:2::1")
		p.Bits("[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443")
		if got := p.Bits("2001:db8:1:2::ffff"); got != 12 {
			t.Errorf("third request from one /64: %d bits, want 12", got)
		}
		if got := p.Bits("2001:db8:1:3::1"); got != 10 {
			t.Errorf("first from the next /64: %d bits, want 10", got)
		}
		if got := p.Bits("198.51.100.1"); got != 10 {
			t.Errorf("first from an IPv4 address: %d bits, want 10", got)
		}
		p.Bits("198.51.100.1")
		if got := p.Bits("::ffff:198.51.100.1"); got != 12 {
			t.Errorf("the same IPv4 address mapped in IPv6: %d bits, want 12", got)
		}
	})

	t.Run("forgets requests as the window slides past them", func(t *testing.T) {
		defer func() { clk.t = t0 }()
		p := NewPressure(16, 20, 10*time.Minute, 30, clk.now)
		for range 120 {
			p.Bits("203.0.113.9")
		}
		clk.t = t0.Add(15 * time.Minute) // half the first window's 120 still within the last 10 minutes
		if got := p.Bits("203.0.113.9"); got != 18 {
			t.Errorf("five minutes into the next window: %d bits, want 18 (61 requests)", got)
		}
		clk.t = t0.Add(30 * time.Minute)
		if got := p.Bits("203.0.113.9"); got != 16 {
			t.Errorf("after two quiet windows: %d bits, want 16", got)
		}
	})

	t.Run("keeps at most MaxAddresses, forgetting the one heard from longest ago", func(t *testing.T) {
		p := NewPressure(10, 14, time.Hour, 1, clk.now)
		p.Bits("192.0.2.1")
		p.Bits("192.0.2.1")
		for i := range MaxAddresses {
			p.Bits("10." + strconv.Itoa(i>>16&255) + "." + strconv.Itoa(i>>8&255) + "." + strconv.Itoa(i&255))
		}
		if n := len(p.byAddr); n != MaxAddresses || p.recent.Len() != MaxAddresses {
			t.Errorf("%d addresses kept", n)
		}
		if got := p.Bits("192.0.2.1"); got != 10 {
			t.Errorf("the address heard from longest ago: %d bits, want 10 (forgotten)", got)
		}
	})
}
