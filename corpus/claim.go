package corpus

// The four stance labels of the fixture, spelled as in the JSON Lines
// files. Labels are plain strings: a user's own files may use any others.
const (
	BlameRussia = "blame_russia"
	BlameJapan  = "blame_japan"
	Compromise  = "compromise"
	Neutral     = "neutral"
)

// A Claim is one sentence with its stance label.
type Claim struct {
	// ID identifies the claim, such as "003-042"; optional in a user's
	// files, unique where given.
	ID string `json:"id,omitempty"`
	// Source names where the claim comes from: an article ID for the
	// fixture, anything (or nothing) in a user's files.
	Source string `json:"source,omitempty"`
	// Text is the claim itself, one sentence. Required.
	Text string `json:"text"`
	// Label is the claim's stance label. Required.
	Label string `json:"label"`
}

// An Article is one of the source texts of the fixture.
type Article struct {
	ID          string `json:"id"`          // the seed file's name without ".txt", e.g. "003_6583139472fcbe27"
	Title       string `json:"title"`       // the headline
	Author      string `json:"author"`      // empty where the source names none
	Publication string `json:"publication"` // where it appeared
	Date        string `json:"date"`        // ISO 8601, as precise as the source gives: "2018-06-14", "2014-04" or "2012"
	Text        string `json:"-"`           // the cleaned body: paragraphs separated by blank lines
}
