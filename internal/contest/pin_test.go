package contest

import (
	"strings"
	"testing"
)

func TestPIN(t *testing.T) {
	h := HashPIN("042917")

	t.Run("matches the PIN it hashed, and no other", func(t *testing.T) {
		if !CheckPIN(h, "042917") {
			t.Errorf("the PIN itself did not match %s", h)
		}
		for _, pin := range []string{"042918", "42917", "0429170", ""} {
			if CheckPIN(h, pin) {
				t.Errorf("%q matched", pin)
			}
		}
	})

	t.Run("salts each hash", func(t *testing.T) {
		if again := HashPIN("042917"); again == h || !CheckPIN(again, "042917") {
			t.Errorf("hashed twice: %s and %s", h, again)
		}
	})

	t.Run("writes the iterations, salt and hash in the encoded form", func(t *testing.T) {
		f := strings.Split(h, "$")
		if len(f) != 4 || f[0] != "pbkdf2-sha256" || f[1] != "12000" || len(f[2]) != 22 || len(f[3]) != 43 {
			t.Errorf("encoded as %s", h)
		}
	})

	t.Run("refuses a malformed or hostile hash", func(t *testing.T) {
		f := strings.Split(h, "$")
		for _, bad := range []string{
			"", "042917", "pbkdf2-sha256$12000$" + f[2], "pbkdf2-sha1$12000$" + f[2] + "$" + f[3],
			"pbkdf2-sha256$0$" + f[2] + "$" + f[3], "pbkdf2-sha256$-1$" + f[2] + "$" + f[3],
			"pbkdf2-sha256$99999999$" + f[2] + "$" + f[3], // would run for minutes
			"pbkdf2-sha256$12000$$" + f[3], "pbkdf2-sha256$12000$" + f[2] + "$",
			"pbkdf2-sha256$12000$" + f[2] + "$" + strings.Repeat("A", 200), // a key of 150 bytes: 5 times the work
			"pbkdf2-sha256$12000$" + f[2] + "$" + f[3] + "=",
		} {
			if CheckPIN(bad, "042917") {
				t.Errorf("%q matched", bad)
			}
		}
	})
}

func BenchmarkHashPIN(b *testing.B) {
	for b.Loop() {
		HashPIN("042917")
	}
}
