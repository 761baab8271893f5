package corpus_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
)

func TestReadJSONL(t *testing.T) {
	long := strings.Repeat("word ", 300_000) // 1.5 MB line
	tests := []struct {
		name    string
		in      string
		want    []corpus.Claim
		line    int   // line of the expected error, 0 if none
		wantErr error // expected sentinel
	}{
		{name: "minimal", in: `{"text":"a","label":"x"}`, want: []corpus.Claim{{Text: "a", Label: "x"}}},
		{name: "all fields and unknown ones",
			in:   `{"id":"1","source":"s","text":"a","label":"blame_us","note":5}` + "\n",
			want: []corpus.Claim{{ID: "1", Source: "s", Text: "a", Label: "blame_us"}}},
		{name: "blank lines skipped", in: "\n" + `{"text":"a","label":"x"}` + "\n\n  \n" + `{"text":"b","label":"y"}`,
			want: []corpus.Claim{{Text: "a", Label: "x"}, {Text: "b", Label: "y"}}},
		{name: "BOM and CRLF", in: "\ufeff" + `{"text":"a","label":"x"}` + "\r\n" + `{"text":"b","label":"y"}` + "\r\n",
			want: []corpus.Claim{{Text: "a", Label: "x"}, {Text: "b", Label: "y"}}},
		{name: "long line", in: `{"text":"` + long + `","label":"x"}`, want: []corpus.Claim{{Text: long, Label: "x"}}},
		{name: "empty file", in: "", want: nil},
		{name: "bad json", in: `{"text":"a","label":"x"}` + "\n" + `{"text":"a",`, line: 2, wantErr: corpus.ErrSyntax},
		{name: "missing text", in: `{"label":"x"}`, line: 1, wantErr: corpus.ErrMissingText},
		{name: "empty text", in: `{"text":"  ","label":"x"}`, line: 1, wantErr: corpus.ErrMissingText},
		{name: "missing label", in: "\n\n" + `{"text":"a"}`, line: 3, wantErr: corpus.ErrMissingLabel},
		{name: "label not a string", in: `{"text":"a","label":3}`, line: 1, wantErr: corpus.ErrFieldType},
		{name: "invalid utf-8", in: "{\"text\":\"a\xff\",\"label\":\"x\"}", line: 1, wantErr: corpus.ErrInvalidUTF8},
		{name: "duplicate id", in: `{"id":"1","text":"a","label":"x"}` + "\n" + `{"id":"1","text":"b","label":"x"}`, line: 2, wantErr: corpus.ErrDuplicateID},
		{name: "not an object", in: `["a","x"]`, line: 1, wantErr: corpus.ErrSyntax},
		{name: "a CSV file", in: "text,label\n\"a\",x\n", line: 1, wantErr: corpus.ErrSyntax},
		{name: "a bare string", in: `{"text":"a","label":"x"}` + "\n" + `"b"`, line: 2, wantErr: corpus.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := corpus.ReadJSONL(strings.NewReader(tt.in))
			if tt.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				return
			}
			require.Error(t, err)
			var pe *corpus.ParseError
			require.True(t, errors.As(err, &pe), "%v is not a *ParseError", err)
			assert.Equal(t, tt.line, pe.Line)
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), "line ")
		})
	}
}

// TestReadJSONLLabels checks that labels are normalised when read and
// that labels which would silently become distinct are errors.
func TestReadJSONLLabels(t *testing.T) {
	rec := func(label string) string { return `{"text":"a","label":"` + label + `"}` + "\n" }
	tests := []struct {
		name    string
		in      string
		want    []string // labels read
		line    int      // line of the expected error, 0 if none
		wantErr error
		msg     string // part of the error message
	}{
		{name: "trimmed", in: rec("x") + rec(" x ") + rec(`x\t`), want: []string{"x", "x", "x"}},
		{name: "NFC", in: rec("caf\u0065\u0301") + rec("caf\u00e9"), want: []string{"café", "café"}},
		{name: "inner space kept", in: rec("blame us"), want: []string{"blame us"}},
		{name: "at the length limit", in: rec(strings.Repeat("é", corpus.MaxLabelBytes/2)), want: []string{strings.Repeat("é", corpus.MaxLabelBytes/2)}},
		{name: "one byte too long", in: rec(strings.Repeat("x", corpus.MaxLabelBytes+1)), line: 1, wantErr: corpus.ErrLabel, msg: "65 bytes, at most 64"},
		{name: "1 MB label", in: rec("y") + rec(strings.Repeat("x", 1<<20)), line: 2, wantErr: corpus.ErrLabel},
		{name: "zero-width space", in: rec("neutral") + rec("neutral\u200b"), line: 2, wantErr: corpus.ErrLabel, msg: "U+200B"},
		{name: "right-to-left override", in: rec("\u202eneutral"), line: 1, wantErr: corpus.ErrLabel, msg: "U+202E"},
		{name: "control character", in: rec(`a\u0007`), line: 1, wantErr: corpus.ErrLabel},
		{name: "no-break space inside", in: rec("a\u00a0b"), line: 1, wantErr: corpus.ErrLabel},
		{name: "only a zero-width space", in: rec("\u200b"), line: 1, wantErr: corpus.ErrLabel},
		{name: "case collision", in: rec("Neutral") + "\n" + rec("x") + rec("neutral"), line: 4, wantErr: corpus.ErrLabelCollision,
			msg: `line 4: corpus: labels differ only in case: "neutral" here, "Neutral" on line 1`},
		{name: "collision after folding", in: rec("STRASSE") + rec("straße"), line: 2, wantErr: corpus.ErrLabelCollision},
		{name: "collision after trimming", in: rec("Neutral ") + rec(" neutral"), line: 2, wantErr: corpus.ErrLabelCollision},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := corpus.ReadJSONL(strings.NewReader(tt.in))
			if tt.wantErr == nil {
				require.NoError(t, err)
				var labels []string
				for _, c := range got {
					labels = append(labels, c.Label)
				}
				assert.Equal(t, tt.want, labels)
				return
			}
			require.Error(t, err)
			var pe *corpus.ParseError
			require.True(t, errors.As(err, &pe), "%v is not a *ParseError", err)
			assert.Equal(t, tt.line, pe.Line)
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Contains(t, err.Error(), tt.msg)
			assert.Less(t, len(err.Error()), 200, "the message must not echo a long label")
		})
	}
}

