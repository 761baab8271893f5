package annotate

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/stancekit/stancekit/page"
)

// A Claim is one sentence to label, with what the page shows around it.
type Claim struct {
	// ID identifies the claim in the output file. IDs must be unique;
	// an empty ID is derived from Text (see [ClaimID]), so that the same
	// sentence keeps its ID from one run to the next.
	ID string
	// Source names the text the claim comes from, such as a file name.
	Source string
	// Position is the claim's place among the claims of its source,
	// counted from 0.
	Position int
	// Text is the claim itself.
	Text string
	// Before and After are the claims before and after it in its
	// source, shown for context; empty at either end.
	Before, After string
}

// ClaimID returns the ID that [Claims] and [New] give a claim without
// one: "c" and the first 16 hexadecimal digits of the SHA-256 of its
// text.
func ClaimID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "c" + hex.EncodeToString(sum[:8])
}

// Claims returns the claims of plain text from source, in reading order:
// the parts of [page.Claims] (titles, bylines, menus and the other lines
// that are not claims left out), each with its position, its neighbours
// for context and an ID derived from its text. To read a saved HTML page,
// pass the text of [page.Read].
func Claims(source, text string) []Claim {
	texts := page.Claims(text)
	out := make([]Claim, len(texts))
	for i, t := range texts {
		out[i] = Claim{ID: ClaimID(t), Source: source, Position: i, Text: t}
		if i > 0 {
			out[i].Before = texts[i-1]
		}
		if i+1 < len(texts) {
			out[i].After = texts[i+1]
		}
	}
	return out
}
