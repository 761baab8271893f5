//go:build unix

package main

import (
	"os"
	"syscall"
)

// stdoutWasClosed reports whether the process started with its standard
// output closed. The Go runtime then opens /dev/null read-write in its
// place; a redirection to /dev/null by a shell opens it write-only.
func stdoutWasClosed() bool {
	var out, null syscall.Stat_t
	if syscall.Fstat(1, &out) != nil || syscall.Stat(os.DevNull, &null) != nil {
		return false
	}
	if out.Mode&syscall.S_IFMT != syscall.S_IFCHR || out.Rdev != null.Rdev {
		return false
	}
	flags, _, errno := syscall.Syscall(syscall.SYS_FCNTL, 1, syscall.F_GETFL, 0)
	return errno == 0 && flags&syscall.O_ACCMODE == syscall.O_RDWR
}
