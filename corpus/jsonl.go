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
// and a UTF-8 byte order mark and CRLF line endings accepted. Labels are
// normalised by [NormalizeLabel]; labels that differ only in case are an
// error naming both lines. The first bad record stops reading: the error
// is a [*ParseError] naming its line. Claims of any label names are
// accepted.
func ReadJSONL(r io.Reader) ([]Claim, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	var claims []Claim
	ids := make(map[string]int)
	labels := make(map[string]labelSeen) // by LabelKey
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
		key := LabelKey(c.Label)
		if first, ok := labels[key]; !ok {
			labels[key] = labelSeen{c.Label, line}
		} else if first.label != c.Label {
			return claims, &ParseError{Line: line, Err: fmt.Errorf("%w: %q here, %q on line %d", ErrLabelCollision, c.Label, first.label, first.line)}
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

// labelSeen is where a label first appeared.
type labelSeen struct {
	label string
	line  int
}

// record is the JSON form of a Claim as read, which tells a null label
// from a missing one.
type record struct {
	ID     string          `json:"id"`
	Source string          `json:"source"`
	Text   string          `json:"text"`
	Label  json.RawMessage `json:"label"`
}

// parseClaim decodes and checks one record, normalising its label.
func parseClaim(b []byte) (Claim, error) {
	var c Claim
	if !utf8.Valid(b) {
		return c, ErrInvalidUTF8
	}
	if b[0] == '[' {
		return c, fmt.Errorf("%w: a JSON array; label files are JSON Lines, one object a line", ErrSyntax)
	}
	if b[0] != '{' {
		return c, fmt.Errorf(`%w: not a JSON object; label files are JSON Lines, one {"text": …, "label": …} a line`, ErrSyntax)
	}
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return c, fmt.Errorf("%w: %q is %s, want string", ErrFieldType, te.Field, te.Value)
		}
		return c, fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	c = Claim{ID: r.ID, Source: r.Source, Text: r.Text}
	null := string(r.Label) == "null"
	if len(r.Label) > 0 && !null {
		if err := json.Unmarshal(r.Label, &c.Label); err != nil {
			return c, fmt.Errorf("%w: \"label\" is %s, want string or null", ErrFieldType, jsonKind(r.Label))
		}
	}
	hasID := strings.TrimSpace(c.ID) != ""
	switch {
	case null && hasID:
		return c, nil // removes the claim of that id (see Merge)
	case strings.TrimSpace(c.Label) == "":
		return c, ErrMissingLabel
	case strings.TrimSpace(c.Text) == "" && !hasID:
		return c, ErrMissingText
	}
	var err error
	c.Label, err = NormalizeLabel(c.Label)
	return c, err
}

// jsonKind names the kind of a JSON value.
func jsonKind(v json.RawMessage) string {
	switch v[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	}
	return "number"
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
