package corpus_test

import (
	"bytes"
	"errors"
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
		{name: "not an object", in: `["a","x"]`, line: 1, wantErr: corpus.ErrFieldType},
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
	f.Fuzz(func(t *testing.T, b []byte) {
		claims, err := corpus.ReadJSONL(bytes.NewReader(b))
		if err != nil {
			var pe *corpus.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error %v is not a *ParseError with a line", err)
			}
			return
		}
		for _, c := range claims {
			if strings.TrimSpace(c.Text) == "" || strings.TrimSpace(c.Label) == "" {
				t.Fatalf("accepted claim without text or label: %+v", c)
			}
		}
	})
}
