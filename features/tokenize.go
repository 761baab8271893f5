package features

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Tokenizer splits a claim into lower-case word tokens. [Tokenize] is
// the provided Tokenizer; any function with this signature can replace it.
type Tokenizer func(s string) []string

// Tokenize splits s into lower-case word tokens, Unicode-aware:
//   - a token is a run of letters, digits and combining marks; decimals
//     and thousands ("18.5", "1,000") and initialisms ("U.S." → "u.s.")
//     stay whole;
//   - straight (') and curly (’) apostrophes are the same; possessives
//     lose their ending ("Moscow’s" → "moscow", "countries’" →
//     "countries");
//   - the negative clitic becomes a word of its own: "don't" → "do",
//     "not"; "can't" → "can", "not"; "won't" → "will", "not"; other
//     clitics ('s, 're, 've, 'll, 'd, 'm) are dropped;
//   - a hyphenated compound yields its parts ("one-sided" → "one",
//     "sided"; "Sino-Russian" → "sino", "russian");
//   - nothing is dropped for being short or common: "no", "not", "nor" and
//     "against" are tokens like any other.
//
// Invalid UTF-8 and control characters separate tokens and never appear in
// them. Tokenize is safe for concurrent use.
func Tokenize(s string) []string {
	var out []string
	scan(s, nil, func(tok []byte, _ tokenFlags) { out = append(out, string(tok)) })
	return out
}

// ScanTokens calls fn with each token of s, the tokens [Tokenize]
// returns, without allocating: tok is only valid during the call. It
// lives in buf, which ScanTokens grows as needed and returns for reuse.
func ScanTokens(s string, buf []byte, fn func(tok []byte)) []byte {
	return scan(s, buf, func(tok []byte, _ tokenFlags) { fn(tok) })
}

// tokenFlags describe where a token stands.
type tokenFlags uint8

const (
	// afterBreak marks the first token after clause punctuation
	// (. , ; : ! ? and brackets and dashes).
	afterBreak tokenFlags = 1 << iota
	// inCompound marks a part of a hyphenated compound.
	inCompound
)

// scan calls emit for every token of s, in order. The token is only valid
// during the call: it lives in buf, which scan grows as needed and
// returns for reuse. buf keeps room for 8 bytes past every token, so
// that a token's bytes can be read a machine word at a time.
func scan(s string, buf []byte, emit func(tok []byte, f tokenFlags)) []byte {
	brk := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case asciiOther:
				i++
				continue
			case asciiBreak:
				brk = true
				i++
				continue
			}
			// An ASCII word: its end is the end of the run of letters
			// and digits, unless what follows may continue a word
			// ("don't", "U.S.", "1,000") or is not ASCII; then the
			// general path below decides.
			j := wordRun(s, i+1)
			if j == len(s) || plainEnd[s[j]] {
				var f tokenFlags
				if brk {
					f |= afterBreak
				}
				brk = false
				if (j < len(s) && s[j] == '-') || (i > 0 && isHyphen(prevRune(s, i))) {
					f |= inCompound
				}
				// No apostrophe, so no clitic: the word is one token,
				// lower-cased by setting bit 5 (digits have it set).
				n := j - i
				buf = slices.Grow(buf[:0], n+8)[:n+8]
				for k := 0; k < n; k += 8 {
					if i+k+8 > len(s) {
						for ; k < n; k++ {
							buf[k] = s[i+k] | 0x20
						}
						break
					}
					binary.LittleEndian.PutUint64(buf[k:], load64(s, i+k)|0x2020202020202020)
				}
				buf = buf[:n]
				emit(buf, f)
				i = j
				continue
			}
		}
		r, n := rune(c), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			if isBreak(r) {
				brk = true
			}
			i += n
			continue
		}
		end := wordEnd(s, i)
		word := s[i:end]
		var f tokenFlags
		if brk {
			f |= afterBreak
		}
		brk = false
		if isHyphen(prevRune(s, i)) || isHyphen(nextRune(s, end)) {
			f |= inCompound
		}
		buf = emitWord(buf, word, f, emit)
		i = end
	}
	return buf
}

// wordRun returns the end of the run of ASCII letters and digits of s
// that starts at i, testing 8 bytes at a time where it can.
func wordRun(s string, i int) int {
	const (
		ones = 0x0101010101010101
		low7 = 0x7f * ones
		high = 0x80 * ones
	)
	for i+8 <= len(s) {
		w := load64(s, i)
		// For each byte x below 0x80, x + (0x80 - lo) has its high
		// bit set if x >= lo, and x + (0x7f - hi) if x > hi; no sum
		// carries into the next byte. Letters are tested on x | 0x20,
		// which maps only 'A'–'Z' and 'a'–'z' into 'a'–'z'.
		x := w & low7
		y := x | 0x20*ones
		digit := (x + (0x80-'0')*ones) &^ (x + (0x7f-'9')*ones)
		letter := (y + (0x80-'a')*ones) &^ (y + (0x7f-'z')*ones)
		if other := ^(digit | letter) & high; other|w&high != 0 {
			return i + bits.TrailingZeros64(other|w&high)/8
		}
		i += 8
	}
	for i < len(s) && asciiClass[s[i]] == asciiWordByte {
		i++
	}
	return i
}

