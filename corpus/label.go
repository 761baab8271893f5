package corpus

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxLabelBytes is the longest label, in bytes after normalisation.
// Labels are names, not text: the longest built-in one has 12 bytes.
const MaxLabelBytes = 64

// Label errors, wrapped by [NormalizeLabel], [ReadJSONL] and the stance
// package's training.
var (
	ErrLabel          = errors.New("corpus: invalid label")
	ErrLabelCollision = errors.New("corpus: labels differ only in case")
)

// NormalizeLabel returns label as it is stored: in Unicode normalization
// form NFC, without leading and trailing white space. It returns an error
// wrapping [ErrLabel] for a label that is empty, longer than
// [MaxLabelBytes], not valid UTF-8, or holds a character that is not
// printable: a control character, or a format character such as the
// zero-width space U+200B or the bidirectional override U+202E. A
// printable label that is already normalised is returned unchanged.
func NormalizeLabel(label string) (string, error) {
	if !utf8.ValidString(label) {
		return "", fmt.Errorf("%w: not valid UTF-8", ErrLabel)
	}
	s := strings.TrimSpace(norm.NFC.String(label))
	switch {
	case s == "":
		return "", fmt.Errorf("%w: empty", ErrLabel)
	case len(s) > MaxLabelBytes:
		return "", fmt.Errorf("%w: %d bytes, at most %d", ErrLabel, len(s), MaxLabelBytes)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return "", fmt.Errorf("%w: %q holds the unprintable character %U", ErrLabel, s, r)
		}
	}
	return s, nil
}

// LabelKey returns the key under which two labels collide: their case
// folding. Labels with the same key but different spellings are an error
// wherever labels meet ([ErrLabelCollision]).
func LabelKey(label string) string { return cases.Fold().String(label) }
