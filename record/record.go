// Package record encodes the JSON Lines records that `stance classify`
// writes, so that every program writing them — the command, a Beam
// pipeline, a server — produces the same bytes.
//
// # Claim records
//
// One line per claim, the fields always in this order:
//
//	{"source":"a.txt","index":0,"text":"Moscow refuses.","label":"blame_russia","probabilities":{"blame_japan":0.0554,"blame_russia":0.8453,"compromise":0.0070,"neutral":0.0923},"evidence":[{"feature":"@russia refus","count":1,"contribution":1.2553}]}
//
// source names the text the claim comes from and index is the claim's
// position in it, from 0. probabilities holds every label of the model,
// in the order the caller gives (a model's Labels are sorted), and
// evidence lists the prediction's evidence, strongest first, each feature
// cut to [MaxFeatureBytes]. Probabilities and contributions have exactly
// four decimals ([AppendFixed4]). A claim with no feature the model knows
// ([stance.Prediction.Unknown]) has "unknown":true after its label.
//
// A part of a text that is not a claim (a title, a byline, navigation;
// see package page) is written, when asked for, with the label "skip"
// and its kind instead of probabilities and evidence:
//
//	{"source":"a.txt","index":0,"text":"Home | World | Asia","label":"skip","kind":"navigation"}
//
// # Summary records
//
// One line per source, the number and share of each label among its
// claims, every label of the model listed, and the number of parts that
// were not claims:
//
//	{"source":"a.txt","summary":{"claims":2,"skipped":0,"counts":{"blame_japan":0,"blame_russia":1,"compromise":0,"neutral":1},"shares":{"blame_japan":0.0000,"blame_russia":0.5000,"compromise":0.0000,"neutral":0.5000}}}
//
// and, for a whole collection, the same summary object under the number
// of sources:
//
//	{"sources":1,"summary":{"claims":2,"skipped":0,"counts":{"blame_japan":0,"blame_russia":1,"compromise":0,"neutral":1},"shares":{"blame_japan":0.0000,"blame_russia":0.5000,"compromise":0.0000,"neutral":0.5000}}}
//
// # Strings
//
// Strings escape the quote, the backslash, control characters, DEL and
// U+2028/U+2029, and invalid UTF-8 becomes U+FFFD: every record is valid
// JSON on one line, whatever the input text.
package record

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/stancekit/stancekit/stance"
)

