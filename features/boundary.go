package features

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file finds the sentence boundaries of one paragraph; see
// [Sentences] for the rules.

// A region is a span opened and closed by matching quotation marks or
// brackets: p[open] opens it and p[close] closes it.
type region struct{ open, close int }

// An item is a list item: it starts at pos (its bullet or its marker),
// and stop is the offset of the period of its marker ("1."), or -1.
type item struct{ pos, stop int }

// splitter holds the state of the segmentation of one paragraph.
type splitter struct {
	p       string
	regions []region // outermost regions, in order
	ri      int      // first region that does not close before the current offset
	start   int      // start of the current sentence
	out     []string
}

// appendSentences appends the sentences of the paragraph p to out.
func appendSentences(out []string, p string) []string {
	p = strings.TrimSpace(p)
	if p == "" {
		return out
	}
	s := splitter{p: p, regions: enclosures(p), out: out}
	items := listItems(p)
	next, stops := 0, 0 // the next item to start, the next marker period
	for i := 0; i < len(p); {
		if c := p[i]; c < utf8.RuneSelf && c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		n := terminator(p, i)
		if n == 0 {
			i++
			continue
		}
		for next < len(items) && items[next].pos <= i {
			s.cut(items[next].pos)
			next++
		}
		for stops < len(items) && items[stops].stop < i {
			stops++
		}
		if stops < len(items) && items[stops].stop == i {
			i += n // the period of a list marker
			continue
		}
		cut, end := s.boundary(i)
		if cut > 0 {
			s.cut(cut)
		}
		i = end
	}
	for ; next < len(items); next++ {
		s.cut(items[next].pos)
	}
	s.cut(len(p))
	return s.out
}

// cut ends the current sentence at offset at.
func (s *splitter) cut(at int) {
	if at <= s.start {
		return
	}
	if t := strings.TrimSpace(s.p[s.start:at]); t != "" {
		s.out = append(s.out, t)
	}
	s.start = at
}

// terminator returns the length of the sentence-ending punctuation mark
// at p[i:], or 0 if there is none.
func terminator(p string, i int) int {
	switch c := p[i]; {
	case c == '.' || c == '!' || c == '?':
		return 1
	case c < utf8.RuneSelf:
		return 0
	}
	switch r, n := utf8.DecodeRuneInString(p[i:]); r {
	case '…', '。', '！', '？':
		return n
	}
	return 0
}

// A cluster is a run of sentence-ending punctuation with the closing
// marks after it: "." "?!" "...", ". . . .", ".”)" and the like.
type cluster struct {
	end         int  // offset after the run and its closing marks
	dots        int  // periods, counting "…" as three
	firstDotEnd int  // offset after the first period
	spaced      bool // the periods are spaced out: ". . ."
	attached    bool // the run follows a word directly
	bang        bool // the run holds "!" or "?"
	cjk         bool // the run holds a Chinese or Japanese full stop
}

// scanCluster reads the cluster that starts at p[i].
func scanCluster(p string, i int) cluster {
	c := cluster{attached: i > 0 && !spaceBefore(p, i)}
	j := i
run:
	for j < len(p) {
		switch {
		case p[j] == '.':
			j++
			c.dots++
			if c.dots == 1 {
				c.firstDotEnd = j
			}
		case p[j] == '!' || p[j] == '?':
			j++
			c.bang = true
		case p[j] == ' ' && c.dots > 0 && loneDot(p, j+1):
			j++
			c.spaced = true
		default:
			r, n := utf8.DecodeRuneInString(p[j:])
			switch r {
			case '…':
				c.dots += 3
			case '。', '！', '？':
				c.cjk = true
			default:
				break run
			}
			j += n
			if c.dots == 3 && c.firstDotEnd == 0 {
				c.firstDotEnd = j
			}
		}
	}
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if closing(r) || unicode.In(r, unicode.No) {
			j += n // a closing mark, or a superscript note number: ".¹²"
			continue
		}
		if k := noteMark(p, j); k > j {
			j = k
			continue
		}
		break
	}
	c.end = j
	return c
}

// noteMark returns the offset after a bracketed note reference at p[j:]
// ("[12]", "[iv]"), or j if there is none.
func noteMark(p string, j int) int {
	if j >= len(p) || p[j] != '[' {
		return j
	}
	k := j + 1
	for k < len(p) && k-j <= 4 && (isDigit(rune(p[k])) || p[k] >= 'a' && p[k] <= 'z') {
		k++
	}
	if k == j+1 || k >= len(p) || p[k] != ']' {
		return j
	}
	return k + 1
}

