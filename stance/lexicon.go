package stance

import (
	"bytes"
	_ "embed"
	"slices"
	"sync"

	"github.com/stancekit/stancekit/corpus"
)

//go:embed lexicon.jsonl
var lexiconFile []byte

var lexicon = sync.OnceValues(func() ([]corpus.Claim, error) {
	return corpus.ReadJSONL(bytes.NewReader(lexiconFile))
})

// DefaultLexicon returns a new copy of the built-in domain lexicon: short
// cue phrases, in the JSON Lines format of label files, each with the
// label it points to ("Moscow refuses" → blame_russia, "joint economic
// activities on the islands" → compromise). Users extend it by appending
// their own cues, read with [corpus.ReadJSONL], and passing the result to
// [WithLexicon].
func DefaultLexicon() []corpus.Claim {
	cues, err := lexicon()
	if err != nil {
		panic("stance: embedded lexicon: " + err.Error()) // checked by the tests
	}
	return slices.Clone(cues)
}
