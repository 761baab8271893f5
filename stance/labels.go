package stance

import "github.com/stancekit/stancekit/corpus"

// The four labels of the embedded corpus. A model learns whatever labels
// its training claims hold; these are only the built-in names.
const (
	BlameRussia = corpus.BlameRussia
	BlameJapan  = corpus.BlameJapan
	Compromise  = corpus.Compromise
	Neutral     = corpus.Neutral
)
