package corpus

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sync"
)

// A Case is one case of a behavioral test suite (CheckList style, Ribeiro
// et al., 2020). Its Type says what passing means:
//
//   - "MFT" (minimum functionality): Text gets Label.
//   - "INV" (invariance): every one of Texts, which differ only by the
//     perturbation the test names (an actor's name, a spelling), gets
//     Label.
//   - "DIR" (directional, an actor swap): Text gets Label and Swap, the
//     same sentence with Russia and Japan swapped, gets SwapLabel.
//
// In JSON Lines, one case a line:
//
//	{"test": "MFT: blames Russia", "type": "MFT", "text": "…", "label": "blame_russia"}
//	{"test": "INV: spelling", "type": "INV", "texts": ["…behaviour…", "…behavior…"], "label": "blame_russia"}
//	{"test": "DIR: actor swap", "type": "DIR", "text": "…", "label": "blame_russia", "swap": "…", "swap_label": "blame_japan"}
type Case struct {
	Test      string   `json:"test"`
	Type      string   `json:"type"`
	Text      string   `json:"text,omitempty"`
	Texts     []string `json:"texts,omitempty"`
	Label     string   `json:"label"`
	Swap      string   `json:"swap,omitempty"`
	SwapLabel string   `json:"swap_label,omitempty"`
}

// Sentences returns the sentences of the case: Text, Texts and Swap.
func (c Case) Sentences() []string {
	var out []string
	if c.Text != "" {
		out = append(out, c.Text)
	}
	out = append(out, c.Texts...)
	if c.Swap != "" {
		out = append(out, c.Swap)
	}
	return out
}

//go:embed behavior.jsonl
var behaviorFile []byte

var behavior = sync.OnceValues(func() ([]Case, error) {
	return ReadCases(bytes.NewReader(behaviorFile))
})

// Behavior returns the built-in behavioral test suite: sentences written
// for it, never used for training, testing whether a model reads who is
// blamed — minimum functionality per label and for hard cases (denials,
// contrasts, reported speech, pronoun subjects, third-party blame,
// hawkish self-criticism, hope without a path), invariance to actor
// naming, spelling and wording, and actor swaps. Each call returns a
// fresh copy.
func Behavior() []Case {
	cases, err := behavior()
	if err != nil {
		panic("corpus: embedded behavior suite: " + err.Error()) // checked by the tests
	}
	return slices.Clone(cases)
}

// ReadCases reads a behavioral test suite in the JSON Lines format of
// [Case]. A bad line stops reading with a [*ParseError] naming it.
func ReadCases(r io.Reader) ([]Case, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	var cases []Case
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var c Case
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, &ParseError{Line: line, Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
		}
		if err := c.check(); err != nil {
			return nil, &ParseError{Line: line, Err: err}
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus: read cases: %w", err)
	}
	return cases, nil
}

// check reports whether c has the fields its Type needs.
func (c Case) check() error {
	bad := func(what string) error { return fmt.Errorf("%w: %s case %s", ErrFieldType, c.Type, what) }
	switch {
	case c.Test == "":
		return fmt.Errorf("%w: missing \"test\"", ErrFieldType)
	case c.Label == "":
		return ErrMissingLabel
	}
	switch c.Type {
	case "MFT":
		if c.Text == "" || len(c.Texts) > 0 || c.Swap != "" {
			return bad(`needs "text" only`)
		}
	case "INV":
		if c.Text != "" || len(c.Texts) < 2 || slices.Contains(c.Texts, "") {
			return bad(`needs two or more "texts"`)
		}
	case "DIR":
		if c.Text == "" || c.Swap == "" || c.SwapLabel == "" {
			return bad(`needs "text", "swap" and "swap_label"`)
		}
	default:
		return fmt.Errorf("%w: type %q, want MFT, INV or DIR", ErrFieldType, c.Type)
	}
	return nil
}
