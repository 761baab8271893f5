package page

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/stancekit/stancekit/features"
)

// A Scanner reads the parts of plain text from a stream, one at a time,
// in bounded memory: it holds a paragraph (text up to a blank line) and
// the one after it, each at most [features.MaxBlockBytes] long — a longer
// paragraph is cut at white space, as [features.ClaimScanner] cuts it.
// [Parts] is a Scanner run over a string. Use it as a [bufio.Scanner]:
//
//	sc := page.NewScanner(r)
//	for sc.Scan() {
//		p := sc.Part()
//	}
//	if err := sc.Err(); err != nil { … }
//
// A Scanner reads plain text; to read what may be a saved HTML page, use
// [IsHTML] and [Read] first.
type Scanner struct {
	sc    *bufio.Scanner
	units []unit // units read but not judged: the current one and a lookahead
	paras int    // paragraphs read
	eof   bool
	ready []Part // parts judged but not returned
	part  Part
	para  int // paragraph of the parts in ready
	st    judge
}

// NewScanner returns a Scanner reading plain text from r.
func NewScanner(r io.Reader) *Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), features.MaxBlockBytes+utf8.UTFMax)
	sc.Split(splitParagraphs)
	return &Scanner{sc: sc, st: judge{seen: make(map[string]string)}}
}

// Open returns a Scanner over the parts of r, which may be plain text or
// a saved HTML page, told apart by content ([IsHTML] on its first 4 KiB):
// a page is read whole with [Read], at most [MaxPageBytes], and the
// Scanner reads its main text; plain text is streamed, in bounded memory.
// This is how `stance classify` reads a file. Errors of reading the start
// of r, and those of Read, wrap [ErrRead] or [ErrTooLarge]; later read
// errors of plain text come from [Scanner.Err].
func Open(r io.Reader) (*Scanner, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("%w: %w", ErrRead, err)
	}
	if !IsHTML(head) {
		return NewScanner(br), nil
	}
	p, err := Read(br)
	if err != nil {
		return nil, err
	}
	return NewScanner(strings.NewReader(p.Text())), nil
}

// Scan advances to the next part, which Part then returns. It returns
// false at the end of the input or on a read error; Err tells which.
func (s *Scanner) Scan() bool {
	for len(s.ready) == 0 {
		// Judging a unit needs the unit after it: is it the last one?
		for len(s.units) < 2 && !s.eof {
			if !s.sc.Scan() {
				s.eof = true
				break
			}
			s.units = appendUnits(s.units, s.sc.Text(), s.paras)
			s.paras++
		}
		if len(s.units) == 0 {
			return false
		}
		u := s.units[0]
		s.units = s.units[1:]
		var next *unit
		if len(s.units) > 0 {
			next = &s.units[0]
		}
		s.ready = s.st.unit(s.ready[:0], u, next)
		s.para = u.para
	}
	s.part = s.ready[0]
	s.ready = s.ready[1:]
	return true
}

// Part returns the part found by the last Scan.
func (s *Scanner) Part() Part { return s.part }

// Para returns the number of the paragraph (text up to a blank line)
// that holds the part found by the last Scan, counting from 0 — for
// callers that show parts as paragraphs.
func (s *Scanner) Para() int { return s.para }

// Err returns the first read error, or nil at the end of the input.
func (s *Scanner) Err() error { return s.sc.Err() }

// blankLine matches a line that holds nothing but white space, together
// with the line breaks around it: the paragraph break of
// [features.Sentences].
var blankLine = regexp.MustCompile(`\n[ \t\r\f\v\p{Zs}]*\n\s*`)

// splitParagraphs is a bufio.SplitFunc that yields paragraphs (text up
// to a blank line), each at most features.MaxBlockBytes long.
func splitParagraphs(data []byte, atEOF bool) (int, []byte, error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if m := blankLine.FindIndex(data); m != nil && m[0] <= features.MaxBlockBytes {
		return m[1], data[:m[0]], nil
	}
	if len(data) >= features.MaxBlockBytes {
		cut := cutPoint(data[:features.MaxBlockBytes])
		return cut, data[:cut], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// cutPoint returns where to cut an over-long paragraph: after its last
// white space, or else after its last complete character.
func cutPoint(b []byte) int {
	if i := bytes.LastIndexAny(b, " \t\r\n"); i > 0 {
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

// A unit is a piece of a paragraph judged as a whole: the paragraph
// itself, or one of its lines when its lines stand apart (a menu, a
// byline over a date), or a run of lines wrapped from one paragraph.
type unit struct {
	text  string
	alone bool // the unit is its whole paragraph
	para  int  // number of its paragraph
}

// appendUnits splits a paragraph into units and appends them to us.
// Lines join into one unit where a line runs on into the next: it ends
// without final punctuation and the next starts in lower case, or it
// ends on a comma, a dash or a function word, or it is a long line of
// prose; or it ends with a period and the next line starts in lower
// case ("etc." then "in parallel").
func appendUnits(us []unit, para string, num int) []unit {
	para = strings.TrimSpace(para)
	if para == "" {
		return us
	}
	lines := strings.Split(para, "\n")
	if len(lines) == 1 {
		return append(us, unit{text: para, alone: true, para: num})
	}
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(strings.TrimSpace(l)))
	}
	n := len(us)
	start := 0 // offset in para of the current unit
	off := 0   // offset in para of the current line
	for i, l := range lines {
		end := off + len(l)
		if i == len(lines)-1 || !runsOn(strings.TrimSpace(l), strings.TrimSpace(lines[i+1]), width) {
			if t := strings.TrimSpace(para[start:end]); t != "" {
				us = append(us, unit{text: t, para: num})
			}
			start = end + 1
		}
		off = end + 1
	}
	if len(us) == n+1 {
		us[n].alone = true
	}
	return us
}

// runsOn reports whether line continues into next: the two are lines of
// one wrapped paragraph.
func runsOn(line, next string, width int) bool {
	if line == "" || next == "" || separators(line) >= 2 || separators(next) >= 2 {
		return false
	}
	lower := startsLower(next)
	if terminal(line) {
		return lower
	}
	if lower || continuation(line) {
		return true
	}
	// A long line of prose, or any line reaching near the margin of
	// the longest: the lines of hard-wrapped text.
	w := words(line)
	n := utf8.RuneCountInString(line)
	return len(w) >= 6 && ((n >= max(40, width*6/10) && capRatio(w) < 0.5) || (width >= 50 && n >= width*85/100))
}
