package stance

import (
	"bytes"
	_ "embed"
	"fmt"
)

//go:generate go run ./internal/gendefault -o default.json

// defaultModel is the model Train(corpus.Claims()) gives, saved: loading
// it takes half the time training takes. TestDefault checks that it is
// what training gives today.
//
//go:embed default.json
var defaultModel []byte

// Default returns the default model: the one Train(corpus.Claims())
// returns, trained on the embedded corpus with the default options. It
// is read from a copy saved with the package, which loads in half the
// time training takes (see BenchmarkDefault); the tests check
// that the copy is what training gives, byte for byte. Each call returns
// a new Model.
func Default() (*Model, error) {
	m, err := Load(bytes.NewReader(defaultModel))
	if err != nil {
		return nil, fmt.Errorf("stance: the stored default model: %w", err)
	}
	return m, nil
}
