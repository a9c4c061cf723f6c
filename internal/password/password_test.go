package password

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h := Hash("mật khẩu đủ dài")
	t.Run("a hash is a PHC argon2id string with the current parameters", func(t *testing.T) {
		if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Fatalf("hash = %q", h)
		}
		f := strings.Split(h, "$")
		if len(f[4]) != 22 || len(f[5]) != 43 { // 16 and 32 bytes in unpadded base64
			t.Fatalf("salt %q, key %q", f[4], f[5])
		}
	})
	t.Run("the right password verifies and a wrong one does not", func(t *testing.T) {
		if ok, err := Verify(h, "mật khẩu đủ dài"); !ok || err != nil {
			t.Fatalf("right password: %v, %v", ok, err)
		}
		if ok, err := Verify(h, "mật khẩu đủ dàj"); ok || err != nil {
			t.Fatalf("wrong password: %v, %v", ok, err)
		}
	})
	t.Run("a password typed with combining accents matches its precomposed form", func(t *testing.T) {
		decomposed := "ma\u0302\u0323t kha\u0302\u0309u \u0111u\u0309 da\u0300i" // "mật khẩu đủ dài" in form D
		if ok, err := Verify(h, decomposed); !ok || err != nil {
			t.Fatalf("decomposed password: %v, %v", ok, err)
		}
	})
	t.Run("two hashes of one password differ by their salt", func(t *testing.T) {
		if Hash("mật khẩu đủ dài") == h {
			t.Fatal("same hash twice")
		}
	})
	t.Run("a hash with other parameters still verifies and needs a rehash", func(t *testing.T) {
		// Made with m=8192, t=1, p=2 and a 24-byte key, as an older release might have.
		old := "$argon2id$v=19$m=8192,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO"
		ok, err := Verify(old, "correct horse")
		if !ok || err != nil {
			t.Fatalf("old hash: %v, %v", ok, err)
		}
		if re, _ := NeedsRehash(old); !re {
			t.Fatal("old parameters need no rehash")
		}
		if re, _ := NeedsRehash(h); re {
			t.Fatal("current parameters need a rehash")
		}
	})
	t.Run("a malformed hash is an error, not a mismatch", func(t *testing.T) {
		for _, bad := range []string{
			"",
			"plaintext",
			"$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO",
			"$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO",
			"$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO",
			"$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO",
			"$argon2id$v=19$m=019456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO",
			"$argon2id$v=19$t=2,m=19456,p=1$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO",
			"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA==$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO",
			"$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO",
		} {
			if ok, err := Verify(bad, "correct horse"); ok || err != ErrMalformed {
				t.Errorf("Verify(%q) = %v, %v", bad, ok, err)
			}
		}
	})
}

func TestPasswordRandom(t *testing.T) {
	t.Run("a random password has the length asked and only readable characters", func(t *testing.T) {
		seen := map[string]bool{}
		for range 200 {
			p := Random(16)
			if len(p) != 16 || strings.ContainsAny(p, "0O1lI") || strings.Trim(p, alphabet) != "" {
				t.Fatalf("password %q", p)
			}
			if seen[p] {
				t.Fatalf("password %q twice", p)
			}
			seen[p] = true
		}
	})
}

// FuzzPasswordParse feeds arbitrary strings to the parser of stored hashes: it must never panic,
// must stay within its bounds, and whatever it accepts must print back to the same string.
func FuzzPasswordParse(f *testing.F) {
	f.Add(Hash("seed password"))
	f.Add("$argon2id$v=19$m=8192,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO")
	f.Add("$argon2id$v=19$m=,t=2,p=1$$")
	f.Add("$$$$$")
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := parse(s)
		if err != nil {
			return
		}
		if p.memory > maxMemoryKiB || p.passes < 1 || p.passes > maxPasses || p.lanes < 1 ||
			p.memory < 8*uint32(p.lanes) || len(salt) < minSaltLen || len(key) < minKeyLen {
			t.Fatalf("accepted %q with %+v", s, p)
		}
		if back := encode(p, salt, key); back != s {
			t.Fatalf("parsed %q, printed back %q", s, back)
		}
	})
}

// BenchmarkHash measures the cost of one hash with the current parameters, which is also the
// cost of one login.
func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		Hash("mật khẩu đủ dài")
	}
}