// loneDot reports whether p[k] is a period standing alone, as in ". . .".
func loneDot(p string, k int) bool {
	if k >= len(p) || p[k] != '.' {
		return false
	}
	if k+1 == len(p) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p[k+1:])
	return r == ' ' || r == '.' || closing(r) || unicode.IsSpace(r)
}

// boundary decides whether the punctuation at p[i] ends a sentence. It
// returns the offset where the sentence ends, or 0, and the offset at
// which to go on scanning.
func (s *splitter) boundary(i int) (cut, end int) {
	p := s.p
	c := scanCluster(p, i)
	if c.end >= len(p) || s.enclosed(i, c.end) || s.closesAside(i, c.end) {
		return 0, c.end
	}
	if !c.cjk && !spaceAt(p, c.end) {
		return 0, c.end
	}
	nx := nextWord(p, c.end)
	ends := false
	switch {
	case c.cjk:
		ends = true
	case unicode.IsLower(nx.r):
		ends = false
	case c.bang:
		ends = true
	case c.dots >= 4 && c.attached && c.spaced:
		// "word. . . . Next": a period, then an ellipsis that opens
		// the next sentence.
		if !s.citation(nx.pos) {
			return c.firstDotEnd, c.end
		}
	case c.dots == 3:
		ends = nx.newline || !c.spaced && nx.word != "I"
	case c.dots >= 4:
		ends = true
	default:
		ends = s.periodEnds(i, nx)
	}
	if !ends || s.citation(nx.pos) {
		return 0, c.end
	}
	return c.end, c.end
}

// periodEnds decides whether the single period at p[i] ends a sentence
// before the word nx, which does not start in lower case.
func (s *splitter) periodEnds(i int, nx word) bool {
	w, ws := wordBefore(s.p, i)
	class := abbreviations[w]
	switch {
	case class == prefixAbbrev:
		return false
	case class == numberAbbrev && (isDigit(nx.r) || unicode.Is(unicode.Sc, nx.r) || roman(nx.word)):
		return false // "No. 5", "Vol. II"
	case isClockAbbrev(w) && !startsWithDigit(wordEndingAt(s.p, ws)):
		return false // "P.M. Abe": a title, not a time
	case numeral(w):
		return true
	case companySuffix(nx.word) && (nx.end == len(s.p) || s.p[nx.end] != '-'):
		return false // "Mitsui & Co. Ltd."
	}
	if class == notAbbrev {
		if oneUpper(w) && !(w == "I" && lowerWordBefore(s.p, ws)) || dottedLetters(w) {
			// An initial, or a letter that opens the sentence ("Q. What…").
			return !s.opens(ws) && !initialBefore(nx)
		}
		return true
	}
	if s.openingPhrase(ws) {
		return false
	}
	if dottedLetters(w) && ordinal(s.p, nx.pos) {
		return false // "the U.S. 7th Fleet"
	}
	if dottedLetters(w) && unicode.IsLetter(nx.r) {
		if modifiedNoun(nx.word) {
			return false
		}
		if isClockAbbrev(w) && (timeZone(nx.word) || wordAt(s.p, nx.end) == "time") {
			return false // "6 p.m. Moscow time", "10 a.m. JST"
		}
	}
	return true
}

// initialBefore reports whether an initial ("E.", "V.V.") continues into
// the word nx: a name, or another initial, does; a word that usually
// begins a sentence, a number or a symbol does not.
func initialBefore(nx word) bool {
	if !unicode.IsLetter(nx.r) {
		return false
	}
	return nx.initial || !sentenceStarter(nx.word)
}

// opens reports whether the current sentence starts at offset ws.
func (s *splitter) opens(ws int) bool {
	for j := s.start; j < ws; {
		r, n := utf8.DecodeRuneInString(s.p[j:ws])
		if !unicode.IsSpace(r) {
			return false
		}
		j += n
	}
	return true
}