// AppendClaim appends the claim record of p, the prediction for claim
// number index of source, to dst and returns the extended buffer. The
// record ends with a newline. labels orders the probabilities; pass the
// model's Labels. AppendClaim allocates nothing when dst has room.
func AppendClaim(dst []byte, source string, index int, p *stance.Prediction, labels []string) []byte {
	b := appendHead(dst, source, index, p.Text)
	b = append(b, `,"label":`...)
	b = appendString(b, p.Label)
	if p.Unknown {
		b = append(b, `,"unknown":true`...)
	}
	b = append(b, `,"probabilities":{`...)
	for i, l := range labels {
		b = appendKey(b, i, l)
		b = AppendFixed4(b, p.Probabilities[l])
	}
	b = append(b, `},"evidence":[`...)
	for i, ev := range p.Evidence {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"feature":`...)
		b = appendString(b, ClipFeature(ev.Feature))
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(ev.Count), 10)
		b = append(b, `,"contribution":`...)
		b = AppendFixed4(b, ev.Contribution)
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

// SkipLabel is the label of the records of parts that are not claims.
const SkipLabel = "skip"

// AppendSkip appends the record of a part of source that is not a claim,
// at position index, of the given kind, to dst and returns the extended
// buffer. The record ends with a newline.
func AppendSkip(dst []byte, source string, index int, text, kind string) []byte {
	b := appendHead(dst, source, index, text)
	b = append(b, `,"label":"`+SkipLabel+`","kind":`...)
	b = appendString(b, kind)
	return append(b, "}\n"...)
}

// appendHead opens a record with its source, index and text.
func appendHead(b []byte, source string, index int, text string) []byte {
	b = append(b, `{"source":`...)
	b = appendString(b, source)
	b = append(b, `,"index":`...)
	b = strconv.AppendInt(b, int64(index), 10)
	b = append(b, `,"text":`...)
	return appendString(b, text)
}

// MaxFeatureBytes is the longest evidence feature a record holds, in
// bytes; a longer one (only a hostile model holds one) is cut at a
// character boundary and ends with "…".
const MaxFeatureBytes = 64

// ClipFeature returns f cut to [MaxFeatureBytes], as records write it.
func ClipFeature(f string) string {
	if len(f) <= MaxFeatureBytes {
		return f
	}
	cut := MaxFeatureBytes
	for cut > 0 && !utf8.RuneStart(f[cut]) {
		cut--
	}
	return f[:cut] + "…"
}

// AppendSummary appends the summary record of source to dst and returns
// the extended buffer. counts holds the number of claims of each label
// and skipped the number of parts that were not claims; the record lists
// the labels of labels, in that order, and its claim count is their sum.
// The record ends with a newline.
func AppendSummary(dst []byte, source string, counts map[string]int, skipped int, labels []string) []byte {
	b := append(dst, `{"source":`...)
	b = appendString(b, source)
	return appendSummaryObject(b, counts, skipped, labels)
}

// AppendTotals appends the summary record of a collection of sources to
// dst and returns the extended buffer: like [AppendSummary], with the
// number of sources in place of a source name.
func AppendTotals(dst []byte, sources int, counts map[string]int, skipped int, labels []string) []byte {
	b := append(dst, `{"sources":`...)
	b = strconv.AppendInt(b, int64(sources), 10)
	return appendSummaryObject(b, counts, skipped, labels)
}

// appendSummaryObject appends the "summary" member of a summary record
// and closes the record.
func appendSummaryObject(b []byte, counts map[string]int, skipped int, labels []string) []byte {
	claims := 0
	for _, l := range labels {
		claims += counts[l]
	}
	b = append(b, `,"summary":{"claims":`...)
	b = strconv.AppendInt(b, int64(claims), 10)
	b = append(b, `,"skipped":`...)
	b = strconv.AppendInt(b, int64(skipped), 10)
	b = append(b, `,"counts":{`...)
	for i, l := range labels {
		b = appendKey(b, i, l)
		b = strconv.AppendInt(b, int64(counts[l]), 10)
	}
	b = append(b, `},"shares":{`...)
	for i, l := range labels {
		b = appendKey(b, i, l)
		share := 0.0
		if claims > 0 {
			share = float64(counts[l]) / float64(claims)
		}
		b = strconv.AppendFloat(b, share, 'f', 4, 64)
	}
	return append(b, "}}}\n"...)
}

// AppendFixed4 appends x with exactly four decimals, as the records write
// probabilities and contributions, and returns the extended buffer. It
// gives the digits of strconv.AppendFloat(dst, x, 'f', 4, 64) but for
// exact ties, which it rounds half away from zero, and is several times
// faster: records carry many numbers. NaN, infinities and values of
// magnitude 1e12 or more take strconv's path.
func AppendFixed4(dst []byte, x float64) []byte {
	if !(x > -1e12 && x < 1e12) {
		return strconv.AppendFloat(dst, x, 'f', 4, 64)
	}
	neg := x < 0
	if neg {
		x = -x
	}
	n := int64(math.Round(x * 1e4))
	if neg && n != 0 {
		dst = append(dst, '-')
	}
	if whole := n / 1e4; whole < 10 {
		dst = append(dst, byte('0'+whole)) // probabilities, most contributions
	} else {
		dst = strconv.AppendInt(dst, whole, 10)
	}
	frac := n % 1e4
	return append(dst, '.', byte('0'+frac/1000), byte('0'+frac/100%10), byte('0'+frac/10%10), byte('0'+frac%10))
}

// appendKey appends a JSON object key, preceded by a comma unless first.
func appendKey(b []byte, i int, key string) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	b = appendString(b, key)
	return append(b, ':')
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		// Copy the longest run that needs no escaping in one go,
		// testing 8 bytes at a time where it can.
		j := safeRun(s, i)
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// safeRun returns the end of the run of bytes of s from i that stand for
// themselves in a JSON string.
func safeRun(s string, i int) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8]
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		// A byte of w is unsafe if it is below 0x20, at or above 0x7f,
		// '"' or '\\': each test sets the byte's high bit (the classic
		// "has a byte less than n" tricks, exact for ASCII bytes; bytes
		// with the high bit set are caught by w itself).
		below := w - ones*0x20
		del := w + ones*(0x80-0x7f)
		quote := (w ^ ones*'"') - ones
		slash := (w ^ ones*'\\') - ones
		if (below|del|quote|slash|w)&highs != 0 {
			break
		}
	}
	for i < len(s) && safe[s[i]] {
		i++
	}
	return i
}

// safe marks the bytes that stand for themselves in a JSON string:
// printable ASCII but the quote and the backslash.
var safe = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()
