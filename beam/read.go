package beam

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/stancekit/stancekit/features"
)

// Errors of malformed documents, reported in dead-letter records.
var (
	// ErrSyntax means a line is not a JSON object.
	ErrSyntax = errors.New("beam: invalid JSON")
	// ErrMissingSource means a document has no "source" string, or an
	// empty one.
	ErrMissingSource = errors.New(`beam: missing or empty "source"`)
	// ErrMissingText means a document has no "text" string.
	ErrMissingText = errors.New(`beam: missing "text"`)
)

func init() {
	register.DoFn3x1[context.Context, fileio.ReadableFile, func(Claim), error](&readClaimsFn{})
	register.DoFn3x0[string, func(Document), func(string)](&parseFn{})
	register.Emitter1[Document]()
}

var truncatedClaims = beam.NewCounter("stancekit", "truncated_claims")

// ReadClaims reads the files that match glob (through Beam's file
// systems) and returns their parts, a PCollection<Claim>, as `stance
// classify` reads them: with lines set, each non-empty line is a claim,
// trimmed; otherwise each file, plain text or a saved HTML page, is a
// document split as by [Claims], the parts that are not claims included
// with Skip set. The source of a part is its file's path as the glob's
// match gives it, and its index counts the parts of that file from 0. With
// lines, a line longer than [features.MaxBlockBytes] is truncated to that
// size and counted in the stancekit/truncated_claims counter. A glob with
// wildcards may match no file; a glob without must match one. A file that
// cannot be read, such as a saved page larger than page.MaxPageBytes,
// fails the pipeline, as it stops `stance classify`.
//
// Plain text is read as a stream, a saved page whole. A file is read by
// one worker, then its parts are redistributed, so that one large file is
// classified by all workers.
func ReadClaims(s beam.Scope, glob string, lines bool) beam.PCollection {
	s = s.Scope("stancekit.ReadClaims")
	files := fileio.ReadMatches(s, fileio.MatchFiles(s, glob), fileio.ReadUncompressed())
	claims := beam.ParDo(s, &readClaimsFn{Lines: lines}, files)
	return beam.Reshuffle(s, claims)
}

// readClaimsFn emits the parts of files.
type readClaimsFn struct {
	// Lines makes each non-empty line one claim.
	Lines bool `json:"lines"`
}

func (f *readClaimsFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emit func(Claim)) error {
	r, err := file.Open(ctx)
	if err != nil {
		return fmt.Errorf("beam: %s: %w", file.Metadata.Path, err)
	}
	defer r.Close()
	return scanParts(file.Metadata.Path, r, f.Lines, emit, func(index int) {
		truncatedClaims.Inc(ctx, 1)
		log.Warnf(ctx, "stancekit: %s: claim %d: line longer than %d bytes, truncated", file.Metadata.Path, index, features.MaxBlockBytes)
	})
}

// ParseDocuments decodes a PCollection<string> of JSON lines, one
// document a line, as textio.Read gives them:
//
//	{"source": "archive/2019/0001.html", "text": "Tokyo and Moscow met again. ..."}
//
// "source" must be a non-empty string and "text" a string; other fields
// are ignored, and blank lines skipped. It returns the documents, a
// PCollection<Document>, and the dead letters, a PCollection<string>: for
// each malformed line, a JSON record of the line and its error,
//
//	{"input":"{oops","error":"beam: invalid JSON: ..."}
//
// so that bad records are kept for inspection without failing the
// pipeline.
func ParseDocuments(s beam.Scope, lines beam.PCollection) (docs, failed beam.PCollection) {
	s = s.Scope("stancekit.ParseDocuments")
	return beam.ParDo2(s, &parseFn{}, lines)
}

// parseFn decodes JSON lines into documents.
type parseFn struct{}

func (f *parseFn) ProcessElement(line string, docs func(Document), failed func(string)) {
	b := bytes.TrimSpace([]byte(line))
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if len(b) == 0 {
		return
	}
	doc, err := parseDocument(b)
	if err != nil {
		failed(deadLetter(line, err))
		return
	}
	docs(doc)
}

// parseDocument decodes one JSON document.
func parseDocument(b []byte) (Document, error) {
	var d struct {
		Source *string `json:"source"`
		Text   *string `json:"text"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	if d.Source == nil || *d.Source == "" {
		return Document{}, ErrMissingSource
	}
	if d.Text == nil {
		return Document{}, ErrMissingText
	}
	return Document{Source: *d.Source, Text: *d.Text}, nil
}

// deadLetter returns the dead-letter record of input and its error.
func deadLetter(input string, err error) string {
	b, _ := json.Marshal(struct {
		Input string `json:"input"`
		Error string `json:"error"`
	}{input, err.Error()})
	return string(b)
}
