package beam

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/beam/internal/seeds"
	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/page"
	"github.com/stancekit/stancekit/record"
	"github.com/stancekit/stancekit/stance"
)

// TestMain runs the pipelines of the tests on Prism, in process.
func TestMain(m *testing.M) {
	ptest.Main(m)
}

var defaultModel = sync.OnceValues(func() (*stance.Model, error) { return stance.Train(corpus.Claims()) })

// want holds what the library alone gives for some documents: the
// records of their claims, the summaries of their sources and the totals.
type want struct {
	records, summaries []string
	totals             []string
}

// library classifies docs as `stance classify` does, without Beam: with
// lines, each non-empty line of a document is a claim (a ClaimScanner);
// otherwise a saved page goes through page.Read and the text through
// page.Parts. Each claim goes through m, each record through package
// record; with keep, the parts that are not claims have records too.
func library(t *testing.T, m *stance.Model, docs []Document, lines, keep bool) want {
	t.Helper()
	labels := m.Labels()
	var w want
	total := make(map[string]int)
	sources, skippedAll := 0, 0
	for _, d := range docs {
		var parts []page.Part
		if lines {
			sc := features.NewClaimScanner(strings.NewReader(d.Text))
			sc.Lines = true
			for sc.Scan() {
				parts = append(parts, page.Part{Text: sc.Text()})
			}
			require.NoError(t, sc.Err())
		} else {
			text := d.Text
			if page.IsHTML([]byte(text)) {
				pg, err := page.Read(strings.NewReader(text))
				require.NoError(t, err)
				text = pg.Text()
			}
			parts = page.Parts(text)
		}
		counts := make(map[string]int)
		skipped := 0
		for i, part := range parts {
			if part.Skip {
				skipped++
				if keep {
					w.records = append(w.records, strings.TrimSuffix(string(record.AppendSkip(nil, d.Source, i, part.Text, part.Kind)), "\n"))
				}
				continue
			}
			p := m.Classify(part.Text)
			w.records = append(w.records, strings.TrimSuffix(string(record.AppendClaim(nil, d.Source, i, &p, labels)), "\n"))
			counts[p.Label]++
			total[p.Label]++
		}
		if len(parts) > 0 {
			sources++
			skippedAll += skipped
			w.summaries = append(w.summaries, strings.TrimSuffix(string(record.AppendSummary(nil, d.Source, counts, skipped, labels)), "\n"))
		}
	}
	if sources > 0 {
		w.totals = []string{strings.TrimSuffix(string(record.AppendTotals(nil, sources, total, skippedAll, labels)), "\n")}
	}
	return w
}

// classify builds the pipeline under test on col and asserts its outputs.
func classify(s beam.Scope, c Classifier, labels []string, col beam.PCollection, w want) {
	records, labeled := c.Classify(s, col)
	summaries, totals := Summarize(s, labels, labeled)
	passert.EqualsList(s, records, w.records)
	passert.EqualsList(s, summaries, w.summaries)
	passert.EqualsList(s, totals, w.totals)
}

func articleDocs() []Document {
	var docs []Document
	for _, a := range corpus.Articles() {
		docs = append(docs, Document{Source: a.ID, Text: a.Text})
	}
	return docs
}

// generated returns n documents of random claims, a mix of corpus prose,
// hostile bytes and layout, deterministic for seed.
func generated(n int, seed uint64) []Document {
	var pool [][]string
	for _, c := range corpus.Claims() {
		pool = append(pool, strings.Fields(c.Text))
	}
	odd := []string{"\x00", "\xff\xfe", "\t", "\"quoted\"", `back\slash`, "\u2028", "日本", "🇯🇵", "</script>", "Mr.", "U.S.", "1956", "e.g."}
	rng := rand.New(rand.NewPCG(seed, 0))
	docs := make([]Document, n)
	for i := range docs {
		var b strings.Builder
		for range rng.IntN(12) {
			for range 1 + rng.IntN(4) {
				var words []string
				for len(words) < 3+rng.IntN(30) {
					if rng.IntN(10) == 0 {
						words = append(words, odd[rng.IntN(len(odd))])
						continue
					}
					s := pool[rng.IntN(len(pool))]
					start := rng.IntN(len(s))
					words = append(words, s[start:min(len(s), start+1+rng.IntN(8))]...)
				}
				b.WriteString(strings.Join(words, " "))
				b.WriteString([]string{". ", "? ", "\n", " "}[rng.IntN(4)])
			}
			b.WriteString([]string{"\n\n", "\r\n\r\n", "\n \n", "\n"}[rng.IntN(4)])
		}
		docs[i] = Document{Source: fmt.Sprintf("gen/%03d.txt", i), Text: b.String()}
	}
	return docs
}

