package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"
)

// An output is where a command writes a file it was given with -o: the
// standard output for "-"; the target itself, written in place, for a
// target that exists and is not a regular file (a device such as
// /dev/null, a FIFO, or a link to one); and otherwise a temporary file
// beside the target that replaces it only on Commit, so that a failed or
// interrupted run leaves an existing file untouched. A link to a regular
// file has its target replaced and stays a link; an existing file keeps
// its mode and, where the process may set it, its owner.
type output struct {
	w      io.Writer
	file   *os.File    // the open file, if the output is one
	target string      // the file a temporary file replaces; "" when written in place
	mode   fs.FileMode // for a replaced file
	uid    int         // owner of a replaced file, or -1
	gid    int
}

// createOutput opens the output for path, before any work is done, so
// that an unwritable target fails early.
func createOutput(e env, path string) (*output, error) {
	if path == "-" || isStdout(path) {
		if err := e.checkStdout(); err != nil {
			return nil, err
		}
		return &output{w: e.stdout, uid: -1}, nil
	}
	real, err := resolveLinks(path)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(real)
	switch {
	case err == nil && st.IsDir():
		return nil, fmt.Errorf("%s is a directory", path)
	case err == nil && !st.Mode().IsRegular():
		f, err := os.OpenFile(real, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &output{w: f, file: f, uid: -1}, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	o := &output{target: real, mode: 0o644, uid: -1, gid: -1}
	if st != nil {
		o.mode = st.Mode().Perm() | st.Mode()&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)
		if sys, ok := st.Sys().(*syscall.Stat_t); ok {
			o.uid, o.gid = int(sys.Uid), int(sys.Gid)
		}
	}
	dir, base := filepath.Split(real)
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s: directory %s does not exist", path, dir)
	}
	// Create and register the temporary file under the lock that the
	// signal handler takes, so that it is removed however soon a signal
	// comes.
	temps.mu.Lock()
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err == nil {
		temps.names[f.Name()] = true
	}
	temps.mu.Unlock()
	if err != nil {
		return nil, err
	}
	o.w, o.file = f, f
	return o, nil
}

// Write writes to the output.
func (o *output) Write(p []byte) (int, error) { return o.w.Write(p) }

// Commit completes the output: a temporary file is given the mode and
// owner of the file it replaces, synced, and renamed into place.
func (o *output) Commit() (err error) {
	if o.file == nil {
		return nil
	}
	if o.target == "" {
		return o.file.Close()
	}
	defer func() {
		if err != nil {
			o.Abort()
		}
	}()
	if o.uid >= 0 {
		_ = o.file.Chown(o.uid, o.gid) // where the process may: root, or the owner itself
	}
	if err := o.file.Chmod(o.mode); err != nil {
		return err
	}
	if err := o.file.Sync(); err != nil {
		return err
	}
	if err := o.file.Close(); err != nil {
		return err
	}
	if err := os.Rename(o.file.Name(), o.target); err != nil {
		return err
	}
	temps.remove(o.file.Name())
	return nil
}

// Abort gives up the output: a temporary file is removed, a file written
// in place is closed.
func (o *output) Abort() {
	if o.file == nil {
		return
	}
	o.file.Close()
	if o.target != "" {
		os.Remove(o.file.Name())
		temps.remove(o.file.Name())
	}
}

// writeAtomic writes the file at path through write, as an output: a
// failure leaves an existing file untouched and no temporary file
// behind.
func writeAtomic(path string, write func(io.Writer) error) error {
	o, err := createOutput(env{stdout: os.Stdout}, path)
	if err != nil {
		return err
	}
	if err := write(o); err != nil {
		o.Abort()
		return err
	}
	return o.Commit()
}

// isStdout reports whether path names the standard output of this
// process, which is written as such rather than opened again.
func isStdout(path string) bool {
	switch filepath.Clean(path) {
	case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return true
	}
	return false
}

// resolveLinks follows the symbolic links of path's last element, also
// when the final target does not exist yet, so that a link is kept and
// its target written. Links into /proc (such as /dev/stderr) are not
// followed: they stand for open files.
func resolveLinks(path string) (string, error) {
	for range 40 {
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if strings.HasPrefix(link, "/proc/") {
			return path, nil
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", fmt.Errorf("%s: too many links", path)
}

// temps holds the temporary files being written, for removal when the
// process is interrupted.
var temps = tempFiles{names: make(map[string]bool)}

type tempFiles struct {
	mu    sync.Mutex
	names map[string]bool
}

func (t *tempFiles) remove(name string) {
	t.mu.Lock()
	delete(t.names, name)
	t.mu.Unlock()
}

// removeTempsOnSignal removes the temporary files when SIGINT or SIGTERM
// arrives, then lets the signal end the process as it would have.
func removeTempsOnSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		sig := <-ch
		temps.mu.Lock() // held: no new temporary file from here on
		for name := range temps.names {
			os.Remove(name)
		}
		signal.Reset()
		syscall.Kill(os.Getpid(), sig.(syscall.Signal))
		select {} // the signal ends the process
	}()
}

// startCPUProfile starts writing a CPU profile to path and returns the
// function that stops it and commits the file.
func startCPUProfile(e env, path string) (stop func() error, err error) {
	o, err := createOutput(e, path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(o); err != nil {
		o.Abort()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return o.Commit()
	}, nil
}
