package features

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"
)

// MaxBlockBytes bounds the memory a [ClaimScanner] uses. A paragraph
// longer than this is cut at the last white space before the limit, or at
// the limit itself if there is none, and the pieces are segmented
// separately. With Lines set, a line longer than this is truncated: its
// claim is the line's first MaxBlockBytes bytes, the rest is skipped, and
// [ClaimScanner.Truncated] reports it.
const MaxBlockBytes = 256 << 10

// A ClaimScanner reads claims from a stream, one at a time, in bounded
// memory: it reads a paragraph (text up to a blank line) at a time and
// segments it, so input of any size can be classified as it arrives. Use
// it as a [bufio.Scanner]:
//
//	sc := features.NewClaimScanner(r)
//	for sc.Scan() {
//		claim := sc.Text()
//	}
//	if err := sc.Err(); err != nil { … }
type ClaimScanner struct {
	// Lines makes every non-empty line one claim, trimmed, instead of
	// segmenting paragraphs into sentences. Set it before the first Scan.
	Lines bool
	// Segment splits a paragraph into claims when Lines is false. It is
	// set to [Sentences] by NewClaimScanner.
	Segment Segmenter

	sc        *bufio.Scanner
	started   bool
	pending   []string
	claim     string
	line      []byte // with Lines: the claim, valid until the next Scan
	lineText  bool   // with Lines: claim holds the text of line
	cut       bool   // the block being returned was truncated
	truncated bool   // the current claim was truncated
}

// NewClaimScanner returns a ClaimScanner reading from r.
func NewClaimScanner(r io.Reader) *ClaimScanner {
	return &ClaimScanner{Segment: Sentences, sc: bufio.NewScanner(r)}
}

// Scan advances to the next claim, which Text then returns. It returns
// false at the end of the input or on a read error; Err tells which.
func (s *ClaimScanner) Scan() bool {
	if !s.started {
		s.started = true
		s.sc.Buffer(make([]byte, 0, 64<<10), MaxBlockBytes+utf8.UTFMax)
		if s.Lines {
			s.sc.Split(s.splitLines())
		} else {
			s.sc.Split(splitParagraphs)
		}
	}
	s.truncated = false
	for len(s.pending) == 0 {
		if !s.sc.Scan() {
			return false
		}
		if s.Lines {
			if line := bytes.TrimSpace(s.sc.Bytes()); len(line) > 0 {
				s.line, s.lineText, s.truncated = line, false, s.cut
				return true
			}
			continue
		}
		s.pending = s.Segment(s.sc.Text())
	}
	s.claim, s.pending = s.pending[0], s.pending[1:]
	s.line, s.lineText = nil, true
	return true
}

// Truncated reports whether the claim found by the last Scan was cut
// short: with Lines set, a line longer than [MaxBlockBytes].
func (s *ClaimScanner) Truncated() bool { return s.truncated }

// Text returns the claim found by the last Scan.
func (s *ClaimScanner) Text() string {
	if !s.lineText {
		s.claim, s.lineText = string(s.line), true
	}
	return s.claim
}

// Bytes returns the claim found by the last Scan as bytes, which are
// only valid until the next Scan and must not be modified. With Lines
// set, Bytes does not allocate: it is the way to read claims at speed.
func (s *ClaimScanner) Bytes() []byte {
	if s.line == nil && s.lineText {
		return []byte(s.claim)
	}
	return s.line
}

// Err returns the first read error, or nil at the end of the input.
func (s *ClaimScanner) Err() error { return s.sc.Err() }

// splitLines returns a bufio.SplitFunc that yields lines, truncating
// those longer than MaxBlockBytes and skipping the rest of them.
func (s *ClaimScanner) splitLines() bufio.SplitFunc {
	skipping := false
	return func(data []byte, atEOF bool) (int, []byte, error) {
		if skipping {
			i := bytes.IndexByte(data, '\n')
			switch {
			case i >= 0:
				skipping = false
				return i + 1, nil, nil
			case atEOF:
				return len(data), nil, nil
			}
			return len(data), nil, nil // discard and read on
		}
		if atEOF && len(data) == 0 {
			return 0, nil, nil
		}
		if i := bytes.IndexByte(data, '\n'); i >= 0 && i <= MaxBlockBytes {
			s.cut = false
			return i + 1, data[:i], nil
		}
		if len(data) >= MaxBlockBytes {
			cut := cutPoint(data[:MaxBlockBytes], false)
			s.cut, skipping = true, true
			return cut, data[:cut], nil
		}
		if atEOF {
			s.cut = false
			return len(data), data, nil
		}
		return 0, nil, nil
	}
}

// splitParagraphs is a bufio.SplitFunc that yields paragraphs (text up
// to a blank line), each at most MaxBlockBytes long.
func splitParagraphs(data []byte, atEOF bool) (int, []byte, error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i, j := blankLine(data); i >= 0 && i <= MaxBlockBytes {
		return j, data[:i], nil
	}
	if len(data) >= MaxBlockBytes {
		cut := cutPoint(data[:MaxBlockBytes], true)
		return cut, data[:cut], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// cutPoint returns where to cut an over-long block: after its last white
// space if atSpace is set and it has one, or else after its last complete
// character.
func cutPoint(b []byte, atSpace bool) int {
	if i := bytes.LastIndexAny(b, " \t\r\n"); atSpace && i > 0 {
		return i + 1
	}
	for j := len(b) - 1; j >= 0 && j >= len(b)-utf8.UTFMax; j-- {
		if utf8.RuneStart(b[j]) {
			if utf8.FullRune(b[j:]) || j == 0 {
				return len(b)
			}
			return j
		}
	}
	return len(b)
}