// fileDocs returns the files of dir that match pattern as documents named
// by their base names, or none if dir is "".
func fileDocs(t *testing.T, dir, pattern string) []Document {
	t.Helper()
	if dir == "" {
		return nil
	}
	names, err := filepath.Glob(filepath.Join(dir, pattern))
	require.NoError(t, err)
	var docs []Document
	for _, name := range names {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		docs = append(docs, Document{Source: filepath.Base(name), Text: string(b)})
	}
	return docs
}

// clutter is text as copied from a news page: a breadcrumb, a headline,
// an author and a date, a photo credit, a tag list and a comment prompt
// around the body.
const clutter = `News » Politics » East Asia

Crab quotas back on the table

Written by Mariko Sato
14 October 2021

A patrol boat off Shikotan. Photo: Coast Guard

Negotiators in Sapporo reopened the question of crab quotas near the islands on Thursday. Japan blames Moscow for seizing two trawlers last spring, while Russian officials say the boats ignored their licences.

Tags: fisheries, Kurils, diplomacy

Leave a comment`

func TestClassifyDocuments(t *testing.T) {
	m, err := defaultModel()
	require.NoError(t, err)
	tests := []struct {
		name  string
		docs  []Document
		skips bool // some parts are not claims
	}{
		{"embedded corpus", articleDocs(), false},
		{"generated", generated(60, 1), true},
		{"documents without claims", []Document{{Source: "empty", Text: " \n\n\t"}, {Source: "one", Text: "Tokyo waits."}, {Source: "menu", Text: "Home | World | Asia\n\nShare this article"}}, true},
		{"clutter", []Document{{Source: "clutter.txt", Text: clutter}}, true},
		{"saved pages", fileDocs(t, filepath.Join("..", "page", "testdata"), "*.html"), true},
		{"raw seed files", fileDocs(t, seeds.Dir(".."), "*.txt"), true},
	}
	for _, tt := range tests {
		for _, keep := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/keep=%v", tt.name, keep), func(t *testing.T) {
				if len(tt.docs) == 0 {
					t.Skip("no seed files: they live in shared/seeds beside the repository (../shared/seeds from its root), and there is none in any parent directory")
				}
				w := library(t, m, tt.docs, false, keep)
				require.NotEmpty(t, w.records)
				skipRecords := strings.Count(strings.Join(w.records, "\n"), `,"label":"skip","kind":`)
				if tt.skips && keep {
					assert.Positive(t, skipRecords, "skip records")
				} else {
					assert.Zero(t, skipRecords, "skip records")
				}
				p, s := beam.NewPipelineWithRoot()
				classify(s, Classifier{KeepSkipped: keep}, m.Labels(), beam.CreateList(s, tt.docs), w)
				require.NoError(t, ptest.Run(p))
			})
		}
	}
}

func TestClassifyClaims(t *testing.T) {
	m, err := defaultModel()
	require.NoError(t, err)
	// One claim a line, as 'stance classify -lines' reads them.
	var claims []Claim
	var docs []Document
	for i, d := range generated(5, 2) {
		var lines []string
		for line := range strings.Lines(d.Text) {
			if l := strings.TrimSpace(line); l != "" {
				lines = append(lines, l)
			}
		}
		src := fmt.Sprintf("lines-%d", i)
		for j, l := range lines {
			claims = append(claims, Claim{Source: src, Index: j, Text: l})
		}
		docs = append(docs, Document{Source: src, Text: d.Text})
	}
	w := library(t, m, docs, true, false)
	require.Len(t, w.records, len(claims))
	p, s := beam.NewPipelineWithRoot()
	classify(s, Classifier{}, m.Labels(), beam.CreateList(s, claims), w)
	require.NoError(t, ptest.Run(p))
}

func TestClassifyPanicsOnOtherTypes(t *testing.T) {
	_, s := beam.NewPipelineWithRoot()
	assert.PanicsWithValue(t, "beam: Classify: want a PCollection of beam.Document or beam.Claim, have string", func() {
		Classify(s, Model{}, beam.Create(s, "Moscow refuses."))
	})
}

