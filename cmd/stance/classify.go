package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/page"
	"github.com/stancekit/stancekit/record"
	"github.com/stancekit/stancekit/stance"
)

// A batch of the pipeline holds at most batchSize claims, or as many as
// fit batchBytes of output at most (plus the claim that crosses that
// limit), counting for each claim the largest record it can give: memory
// stays bounded by the batches in flight, whatever the input and the
// model.
const (
	batchSize  = 1024
	batchBytes = 1 << 20
)

// recordBytes returns an upper bound of the bytes of the record of a
// claim of n bytes from source, in any format: its text and source
// escaped (at most 6 bytes a byte), each label with its probability, and
// the evidence.
func recordBytes(n int, source string, labels []string) int {
	size := 6*(n+len(source)) + 128
	for _, l := range labels {
		size += 6*len(l) + 24
	}
	return size + stance.MaxEvidence*(6*record.MaxFeatureBytes+48)
}

// workersPerCPU bounds -workers: more workers than this many per
// processor only add batches in flight, and so memory.
const workersPerCPU = 4

func maxWorkers() int { return workersPerCPU * runtime.NumCPU() }

func runClassify(e env, args []string) (err error) {
	fs := newFlags(e, "classify", "[-model FILE] [-lines] [-keep-skipped] [-format jsonl|tsv|text|labels] [-evidence N] [-summary] [-cpuprofile FILE] [FILE|-]...",
		"Splits each file (or standard input, '-') into claims and writes one record per claim,\n"+
			"in input order. A file may be plain text or a saved HTML page (told apart by content):\n"+
			"of a page only the main text is read. Titles, headings, bylines, datelines, captions,\n"+
			"navigation, widgets, tag lists, related headlines and a cut-off last fragment are not\n"+
			"claims: they are not classified, not counted, and written only with -keep-skipped.\n"+
			"Without -model it uses the model trained on the embedded corpus.")
	modelPath := fs.String("model", "", "model `FILE` written by 'stance train'")
	lines := fs.Bool("lines", false, "treat each non-empty line as one claim: no sentence splitting, no HTML, nothing skipped")
	keep := fs.Bool("keep-skipped", false, `also write the parts that are not claims, as records with label "skip" and their kind`)
	format := fs.String("format", "jsonl", "output `format`: jsonl, tsv, text, or labels (one label a line)")
	evidence := fs.Int("evidence", -1, fmt.Sprintf("list at most `N` features of evidence a claim, 0 to %d; 0 computes none (default: %d in jsonl, 3 in tsv, 5 in text)", stance.MaxEvidence, stance.MaxEvidence))
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE`, for 'go tool pprof'")
	summary := fs.Bool("summary", false, "add the share of each label per source")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), fmt.Sprintf("number of parallel classifiers, 1 to %d", maxWorkers()))
	if err := parse(e, fs, args); err != nil {
		return err
	}
	enc, ok := encoders[*format]
	if !ok {
		return usageError("unknown -format %q (want jsonl, tsv, text or labels)", *format)
	}
	if *evidence < -1 || *evidence > stance.MaxEvidence {
		return usageError("-evidence must be between 0 and %d", stance.MaxEvidence)
	}
	if *evidence < 0 {
		*evidence = enc.evidence
	}
	if *summary && *format == "labels" {
		return usageError("-summary does not go with -format labels, which writes one label a line and nothing else")
	}
	if *workers < 1 || *workers > maxWorkers() {
		return usageError("-workers must be between 1 and %d (%d × the %d processors)", maxWorkers(), workersPerCPU, runtime.NumCPU())
	}
	if err := e.checkStdout(); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(e, *cpuProfile)
		if err != nil {
			return fmt.Errorf("-cpuprofile: %w", err)
		}
		defer func() {
			if perr := stop(); perr != nil && err == nil {
				err = fmt.Errorf("-cpuprofile: %w", perr)
			}
		}()
	}
	m, err := loadModel(*modelPath)
	if err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
		noteStdin(e, "classify")
	}
	w := bufio.NewWriterSize(e.stdout, 256<<10)
	c := &classifier{model: m, labels: m.Labels(), enc: enc, w: w, raw: e.stdout, workers: *workers, lines: *lines, keep: *keep, evidence: *evidence}
	if *format == "jsonl" {
		c.rec = record.NewEncoder(m)
	}
	c.enc.header(c)
	var sums []sourceSummary
	for _, name := range inputs {
		s, err := c.classifySource(e, name)
		if err != nil {
			w.Flush()
			return err
		}
		if s.claims == 0 && s.skipped > 0 && !*keep {
			fmt.Fprintf(e.stderr, "stance classify: %s: no claims: %d lines or sentences are not claims (titles, headings, menus…); with -lines, each line is one claim\n", name, s.skipped)
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
	model    *stance.Model
	labels   []string
	enc      encoder
	w        *bufio.Writer
	raw      io.Writer // what w writes to
	workers  int
	lines    bool
	keep     bool            // write skipped parts too
	evidence int             // features of evidence per claim
	rec      *record.Encoder // for jsonl
}

// sourceSummary counts the labels of one source.
type sourceSummary struct {
	source  string
	claims  int
	skipped int // parts that are not claims
	counts  map[string]int
}

// job is a batch of parts on its way through the pipeline.
type job struct {
	seq     int         // position of the batch in the source
	first   int         // index of its first part in the source
	parts   []page.Part // the claims, and the parts that are not
	text    []byte      // with -lines: the bytes of the claims' texts
	out     []byte      // their encoded records
	counts  []int       // claims per label, in the order of labels
	skipped int         // parts that are not claims
}

// A partScanner reads the parts of one source.
type partScanner interface {
	Scan() bool
	Part() page.Part
	Truncated() bool
	Err() error
}

// lineParts makes every non-empty line a claim (-lines).
type lineParts struct{ *features.ClaimScanner }

func (l lineParts) Part() page.Part { return page.Part{Text: l.Text()} }

// partIn returns the part found by the last Scan of sc, with its text
// stored in the buffer *text when sc reads lines: then the part's text
// is a view of that buffer, made without a copy, and stays valid until
// the buffer is reused (appending never moves the bytes of a view: a
// grown buffer is a new array, and the old one lives on while viewed).
// A batch's buffer is reused only once the batch is written.
func partIn(sc partScanner, text *[]byte) page.Part {
	l, ok := sc.(lineParts)
	if !ok {
		return sc.Part()
	}
	b := l.Bytes()
	off := len(*text)
	*text = append(*text, b...)
	return page.Part{Text: unsafe.String(unsafe.SliceData((*text)[off:]), len(b))}
}

// textParts reads the parts of plain text.
type textParts struct{ *page.Scanner }

func (textParts) Truncated() bool { return false }

// openParts returns the parts of r. With lines, every non-empty line is a
// claim. Otherwise r is a saved HTML page or plain text, as page.Open
// reads it.
func openParts(r io.Reader, lines bool) (partScanner, error) {
	if lines {
		sc := features.NewClaimScanner(r)
		sc.Lines = true
		return lineParts{sc}, nil
	}
	sc, err := page.Open(r)
	if err != nil {
		return nil, err
	}
	return textParts{sc}, nil
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
		sc, err := openParts(r, c.lines)
		if err != nil {
			readErr = err
			return
		}
		seq, n := 0, 0
		for {
			var j *job
			select {
			case j = <-free:
			case <-stop:
				return
			}
			j.seq, j.first, j.parts, j.text = seq, n, j.parts[:0], j.text[:0]
			size := 0
			for len(j.parts) < batchSize && size < batchBytes && sc.Scan() {
				p := partIn(sc, &j.text)
				size += recordBytes(len(p.Text), name, c.labels)
				if sc.Truncated() {
					fmt.Fprintf(e.stderr, "stance classify: %s: claim %d: line longer than %d bytes, truncated\n",
						name, n+len(j.parts), features.MaxBlockBytes)
				}
				j.parts = append(j.parts, p)
			}
			if len(j.parts) == 0 {
				readErr = sc.Err()
				return
			}
			seq, n = seq+1, n+len(j.parts)
			todo <- j
		}
	}()

	var wg sync.WaitGroup
	for range c.workers {
		wg.Go(func() {
			var r stance.Result
			for j := range todo {
				j.out = j.out[:0]
				clear(j.counts)
				j.skipped = 0
				for i, part := range j.parts {
					if part.Skip {
						j.skipped++
						if c.keep {
							j.out = c.enc.skip(j.out, c, name, j.first+i, part)
						}
						continue
					}
					c.model.ClassifyResult(&r, part.Text, c.evidence)
					j.counts[r.Label]++
					j.out = c.enc.claim(j.out, c, name, j.first+i, part.Text, &r)
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
				if writeErr = c.write(j.out); writeErr != nil {
					halt() // no point in reading on
				}
			}
			sum.skipped += j.skipped
			for k, n := range j.counts {
				sum.claims += n
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

// write writes the records of a batch after what c.w holds. A large
// batch goes to the output in one write, past the buffer, instead of
// being copied into it piece by piece.
func (c *classifier) write(b []byte) error {
	if len(b) < c.w.Size()/2 {
		_, err := c.w.Write(b)
		return err
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	_, err := c.raw.Write(b)
	return err
}

// An encoder writes records in one output format.
type encoder struct {
	header  func(c *classifier)
	claim   func(b []byte, c *classifier, source string, index int, text string, r *stance.Result) []byte
	skip    func(b []byte, c *classifier, source string, index int, p page.Part) []byte
	summary func(c *classifier, s sourceSummary)
	footer  func(c *classifier, all []sourceSummary)
	// evidence is the number of features of evidence the format shows
	// unless -evidence says otherwise.
	evidence int
}

var encoders = map[string]encoder{
	"jsonl": {
		header: func(*classifier) {},
		claim:  appendJSONClaim,
		skip:   appendJSONSkip,
		summary: func(c *classifier, s sourceSummary) {
			c.w.Write(record.AppendSummary(nil, s.source, s.counts, s.skipped, c.labels))
		},
		footer:   func(*classifier, []sourceSummary) {},
		evidence: stance.MaxEvidence,
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
		skip:    appendTSVSkip,
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
		evidence: 3,
	},
	"text": {
		header: func(*classifier) {},
		claim:  appendTextClaim,
		skip:   appendTextSkip,
		summary: func(c *classifier, s sourceSummary) {
			fmt.Fprintf(c.w, "%s: %d claims:", s.source, s.claims)
			for _, l := range c.labels {
				fmt.Fprintf(c.w, "  %s %d (%.0f%%)", l, s.counts[l], 100*share(s, l))
			}
			if s.skipped > 0 {
				fmt.Fprintf(c.w, "  (%d skipped)", s.skipped)
			}
			fmt.Fprint(c.w, "\n\n")
		},
		footer:   func(*classifier, []sourceSummary) {},
		evidence: 5,
	},
	"labels": {
		header:   func(*classifier) {},
		claim:    appendLabelClaim,
		skip:     appendLabelSkip,
		summary:  func(*classifier, sourceSummary) {},
		footer:   func(*classifier, []sourceSummary) {},
		evidence: 0,
	},
}

// appendLabelClaim appends the label of one claim and a newline.
func appendLabelClaim(b []byte, c *classifier, source string, index int, text string, r *stance.Result) []byte {
	return append(append(b, c.labels[r.Label]...), '\n')
}

// appendLabelSkip appends the label of a part that is not a claim.
func appendLabelSkip(b []byte, c *classifier, source string, index int, p page.Part) []byte {
	return append(b, record.SkipLabel+"\n"...)
}

// share returns label l's share of the claims of s.
func share(s sourceSummary, l string) float64 {
	if s.claims == 0 {
		return 0
	}
	return float64(s.counts[l]) / float64(s.claims)
}

// appendJSONClaim appends one claim record as a JSON line.
func appendJSONClaim(b []byte, c *classifier, source string, index int, text string, r *stance.Result) []byte {
	return c.rec.AppendClaim(b, source, index, text, r)
}

// appendJSONSkip appends the record of a part that is not a claim.
func appendJSONSkip(b []byte, c *classifier, source string, index int, p page.Part) []byte {
	return record.AppendSkip(b, source, index, p.Text, p.Kind)
}

// appendTSVSkip appends a part that is not a claim as a row: no
// probabilities, and its kind in the evidence column.
func appendTSVSkip(b []byte, c *classifier, source string, index int, p page.Part) []byte {
	b = appendTSVField(b, source)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(index), 10)
	b = append(b, "\t"+record.SkipLabel...)
	for range c.labels {
		b = append(b, '\t')
	}
	b = append(b, '\t')
	b = appendTSVField(b, p.Kind)
	b = append(b, '\t')
	b = appendTSVField(b, p.Text)
	return append(b, '\n')
}

// appendTextSkip appends a part that is not a claim for reading in a
// terminal.
func appendTextSkip(b []byte, c *classifier, source string, index int, p page.Part) []byte {
	b = appendTextHead(b, source, index, record.SkipLabel)
	b = append(b, "      "...) // an empty probability column
	b = appendTSVField(b, "("+p.Kind+") ")
	b = appendTSVField(b, p.Text)
	return append(b, '\n')
}

// appendTSVClaim appends one claim as a tab-separated row.
func appendTSVClaim(b []byte, c *classifier, source string, index int, text string, r *stance.Result) []byte {
	b = appendTSVField(b, source)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(index), 10)
	b = append(b, '\t')
	b = appendTSVField(b, c.labels[r.Label])
	for _, p := range r.Probabilities {
		b = append(b, '\t')
		b = record.AppendFixed4(b, p)
	}
	b = append(b, '\t')
	b = appendEvidence(b, c.model, r.Evidence)
	b = append(b, '\t')
	b = appendTSVField(b, text)
	return append(b, '\n')
}

// appendTextClaim appends one claim for reading in a terminal.
func appendTextClaim(b []byte, c *classifier, source string, index int, text string, r *stance.Result) []byte {
	b = appendTextHead(b, source, index, c.labels[r.Label])
	b = strconv.AppendFloat(b, r.Probabilities[r.Label], 'f', 2, 64)
	b = append(b, "  "...)
	b = appendTSVField(b, text)
	b = append(b, '\n')
	if len(r.Evidence) > 0 {
		b = append(b, "\t  evidence: "...)
		b = appendEvidence(b, c.model, r.Evidence)
		b = append(b, '\n')
	}
	return b
}

// appendTextHead appends "source:index<TAB>label " with the label padded
// to 12 characters, the columns of the text format.
func appendTextHead(b []byte, source string, index int, label string) []byte {
	b = append(b, source...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(index), 10)
	b = append(b, '\t')
	b = append(b, label...)
	for n := utf8.RuneCountInString(label); n < 12; n++ {
		b = append(b, ' ')
	}
	return append(b, ' ')
}

// appendEvidence appends evidence as "feature (+1.23), …".
func appendEvidence(b []byte, m *stance.Model, ev []stance.FeatureEvidence) []byte {
	for i, e := range ev {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendTSVField(b, record.ClipFeature(m.Feature(e.Feature)))
		b = append(b, " ("...)
		if !math.Signbit(e.Contribution) {
			b = append(b, '+')
		}
		b = strconv.AppendFloat(b, e.Contribution, 'f', 2, 64)
		b = append(b, ')')
	}
	return b
}

// appendTSVField appends s made safe for one TSV field and for a
// terminal: tabs and line breaks become spaces, invalid UTF-8 becomes
// U+FFFD, and other control characters (ESC, which starts terminal
// escape sequences, included) and the bidirectional formatting
// characters, which reorder the text around them, are written as
// escapes: \x1b, \u202e.
func appendTSVField(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); {
		// Copy the longest run of printable ASCII in one go.
		j := i
		for j < len(s) && s[j] >= 0x20 && s[j] < 0x7f {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b = append(b, ' ')
		case r == utf8.RuneError && n == 1:
			b = append(b, "\uFFFD"...)
		case r < 0x80: // another control character, or DEL
			b = append(b, '\\', 'x', hex[r>>4], hex[r&0xf])
		case unicode.IsControl(r) || isBidiControl(r):
			b = append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// tsvField returns s made safe as appendTSVField makes it.
func tsvField(s string) string { return string(appendTSVField(nil, s)) }

// isBidiControl reports whether r is a bidirectional formatting
// character: an embedding, override or isolate, or a directional mark.
func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}
