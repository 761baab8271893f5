package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// maxSuggestClaims bounds the claims suggest reads: it holds them all to
// rank them.
const maxSuggestClaims = 1 << 20

func runSuggest(e env, args []string) error {
	fs := newFlags(e, "suggest", "[-model FILE | -data FILE]... [-n 20] [-label L] [-lines] [FILE|-]...",
		"Lists, as JSON Lines ready to be labeled, the claims of the given texts whose labels would\n"+
			"teach the model most: those it is least sure of (the smallest margin between its two most\n"+
			"probable labels), near-duplicates skipped. Each record holds id (source:index), source,\n"+
			"text, the suggested label and the probabilities: correct the label and append the file to\n"+
			"your training data. With -label, it lists the claims most likely to have that label instead\n"+
			"and, given no texts, the built-in claims most likely to belong to it (with their ids, so\n"+
			"that a record of the same id in a -data file relabels them). The model is -model, or\n"+
			"trained like 'stance train' on the embedded corpus and the -data files.")
	var mf modelFlags
	mf.register(fs)
	modelPath := fs.String("model", "", "model `FILE` written by 'stance train' (instead of training one)")
	n := fs.Int("n", 20, fmt.Sprintf("number of claims to list, 1 to %d", maxSuggestClaims))
	label := fs.String("label", "", "list the claims most likely to have this `label`")
	lines := fs.Bool("lines", false, "treat each non-empty line as one claim")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > maxSuggestClaims {
		return usageError("-n must be between 1 and %d", maxSuggestClaims)
	}
	if *modelPath != "" && len(mf.data) > 0 {
		return usageError("-model and -data exclude each other")
	}
	opts, err := mf.options()
	if err != nil {
		return err
	}
	if err := e.checkStdout(); err != nil {
		return err
	}
	var m *stance.Model
	var builtin []corpus.Claim
	if *modelPath != "" {
		m, err = loadModel(*modelPath)
		builtin = corpus.Claims()
	} else {
		var claims []corpus.Claim
		claims, _, err = mf.claims()
		if err == nil {
			m, err = stance.Train(claims, opts...)
			builtin = claims
		}
	}
	if err != nil {
		return err
	}
	if *label != "" {
		if *label, err = corpus.NormalizeLabel(*label); err != nil {
			return usageError("-label: %v", err)
		}
		if !slices.Contains(m.Labels(), *label) {
			return usageError("-label %q: the model's labels are %v", *label, m.Labels())
		}
	}
	var claims []corpus.Claim
	if fs.NArg() == 0 && *label != "" {
		// The built-in claims (as relabeled) that do not have the label.
		ids := make(map[string]bool)
		for _, c := range corpus.Claims() {
			ids[c.ID] = true
		}
		for _, c := range builtin {
			if ids[c.ID] && c.Label != *label {
				claims = append(claims, c)
			}
		}
	} else {
		inputs := fs.Args()
		if len(inputs) == 0 {
			inputs = []string{"-"}
			noteStdin(e, "suggest")
		}
		for _, name := range inputs {
			if claims, err = readSuggestClaims(e, name, *lines, claims); err != nil {
				return err
			}
		}
	}
	texts := make([]string, len(claims))
	for i, c := range claims {
		texts[i] = c.Text
	}
	var ranked []stance.Suggestion
	if *label != "" {
		ranked = m.Likely(texts, *label, *n)
	} else {
		ranked = m.Suggest(texts, *n)
	}
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range ranked {
		c := claims[s.Index]
		probs := make(map[string]float64, len(s.Probabilities))
		for l, p := range s.Probabilities {
			probs[l] = math.Round(p*1e4) / 1e4
		}
		if err := enc.Encode(suggestion{ID: c.ID, Source: c.Source, Text: c.Text, Label: s.Label, Probabilities: probs}); err != nil {
			return err
		}
	}
	return w.Flush()
}

// suggestion is a record of suggest's output: a label file record with
// the model's probabilities.
type suggestion struct {
	ID            string             `json:"id"`
	Source        string             `json:"source,omitempty"`
	Text          string             `json:"text"`
	Label         string             `json:"label"`
	Probabilities map[string]float64 `json:"probabilities"`
}

// readSuggestClaims appends the claims of input name (non-claims left out) to
// claims, each with the id source:index.
func readSuggestClaims(e env, name string, lines bool, claims []corpus.Claim) ([]corpus.Claim, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	sc, err := openParts(r, lines)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for i := 0; sc.Scan(); i++ {
		p := sc.Part()
		if p.Skip {
			continue
		}
		if len(claims) == maxSuggestClaims {
			return nil, fmt.Errorf("%s: more than %d claims in all", name, maxSuggestClaims)
		}
		claims = append(claims, corpus.Claim{ID: fmt.Sprintf("%s:%d", name, i), Source: name, Text: p.Text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return claims, nil
}
