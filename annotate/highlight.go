package annotate

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stancekit/stancekit/features"
	"github.com/stancekit/stancekit/stance"
)

// highlightEvidence is the number of evidence features, strongest first,
// whose words are highlighted in a claim.
const highlightEvidence = 5

// A segment is a piece of a claim's text: a word of the evidence
// (Mark) or the text between such words.
type segment struct {
	Text string
	Mark bool
}

// A highlighter finds the words of a claim behind the evidence of a
// prediction: those whose terms — stems, actors, numbers, as the
// default feature settings give them — make up an evidence feature, in
// sequence for an n-gram ("@russia refus" marks "Moscow refuses", not a
// "Moscow" and a "refuses" far apart). A direction feature
// ("blame→@russia") marks the words that name its actor.
type highlighter struct {
	v *features.Vectorizer
}

// newHighlighter returns a highlighter for the features of model m, or of
// the default settings if m is nil.
func newHighlighter(m *stance.Model) *highlighter {
	if m == nil {
		return &highlighter{v: stance.DefaultVectorizer()}
	}
	return &highlighter{v: m.Vectorizer()}
}

// span is a word of the text: bytes [lo, hi).
type span struct{ lo, hi int }

// entry is one term of the text with the words it comes from.
type entry struct {
	term  string
	words []int
}

// segments splits text into segments, marking the words of the first
// highlightEvidence features of ev.
func (h *highlighter) segments(text string, ev []stance.Evidence) []segment {
	words := wordSpans(text)
	terms := h.terms(text, words)
	mark := make([]bool, len(words))
	for _, e := range ev[:min(len(ev), highlightEvidence)] {
		parts := evidenceTerms(e.Feature)
		for p := range terms {
			if p+len(parts) > len(terms) {
				break
			}
			match := true
			for k, part := range parts {
				if terms[p+k].term != part {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			for k := range parts {
				for _, w := range terms[p+k].words {
					mark[w] = true
				}
			}
		}
	}
	var out []segment
	at := 0
	for i, w := range words {
		if !mark[i] {
			continue
		}
		if w.lo > at {
			out = appendText(out, text[at:w.lo])
		}
		out = append(out, segment{Text: text[w.lo:w.hi], Mark: true})
		at = w.hi
	}
	if at < len(text) {
		out = appendText(out, text[at:])
	}
	return out
}

// appendText appends unmarked text, joining it to an unmarked segment
// before it.
func appendText(out []segment, s string) []segment {
	if n := len(out); n > 0 && !out[n-1].Mark {
		out[n-1].Text += s
		return out
	}
	return append(out, segment{Text: s})
}

// terms returns the terms of the words of text in order. A name of two
// words that is one actor ("United States" → "@us") is one term of both
// words.
func (h *highlighter) terms(text string, words []span) []entry {
	var out []entry
	for i := 0; i < len(words); i++ {
		w := text[words[i].lo:words[i].hi]
		own := h.wordTerms(w)
		if i+1 < len(words) {
			next := text[words[i+1].lo:words[i+1].hi]
			pair := h.v.Features(w + " " + next)
			if len(pair) == 1 && strings.HasPrefix(pair[0], "@") && !slices.Contains(own, pair[0]) {
				out = append(out, entry{term: pair[0], words: []int{i, i + 1}})
				i++
				continue
			}
		}
		for _, t := range own {
			out = append(out, entry{term: t, words: []int{i}})
		}
	}
	return out
}

// wordTerms returns the single terms of one word: its stem or actor, or
// those of each part of a compound ("one-sided" → "one", "side").
func (h *highlighter) wordTerms(w string) []string {
	var out []string
	for _, f := range h.v.Features(w) {
		if !strings.ContainsAny(f, " →") {
			out = append(out, strings.TrimPrefix(f, features.NegationPrefix))
		}
	}
	return out
}

// evidenceTerms returns the terms an evidence feature is made of, in
// order: the stems of an n-gram, the actor of a direction feature.
func evidenceTerms(f string) []string {
	if _, actor, ok := strings.Cut(f, "→"); ok {
		return []string{actor}
	}
	parts := strings.Split(f, " ")
	for i, p := range parts {
		parts[i] = strings.TrimPrefix(p, features.NegationPrefix)
	}
	return parts
}

// wordSpans returns the words of text: runs of non-space characters
// without the punctuation before and after them.
func wordSpans(text string) []span {
	var out []span
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		lo, hi := i, j
		for lo < hi {
			r, n := utf8.DecodeRuneInString(text[lo:hi])
			if wordRune(r) {
				break
			}
			lo += n
		}
		for hi > lo {
			r, n := utf8.DecodeLastRuneInString(text[lo:hi])
			if wordRune(r) {
				break
			}
			hi -= n
		}
		if lo < hi {
			out = append(out, span{lo, hi})
		}
		i = j
	}
	return out
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