// load64 returns s[i:i+8] as a little-endian integer.
func load64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// The classes of ASCII bytes for scan.
const (
	asciiOther    = iota // space, symbols, control characters
	asciiWordByte        // a letter or digit
	asciiBreak           // clause punctuation (isBreak)
)

// asciiClass gives the class of each byte below utf8.RuneSelf; the
// others are classed by scan's general path.
var asciiClass = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		switch {
		case asciiWord[c]:
			t[c] = asciiWordByte
		case isBreak(rune(c)):
			t[c] = asciiBreak
		}
	}
	return t
}()

// plainEnd marks the ASCII bytes that end a word wherever they stand:
// all but letters, digits and those that may continue a word
// (apostrophe, period, comma). Bytes at or above utf8.RuneSelf are not
// marked.
var plainEnd = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = !asciiWord[c] && c != '\'' && c != '.' && c != ','
	}
	return t
}()

// wordEnd returns the end of the word that starts at s[start].
func wordEnd(s string, start int) int {
	i := start
	if c := s[i]; c < utf8.RuneSelf && (i+1 >= len(s) || s[i+1] != '.') {
		// ASCII fast path: not an initialism ("U.S."), so the word is
		// the run of ASCII letters and digits unless what ends it is a
		// character that may continue a word.
		for i < len(s) && s[i] < utf8.RuneSelf && asciiWord[s[i]] {
			i++
		}
		if i == len(s) {
			return i
		}
		if c := s[i]; c < utf8.RuneSelf && c != '\'' && c != '.' && c != ',' {
			return i
		}
		i = start
	} else if end, ok := initialismEnd(s, start); ok {
		return end
	}
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf && asciiWord[c] {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return i
		case isWordRune(r):
			i += n
			continue
		case isApostrophe(r) || r == '.' || r == ',':
			// Inside a word only when a word character follows, and
			// '.' or ',' only between digits.
			next, m := utf8.DecodeRuneInString(s[i+n:])
			if !isWordRune(next) || (next == utf8.RuneError && m <= 1) {
				if isApostrophe(r) && i+n <= len(s) && possessiveEnd(s[start:i]) {
					return i + n
				}
				return i
			}
			if r != '\'' && r != '’' {
				prev, _ := utf8.DecodeLastRuneInString(s[:i])
				if !unicode.IsDigit(prev) || !unicode.IsDigit(next) {
					return i
				}
			}
			i += n
			continue
		}
		return i
	}
	return i
}

// possessiveEnd reports whether an apostrophe after word is the plural
// possessive ("countries’"), which belongs to the word.
func possessiveEnd(word string) bool {
	return strings.HasSuffix(word, "s") || strings.HasSuffix(word, "S")
}

// initialismEnd recognises "U.S.", "U.N." and "e.g." at s[start]: two or
// more single letters each followed by a period.
func initialismEnd(s string, start int) (int, bool) {
	if _, n := utf8.DecodeRuneInString(s[start:]); start+n >= len(s) || s[start+n] != '.' {
		return start, false // fast path: no period after the first letter
	}
	i, letters := start, 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) || i+n >= len(s) || s[i+n] != '.' {
			break
		}
		i += n + 1
		letters++
		if i < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[i:]); !unicode.IsLetter(next) {
				break
			}
			if end := wordEndPlain(s, i); end-i > utf8.RuneLen(r) {
				break // "J.Fergusson": an initial before a name
			}
		}
	}
	return i, letters >= 2
}

// wordEndPlain returns the end of the run of word runes at s[i].
func wordEndPlain(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) || (r == utf8.RuneError && n == 1) {
			break
		}
		i += n
	}
	return i
}

// emitWord lower-cases word into buf, splits off clitics and emits the
// tokens.
func emitWord(buf []byte, word string, f tokenFlags, emit func([]byte, tokenFlags)) []byte {
	w := appendLower(buf[:0], word)
	base, clitic := w, ""
	if n := len(w); n > 3 && string(w[n-3:]) == "n't" {
		base, clitic = w[:n-3], "not"
		switch string(base) {
		case "ca":
			base = append(base[:0], "can"...)
		case "wo":
			base = append(base[:0], "will"...)
		case "sha":
			base = append(base[:0], "shall"...)
		}
	} else if j := bytes.LastIndexByte(w, '\''); j >= 0 {
		switch string(w[j:]) {
		case "'", "'s", "'re", "'ve", "'ll", "'d", "'m":
			base = w[:j]
		}
	}
	if len(base) > 0 {
		emit(base, f)
		f &^= afterBreak
	}
	if clitic != "" {
		emit(append(w[len(w):], clitic...), f)
	}
	return w
}

// appendLower appends the lower-case form of s to b, with the curly
// apostrophe (’) as a straight one.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '’' {
			b = append(b, '\'')
		} else {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		i += n
	}
	return b
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// isBreak reports whether r ends a clause for negation scope and n-grams.
func isBreak(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '—', '–', '"', '“', '”', '…':
		return true
	}
	return false
}

func prevRune(s string, i int) rune {
	if i > 0 && s[i-1] < utf8.RuneSelf {
		return rune(s[i-1])
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func nextRune(s string, i int) rune {
	if i < len(s) && s[i] < utf8.RuneSelf {
		return rune(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}
