package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// repeated is a flag that may be given several times.
type repeated []string

func (r *repeated) String() string     { return fmt.Sprint(*r) }
func (r *repeated) Set(s string) error { *r = append(*r, s); return nil }

// loadModel reads the model at path, or trains the default model on the
// embedded corpus when path is empty.
func loadModel(path string) (*stance.Model, error) {
	if path == "" {
		return stance.Train(corpus.Claims())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := stance.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// readLabels reads a JSON Lines label file; errors name the file and line.
func readLabels(path string) ([]corpus.Claim, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	claims, err := corpus.ReadJSONL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(claims) == 0 {
		return nil, fmt.Errorf("%s: no labeled claims", path)
	}
	return claims, nil
}

// readAllLabels reads every file of paths.
func readAllLabels(paths []string) ([]corpus.Claim, error) {
	var all []corpus.Claim
	for _, p := range paths {
		c, err := readLabels(p)
		if err != nil {
			return nil, err
		}
		all = append(all, c...)
	}
	return all, nil
}

// writeAtomic writes a file through write, in a temporary file in the
// same directory that is synced and renamed into place only when complete:
// a failure leaves any existing file at path untouched and no temporary
// file behind.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a directory", path)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return errors.Join(err, os.Remove(tmp.Name()))
	}
	return nil
}