// openingPhrase reports whether the current sentence, up to offset ws,
// is a short phrase opened by a preposition ("At 5", "In the"): an
// abbreviation after it cannot end the sentence, which has no verb yet.
func (s *splitter) openingPhrase(ws int) bool {
	words, first := 0, ""
	for f := range strings.FieldsSeq(s.p[s.start:ws]) {
		if words++; words > 3 {
			return false
		}
		if words == 1 {
			first = strings.TrimLeftFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		}
	}
	return words > 0 && preposition(strings.ToLower(first))
}

// citation reports whether p[k:] opens a parenthetical that has no end
// punctuation of its own and ends the paragraph or a sentence:
// "(Interfax, January 26, 2012)." It belongs to the sentence before it.
func (s *splitter) citation(k int) bool {
	p := s.p
	if k >= len(p) || p[k] != '(' {
		return false
	}
	j := s.ri
	for j < len(s.regions) && s.regions[j].open < k {
		j++
	}
	if j == len(s.regions) || s.regions[j].open != k {
		return false
	}
	inner := strings.TrimRightFunc(p[k+1:s.regions[j].close], func(r rune) bool { return closing(r) || unicode.IsSpace(r) })
	if inner == "" || strings.ContainsAny(inner[len(inner)-1:], ".!?") || strings.HasSuffix(inner, "…") {
		return false
	}
	e := s.regions[j].close + 1
	for e < len(p) {
		r, n := utf8.DecodeRuneInString(p[e:])
		if r != '.' && r != '!' && r != '?' && r != '…' && !closing(r) {
			break
		}
		e += n
	}
	return e == len(p) || spaceAt(p, e)
}

// enclosed reports whether p[i] lies inside a region that does not close
// within p[i:end].
func (s *splitter) enclosed(i, end int) bool {
	for s.ri < len(s.regions) && s.regions[s.ri].close < i {
		s.ri++
	}
	if s.ri == len(s.regions) {
		return false
	}
	r := s.regions[s.ri]
	return r.open < i && r.close >= end
}

// closesAside reports whether the cluster p[i:end] closes brackets
// opened in the middle of the current sentence: the punctuation belongs
// to the aside, and the sentence goes on ("Lt. Gen. (ret.) Noboru…").
// It relies on enclosed having been called for i.
func (s *splitter) closesAside(i, end int) bool {
	if s.ri == len(s.regions) {
		return false
	}
	r := s.regions[s.ri]
	if r.open >= i || r.close >= end {
		return false
	}
	switch s.p[r.open] {
	case '(', '[':
		return !s.opens(r.open)
	}
	return false
}

// enclosures returns the outermost regions of p: spans in matching
// quotation marks (“…”, ‘…’, «…», "…", '…') or brackets ((…), […],
// {…}). Unmatched marks open or close nothing. A straight double quote
// opens a region when a word follows it and closes one when it follows a
// word. A single quote, which doubles as an apostrophe, opens a region
// after white space or an opening mark and closes one unless a letter
// follows it ("Japan’s").
func enclosures(p string) []region {
	type mark struct {
		r   rune
		pos int
	}
	var stack []mark
	var open [128]int // open marks on the stack, by opening rune (ASCII index)
	var pairs []region
	closeAt := func(opener rune, i int) bool {
		k := len(stack) - 1
		if open[asciiIndex(opener)] == 0 {
			return false
		}
		for stack[k].r != opener {
			k--
		}
		pairs = append(pairs, region{stack[k].pos, i})
		for _, m := range stack[k:] {
			open[asciiIndex(m.r)]--
		}
		stack = stack[:k]
		return true
	}
	push := func(r rune, i int) {
		stack = append(stack, mark{r, i})
		open[asciiIndex(r)]++
	}
	for i := 0; i < len(p); {
		r, n := rune(p[i]), 1
		switch {
		case r == '"' || r == '\'' || r == '(' || r == ')' || r == '[' || r == ']' || r == '{' || r == '}':
		case r < utf8.RuneSelf:
			i++
			continue
		default:
			r, n = utf8.DecodeRuneInString(p[i:])
		}
		switch r {
		case '(', '[', '{', '“', '«':
			push(r, i)
		case ')':
			closeAt('(', i)
		case ']':
			closeAt('[', i)
		case '}':
			closeAt('{', i)
		case '”':
			closeAt('“', i)
		case '»':
			closeAt('«', i)
		case '"':
			if i > 0 && !spaceBefore(p, i) && closeAt('"', i) {
				break
			}
			if i+1 < len(p) && !spaceAt(p, i+1) {
				push(r, i)
			}
		case '‘', '\'':
			if i > 0 && !spaceBefore(p, i) && !unicode.IsLetter(runeAt(p, i+n)) && closeAt(singleOpener(r), i) {
				break
			}
			if (i == 0 || spaceBefore(p, i) || opening(runeBefore(p, i))) && i+n < len(p) && !spaceAt(p, i+n) {
				push(r, i)
			}
		case '’':
			if i > 0 && !spaceBefore(p, i) && !unicode.IsLetter(runeAt(p, i+n)) {
				closeAt('‘', i)
			}
		}
		i += n
	}
	slices.SortFunc(pairs, func(a, b region) int { return a.open - b.open })
	var top []region
	for _, r := range pairs {
		if len(top) == 0 || r.open > top[len(top)-1].close {
			top = append(top, r)
		}
	}
	return top
}

