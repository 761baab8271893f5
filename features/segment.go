package features

import (
	"strings"
)

// A Segmenter splits a text into claims. [Sentences] and [Lines] are the
// two provided segmenters; any function with this signature can replace
// them. A Segmenter returns trimmed, non-empty substrings of text, in order.
type Segmenter func(text string) []string

// Sentences splits body text into sentences. Each sentence is a trimmed,
// non-empty substring of text, returned in reading order, and every
// character of text other than white space is in exactly one sentence;
// line breaks inside a sentence are kept as they are.
//
// Sentences is rule-based. A blank line always ends a sentence. Within a
// paragraph a sentence ends after ".", "!", "?", an ellipsis or a
// Chinese or Japanese full stop, together with the closing quotes and
// brackets that follow, when white space and a word that does not start
// in lower case come next — except where:
//   - the period ends an abbreviation that never ends a sentence: a title
//     or rank ("Gen.", "Lt. Col.", "Dr."), a place-name prefix ("Mt.",
//     "St."), or a word such as "e.g.", "i.e.", "vs.", "approx.";
//   - the period ends an abbreviation followed by a number ("No. 5",
//     "Art. 9", "p. 55", "Jan. 12", "Feb. 2019");
//   - the period ends an initial followed by a name ("J. F. Kennedy",
//     "S. Lavrov", "V.V. Putin"), unless the next word usually begins a
//     sentence ("…you and I. Did you…");
//   - the period ends an initialism such as "U.S." followed by a noun it
//     qualifies ("the U.S. Navy"); before other capitalised words it ends
//     the sentence ("…talks with the U.S. Moscow replied…"), except
//     after a short opening phrase ("At 5 a.m. Mr. Abe…");
//   - the punctuation is inside quotation marks, parentheses or brackets
//     that close later in the paragraph, or closes brackets opened in the
//     middle of the sentence ("Lt. Gen. (ret.) Noboru Yamaguchi…");
//   - a parenthetical citation without end punctuation of its own
//     follows: "…in Asia. (Interfax, January 26, 2012)".
//
// Abbreviations that may end a sentence ("etc.", "Co.", "Kuril Is.",
// "km.", "no.") end it before a capitalised word. An ellipsis ends a
// sentence before a line break or a capitalised word, but not within
// spaced dots (". . .") or before "I"; four dots are an ellipsis and a
// period. Note references after the punctuation ("[12]", "¹") stay with
// the sentence they end. List items start a sentence each: bullets
// ("•"), dashes starting lines of a list, and markers ("1.", "2.)",
// "a.", "IV.") that start the paragraph or a line, or number on from
// such a marker ("1. Return of Shikotan 2. Return of…").
//
// Sentences is safe for concurrent use.
func Sentences(text string) []string {
	var out []string
	for start := 0; ; {
		i, j := blankLine(text[start:])
		if i < 0 {
			return appendSentences(out, text[start:])
		}
		out = appendSentences(out, text[start:start+i])
		start += j
	}
}

// Lines is a [Segmenter] that treats every non-empty line as one claim,
// trimmed of surrounding white space.
func Lines(text string) []string {
	var out []string
	for line := range strings.Lines(text) {
		if s := strings.TrimSpace(line); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// blankLine returns the offsets [i, j) of the first blank line in s: a
// line break, white space other than line breaks, a second line break and
// all the ASCII white space after it. It returns -1, -1 if s has none.
func blankLine[T ~string | ~[]byte](s T) (int, int) {
	for i := 0; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(s) {
			n := lineSpace(s, j)
			if n == 0 {
				break
			}
			j += n
		}
		if j < len(s) && s[j] == '\n' {
			for j++; j < len(s); j++ {
				switch s[j] {
				case ' ', '\t', '\n', '\r', '\f':
					continue
				}
				break
			}
			return i, j
		}
		i = j - 1
	}
	return -1, -1
}

// lineSpace returns the length in bytes of the white space other than a
// line break that starts s[i:] (ASCII or a Unicode space separator), or
// 0 if there is none.
func lineSpace[T ~string | ~[]byte](s T, i int) int {
	switch s[i] {
	case ' ', '\t', '\r', '\f', '\v':
		return 1
	case 0xC2: // U+00A0
		if i+1 < len(s) && s[i+1] == 0xA0 {
			return 2
		}
	case 0xE1: // U+1680
		if i+2 < len(s) && s[i+1] == 0x9A && s[i+2] == 0x80 {
			return 3
		}
	case 0xE2: // U+2000–U+200A, U+202F, U+205F
		if i+2 < len(s) {
			b1, b2 := s[i+1], s[i+2]
			if b1 == 0x80 && (b2 >= 0x80 && b2 <= 0x8A || b2 == 0xAF) || b1 == 0x81 && b2 == 0x9F {
				return 3
			}
		}
	case 0xE3: // U+3000
		if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80 {
			return 3
		}
	}
	return 0
}
