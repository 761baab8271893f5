// Command stancebeam labels the claims of texts by stance, as `stance
// classify` does, with an Apache Beam pipeline: locally on the Prism
// runner, or on Flink, Spark or Google Cloud Dataflow with the runners'
// own flags.
//
// Usage:
//
//	stancebeam --input GLOB --output DIR [--lines] [--keep-skipped] [--model FILE] [--summary] [--shards 10] [--runner prism] [runner flags]
//
// --input matches text files or saved HTML pages (told apart by content,
// each split into claims as `stance classify` splits a file), JSON Lines
// files of documents when GLOB ends in .jsonl (one {"source": ...,
// "text": ...} object a line, the text plain or a page), or, with
// --lines, files of one claim a line. Titles, headings, bylines,
// navigation and the other parts of a page that are not claims are not
// classified; they are counted in the summaries as skipped, and written
// with --keep-skipped. stancebeam writes to DIR:
//
//	output-00000-of-00010.jsonl ...   the record of every claim, as `stance classify` writes it (and of every skipped part with --keep-skipped)
//	summary-00000-of-00010.jsonl ...  with --summary, each source's label shares and skipped parts, as `stance classify -summary`
//	totals-00000-of-00001.jsonl       with --summary, the shares over all sources
//	errors-00000-of-00010.jsonl ...   for .jsonl input, each malformed line with its error
//
// Without --model it uses the model trained on the embedded corpus. The
// exit status is 0 on success, 2 on a usage error and 1 if the pipeline
// cannot be built or fails.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	stancebeam "github.com/stancekit/stancekit/beam"
)

var (
	input     = flag.String("input", "", "`glob` of the files to read: text files or saved HTML pages, JSON Lines documents (GLOB ends in .jsonl), or one claim a line with --lines")
	output    = flag.String("output", "", "`directory` to write output-*.jsonl, summary-*.jsonl, totals-*.jsonl and errors-*.jsonl to")
	modelPath = flag.String("model", "", "model `file` written by 'stance train', readable by every worker (default: the model trained on the embedded corpus)")
	lines     = flag.Bool("lines", false, "treat each non-empty line as one claim: no sentence splitting, no HTML, nothing skipped")
	keep      = flag.Bool("keep-skipped", false, `also write the parts that are not claims, as records with label "skip" and their kind`)
	summary   = flag.Bool("summary", false, "also write the share of each label per source and over all sources")
	shards    = flag.Int("shards", 10, "number of files of each output")
)

// errUsage marks errors that are the caller's misuse of the command line.
var errUsage = errors.New("usage error")

func main() {
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: stancebeam --input GLOB --output DIR [--lines] [--keep-skipped] [--model FILE] [--summary] [--shards 10] [--runner prism] [runner flags]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init() // on a worker, runs the worker and exits
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "stancebeam:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// run builds the pipeline the flags describe and runs it with the runner
// of --runner.
func run(ctx context.Context) error {
	p, err := build(ctx)
	if err != nil {
		return err
	}
	return beamx.Run(ctx, p)
}

// build builds the pipeline the flags describe. Beam reports some bad
// arguments, such as an output path of an unknown file system, by
// panicking while the pipeline is built; build returns them as errors.
func build(ctx context.Context) (_ *beam.Pipeline, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errUsage, r)
		}
	}()
	switch {
	case *input == "":
		return nil, fmt.Errorf("%w: --input is required", errUsage)
	case *output == "":
		return nil, fmt.Errorf("%w: --output is required", errUsage)
	case *shards < 1:
		return nil, fmt.Errorf("%w: --shards must be at least 1", errUsage)
	case flag.NArg() > 0:
		return nil, fmt.Errorf("%w: unexpected argument %q", errUsage, flag.Arg(0))
	}
	m := stancebeam.Model{Path: *modelPath}
	// Load the model here too: a bad model fails before the job starts,
	// and the summaries need its labels.
	model, err := m.Load(ctx)
	if err != nil {
		return nil, err
	}
	dir := strings.TrimSuffix(*output, "/") + "/"

	p, s := beam.NewPipelineWithRoot()
	var claims beam.PCollection
	if strings.HasSuffix(*input, ".jsonl") && !*lines {
		docs, failed := stancebeam.ParseDocuments(s, textio.Read(s, *input))
		stancebeam.Write(s, dir+"errors", *shards, failed)
		claims = docs
	} else {
		claims = stancebeam.ReadClaims(s, *input, *lines)
	}
	records, labeled := stancebeam.Classifier{Model: m, KeepSkipped: *keep}.Classify(s, claims)
	stancebeam.Write(s, dir+"output", *shards, records)
	if *summary {
		summaries, totals := stancebeam.Summarize(s, model.Labels(), labeled)
		stancebeam.Write(s, dir+"summary", *shards, summaries)
		stancebeam.Write(s, dir+"totals", 1, totals)
	}
	return p, nil
}