func TestNormalizeLabel(t *testing.T) {
	for in, want := range map[string]string{"x": "x", " blame_us\n": "blame_us", "e\u0301": "é", "日本": "日本"} {
		got, err := corpus.NormalizeLabel(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	for _, in := range []string{"", " ", "a\xffb", "a\u2066b", "\ufeffx", strings.Repeat("x", 65)} {
		_, err := corpus.NormalizeLabel(in)
		assert.ErrorIs(t, err, corpus.ErrLabel, "%q", in)
	}
	assert.Equal(t, corpus.LabelKey("Blame_Russia"), corpus.LabelKey("blame_russia"))
	assert.NotEqual(t, corpus.LabelKey("blame_russia"), corpus.LabelKey("blame_japan"))
}

func TestReadJSONLTooLong(t *testing.T) {
	in := `{"text":"` + strings.Repeat("x", corpus.MaxLineBytes) + `","label":"x"}`
	_, err := corpus.ReadJSONL(strings.NewReader(in))
	assert.ErrorIs(t, err, corpus.ErrLineTooLong)
}

func TestWriteJSONLRoundTrip(t *testing.T) {
	claims := corpus.Claims()
	var buf bytes.Buffer
	require.NoError(t, corpus.WriteJSONL(&buf, claims))
	got, err := corpus.ReadJSONL(&buf)
	require.NoError(t, err)
	assert.Equal(t, claims, got)

	buf.Reset()
	require.NoError(t, corpus.WriteJSONL(&buf, []corpus.Claim{{Text: "<a> & “b”", Label: "x"}}))
	assert.Equal(t, `{"text":"<a> & “b”","label":"x"}`+"\n", buf.String())
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"1","text":"a","label":"x"}` + "\n"))
	f.Add([]byte("\ufeff{\"text\":\"a\",\"label\":\"x\"}\r\n\r\n"))
	f.Add([]byte(`{"text":1}`))
	f.Add([]byte(`{"text":"a","label":"X"}` + "\n\n" + `{"text":"b","label":"x "}`))
	f.Add([]byte(`{"text":"a","label":"x\u200b"}`))
	f.Add([]byte("\n\r\n" + `{"text":"a","label":"x"}` + "\n{"))
	f.Fuzz(func(t *testing.T, b []byte) {
		claims, err := corpus.ReadJSONL(bytes.NewReader(b))
		if err != nil {
			var pe *corpus.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			// The reported line is the first bad one: the lines before it
			// read without error and give the claims returned.
			lines := bytes.SplitAfter(b, []byte("\n"))
			if pe.Line < 1 || pe.Line > len(lines)+1 {
				t.Fatalf("line %d of an input of %d lines", pe.Line, len(lines))
			}
			before, err := corpus.ReadJSONL(bytes.NewReader(bytes.Join(lines[:pe.Line-1], nil)))
			if err != nil {
				t.Fatalf("error on line %d, but the lines before it fail too: %v", pe.Line, err)
			}
			if !slices.Equal(before, claims) {
				t.Fatalf("claims returned with the error differ from those of the lines before it")
			}
			return
		}
		for _, c := range claims {
			// A claim without text is a reference record: an id and the
			// label to give the built-in claim with that id.
			if strings.TrimSpace(c.Text) == "" && strings.TrimSpace(c.ID) == "" || c.Label == "" || len(c.Label) > corpus.MaxLabelBytes {
				t.Fatalf("accepted claim without text and id, or with a bad label: %+v", c)
			}
			if n, err := corpus.NormalizeLabel(c.Label); err != nil || n != c.Label {
				t.Fatalf("label %q read but not normalised (%q, %v)", c.Label, n, err)
			}
		}
		// What was read writes and reads back the same.
		var buf bytes.Buffer
		if err := corpus.WriteJSONL(&buf, claims); err != nil {
			t.Fatal(err)
		}
		again, err := corpus.ReadJSONL(&buf)
		if err != nil {
			t.Fatalf("WriteJSONL output does not read back: %v", err)
		}
		if len(again) != len(claims) || (len(claims) > 0 && !slices.Equal(again, claims)) {
			t.Fatalf("round trip changed the claims:\n%+v\n%+v", claims, again)
		}
	})
}
