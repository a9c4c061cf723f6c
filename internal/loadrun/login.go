package loadrun

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tuyengiao/internal/vn"
)

// LoginLevel is the result of one level of a login load: the answers, and the peak resident
// memory and the CPU time of the process meanwhile.
type LoginLevel struct {
	*Result
	PeakKiB int64
	// CPU is the processor time the process took, server and clients: divided by the 2xx
	// answers, the cost of a login, which a busy machine does not change as it does the
	// throughput.
	CPU time.Duration
	// PeakSince says what the peak covers: the level alone, or, where the kernel would not reset
	// the mark, the process since it started.
	PeakSince string
}

// Logins logs the accounts in over the API at base (POST /api/v1/auth/login) with the password
// pw, from clients concurrent clients, total logins at most (account i mod len(logins) for
// the i-th), for at most limit. Each account logs in from an address of its own, sent as
// X-Forwarded-For, which the server is to believe from the loopback: the logins queue in turn
// between addresses, as those of many members do. The peak resident memory is measured over
// the level alone where the kernel lets the process reset its mark (/proc/self/clear_refs).
func Logins(ctx context.Context, base string, logins []string, pw string, clients, total int, limit time.Duration) *LoginLevel {
	hc := NewClient(clients, time.Minute)
	defer hc.CloseIdleConnections()
	bodies := make([]string, len(logins))
	for k, login := range logins {
		b, _ := json.Marshal(map[string]string{"login": login, "password": pw})
		bodies[k] = string(b)
	}
	since, cpu := resetPeak(), cpuTime()
	r := Drive(ctx, clients, total, limit, func(ctx context.Context, i int) (int, error) {
		k := i % len(logins)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/auth/login", strings.NewReader(bodies[k]))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", k>>16&255, k>>8&255, k&255))
		return Status(hc, req)
	})
	return &LoginLevel{Result: r, PeakKiB: procStatus("VmHWM"), PeakSince: since, CPU: cpuTime() - cpu}
}

// Print writes the level as Result.Print does, then the peak resident memory and the CPU
// time per login.
func (l *LoginLevel) Print(out io.Writer, name string) {
	l.Result.Print(out, name)
	fmt.Fprintf(out, "%-14s bộ nhớ thường trú đỉnh / peak resident (VmHWM, %s): %s MB; CPU mỗi lần đăng nhập / per login: %s\n", "",
		l.PeakSince, vn.Decimal(float64(l.PeakKiB)/1024, 0), ms(l.CPU/time.Duration(max(l.OK, 1))))
}

// cpuTime returns the processor time the process has taken, user and system.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// resetPeak returns the memory the Go runtime holds free to the system and resets the
// process's peak resident mark to what it holds now, and says what the next reading of the
// mark covers: "this level", or "since start" when the kernel refused the reset.
func resetPeak() string {
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		return "since start"
	}
	return "this level"
}

// procStatus returns the field, in KiB, of /proc/self/status (VmHWM, VmRSS); 0 where there
// is none (a system without /proc).
func procStatus(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
