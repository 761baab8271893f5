package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/stance"
)

// batchSize is the number of claims classified at a time: memory stays
// bounded by a batch, whatever the input size.
const batchSize = 4096

func runClassify(e env, args []string) error {
	fs := newFlags(e, "classify", "[-model FILE] [-lines] [-format jsonl|tsv|text] [-summary] [FILE|-]...",
		"Splits each file (or standard input, '-') into claims and writes one record per claim,\n"+
			"in input order. Without -model it uses the model trained on the embedded corpus.")
	modelPath := fs.String("model", "", "model `FILE` written by 'stance train'")
	lines := fs.Bool("lines", false, "treat each non-empty line as one claim instead of splitting sentences")
	format := fs.String("format", "jsonl", "output `format`: jsonl, tsv or text")
	summary := fs.Bool("summary", false, "add the share of each label per source")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "number of parallel classifiers")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	enc, ok := encoders[*format]
	if !ok {
		return usageError("unknown -format %q (want jsonl, tsv or text)", *format)
	}
	if *workers < 1 {
		return usageError("-workers must be at least 1")
	}
	m, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	w := bufio.NewWriterSize(e.stdout, 256<<10)
	c := &classifier{model: m, labels: m.Labels(), enc: enc, w: w, workers: *workers, lines: *lines}
	c.enc.header(c)
	var sums []sourceSummary
	for _, name := range inputs {
		s, err := c.classifySource(e, name)
		if err != nil {
			w.Flush()
			return err
		}
		if *summary {
			c.enc.summary(c, s)
			sums = append(sums, s)
		}
	}
	if *summary {
		c.enc.footer(c, sums)
	}
	return w.Flush()
}

// classifier streams claims through a model to an encoder.
type classifier struct {
	model   *stance.Model
	labels  []string
	enc     encoder
	w       *bufio.Writer
	workers int
	lines   bool
	bufs    [][]byte            // per-worker output buffers
	preds   []stance.Prediction // reused across batches
}

// sourceSummary counts the labels of one source.
type sourceSummary struct {
	source string
	claims int
	counts map[string]int
}

// classifySource classifies the claims of one input.
func (c *classifier) classifySource(e env, name string) (sourceSummary, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return sourceSummary{}, err
		}
		defer f.Close()
		r = f
	}
	sum := sourceSummary{source: name, counts: make(map[string]int)}
	sc := features.NewClaimScanner(r)
	sc.Lines = c.lines
	batch := make([]string, 0, batchSize)
	flush := func() error {
		if err := c.writeBatch(name, sum.claims, batch, &sum); err != nil {
			return err
		}
		sum.claims += len(batch)
		batch = batch[:0]
		return nil
	}
	for sc.Scan() {
		batch = append(batch, sc.Text())
		if len(batch) == batchSize {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return sum, fmt.Errorf("%s: %w", name, err)
	}
	return sum, flush()
}

