//go:build unix

package text

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time, user and system, the process has used.
// Benchmarks report it beside wall time because the machines they run on
// are shared: wall time there measures the neighbours as much as the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
