package corpus_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
)

func TestMerge(t *testing.T) {
	base := []corpus.Claim{
		{ID: "a", Text: "Beijing pressures Moscow.", Label: "neutral"},
		{ID: "b", Text: "Tokyo waits.", Label: "neutral"},
		{ID: "c", Text: "Moscow refuses.", Label: "blame_russia"},
	}
	file := `{"id": "a", "label": "blame_china"}
{"id": "b", "label": null}
{"id": "c", "label": "blame_russia"}
{"text": "China divides them.", "label": "blame_china"}
`
	overrides, err := corpus.ReadJSONL(strings.NewReader(file))
	require.NoError(t, err)
	got, st, err := corpus.Merge(base, overrides)
	require.NoError(t, err)
	assert.Equal(t, []corpus.Claim{
		{ID: "a", Text: "Beijing pressures Moscow.", Label: "blame_china"},
		{ID: "c", Text: "Moscow refuses.", Label: "blame_russia"},
		{Text: "China divides them.", Label: "blame_china"},
	}, got)
	assert.Equal(t, corpus.MergeStats{Relabeled: 1, Removed: 1, Added: 1}, st)
	assert.Equal(t, "neutral", base[0].Label, "base unchanged")

	for _, bad := range []string{`{"id": "zzz", "label": null}`, `{"id": "zzz", "label": "x"}`} {
		o, err := corpus.ReadJSONL(strings.NewReader(bad))
		require.NoError(t, err)
		_, _, err = corpus.Merge(base, o)
		assert.ErrorIs(t, err, corpus.ErrUnknownID, bad)
	}
}

func TestReadReferenceRecords(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"null label needs an id", `{"text": "x", "label": null}`, corpus.ErrMissingLabel},
		{"no text needs an id", `{"label": "x"}`, corpus.ErrMissingText},
		{"label of the wrong type", `{"id": "a", "label": 3}`, corpus.ErrFieldType},
		{"an array", `[{"text": "x", "label": "y"}]`, corpus.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.ReadJSONL(strings.NewReader(tt.in))
			assert.ErrorIs(t, err, tt.want)
		})
	}
}