// writeBatch classifies and encodes a batch in parallel, then writes it
// in input order.
func (c *classifier) writeBatch(source string, first int, batch []string, sum *sourceSummary) error {
	if len(batch) == 0 {
		return nil
	}
	c.preds = c.model.ClassifyBatch(c.preds, batch, c.workers)
	preds := c.preds
	for _, p := range preds {
		sum.counts[p.Label]++
	}
	n := min(c.workers, len(batch))
	if len(c.bufs) < n {
		c.bufs = make([][]byte, n)
	}
	var wg sync.WaitGroup
	for k := range n {
		lo, hi := len(batch)*k/n, len(batch)*(k+1)/n
		wg.Go(func() {
			b := c.bufs[k][:0]
			for i := lo; i < hi; i++ {
				b = c.enc.claim(b, c, source, first+i, preds[i])
			}
			c.bufs[k] = b
		})
	}
	wg.Wait()
	for _, b := range c.bufs[:n] {
		if _, err := c.w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// An encoder writes records in one output format.
type encoder struct {
	header  func(c *classifier)
	claim   func(b []byte, c *classifier, source string, index int, p stance.Prediction) []byte
	summary func(c *classifier, s sourceSummary)
	footer  func(c *classifier, all []sourceSummary)
}

var encoders = map[string]encoder{
	"jsonl": {
		header: func(*classifier) {},
		claim:  appendJSONClaim,
		summary: func(c *classifier, s sourceSummary) {
			b := []byte(`{"source":`)
			b = appendJSONString(b, s.source)
			b = append(b, `,"summary":{"claims":`...)
			b = strconv.AppendInt(b, int64(s.claims), 10)
			b = append(b, `,"counts":{`...)
			for i, l := range c.labels {
				b = appendKey(b, i, l)
				b = strconv.AppendInt(b, int64(s.counts[l]), 10)
			}
			b = append(b, `},"shares":{`...)
			for i, l := range c.labels {
				b = appendKey(b, i, l)
				b = strconv.AppendFloat(b, share(s, l), 'f', 4, 64)
			}
			c.w.Write(append(b, "}}}\n"...))
		},
		footer: func(*classifier, []sourceSummary) {},
	},
	"tsv": {
		header: func(c *classifier) {
			fmt.Fprint(c.w, "source\tindex\tlabel")
			for _, l := range c.labels {
				fmt.Fprintf(c.w, "\tp_%s", l)
			}
			fmt.Fprint(c.w, "\tevidence\ttext\n")
		},
		claim:   appendTSVClaim,
		summary: func(*classifier, sourceSummary) {},
		footer: func(c *classifier, all []sourceSummary) {
			fmt.Fprint(c.w, "\n# summary\nsource\tclaims")
			for _, l := range c.labels {
				fmt.Fprintf(c.w, "\tshare_%s", l)
			}
			fmt.Fprintln(c.w)
			for _, s := range all {
				fmt.Fprintf(c.w, "%s\t%d", tsvField(s.source), s.claims)
				for _, l := range c.labels {
					fmt.Fprintf(c.w, "\t%.4f", share(s, l))
				}
				fmt.Fprintln(c.w)
			}
		},
	},
	"text": {
		header: func(*classifier) {},
		claim:  appendTextClaim,
		summary: func(c *classifier, s sourceSummary) {
			fmt.Fprintf(c.w, "%s: %d claims:", s.source, s.claims)
			for _, l := range c.labels {
				fmt.Fprintf(c.w, "  %s %d (%.0f%%)", l, s.counts[l], 100*share(s, l))
			}
			fmt.Fprint(c.w, "\n\n")
		},
		footer: func(*classifier, []sourceSummary) {},
	},
}

// share returns label l's share of the claims of s.
func share(s sourceSummary, l string) float64 {
	if s.claims == 0 {
		return 0
	}
	return float64(s.counts[l]) / float64(s.claims)
}

// appendJSONClaim appends one claim record as a JSON line. Probabilities
// and contributions are rounded to 4 decimals.
func appendJSONClaim(b []byte, c *classifier, source string, index int, p stance.Prediction) []byte {
	b = append(b, `{"source":`...)
	b = appendJSONString(b, source)
	b = append(b, `,"index":`...)
	b = strconv.AppendInt(b, int64(index), 10)
	b = append(b, `,"text":`...)
	b = appendJSONString(b, p.Text)
	b = append(b, `,"label":`...)
	b = appendJSONString(b, p.Label)
	b = append(b, `,"probabilities":{`...)
	for i, l := range c.labels {
		b = appendKey(b, i, l)
		b = strconv.AppendFloat(b, p.Probabilities[l], 'f', 4, 64)
	}
	b = append(b, `},"evidence":[`...)
	for i, ev := range p.Evidence {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"feature":`...)
		b = appendJSONString(b, ev.Feature)
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(ev.Count), 10)
		b = append(b, `,"contribution":`...)
		b = strconv.AppendFloat(b, ev.Contribution, 'f', 4, 64)
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

// appendKey appends a JSON object key, preceded by a comma unless first.
func appendKey(b []byte, i int, key string) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	b = appendJSONString(b, key)
	return append(b, ':')
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// appendTSVClaim appends one claim as a tab-separated row.
func appendTSVClaim(b []byte, c *classifier, source string, index int, p stance.Prediction) []byte {
	b = append(b, tsvField(source)...)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(index), 10)
	b = append(b, '\t')
	b = append(b, tsvField(p.Label)...)
	for _, l := range c.labels {
		b = append(b, '\t')
		b = strconv.AppendFloat(b, p.Probabilities[l], 'f', 4, 64)
	}
	b = append(b, '\t')
	b = appendEvidence(b, p.Evidence, 3, tsvField)
	b = append(b, '\t')
	b = append(b, tsvField(p.Text)...)
	return append(b, '\n')
}

// appendTextClaim appends one claim for reading in a terminal.
func appendTextClaim(b []byte, c *classifier, source string, index int, p stance.Prediction) []byte {
	b = fmt.Appendf(b, "%s:%d\t%-12s %.2f  %s\n", source, index, p.Label, p.Probabilities[p.Label], oneLine(p.Text))
	if len(p.Evidence) > 0 {
		b = append(b, "\t  evidence: "...)
		b = appendEvidence(b, p.Evidence, 5, oneLine)
		b = append(b, '\n')
	}
	return b
}

// appendEvidence appends up to n pieces of evidence as "feature (+1.23)".
func appendEvidence(b []byte, ev []stance.Evidence, n int, clean func(string) string) []byte {
	for i, e := range ev[:min(n, len(ev))] {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = fmt.Appendf(b, "%s (%+.2f)", clean(e.Feature), e.Contribution)
	}
	return b
}

// tsvField makes s safe for one TSV field: tabs and line breaks become
// spaces, invalid UTF-8 becomes U+FFFD.
func tsvField(s string) string {
	return strings.ToValidUTF8(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s), "\uFFFD")
}

// oneLine folds the line breaks of s into spaces.
func oneLine(s string) string { return tsvField(s) }
