package beam

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/page"
	"github.com/stancekit/stancekit/record"
	"github.com/stancekit/stancekit/stance"
)

// A Document is one text to classify: an article, a page, a file.
type Document struct {
	// Source names the document in the records of its claims.
	Source string `json:"source"`
	// Text is the document's text: plain text, paragraphs separated by
	// blank lines, or a saved HTML page.
	Text string `json:"text"`
}

// A Claim is one part of a source, as [page.Part] is: a claim, or, with
// Skip set, something a page shows around its claims (a title, a byline,
// navigation).
type Claim struct {
	// Source names the document the claim comes from.
	Source string `json:"source"`
	// Index is the part's position in its source, from 0, counting the
	// parts that are not claims too, as `stance classify` numbers them.
	Index int `json:"index"`
	// Text is the claim, or the part that is not one.
	Text string `json:"text"`
	// Skip reports that Text is not a claim: it is not classified, and
	// it counts in summaries only as skipped.
	Skip bool `json:"skip,omitempty"`
	// Kind names what a skipped part is ([page.Part.Kind]); it is empty
	// for a claim.
	Kind string `json:"kind,omitempty"`
}

var (
	documentType = reflect.TypeOf(Document{})
	claimType    = reflect.TypeOf(Claim{})
)

func init() {
	beam.RegisterType(documentType)
	beam.RegisterType(claimType)
	register.DoFn2x1[Document, func(Claim), error](&claimsFn{})
	register.DoFn4x0[context.Context, Claim, func(string), func(string, string)](&classifyFn{})
	register.Emitter1[Claim]()
	register.Emitter1[string]()
	register.Emitter2[string, string]()
}

// Claims splits a PCollection<Document> into a PCollection<Claim> as
// `stance classify` splits a file ([page.Open]): a saved HTML page, told
// apart from plain text by content, is read with [page.Read] (at most
// [page.MaxPageBytes]) and its main text split; plain text is split into
// sentences and lines. The parts that are not claims — titles, headings,
// bylines, captions, navigation, widgets and the like — come out too,
// with Skip set and their kind: [Classifier] counts them as skipped and
// writes them only when asked. The parts of a document are numbered from
// 0 in reading order, skipped ones included. A document that cannot be
// read (a page larger than page.MaxPageBytes) fails the pipeline, as it
// stops `stance classify`.
func Claims(s beam.Scope, docs beam.PCollection) beam.PCollection {
	s = s.Scope("stancekit.Claims")
	return beam.ParDo(s, &claimsFn{}, docs)
}

// claimsFn splits documents into parts.
type claimsFn struct{}

func (f *claimsFn) ProcessElement(doc Document, emit func(Claim)) error {
	return scanParts(doc.Source, strings.NewReader(doc.Text), false, emit, nil)
}

// scanParts emits the parts of the text r reads, named source: one claim
// a non-empty line if lines is set, else the parts page.Open finds.
// truncated, if not nil, is called for each line cut at MaxBlockBytes.
func scanParts(source string, r io.Reader, lines bool, emit func(Claim), truncated func(index int)) error {
	if lines {
		sc := features.NewClaimScanner(r)
		sc.Lines = true
		for n := 0; sc.Scan(); n++ {
			if sc.Truncated() && truncated != nil {
				truncated(n)
			}
			emit(Claim{Source: source, Index: n, Text: sc.Text()})
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("beam: %s: %w", source, err)
		}
		return nil
	}
	sc, err := page.Open(r)
	if err != nil {
		return fmt.Errorf("beam: %s: %w", source, err)
	}
	for n := 0; sc.Scan(); n++ {
		p := sc.Part()
		emit(Claim{Source: source, Index: n, Text: p.Text, Skip: p.Skip, Kind: p.Kind})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("beam: %s: %w", source, err)
	}
	return nil
}

// A Classifier labels the claims of a PCollection: the settings of
// [Classifier.Classify]. Its fields travel with the pipeline to the
// workers.
type Classifier struct {
	// Model names the model to classify with.
	Model Model
	// KeepSkipped makes Classify write the record of every part that is
	// not a claim too, with the label "skip" and its kind, as `stance
	// classify -keep-skipped` does (see package record).
	KeepSkipped bool
}

// Classify labels every claim of col with the model m names:
// Classifier{Model: m}.Classify(s, col).
func Classify(s beam.Scope, m Model, col beam.PCollection) (records, labeled beam.PCollection) {
	return Classifier{Model: m}.Classify(s, col)
}

// Classify labels every claim of col, a PCollection<Document> (split with
// [Claims] first) or a PCollection<Claim>, with the model c.Model names.
// It returns two PCollections:
//
//   - records, a PCollection<string>: for each claim, the record
//     `stance classify` writes for it, without the final newline (see
//     package record), and with c.KeepSkipped, for each part that is not
//     a claim, its skip record;
//   - labeled, a PCollection<KV<string,string>>: for each part, its
//     source and label, the empty string for a part that is not a claim
//     (no model has an empty label): the input of [Summarize].
//
// Classify panics if col holds another type.
func (c Classifier) Classify(s beam.Scope, col beam.PCollection) (records, labeled beam.PCollection) {
	s = s.Scope("stancekit.Classify")
	switch t := col.Type().Type(); t {
	case documentType:
		col = Claims(s, col)
	case claimType:
	default:
		panic(fmt.Sprintf("beam: Classify: want a PCollection of beam.Document or beam.Claim, have %v", t))
	}
	return beam.ParDo2(s, &classifyFn{Model: c.Model, KeepSkipped: c.KeepSkipped}, col)
}

// skippedLabel is the label of a part that is not a claim in the labeled
// output of Classify.
const skippedLabel = ""

// classifyFn labels claims; each instance shares its process's model.
type classifyFn struct {
	// Model names the model to classify with.
	Model Model `json:"model"`
	// KeepSkipped writes the records of the parts that are not claims.
	KeepSkipped bool `json:"keepSkipped"`

	model  *stance.Model
	labels []string
	p      stance.Prediction
	buf    []byte
}

// Setup loads the model, once per process.
func (f *classifyFn) Setup(ctx context.Context) error {
	model, err := f.Model.shared(ctx)
	if err != nil {
		return err
	}
	f.model, f.labels = model, model.Labels()
	return nil
}

func (f *classifyFn) ProcessElement(_ context.Context, c Claim, records func(string), labeled func(string, string)) {
	if c.Skip {
		if f.KeepSkipped {
			f.buf = record.AppendSkip(f.buf[:0], c.Source, c.Index, c.Text, c.Kind)
			records(string(f.buf[:len(f.buf)-1])) // without the newline
		}
		labeled(c.Source, skippedLabel)
		return
	}
	f.model.ClassifyTo(&f.p, c.Text)
	f.buf = record.AppendClaim(f.buf[:0], c.Source, c.Index, &f.p, f.labels)
	records(string(f.buf[:len(f.buf)-1]))
	labeled(c.Source, f.p.Label)
}
