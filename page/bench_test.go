package page_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stancekit/stancekit/page"
)

// BenchmarkParts splits article 003 (18 KB), the text BenchmarkSentences
// of package features splits, into its parts.
func BenchmarkParts(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "corpus", "articles", "003_6583139472fcbe27.txt"))
	require.NoError(b, err)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		page.Parts(string(text))
	}
}

// BenchmarkRead reads the saved page of article 003 (22 KB of HTML).
func BenchmarkRead(b *testing.B) {
	html, err := os.ReadFile(filepath.Join("testdata", "003_6583139472fcbe27.html"))
	require.NoError(b, err)
	b.SetBytes(int64(len(html)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := page.Read(bytes.NewReader(html)); err != nil {
			b.Fatal(err)
		}
	}
}
