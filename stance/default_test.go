package stance_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/corpus"
	"github.com/stancekit/stancekit/stance"
)

// TestDefault checks that the stored default model is the one training
// gives today, byte for byte, and that it decides as the trained model
// does, probabilities and evidence included. When training changes, run
// `go generate ./stance`.
func TestDefault(t *testing.T) {
	trained, err := stance.Train(corpus.Claims())
	require.NoError(t, err)
	var want bytes.Buffer
	require.NoError(t, trained.Save(&want))
	stored, err := os.ReadFile("default.json")
	require.NoError(t, err)
	require.True(t, bytes.Equal(want.Bytes(), stored),
		"stance/default.json is not what training gives: run 'go generate ./stance'")

	m, err := stance.Default()
	require.NoError(t, err)
	assert.Equal(t, trained.Labels(), m.Labels())
	for _, c := range corpus.Claims() {
		assert.Equal(t, trained.Classify(c.Text), m.Classify(c.Text), c.Text)
	}
}
