package annotate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/stancekit/stancekit/corpus"
)

// A store is the output file: its records in file order, each added by
// appending one line and syncing the file, and changed or taken back by
// rewriting the whole file atomically (a temporary file beside it,
// synced, then renamed into place). A store is not safe for concurrent
// use: the Server's mutex guards it.
type store struct {
	path  string   // the file, links resolved
	file  *os.File // open for appending
	size  int64    // bytes in the file
	lines [][]byte // each record as written, without its newline
	recs  []corpus.Claim
	byID  map[string]int // index in recs of each record with an ID
}

// openStore opens the output file at path, creating it if it does not
// exist, and reads the records it holds. Lines it does not change are
// kept byte for byte, unknown fields included.
func openStore(path string) (*store, error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("annotate: output: %w", err)
	}
	st := &store{path: path, file: f}
	if err := st.load(); err != nil {
		f.Close()
		return nil, err
	}
	return st, nil
}

// load reads the records of the file and makes sure it ends in a
// newline, so that the next record starts a line of its own.
func (st *store) load() error {
	b, err := io.ReadAll(st.file)
	if err != nil {
		return fmt.Errorf("annotate: read %s: %w", st.path, err)
	}
	recs, err := corpus.ReadJSONL(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("annotate: %s: %w", st.path, err)
	}
	// The same lines ReadJSONL read: those that are not blank, without
	// the byte order mark.
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	sc.Buffer(make([]byte, 0, 64<<10), corpus.MaxLineBytes)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			st.lines = append(st.lines, bytes.Clone(line))
		}
	}
	if err := sc.Err(); err != nil || len(st.lines) != len(recs) {
		return fmt.Errorf("annotate: %s: cannot split the file into its %d records", st.path, len(recs))
	}
	st.recs, st.size = recs, int64(len(b))
	st.index()
	if len(b) > 0 && b[len(b)-1] != '\n' {
		return st.write([]byte("\n"))
	}
	return nil
}

func (st *store) index() {
	st.byID = make(map[string]int, len(st.recs))
	for i, r := range st.recs {
		if r.ID != "" {
			st.byID[r.ID] = i
		}
	}
}

// find returns the index of the record with id, or -1.
func (st *store) find(id string) int {
	if i, ok := st.byID[id]; ok {
		return i
	}
	return -1
}

// encode returns the record line of c, without a newline.
func encode(c corpus.Claim) ([]byte, error) {
	var buf bytes.Buffer
	if err := corpus.WriteJSONL(&buf, []corpus.Claim{c}); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// add appends the record c to the file and syncs it.
func (st *store) add(c corpus.Claim) error {
	line, err := encode(c)
	if err != nil {
		return err
	}
	if err := st.write(append(line, '\n')); err != nil {
		return err
	}
	st.lines = append(st.lines, line)
	st.recs = append(st.recs, c)
	st.byID[c.ID] = len(st.recs) - 1
	return nil
}

// write appends b to the file and syncs it. On failure it cuts the file
// back to its former length, so that no partial line stays.
func (st *store) write(b []byte) error {
	_, err := st.file.Write(b)
	if err == nil {
		err = st.file.Sync()
	}
	if err != nil {
		_ = st.file.Truncate(st.size)
		return fmt.Errorf("annotate: write %s: %w", st.path, err)
	}
	st.size += int64(len(b))
	return nil
}

// set replaces record i by c, or removes it if c is nil, rewriting the
// file.
func (st *store) set(i int, c *corpus.Claim) error {
	lines := append([][]byte(nil), st.lines...)
	recs := append([]corpus.Claim(nil), st.recs...)
	if c == nil {
		lines = append(lines[:i], lines[i+1:]...)
		recs = append(recs[:i], recs[i+1:]...)
	} else {
		line, err := encode(*c)
		if err != nil {
			return err
		}
		lines[i], recs[i] = line, *c
	}
	return st.rewrite(lines, recs)
}

// restore puts line, the earlier form of record i, back in place,
// rewriting the file.
func (st *store) restore(i int, line []byte, c corpus.Claim) error {
	lines := append([][]byte(nil), st.lines...)
	recs := append([]corpus.Claim(nil), st.recs...)
	lines[i], recs[i] = line, c
	return st.rewrite(lines, recs)
}

// rewrite replaces the file by one holding lines, atomically: a
// temporary file beside it is written, synced and renamed into place,
// and the directory synced. On failure the file and the store are
// unchanged.
func (st *store) rewrite(lines [][]byte, recs []corpus.Claim) (err error) {
	dir, base := filepath.Split(st.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("annotate: rewrite %s: %w", st.path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("annotate: rewrite %s: %w", st.path, err)
		}
	}()
	size := 0
	w := bufio.NewWriter(tmp)
	for _, l := range lines {
		w.Write(l)
		w.WriteByte('\n')
		size += len(l) + 1
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if info, err := st.file.Stat(); err == nil {
		if err := tmp.Chmod(info.Mode().Perm()); err != nil {
			return err
		}
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	f, err := os.OpenFile(tmp.Name(), os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), st.path); err != nil {
		f.Close()
		return err
	}
	syncDir(dir)
	st.file.Close()
	st.file, st.size, st.lines, st.recs = f, int64(size), lines, recs
	st.index()
	return nil
}

// syncDir syncs a directory, so that a rename in it survives a crash.
// Not every system can; errors are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// close closes the file.
func (st *store) close() error {
	if err := st.file.Close(); err != nil && !errors.Is(err, fs.ErrClosed) {
		return fmt.Errorf("annotate: close %s: %w", st.path, err)
	}
	return nil
}
