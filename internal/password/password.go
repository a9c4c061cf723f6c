// Package password hashes and checks account passwords with argon2id (RFC 9106) and makes
// readable random passwords. A hash is a PHC string,
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>
//
// with salt and key in unpadded standard base64. Verify reads the parameters back from the
// string, so the parameters of new hashes can be raised without invalidating old ones;
// NeedsRehash tells when a stored hash is weaker than a new one would be.
//
// Passwords are hashed in Unicode normal form C, so that a Vietnamese password matches
// whether the keyboard sent precomposed letters ("ế") or a letter with combining marks.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// The parameters of new hashes: the OWASP minimum for argon2id (19 MiB, two passes, one
// lane), about 40 ms a hash on one core, so a login costs little and a guess costs as much.
const (
	memoryKiB = 19 * 1024
	passes    = 2
	lanes     = 1
	saltLen   = 16
	keyLen    = 32
)

// Bounds on what Verify accepts from a stored string: a corrupted or hostile hash must not
// make one check allocate gigabytes or run for minutes.
const (
	maxMemoryKiB = 1 << 20 // 1 GiB
	maxPasses    = 64
	minSaltLen   = 8
	maxSaltLen   = 64
	minKeyLen    = 16
	maxKeyLen    = 64
)

// ErrMalformed is returned by Verify and NeedsRehash for a string that is not an argon2id
// hash this package can check.
var ErrMalformed = errors.New("password: malformed argon2id hash")

// params are the cost parameters of one hash.
type params struct {
	memory  uint32 // KiB
	passes  uint32
	lanes   uint8
	keyLen  uint32
	saltLen int
}

var current = params{memory: memoryKiB, passes: passes, lanes: lanes, keyLen: keyLen, saltLen: saltLen}

// Hash returns the argon2id hash of password with a fresh random salt, in PHC format.
func Hash(password string) string {
	salt := make([]byte, current.saltLen)
	rand.Read(salt) // never fails: crypto/rand aborts the program rather than return an error
	key := argon2.IDKey(norm.NFC.Bytes([]byte(password)), salt, current.passes, current.memory, current.lanes, current.keyLen)
	return encode(current, salt, key)
}

// encode writes a hash in PHC format; parse reads it back.
func encode(p params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.memory, p.passes, p.lanes,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// Verify reports whether password matches hash, comparing in constant time. It returns
// ErrMalformed (and false) when hash cannot be parsed.
func Verify(hash, password string) (bool, error) {
	p, salt, key, err := parse(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey(norm.NFC.Bytes([]byte(password)), salt, p.passes, p.memory, p.lanes, p.keyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether hash was made with parameters other than those of Hash, so
// that a caller who has just verified the password can store a fresh hash.
func NeedsRehash(hash string) (bool, error) {
	p, _, _, err := parse(hash)
	if err != nil {
		return false, err
	}
	return p != current, nil
}

// parse splits a PHC argon2id string into its parameters, salt and key, within the bounds
// above. Unknown parameters, a version other than 19 and any but the canonical spelling are
// refused.
func parse(hash string) (params, []byte, []byte, error) {
	var p params
	f := strings.Split(hash, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" || f[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, ErrMalformed
	}
	kv := strings.Split(f[3], ",")
	if len(kv) != 3 {
		return p, nil, nil, ErrMalformed
	}
	m, errM := param(kv[0], "m=", maxMemoryKiB)
	t, errT := param(kv[1], "t=", maxPasses)
	l, errL := param(kv[2], "p=", 255)
	salt, errS := decode(f[4])
	key, errK := decode(f[5])
	if err := errors.Join(errM, errT, errL, errS, errK); err != nil {
		return p, nil, nil, ErrMalformed
	}
	// argon2 needs at least 8 KiB of memory per lane; less would be silently raised.
	if t < 1 || l < 1 || m < 8*l || len(salt) < minSaltLen || len(salt) > maxSaltLen ||
		len(key) < minKeyLen || len(key) > maxKeyLen {
		return p, nil, nil, ErrMalformed
	}
	p = params{memory: m, passes: t, lanes: uint8(l), keyLen: uint32(len(key)), saltLen: len(salt)}
	return p, salt, key, nil
}

// param reads "name=value" with a decimal value from 0 to limit, without sign or leading
// zeros, so that each hash has exactly one spelling.
func param(s, name string, limit uint32) (uint32, error) {
	v, ok := strings.CutPrefix(s, name)
	if !ok || v == "" || len(v) > 1 && v[0] == '0' || strings.TrimLeft(v, "0123456789") != "" {
		return 0, ErrMalformed
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil || n > uint64(limit) {
		return 0, ErrMalformed
	}
	return uint32(n), nil
}

// decode reads unpadded standard base64, refusing any other spelling of the same bytes (the
// decoder alone skips line breaks and ignores trailing bits).
func decode(s string) ([]byte, error) {
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil || base64.RawStdEncoding.EncodeToString(b) != s {
		return nil, ErrMalformed
	}
	return b, nil
}

// alphabet leaves out characters that are easily confused when read aloud or copied from
// paper: 0 and O, 1, l and I.
const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// Random returns a random password of n characters from a readable alphabet of 57
// characters (about 5,8 bits each: 16 characters give 93 bits).
func Random(n int) string {
	// Rejection sampling keeps every character equally likely: bytes at or above the
	// largest multiple of len(alphabet) are dropped.
	const limit = 256 - 256%len(alphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, n+n/2)
	for len(out) < n {
		rand.Read(buf)
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, alphabet[int(b)%len(alphabet)])
			}
		}
	}
	return string(out)
}
