package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxLineBytes is the longest line ReadJSONL accepts, in bytes.
const MaxLineBytes = 16 << 20

// Errors wrapped by a [ParseError], for use with [errors.Is].
var (
	ErrSyntax       = errors.New("corpus: invalid JSON")
	ErrMissingText  = errors.New(`corpus: missing or empty "text"`)
	ErrMissingLabel = errors.New(`corpus: missing or empty "label"`)
	ErrInvalidUTF8  = errors.New("corpus: invalid UTF-8")
	ErrFieldType    = errors.New("corpus: field has the wrong type")
	ErrDuplicateID  = errors.New("corpus: duplicate id")
	ErrLineTooLong  = errors.New("corpus: line too long")
)

// A ParseError reports a bad line of a JSON Lines label file. Line counts
// from 1 and includes blank lines.
type ParseError struct {
	Line int   // the line of the bad record
	Err  error // the problem; wraps one of the Err… variables
}

// Error returns a message such as `line 12: corpus: missing or empty "label"`.
func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// ReadJSONL reads labeled claims in the JSON Lines format described in the
// package documentation. Blank lines are skipped, unknown fields ignored,
// and a UTF-8 byte order mark and CRLF line endings accepted. The first
// bad record stops reading: the error is a [*ParseError] naming its line.
// Claims of any label names are accepted.
func ReadJSONL(r io.Reader) ([]Claim, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	var claims []Claim
	ids := make(map[string]int)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		c, err := parseClaim(b)
		if err != nil {
			return claims, &ParseError{Line: line, Err: err}
		}
		if c.ID != "" {
			if first, dup := ids[c.ID]; dup {
				return claims, &ParseError{Line: line, Err: fmt.Errorf("%w %q (first on line %d)", ErrDuplicateID, c.ID, first)}
			}
			ids[c.ID] = line
		}
		claims = append(claims, c)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("%w: over %d bytes", ErrLineTooLong, MaxLineBytes)
		}
		return claims, &ParseError{Line: line + 1, Err: err}
	}
	return claims, nil
}

// parseClaim decodes and checks one record.
func parseClaim(b []byte) (Claim, error) {
	var c Claim
	if !utf8.Valid(b) {
		return c, ErrInvalidUTF8
	}
	if err := json.Unmarshal(b, &c); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return c, fmt.Errorf("%w: %q is %s, want string", ErrFieldType, te.Field, te.Value)
		}
		return c, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	switch {
	case strings.TrimSpace(c.Text) == "":
		return c, ErrMissingText
	case strings.TrimSpace(c.Label) == "":
		return c, ErrMissingLabel
	}
	return c, nil
}

// WriteJSONL writes claims in the JSON Lines format, one object a line,
// with the fields in the order id, source, text, label and HTML
// characters unescaped. Empty id and source fields are left out.
func WriteJSONL(w io.Writer, claims []Claim) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, c := range claims {
		if err := enc.Encode(c); err != nil {
			return fmt.Errorf("corpus: write claim %d: %w", i+1, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("corpus: write claims: %w", err)
	}
	return nil
}