// asciiIndex maps an opening mark to a small index for counting.
func asciiIndex(r rune) int {
	switch r {
	case '“':
		return 1
	case '«':
		return 2
	case '‘':
		return 3
	}
	return int(r)
}

// singleOpener returns the mark that a closing single quote r closes.
func singleOpener(r rune) rune {
	if r == '\'' {
		return r
	}
	return '‘'
}

// closing reports whether r closes a quotation or a bracket.
func closing(r rune) bool {
	switch r {
	case ')', ']', '}', '"', '\'', '”', '’', '»', '」', '』', '）':
		return true
	}
	return false
}

// opening reports whether r opens a quotation or a bracket.
func opening(r rune) bool {
	switch r {
	case '(', '[', '{', '"', '\'', '“', '‘', '«', '„', '¿', '¡':
		return true
	}
	return false
}

// A word describes what follows a sentence-ending punctuation mark.
type word struct {
	pos     int    // offset of the next character that is not white space
	newline bool   // the white space before it holds a line break
	r       rune   // first letter or digit of the next word, or 0
	word    string // the letters that start the next word
	end     int    // offset after them
	initial bool   // the word is one capital letter and a period: "F."
}

// nextWord describes what follows offset j of p.
func nextWord(p string, j int) word {
	var w word
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if !unicode.IsSpace(r) {
			break
		}
		w.newline = w.newline || r == '\n'
		j += n
	}
	w.pos = j
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if !opening(r) {
			w.r = r
			break
		}
		j += n
	}
	e := j
	for e < len(p) {
		r, n := utf8.DecodeRuneInString(p[e:])
		if !unicode.IsLetter(r) {
			break
		}
		e += n
	}
	w.word, w.end = p[j:e], e
	w.initial = oneUpper(w.word) && e < len(p) && p[e] == '.'
	return w
}

// wordAt returns the letters of the word after the white space at p[j:].
func wordAt(p string, j int) string {
	return nextWord(p, j).word
}

// wordBefore returns the word that ends at offset i of p, without the
// quotation marks, brackets or dashes before it, and its offset.
func wordBefore(p string, i int) (string, int) {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:j])
		if unicode.IsSpace(r) || r == '—' || r == '–' || r == '/' || opening(r) && r != '\'' {
			break
		}
		j -= n
	}
	for j < i {
		r, n := utf8.DecodeRuneInString(p[j:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Sc, r) {
			break
		}
		j += n
	}
	return p[j:i], j
}

// wordEndingAt returns the word before the white space that ends at
// offset ws of p.
func wordEndingAt(p string, ws int) string {
	j := len(strings.TrimRightFunc(p[:ws], unicode.IsSpace))
	w, _ := wordBefore(p, j)
	return w
}

// ordinal reports whether p[k:] starts with an ordinal number: "7th",
// "21st".
func ordinal(p string, k int) bool {
	j := k
	for j < len(p) && isDigit(rune(p[j])) {
		j++
	}
	if j == k || j+2 > len(p) {
		return false
	}
	switch p[j : j+2] {
	case "st", "nd", "rd", "th":
		return j+2 == len(p) || !unicode.IsLetter(rune(p[j+2]))
	}
	return false
}

// roman reports whether w is a Roman numeral in capitals of two letters
// or more: "II", "IV", "XII" (not "I", which is more often the pronoun).
func roman(w string) bool {
	return len(w) >= 2 && len(w) <= 7 && strings.Trim(w, "IVXLC") == ""
}

