package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/page"
	"github.com/stancekit/stancekit/report"
	"github.com/stancekit/stancekit/stance"
)

// maxReportCells bounds what a report holds in memory, and the page it
// writes: its input bytes times the model's labels, since every claim
// shows the probability of every label. With four labels, a report reads
// at most 4 MiB of text in all (a page of about 20 MB); with more labels,
// proportionally less.
const maxReportCells = 16 << 20

// maxReportInput returns the most text, in bytes, a report with the
// given number of labels reads in all.
func maxReportInput(labels int) int64 { return max(16<<10, maxReportCells/int64(max(4, labels))) }

func runReport(e env, args []string) error {
	fs := newFlags(e, "report", "[-model FILE] [-o FILE] [-title T] [-eval] [-lines] [FILE|-]...",
		"Writes one self-contained HTML page: each text with its claims highlighted by label, the\n"+
			"probabilities and evidence on hover or keyboard focus, a stacked bar of each text's label\n"+
			"shares, and a chart comparing all texts. It opens offline and can be mailed. A file may\n"+
			"be plain text or a saved HTML page (told apart by content); a text is headed by its\n"+
			"page title, or else its file name, with the page's author and date. Lines that are not\n"+
			"claims are shown in grey and not counted. From four texts on, a table of contents links\n"+
			"each text's profile bar to the text.")
	modelPath := fs.String("model", "", "model `FILE` written by 'stance train'")
	out := fs.String("o", "-", "output `FILE`, or - for the standard output")
	title := fs.String("title", "", "page `title` (default \"Stance report\")")
	eval := fs.Bool("eval", false, "add the cross-validation of the default model on the embedded corpus (10-fold × 5, seed 1)")
	lines := fs.Bool("lines", false, "treat each non-empty line as one claim: no sentence splitting, no HTML, nothing skipped")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
		noteStdin(e, "report")
	}
	if *out == "" {
		*out = "-"
	}
	o, err := createOutput(e, *out)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := writeReport(e, o, inputs, *modelPath, *eval, report.Options{Title: *title, Lines: *lines}); err != nil {
		o.Abort()
		return err
	}
	if err := o.Commit(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// writeReport classifies the inputs and writes the report to w.
func writeReport(e env, w io.Writer, inputs []string, modelPath string, eval bool, opt report.Options) error {
	m, err := loadModel(modelPath)
	if err != nil {
		return err
	}
	var docs []report.Document
	left := maxReportInput(len(m.Labels()))
	for _, name := range inputs {
		d, n, err := readDocument(e, name, left, opt.Lines)
		if err != nil {
			return err
		}
		left -= n
		docs = append(docs, d)
	}
	if eval {
		opt.Eval, err = stance.CrossValidate(corpus.ArticleClaims(), stance.CV{Folds: 10, Repeats: 5, Seed: 1, Extra: corpus.ExtraClaims()})
		if err != nil {
			return err
		}
	}
	if err := report.Write(w, m, docs, opt); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// readDocument reads one input of a report, at most limit bytes: a saved
// page or plain text (with lines, plain text only), headed by its title
// or else its file name. It returns the document and the bytes read.
func readDocument(e env, name string, limit int64, lines bool) (report.Document, int64, error) {
	text, err := readText(e, name, limit)
	if err != nil {
		return report.Document{}, 0, err
	}
	n := int64(len(text))
	d := report.Document{Name: filepath.Base(name), Text: text}
	if name == "-" {
		d.Name = "standard input"
	}
	if lines {
		return d, n, nil
	}
	p, err := page.Read(strings.NewReader(text))
	if err != nil {
		return report.Document{}, 0, fmt.Errorf("%s: %w", name, err)
	}
	d.Name = cmp.Or(p.Title, d.Name)
	d.Author, d.Date, d.Text = p.Author, p.Date, p.Text()
	return d, n, nil
}

// readText reads a whole input, at most limit bytes.
func readText(e env, name string, limit int64) (string, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(b)) > limit {
		return "", fmt.Errorf("%s: the texts of a report may hold at most %d bytes in all with this model; split them, or use 'stance classify'", name, maxReportInput(0))
	}
	return string(b), nil
}