// TestModel classifies with a model of other labels, given as bytes and as
// a path, and checks that each process loads a model once however many
// DoFns use it.
func TestModel(t *testing.T) {
	// A model new to this process, even when the test runs again.
	run := modelRuns.Add(1)
	mine := []corpus.Claim{
		{Text: fmt.Sprintf("The islands belong to nobody, says report %d.", run), Label: "other"},
		{Text: "Fish prices rose again this year.", Label: "other"},
		{Text: "Moscow refuses every proposal.", Label: "blame_russia"},
		{Text: "The Kremlin blocks the talks.", Label: "blame_russia"},
	}
	m, err := stance.Train(mine, stance.WithLexicon(nil, 0))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	path := filepath.Join(t.TempDir(), "model.json") // a new path every run
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))

	docs := []Document{{Source: "a", Text: "Moscow refuses. Fish prices rose."}, {Source: "b", Text: "The islands belong to nobody."}}
	w := library(t, m, docs, false, false)
	require.Contains(t, w.summaries[0], `"other":`)

	for _, model := range []Model{{Data: buf.Bytes()}, {Path: path}} {
		before := loads.Load()
		p, s := beam.NewPipelineWithRoot()
		col := beam.CreateList(s, docs)
		classify(s.Scope("first"), Classifier{Model: model}, m.Labels(), col, w)
		classify(s.Scope("second"), Classifier{Model: model}, m.Labels(), col, w)
		require.NoError(t, ptest.Run(p))
		assert.Equal(t, int64(1), loads.Load()-before, "loads of %+v", model.Path)
	}
}

var modelRuns atomic.Int64

func TestModelLoadErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		model   Model
		wantErr string
	}{
		{"both", Model{Data: []byte("{}"), Path: "m.json"}, "beam: model has both Data and Path"},
		{"bad data", Model{Data: []byte("{oops")}, "beam: model data: stance: invalid model data"},
		{"missing file", Model{Path: filepath.Join(t.TempDir(), "none.json")}, "none.json: open "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.model.Load(ctx)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
	_, err := Model{Data: []byte("x"), Path: "y"}.Load(ctx)
	assert.ErrorIs(t, err, ErrModelSource)

	// A pipeline with a bad model fails.
	p, s := beam.NewPipelineWithRoot()
	Classify(s, Model{Data: []byte("{oops")}, beam.CreateList(s, []Document{{Source: "a", Text: "Tokyo waits."}}))
	assert.ErrorContains(t, ptest.Run(p), "invalid model data")
}

func TestParseDocuments(t *testing.T) {
	lines := []string{
		`{"source":"a","text":"Moscow refuses."}`,
		"\ufeff" + `{"source":"b","text":"","extra":1}` + "\r",
		"",
		"   ",
		`{oops`,
		`{"text":"no source"}`,
		`{"source":"","text":"empty source"}`,
		`{"source":"c"}`,
		`{"source":"d","text":5}`,
		`["source","e"]`,
	}
	docs := []Document{{Source: "a", Text: "Moscow refuses."}, {Source: "b", Text: ""}}
	failed := []string{
		`{"input":"{oops","error":"beam: invalid JSON: invalid character 'o' looking for beginning of object key string"}`,
		`{"input":"{\"text\":\"no source\"}","error":"beam: missing or empty \"source\""}`,
		`{"input":"{\"source\":\"\",\"text\":\"empty source\"}","error":"beam: missing or empty \"source\""}`,
		`{"input":"{\"source\":\"c\"}","error":"beam: missing \"text\""}`,
		`{"input":"{\"source\":\"d\",\"text\":5}","error":"beam: invalid JSON: json: cannot unmarshal number into Go struct field .text of type string"}`,
		`{"input":"[\"source\",\"e\"]","error":"beam: invalid JSON: json: cannot unmarshal array into Go value of type struct { Source *string \"json:\\\"source\\\"\"; Text *string \"json:\\\"text\\\"\" }"}`,
	}
	p, s := beam.NewPipelineWithRoot()
	gotDocs, gotFailed := ParseDocuments(s, beam.CreateList(s, lines))
	passert.EqualsList(s, gotDocs, docs)
	passert.EqualsList(s, gotFailed, failed)
	require.NoError(t, ptest.Run(p))

	_, err := parseDocument([]byte(`{"text":"x"}`))
	assert.ErrorIs(t, err, ErrMissingSource)
	_, err = parseDocument([]byte(`{"source":"x"}`))
	assert.ErrorIs(t, err, ErrMissingText)
	_, err = parseDocument([]byte(`nope`))
	assert.ErrorIs(t, err, ErrSyntax)
}

// TestEmpty checks that no input gives no records, no summaries, no totals
// and empty shard files.
func TestEmpty(t *testing.T) {
	m, err := defaultModel()
	require.NoError(t, err)
	dir := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	records, labeled := Classify(s, Model{}, beam.CreateList(s, []Document{}))
	summaries, totals := Summarize(s, m.Labels(), labeled)
	passert.Empty(s, records)
	passert.Empty(s, summaries)
	passert.Empty(s, totals)
	Write(s, filepath.Join(dir, "output"), 3, records)
	claims := ReadClaims(s, filepath.Join(dir, "*.none"), true)
	passert.Empty(s, claims)
	require.NoError(t, ptest.Run(p))

	for i := range 3 {
		b, err := os.ReadFile(ShardName(filepath.Join(dir, "output"), i, 3))
		require.NoError(t, err)
		assert.Empty(t, b)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	assert.Len(t, names, 3)
}

// TestReadClaims reads files of every kind — generated text, an empty
// file, a paragraph longer than features.MaxBlockBytes, text with page
// clutter and a saved page, whatever its name — as one claim a line and
// split as documents, with and without the skip records.
func TestReadClaims(t *testing.T) {
	m, err := defaultModel()
	require.NoError(t, err)
	dir := t.TempDir()
	docs := generated(8, 3)
	html, err := os.ReadFile(filepath.Join("..", "page", "testdata", "003_6583139472fcbe27.html"))
	require.NoError(t, err)
	docs = append(docs,
		Document{Source: "empty.txt", Text: ""},
		Document{Source: "long.txt", Text: strings.Repeat("Tokyo waits ", features.MaxBlockBytes/10)},
		Document{Source: "clutter.txt", Text: clutter},
		Document{Source: "saved-page.txt", Text: string(html)})
	for i := range docs {
		docs[i].Source = filepath.Join(dir, strings.ReplaceAll(docs[i].Source, "/", "-"))
		require.NoError(t, os.WriteFile(docs[i].Source, []byte(docs[i].Text), 0o644))
	}
	for _, tt := range []struct{ lines, keep bool }{{true, false}, {false, false}, {false, true}} {
		t.Run(fmt.Sprintf("lines=%v,keep=%v", tt.lines, tt.keep), func(t *testing.T) {
			w := library(t, m, docs, tt.lines, tt.keep)
			p, s := beam.NewPipelineWithRoot()
			classify(s, Classifier{KeepSkipped: tt.keep}, m.Labels(), ReadClaims(s, filepath.Join(dir, "*.txt"), tt.lines), w)
			require.NoError(t, ptest.Run(p))
		})
	}
}

// TestReadClaimsErrors checks that a saved page larger than
// page.MaxPageBytes fails the pipeline, as it stops `stance classify`.
func TestReadClaimsErrors(t *testing.T) {
	dir := t.TempDir()
	big := "<!DOCTYPE html><html><body><p>" + strings.Repeat("x", page.MaxPageBytes)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "big.html"), []byte(big), 0o644))
	p, s := beam.NewPipelineWithRoot()
	Classify(s, Model{}, ReadClaims(s, filepath.Join(dir, "*.html"), false))
	assert.ErrorContains(t, ptest.Run(p), "big.html: page: input larger than MaxPageBytes")
}

