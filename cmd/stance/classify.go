package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/stance"
)

// A batch of the pipeline holds at most batchSize claims or batchBytes
// bytes of claims (plus the claim that crosses that limit): memory stays
// bounded by the batches in flight, whatever the input size.
const (
	batchSize  = 1024
	batchBytes = 1 << 20
)

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
}

// sourceSummary counts the labels of one source.
type sourceSummary struct {
	source string
	claims int
	counts map[string]int
}

// job is a batch of claims on its way through the pipeline.
type job struct {
	seq    int      // position of the batch in the source
	first  int      // index of its first claim in the source
	claims []string // the claims
	out    []byte   // their encoded records
	counts []int    // claims per label, in the order of labels
}

// classifySource classifies the claims of one input. A reader goroutine
// cuts the input into batches, the workers classify and encode them, and
// this goroutine writes them back in input order: reading, classifying
// and writing overlap, and memory is bounded by the batches in flight.
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
	inFlight := 2 * c.workers
	free := make(chan *job, inFlight)
	for range inFlight {
		free <- &job{counts: make([]int, len(c.labels))}
	}
	todo := make(chan *job, inFlight)
	done := make(chan *job, inFlight)
	stop := make(chan struct{}) // closed to stop the reader early
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }
	defer halt()

	var readErr error
	go func() { // reader
		defer close(todo)
		sc := features.NewClaimScanner(r)
		sc.Lines = c.lines
		seq, n := 0, 0
		for {
			var j *job
			select {
			case j = <-free:
			case <-stop:
				return
			}
			j.seq, j.first, j.claims = seq, n, j.claims[:0]
			size := 0
			for len(j.claims) < batchSize && size < batchBytes && sc.Scan() {
				size += len(sc.Text())
				if sc.Truncated() {
					fmt.Fprintf(e.stderr, "stance classify: %s: claim %d: line longer than %d bytes, truncated\n",
						name, n+len(j.claims), features.MaxBlockBytes)
				}
				j.claims = append(j.claims, sc.Text())
			}
			if len(j.claims) == 0 {
				readErr = sc.Err()
				return
			}
			seq, n = seq+1, n+len(j.claims)
			todo <- j
		}
	}()

	labelIndex := make(map[string]int, len(c.labels))
	for k, l := range c.labels {
		labelIndex[l] = k
	}
	var wg sync.WaitGroup
	for range c.workers {
		wg.Go(func() {
			var p stance.Prediction
			for j := range todo {
				j.out = j.out[:0]
				clear(j.counts)
				for i, text := range j.claims {
					c.model.ClassifyTo(&p, text)
					j.counts[labelIndex[p.Label]]++
					j.out = c.enc.claim(j.out, c, name, j.first+i, p)
				}
				done <- j
			}
		})
	}
	go func() { wg.Wait(); close(done) }()

	// Write the batches in order, holding back those that overtook.
	pending := make(map[int]*job)
	next := 0
	var writeErr error
	for j := range done {
		pending[j.seq] = j
		for j, ok := pending[next]; ok; j, ok = pending[next] {
			delete(pending, next)
			next++
			if writeErr == nil {
				if _, writeErr = c.w.Write(j.out); writeErr != nil {
					halt() // no point in reading on
				}
			}
			sum.claims += len(j.claims)
			for k, n := range j.counts {
				sum.counts[c.labels[k]] += n
			}
			free <- j
		}
	}
	if readErr != nil {
		return sum, fmt.Errorf("%s: %w", name, readErr)
	}
	return sum, writeErr
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
		b = appendFixed4(b, p.Probabilities[l])
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
		b = appendFixed4(b, ev.Contribution)
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

// appendFixed4 appends x with exactly four decimals, like
// strconv.AppendFloat(b, x, 'f', 4, 64) but without its general-purpose
// conversion: records carry many numbers. Values too large for the fast
// path, and NaN or infinities, take strconv's.
func appendFixed4(b []byte, x float64) []byte {
	if !(x > -1e12 && x < 1e12) {
		return strconv.AppendFloat(b, x, 'f', 4, 64)
	}
	neg := x < 0
	if neg {
		x = -x
	}
	n := int64(math.Round(x * 1e4))
	if neg && n != 0 {
		b = append(b, '-')
	}
	b = strconv.AppendInt(b, n/1e4, 10)
	frac := n % 1e4
	return append(b, '.', byte('0'+frac/1000), byte('0'+frac/100%10), byte('0'+frac/10%10), byte('0'+frac%10))
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
		// Copy the longest run that needs no escaping in one go.
		j := i
		for j < len(s) && safeJSON[s[j]] {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
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

// safeJSON marks the bytes that stand for themselves in a JSON string:
// printable ASCII but the quote and the backslash.
var safeJSON = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendTSVClaim appends one claim as a tab-separated row.
func appendTSVClaim(b []byte, c *classifier, source string, index int, p stance.Prediction) []byte {
	b = append(b, tsvField(source)...)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(index), 10)
	b = append(b, '\t')
	b = append(b, tsvField(p.Label)...)
	for _, l := range c.labels {
		b = append(b, '\t')
		b = appendFixed4(b, p.Probabilities[l])
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
