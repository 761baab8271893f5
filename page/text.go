package page

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// words splits s at white space.
func words(s string) []string { return strings.Fields(s) }

// functionWords stay in lower case in a title: they do not count in
// [capRatio].
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "nor": true, "but": true,
	"of": true, "to": true, "in": true, "on": true, "at": true, "by": true, "for": true,
	"with": true, "from": true, "as": true, "vs": true, "vs.": true, "via": true,
	"into": true, "over": true, "per": true, "than": true, "up": true, "&": true,
}

// capRatio returns the share of the content words of w (words with a
// cased letter that are not function words) that start with a capital:
// near 1 for a title or a menu, low for a sentence of prose.
func capRatio(w []string) float64 {
	caps, n := 0, 0
	for _, x := range w {
		r, ok := firstLetter(x)
		if !ok || functionWords[strings.ToLower(strings.Trim(x, closers+"“‘(,.:;"))] {
			continue
		}
		n++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(caps) / float64(n)
}

// contentWords counts the words that capRatio counts.
func contentWords(w []string) int {
	n := 0
	for _, x := range w {
		if _, ok := firstLetter(x); ok && !functionWords[strings.ToLower(strings.Trim(x, closers+"“‘(,.:;"))] {
			n++
		}
	}
	return n
}

// firstLetter returns the first letter of a word, if the word starts
// with a cased letter (after opening quotes and brackets).
func firstLetter(w string) (rune, bool) {
	for _, r := range w {
		switch {
		case unicode.IsUpper(r) || unicode.IsLower(r):
			return r, true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return r, false
		}
	}
	return 0, false
}

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// continuation reports whether a line ends where a sentence cannot: on
// a comma, a dash, an opening bracket or a function word.
func continuation(line string) bool {
	if strings.HasSuffix(line, ",") || strings.HasSuffix(line, ";") || strings.HasSuffix(line, "(") ||
		strings.HasSuffix(line, "—") || strings.HasSuffix(line, "–") ||
		(strings.HasSuffix(line, "-") && !strings.HasSuffix(line, " -")) {
		return true
	}
	w := words(line)
	return len(w) > 1 && functionWords[w[len(w)-1]]
}

// separators counts the menu separators of s standing as words: | » ›
// and the like.
func separators(s string) int {
	n := 0
	for _, w := range words(s) {
		switch w {
		case "|", "»", "«", "›", "‹", ">", "<", "/", "•", "·", "→", "←", "::", "||", "¦", "»»", "▸", "►", "∙":
			n++
		}
	}
	return n
}

// repeatedSeparator reports whether w is a menu whose items are joined
// by the same word, three times or more: "Home arrow Publications arrow
// Linguistics arrow …" (the alternative text of a picture in a
// breadcrumb).
func repeatedSeparator(w []string) bool {
	if len(w) < 6 || len(w) > 40 {
		return false
	}
	count := make(map[string]int)
	for i := 1; i < len(w)-1; i++ {
		x := w[i]
		r, ok := firstLetter(x)
		if !ok || !unicode.IsLower(r) || functionWords[x] || len(x) > 8 || strings.ContainsAny(x, ".,;:!?") {
			continue
		}
		prev, _ := firstLetter(w[i-1])
		next, _ := firstLetter(w[i+1])
		if unicode.IsUpper(prev) && unicode.IsUpper(next) {
			count[x]++
			if count[x] >= 3 {
				return true
			}
		}
	}
	return false
}