func TestWrite(t *testing.T) {
	var lines []string
	for i := range 500 {
		lines = append(lines, fmt.Sprintf(`{"n":%d,"s":"%s"}`, i, strings.Repeat("x", i%7)))
	}
	lines = append(lines, "", "dup", "dup", "日本")
	read := func(dir string, shards int) ([][]string, []string) {
		t.Helper()
		var files [][]string
		var all []string
		for i := range shards {
			b, err := os.ReadFile(ShardName(filepath.Join(dir, "part"), i, shards))
			require.NoError(t, err)
			s := string(b)
			if s != "" {
				require.True(t, strings.HasSuffix(s, "\n"))
				s = strings.TrimSuffix(s, "\n")
			}
			var got []string
			if len(b) > 0 {
				got = strings.Split(s, "\n")
			}
			assert.True(t, slices.IsSorted(got), "shard %d is not in byte order", i)
			files = append(files, got)
			all = append(all, got...)
		}
		return files, all
	}
	var first [][]string
	for run := range 2 {
		dir := t.TempDir()
		p, s := beam.NewPipelineWithRoot()
		Write(s, filepath.Join(dir, "part"), 4, beam.CreateList(s, lines))
		require.NoError(t, ptest.Run(p))
		files, all := read(dir, 4)
		names, err := filepath.Glob(filepath.Join(dir, "*"))
		require.NoError(t, err)
		assert.Len(t, names, 4, "no temporary file is left")
		assert.ElementsMatch(t, lines, all)
		for i, f := range files {
			assert.NotEmpty(t, f, "shard %d", i)
		}
		if run == 0 {
			first = files
		} else {
			assert.Equal(t, first, files, "same lines, same files")
		}
	}
	assert.Equal(t, "out/output-00000-of-00010.jsonl", ShardName("out/output", 0, 10))
	assert.Panics(t, func() { _, s := beam.NewPipelineWithRoot(); Write(s, "x", 0, beam.Create(s, "a")) })
}
