package main

// This file is features.Sentences as it was before the rule-based
// segmenter replaced it: the Punkt model of github.com/neurosnap/sentences
// with corrections for analytical prose. It is kept here to measure the
// two against each other.

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

// punkt is the English Punkt model of github.com/neurosnap/sentences,
// loaded once: building it parses a 300 KB JSON file.
var punkt = sync.OnceValues(func() (*sentences.DefaultSentenceTokenizer, error) {
	return english.NewSentenceTokenizer(nil)
})

var (
	// blankLine matches a line that holds nothing but white space,
	// together with the line breaks around it.
	blankLine = regexp.MustCompile(`\n[ \t\r\f\v\p{Zs}]*\n\s*`)
	// numberStop is a number ending a sentence followed by a capitalised
	// word: "in 2018. These talks". Punkt keeps these together because a
	// number followed by a period may be an ordinal.
	numberStop = regexp.MustCompile(`\d\.[ \t\r\n]+[“"‘(]?\p{Lu}`)
	// initialism is U.S., U.N., E.U. and the like at the end of a span.
	initialism = regexp.MustCompile(`(?:^|[^\p{L}.])(?:\p{Lu}\.){2,}$`)
	// citation is a parenthetical source standing alone: "(Interfax,
	// January 26, 2012)."
	citation = regexp.MustCompile(`^\([^()]*\)[.!?]*["”’]*$`)
)

// sentenceStarters are capitalised words that usually begin a sentence.
// After an initialism such as "U.S." they mark a sentence end; any other
// capitalised word ("U.S. Navy") continues the sentence.
var sentenceStarters = map[string]bool{
	"A": true, "An": true, "And": true, "As": true, "At": true, "But": true,
	"For": true, "He": true, "However": true, "If": true, "In": true,
	"It": true, "Its": true, "Meanwhile": true, "Moreover": true,
	"Nor": true, "On": true, "Or": true, "She": true, "So": true,
	"That": true, "The": true, "Their": true, "There": true, "These": true,
	"They": true, "This": true, "Those": true, "Thus": true, "To": true,
	"We": true, "What": true, "When": true, "While": true, "Yet": true,
}

// punktSentences splits body text into sentences. Each sentence is a trimmed,
// non-empty substring of text, returned in reading order; line breaks
// inside a sentence are kept as they are.
//
// Segmentation starts from the Punkt model of
// github.com/neurosnap/sentences and corrects what it gets wrong on
// analytical prose:
//   - a blank line always ends a sentence;
//   - a number followed by a period and a capitalised word ends one
//     ("…in 2018. These talks…"), while decimals ("18.5") do not;
//   - a fragment that starts with a lower-case letter continues the
//     previous sentence ("…, etc. in parallel with…");
//   - a sentence does not end inside an open curly quotation (“…”);
//   - an initialism followed by a capitalised word that does not usually
//     begin a sentence continues it ("U.S. Navy");
//   - a parenthetical citation standing alone belongs to the sentence
//     before it.
//
// Sentences is safe for concurrent use.
func punktSentences(text string) []string {
	var out []string
	for _, p := range paragraphs(text) {
		out = appendParagraph(out, text, p[0], p[1])
	}
	return out
}

// paragraphs returns the [start, end) offsets of the blocks of text
// separated by blank lines.
func paragraphs(text string) [][2]int {
	var out [][2]int
	start := 0
	for _, m := range blankLine.FindAllStringIndex(text, -1) {
		out = append(out, [2]int{start, m[0]})
		start = m[1]
	}
	return append(out, [2]int{start, len(text)})
}

// span is a candidate sentence: text[start:end].
type span struct{ start, end int }

// appendParagraph segments text[start:end] and appends the sentences to out.
func appendParagraph(out []string, text string, start, end int) []string {
	para := text[start:end]
	if strings.TrimSpace(para) == "" {
		return out
	}
	var spans []span
	if tok, err := punkt(); err == nil {
		for _, s := range tok.Tokenize(para) {
			spans = appendTrimmed(spans, text, start+s.Start, start+s.End)
		}
	} else {
		spans = appendTrimmed(spans, text, start, end)
	}
	spans = splitNumberStops(spans, text)
	spans = mergeFragments(spans, text)
	for _, s := range spans {
		out = append(out, text[s.start:s.end])
	}
	return out
}

// appendTrimmed appends text[start:end] without its surrounding white
// space, if anything is left.
func appendTrimmed(spans []span, text string, start, end int) []span {
	if start < 0 {
		start = 0
	}
	if end > len(text) {
		end = len(text)
	}
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if start < end {
		spans = append(spans, span{start, end})
	}
	return spans
}

// splitNumberStops splits spans at a number that ends a sentence.
func splitNumberStops(spans []span, text string) []span {
	var out []span
	for _, s := range spans {
		from := s.start
		for _, m := range numberStop.FindAllStringIndex(text[s.start:s.end], -1) {
			cut := s.start + m[0] + 2 // just after the period
			if quoteOpen(text[from:cut]) {
				continue
			}
			out = appendTrimmed(out, text, from, cut)
			from = cut
		}
		out = appendTrimmed(out, text, from, s.end)
	}
	return out
}

// mergeFragments joins spans that Punkt split where no sentence ends.
func mergeFragments(spans []span, text string) []span {
	if len(spans) < 2 {
		return spans
	}
	out := spans[:1]
	for _, s := range spans[1:] {
		prev := &out[len(out)-1]
		if continues(text[prev.start:prev.end], text[s.start:s.end]) {
			prev.end = s.end
			continue
		}
		out = append(out, s)
	}
	return out
}

// continues reports whether next continues the sentence prev.
func continues(prev, next string) bool {
	first, _ := utf8.DecodeRuneInString(next)
	switch {
	case unicode.IsLower(first):
		return true
	case quoteOpen(prev):
		return true
	case citation.MatchString(next):
		return true
	case initialism.MatchString(prev):
		return !sentenceStarters[firstWord(next)]
	}
	return false
}

// quoteOpen reports whether s opens more curly double quotes than it closes.
func quoteOpen(s string) bool {
	return strings.Count(s, "“") > strings.Count(s, "”")
}

// firstWord returns the leading run of letters of s.
func firstWord(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}
