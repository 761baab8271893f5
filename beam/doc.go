// Package beam runs stancekit's classification as an Apache Beam pipeline,
// so that archives too large for one machine are labeled on Flink, Spark
// or Google Cloud Dataflow, and locally on Beam's Prism runner.
//
// The transforms are plain functions over PCollections:
//
//	ReadClaims(s, glob, lines)      files → PCollection<Claim>
//	ParseDocuments(s, jsonLines)    JSON lines → PCollection<Document>, dead letters
//	Classify(s, model, col)         Documents or Claims → records, labels
//	Summarize(s, labels, labeled)   labels → per-source summaries, totals
//	Write(s, prefix, shards, col)   strings → prefix-00000-of-00010.jsonl, ...
//
// Classify gives every claim the record `stance classify` writes for it,
// byte for byte (package record encodes both), and Summarize the summary
// record of `stance classify -summary` for every source. Documents are
// split as `stance classify` splits a file ([page.Open]): a saved HTML
// page, told apart from plain text by content, is reduced to its main
// text, and the text is split into sentences and lines. The parts that
// are not claims — titles, headings, bylines, captions, navigation,
// widgets — are not classified: the summaries count them as skipped, and
// a [Classifier] with KeepSkipped set writes their records with the
// label "skip", as `stance classify -keep-skipped` does. With ReadClaims'
// lines, each non-empty line is a claim, as with `stance classify -lines`.
//
// The model is loaded once per worker process, in the Setup of the DoFn
// that classifies, from the bytes or the path a [Model] holds, or trained
// on the embedded corpus when it holds neither. [ParseDocuments] sends
// malformed input to a dead-letter PCollection instead of failing the
// job, and [Write] writes sharded files without passing the lines through
// the runner's shuffle. Workers run the same binary as the launcher; see
// Beam's documentation of the Go SDK for the runners and their flags,
// and the command stancebeam for a complete pipeline.
//
// This package is its own Go module, so that programs using only the
// stancekit library do not download the Beam SDK.
package beam
