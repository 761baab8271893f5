package page

import (
	"strings"
)

// A Part is one sentence or line of a text, in reading order: a claim, or
// something else that a page shows around its claims.
type Part struct {
	// Text is the sentence or line, without surrounding white space.
	Text string
	// Skip reports that Text is not a claim: it is not classified, and
	// it never counts in a summary, a profile or a report.
	Skip bool
	// Kind names what a skipped part is; it is empty for a claim. The
	// kinds are:
	//
	//	title       the title of the text, or a line repeating it
	//	heading     a heading or another short line without final punctuation
	//	byline      "By …", an author's name standing alone, the author's note after it
	//	dateline    a date or time standing alone, or a place and date heading a report
	//	caption     the caption of a picture, with its credit
	//	credit      a photo credit, a copyright line, a "first published by" note, a disclaimer
	//	navigation  menus and breadcrumbs: items between separators such as | » ›
	//	widget      share, print, e-mail, comment, subscribe and cookie prompts
	//	tags        lists of tags, topics or categories
	//	metadata    "Label: value" lines such as "Publication: … Volume: 9 Issue: 36"
	//	related     a "Related articles" header and the headlines listed after it
	//	comment     what follows a comments header: readers' comments, their names and times
	//	reference   a bibliography entry
	//	marker      a note number opening an endnote ("1 –"), split from its text
	//	separator   a line with no letters ("*", "* * *")
	//	fragment    a cut-off last piece without final punctuation
	Kind string
}

// Parts splits plain text into its sentences and lines, in reading order,
// and marks those that are not claims. The claims among them are exactly
// the sentences [features.Sentences] gives for the text's body paragraphs.
// Parts does not read HTML: give it the text of a [Page].
//
// Parts is safe for concurrent use.
func Parts(text string) []Part {
	var out []Part
	sc := NewScanner(strings.NewReader(text))
	for sc.Scan() {
		out = append(out, sc.Part())
	}
	return out
}

// Claims returns the claims of plain text, in order: the parts of
// [Parts] that are not skipped.
func Claims(text string) []string {
	var out []string
	for _, p := range Parts(text) {
		if !p.Skip {
			out = append(out, p.Text)
		}
	}
	return out
}
