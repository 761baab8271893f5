package main

import (
	"fmt"
	"os"

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
		return stance.Default()
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