// startsWithDigit reports whether w starts with a digit: "6", "5:30".
func startsWithDigit(w string) bool {
	return w != "" && isDigit(rune(w[0]))
}

// lowerWordBefore reports whether the word before offset ws starts in
// lower case ("you and I.").
func lowerWordBefore(p string, ws int) bool {
	r, _ := utf8.DecodeRuneInString(wordEndingAt(p, ws))
	return unicode.IsLower(r)
}

// numeral reports whether w is a number, with an optional currency sign:
// "2018", "18.5", "$100.00", "1026.253.553".
func numeral(w string) bool {
	digits := false
	for i, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r == '.' || r == ',':
		case i == 0 && unicode.Is(unicode.Sc, r):
		default:
			return false
		}
	}
	return digits
}

// oneUpper reports whether w is a single upper-case letter.
func oneUpper(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

// dottedLetters reports whether w is single letters joined by periods:
// "U.S", "a.m", "V.V".
func dottedLetters(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for part := range strings.SplitSeq(w, ".") {
		r, n := utf8.DecodeRuneInString(part)
		if n != len(part) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// isDigit reports whether r is a decimal digit.
func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// spaceAt reports whether p[i:] starts with white space.
func spaceAt(p string, i int) bool { return unicode.IsSpace(runeAt(p, i)) }

// spaceBefore reports whether p[:i] ends with white space.
func spaceBefore(p string, i int) bool { return unicode.IsSpace(runeBefore(p, i)) }

// runeAt returns the character that starts p[i:], or 0 at the end of p.
func runeAt(p string, i int) rune {
	if i >= len(p) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(p[i:])
	return r
}

// runeBefore returns the character that ends p[:i], or 0 at its start.
func runeBefore(p string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(p[:i])
	return r
}

// A marker is a candidate list marker: "1.", "2)", "3.)", "a.", "b)".
type marker struct {
	item
	value  int  // 1 for "1." and "a."
	kind   byte // 'n' for numbers, 'a' for letters
	style  byte // '.', ')' or ']' for ".)"
	strong bool // it starts the paragraph, follows a bullet, or starts a line after a finished one
	weak   bool // it starts a line or follows the end of a sentence
}

// listItems returns the list items of p, in order. A bullet ("•", "⁃")
// preceded by white space starts an item; so does "-", "*" or "–" at the
// start of a line after end punctuation or a colon, or on two lines or
// more of the paragraph. A marker ("1.", "2)", "a.", "IV.") starts an
// item when it starts the paragraph, follows a bullet, or starts a line
// after end punctuation or a colon, and so do the markers that continue
// its numbering ("2." after "1.") anywhere. Other markers start items in
// pairs: a marker that starts a line or follows the end of a sentence,
// after a marker numbered one less that did the same. A marker in the
// middle of a sentence after a colon ("…troublesome: 1) what…; and 2)
// does…") starts none.
func listItems(p string) []item {
	var items []item
	var marks []marker
	type dash struct {
		pos int
		r   rune
	}
	var dashes []dash
	atLine, afterSpace := true, true
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf && c > ' ' && !afterSpace {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(p[i:])
		}
		if unicode.IsSpace(r) {
			atLine = atLine || r == '\n'
			afterSpace = true
			i += n
			continue
		}
		if !afterSpace {
			i += n
			continue
		}
		pos, bullet := i, false
		switch {
		case bulletRune(r):
			bullet = true
			items = append(items, item{pos, -1})
			for i += n; i < len(p) && (p[i] == ' ' || p[i] == '\t'); i++ {
			}
		case atLine && (r == '-' || r == '*' || r == '–') && i+n < len(p) && (p[i+n] == ' ' || p[i+n] == '\t'):
			dashes = append(dashes, dash{pos, r})
		}
		if m, ok := markerAt(p, i); ok {
			m.pos = pos
			m.strong = bullet || pos == 0 || atLine && finishedLine(p, pos)
			m.weak = atLine || afterStop(p, pos)
			marks = append(marks, m)
			if bullet {
				items[len(items)-1] = m.item
			}
		}
		atLine, afterSpace = false, false
		if i == pos {
			i += n
		}
	}
	lines := map[rune]int{}
	for _, d := range dashes {
		lines[d.r]++
	}
	for _, d := range dashes {
		if lines[d.r] >= 2 || finishedLine(p, d.pos) {
			items = append(items, item{d.pos, -1})
		}
	}
	// A marker is an item if its chain of numbering starts strong, or if
	// it and the marker before it both follow a sentence end or start a
	// line.
	accepted := make([]bool, len(marks))
	strong := make([]bool, len(marks))
	last := map[[2]byte]int{} // the last marker of each kind and style
	for k, m := range marks {
		strong[k] = m.strong
		if j, ok := last[[2]byte{m.kind, m.style}]; ok && marks[j].value == m.value-1 {
			strong[k] = strong[k] || strong[j]
			if m.weak && (marks[j].weak || strong[j]) {
				accepted[j], accepted[k] = true, true
			}
		}
		last[[2]byte{m.kind, m.style}] = k
		accepted[k] = accepted[k] || strong[k]
	}
	for k, m := range marks {
		if accepted[k] {
			items = append(items, m.item)
		}
	}
	slices.SortFunc(items, func(a, b item) int { return a.pos - b.pos })
	return slices.CompactFunc(items, func(a, b item) bool { return a.pos == b.pos })
}

// bulletRune reports whether r is a bullet.
func bulletRune(r rune) bool {
	switch r {
	case '•', '◦', '▪', '‣', '⁃', '●', '■', '►', '▸':
		return true
	}
	return false
}

// markerAt reads a list marker at p[i:], followed by white space.
func markerAt(p string, i int) (marker, bool) {
	var m marker
	if i+1 >= len(p) || p[i+1] != '.' && p[i+1] != ')' && !isDigit(rune(p[i+1])) && romanDigit(p[i+1]) == 0 {
		return m, false
	}
	j := i
	switch {
	case j < len(p) && isDigit(rune(p[j])) && p[j] != '0':
		m.kind = 'n'
		for j < len(p) && isDigit(rune(p[j])) && j-i < 2 {
			m.value = m.value*10 + int(p[j]-'0')
			j++
		}
	case j < len(p) && p[j] >= 'a' && p[j] <= 'z':
		m.kind = 'a'
		m.value = int(p[j]-'a') + 1
		j++
	case j < len(p) && romanDigit(p[j]) > 0:
		for j < len(p) && j-i < 4 && romanDigit(p[j]) > 0 {
			j++
		}
		m.kind, m.value = 'r', romanValue(p[i:j])
	default:
		return m, false
	}
	m.stop = -1
	switch {
	case strings.HasPrefix(p[j:], ".)"):
		m.style, m.stop = ']', j
		j += 2
	case strings.HasPrefix(p[j:], ")"):
		m.style = ')'
		j++
	case strings.HasPrefix(p[j:], "."):
		m.style, m.stop = '.', j
		j++
	default:
		return m, false
	}
	return m, spaceAt(p, j)
}

// romanValue returns the value of the Roman numeral w, made of I, V and X.
func romanValue(w string) int {
	v := 0
	for k := range len(w) {
		d := romanDigit(w[k])
		if k+1 < len(w) && d < romanDigit(w[k+1]) {
			v -= d
		} else {
			v += d
		}
	}
	return v
}

// romanDigit returns the value of the Roman digit b (I, V or X), or 0.
func romanDigit(b byte) int {
	switch b {
	case 'I':
		return 1
	case 'V':
		return 5
	case 'X':
		return 10
	}
	return 0
}

// finishedLine reports whether the line before the one that starts at
// offset pos ends with end punctuation or a colon.
func finishedLine(p string, pos int) bool {
	if afterStop(p, pos) {
		return true
	}
	j := strings.TrimRightFunc(strings.TrimRightFunc(p[:pos], unicode.IsSpace), closing)
	return strings.HasSuffix(j, ":") || strings.HasSuffix(j, ";")
}

// afterStop reports whether the text before offset pos ends a sentence:
// end punctuation, not the period of an abbreviation like "Art.".
func afterStop(p string, pos int) bool {
	j := strings.TrimRightFunc(p[:pos], unicode.IsSpace)
	j = strings.TrimRightFunc(j, closing)
	if j == "" {
		return true
	}
	if strings.HasSuffix(j, "…") {
		return true
	}
	switch j[len(j)-1] {
	case '!', '?':
		return true
	case '.':
		w, _ := wordBefore(j, len(j)-1)
		c := abbreviations[w]
		return c != prefixAbbrev && c != numberAbbrev
	}
	return false
}
