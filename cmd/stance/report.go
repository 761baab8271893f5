package main

import (
	"fmt"
	"io"
	"os"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/report"
	"github.com/stancekit/stancekit/stance"
)

// maxReportInput is the largest text a report reads: a report is for
// reading, and it holds its texts in memory.
const maxReportInput = 64 << 20

func runReport(e env, args []string) error {
	fs := newFlags(e, "report", "[-model FILE] [-o FILE] [-title T] [-eval] [-lines] [FILE|-]...",
		"Writes one self-contained HTML page: each text with its claims highlighted by label, the\n"+
			"probabilities and evidence on hover or keyboard focus, a stacked bar of each text's label\n"+
			"shares, and a chart comparing all texts. It opens offline and can be mailed.")
	modelPath := fs.String("model", "", "model `FILE` written by 'stance train'")
	out := fs.String("o", "", "output `FILE` (default: standard output)")
	title := fs.String("title", "", "page `title` (default \"Stance report\")")
	eval := fs.Bool("eval", false, "add the cross-validation of the default model on the embedded corpus (10-fold × 5, seed 1)")
	lines := fs.Bool("lines", false, "treat each non-empty line as one claim instead of splitting sentences")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	m, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	var docs []report.Document
	for _, name := range inputs {
		text, err := readText(e, name)
		if err != nil {
			return err
		}
		docs = append(docs, report.Document{Name: name, Text: text})
	}
	opt := report.Options{Title: *title, Lines: *lines}
	if *eval {
		opt.Eval, err = stance.CrossValidate(corpus.ArticleClaims(), stance.CV{Folds: 10, Repeats: 5, Seed: 1, Extra: corpus.ExtraClaims()})
		if err != nil {
			return err
		}
	}
	write := func(w io.Writer) error { return report.Write(w, m, docs, opt) }
	if *out == "" {
		return write(e.stdout)
	}
	if err := writeAtomic(*out, write); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// readText reads a whole input, at most maxReportInput bytes.
func readText(e env, name string) (string, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxReportInput+1))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if len(b) > maxReportInput {
		return "", fmt.Errorf("%s: larger than %d bytes; split it, or use 'stance classify'", name, maxReportInput)
	}
	return string(b), nil
}
