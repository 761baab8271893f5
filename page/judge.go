package page

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/stancekit/stancekit/features"
)

// maxSeen bounds the lines a judge remembers to recognise repeats.
const maxSeen = 4096

// judge decides, unit by unit in reading order, what is a claim. It
// remembers a little of what came before: the title, the kind of the
// last part, whether a list of related headlines is open, and the short
// lines already seen.
type judge struct {
	units    int               // units judged so far
	claims   int               // claims found so far
	title    string            // the text's title, once found
	prev     string            // kind of the last part; "" for a claim
	mode     string            // "related", "comment" or "author" after a header opening such a section
	prevName bool              // the last unit was a name standing alone
	seen     map[string]string // short lines seen, with the kind given them
}

// unit judges u, given the unit after it (nil at the end of the text),
// and appends its parts to out.
func (j *judge) unit(out []Part, u unit, next *unit) []Part {
	j.units++
	first, last := j.units == 1, next == nil
	t := strings.Map(plainSpace, u.text)
	if m := noteMarker.FindStringSubmatchIndex(t); m != nil {
		out = append(out, Part{Text: t[m[2]:m[3]], Skip: true, Kind: "marker"})
		t = strings.TrimSpace(t[m[3]:])
	}
	if strings.Contains(t, "[") {
		stripped := strings.TrimSpace(inlineMarker.ReplaceAllString(t, ""))
		if stripped == "" {
			return append(out, Part{Text: t, Skip: true, Kind: "marker"}) // "[3]" alone
		}
		t = stripped
	}
	prevName := j.prevName
	j.prevName = isName(t)
	kind := j.lineKind(t, first, last, prevName, u.alone)
	if len(t) <= 100 {
		if k, ok := j.seen[t]; ok && kind == "" && k != "" {
			kind = k // a short line repeated: a menu item, a widget
		} else if !ok && len(j.seen) < maxSeen {
			j.seen[t] = kind
		}
	}
	if kind != "" {
		j.prev = kind
		return append(out, Part{Text: t, Skip: true, Kind: kind})
	}
	sents := features.Sentences(t)
	for i, s := range sents {
		k := sentenceKind(s, last && i == len(sents)-1 && !(first && len(sents) == 1))
		if k == "" && j.prev == "dateline" && len(words(s)) <= 3 && !strings.ContainsFunc(s, unicode.IsLower) {
			k = "dateline" // the agency after a dateline: "MOSCOW, January 16." "/TASS/."
		}
		if k == "" && i > 0 && i == len(sents)-1 && !terminal(s) && !strings.HasSuffix(s, ":") {
			// A paragraph's last piece without a final mark, such as
			// the buttons of a banner: "Accept all   Manage settings".
			k = "heading"
			if widgetWord.MatchString(s) {
				k = "widget"
			}
		}
		out = append(out, Part{Text: s, Skip: k != "", Kind: k})
		j.prev = k
		if k == "" {
			j.claims++
		}
	}
	return out
}

// lineKind returns the kind of a unit that is not prose, or "".
// prevName reports that the unit before was a name standing alone.
// alone reports that the unit is a paragraph of its own.
func (j *judge) lineKind(t string, first, last, prevName, alone bool) string {
	w := words(t)
	nw := len(w)
	term := terminal(t)
	ratio := capRatio(w)
	only := first && last // the whole text is this one unit

	if nw > 80 && term {
		j.mode = ""
		return "" // a paragraph of prose: the sentences are judged one by one
	}
	if !hasLetter(t) {
		if date.MatchString(t) {
			return "dateline"
		}
		return "separator"
	}
	if separators(t) >= 2 || repeatedSeparator(w) {
		return "navigation"
	}
	if mayBeReproduced(t) && reproduced.MatchString(t) && reproducedWhat.MatchString(t) {
		return "credit"
	}
	if (mayBeLabel(t) && creditLabel.MatchString(t)) || (mayBeCopyright(t) && copyright.MatchString(t)) ||
		(!term && strings.ContainsAny(t, ")/") && creditEnd.MatchString(t)) ||
		(!term && nw <= 4 && creditWord.MatchString(t)) {
		if nw <= 5 || strings.HasPrefix(t, "©") {
			return "credit"
		}
		return "caption"
	}
	if nw <= 12 && !term && byline.MatchString(t) {
		return "byline"
	}
	if tagLabel.MatchString(t) {
		return "tags"
	}
	if nw <= 24 && len(metaLabel.FindAllString(t, 3)) >= 2 {
		return "metadata"
	}
	// A dateline is short, or has no final punctuation.
	if !term || nw <= 12 {
		if d := date.FindAllStringIndex(t, -1); d != nil {
			rest := t
			for k := len(d) - 1; k >= 0; k-- {
				rest = rest[:d[k][0]] + " " + rest[d[k][1]:]
			}
			if !term || len(words(rest)) <= 3 {
				return "dateline"
			}
		}
	}
	if nw <= 8 {
		switch {
		case relatedHeader.MatchString(t):
			j.mode = "related"
			return "related"
		case commentHeader.MatchString(t):
			j.mode = "comment"
			return "widget"
		case authorHeader.MatchString(t):
			j.mode = "author"
			return "byline"
		}
	}
	if nw <= 8 && widgetWord.MatchString(t) && (!term || nw <= 4 || strings.HasSuffix(t, "!")) && !only {
		return "widget"
	}
	if relatedLead.MatchString(t) {
		return "related"
	}
	switch j.mode {
	case "related":
		if nw <= 25 && (!term || strings.HasSuffix(strings.TrimRight(t, closers), "?") || ratio >= 0.6) {
			return "related"
		}
		j.mode = ""
	case "comment":
		// Reader comments run to the end of the page, or to a long
		// paragraph: the next article of a text holding several.
		if nw <= 80 {
			return "comment"
		}
		j.mode = ""
	case "author":
		if nw <= 80 && term {
			return "byline"
		}
		j.mode = ""
	}
	if j.title != "" && !term && len(t) <= 2*len(j.title)+40 && strings.Contains(t, j.title) {
		return "title"
	}
	if (j.prev == "byline" || prevName) && nw <= 60 && ratio >= 0.5 && !only {
		return "byline" // the author's note under a name
	}
	if ratio >= 0.4 && reference.MatchString(t) {
		return "reference"
	}
	if only {
		return ""
	}
	// The title is the first title-like line before any claim; menus
	// and banners may come before it. A line that repeats a part of it
	// before any claim is the title without the site's additions.
	top := j.title == "" && j.claims == 0
	if j.claims == 0 && j.title != "" && nw >= 2 && len(t) < len(j.title) && strings.Contains(j.title, t) {
		j.title = t
		return "title"
	}
	titleLike := ratio >= 0.8 && contentWords(w) >= 2 && nw <= 15
	if term {
		end := strings.TrimRight(t, closers)
		question := strings.HasSuffix(end, "?")
		if titleLike && (top || question || strings.HasSuffix(end, "!")) {
			return j.heading(t, top)
		}
		// A short question standing alone heads a section: "What does
		// Moscow want?"
		if question && alone && !last && nw <= 8 && len(features.Sentences(t)) == 1 {
			return j.heading(t, top)
		}
		return ""
	}
	if (nw > 20 || ratio < 0.5) && len(features.Sentences(t)) > 1 {
		return "" // prose whose last sentence lacks its final mark: see sentenceKind
	}
	switch {
	case top && nw <= 30 && !isName(t):
		return j.heading(t, true)
	case last && ratio < 0.5 && nw >= 4:
		return "fragment"
	case isName(t) && (j.units <= 8 || j.prev != "" || last):
		return "byline"
	case nw <= 20:
		return "heading"
	case ratio >= 0.6:
		return "navigation"
	case last:
		return "fragment"
	}
	return ""
}

// heading names a title-like unit: the title if it comes first.
func (j *judge) heading(t string, first bool) string {
	if first {
		j.title = strings.TrimSpace(t)
		return "title"
	}
	return "heading"
}

// sentenceKind returns the kind of a sentence of prose that is not a
// claim, or "". last reports that it ends the text.
func sentenceKind(s string, last bool) string {
	switch {
	case addressesReader(s) && !strings.ContainsAny(s, "“”\"") && widgetWord.MatchString(s):
		return "widget"
	case isCredit(s):
		return "credit"
	case strings.Contains(s, "express") || strings.Contains(s, "reflect") || strings.Contains(s, "author"):
		if disclaimer.MatchString(s) {
			return "credit"
		}
	case editorNote.MatchString(s):
		return "credit"
	case placeDate.MatchString(s):
		return "dateline"
	case last && !terminal(s):
		return "fragment"
	}
	return ""
}

// isCredit reports whether s is a credit, a copyright or a note that a
// text was first published elsewhere. Quick tests for the words each
// needs spare the regular expressions most sentences of prose.
func isCredit(s string) bool {
	return (mayBeLabel(s) && creditLabel.MatchString(s)) ||
		(mayBeCopyright(s) && copyright.MatchString(s)) ||
		(mayBeReproduced(s) && reproduced.MatchString(s) && reproducedWhat.MatchString(s))
}

// mayBeLabel, mayBeCopyright and mayBeReproduced are quick tests that s
// may match creditLabel, copyright and reproduced.
func mayBeLabel(s string) bool {
	return strings.Contains(s, ":") || strings.Contains(s, "aption") || strings.Contains(s, "ource,") ||
		strings.Contains(s, "redit,")
}

func mayBeCopyright(s string) bool {
	return strings.Contains(s, "©") || strings.Contains(s, "(c)") || strings.Contains(s, "(C)") ||
		strings.Contains(s, "opyright") || strings.Contains(s, "ights reserved")
}

func mayBeReproduced(s string) bool {
	return strings.Contains(s, "ublished") || strings.Contains(s, "eprinted") ||
		strings.Contains(s, "eproduced") || strings.Contains(s, "ppeared")
}

// isName reports whether s is a person's name standing alone.
func isName(s string) bool {
	w := words(s)
	return len(w) >= 2 && len(w) <= 4 && !functionWords[strings.ToLower(w[0])] && name.MatchString(s)
}

// addressesReader reports whether s, a sentence of at most 25 words,
// speaks to the reader of a page: in the second person ("you", "our"),
// as a short imperative ("Share", "Subscribe"), or about the page itself
// ("this site", "this story", "we use cookies").
func addressesReader(s string) bool {
	w := words(s)
	if len(w) > 25 {
		return false
	}
	for i, x := range w {
		x = strings.ToLower(strings.Trim(x, closers+"“‘(,.:;!?"))
		switch {
		case x == "you" || x == "your" || x == "yours" || x == "our":
			return true
		case i == 0 && len(w) <= 8 && imperatives[x]:
			return true
		case i+1 < len(w) && (x == "this" && pageNouns[strings.ToLower(strings.Trim(w[i+1], closers+",.:;!?"))] ||
			x == "we" && strings.EqualFold(w[i+1], "use")):
			return true
		}
	}
	return false
}

// imperatives open the prompts of page widgets; pageNouns are what a
// page calls itself.
var (
	imperatives = map[string]bool{
		"share": true, "subscribe": true, "sign": true, "log": true, "click": true, "tap": true,
		"follow": true, "read": true, "learn": true, "leave": true, "join": true, "download": true,
		"register": true, "continue": true, "accept": true, "manage": true, "enable": true,
		"contact": true, "send": true, "print": true, "email": true, "e-mail": true, "get": true,
		"see": true, "view": true, "watch": true, "listen": true, "support": true, "donate": true,
		"copy": true, "save": true,
	}
	pageNouns = map[string]bool{
		"site": true, "website": true, "page": true, "newsletter": true, "blog": true, "portal": true,
		"platform": true, "story": true, "article": true, "post": true,
	}
)

var (
	// month is an English month name or its abbreviation.
	month = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?`
	// date is a calendar date, a month and year, or a clock time.
	date = regexp.MustCompile(`\b` + month + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b` +
		`|\b\d{1,2}\s+` + month + `,?\s+\d{4}\b` +
		`|\b` + month + `,?\s+\d{4}\b` +
		`|\b` + month + `\s+\d{1,2}(?:st|nd|rd|th)?\b` +
		`|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b` +
		`|\b\d{1,2}:\d{2}\b|\b(?:\d+|an?)\s+(?:minute|hour|day|week)s?\s+ago\b` +
		`|^\d{4}$`)
	// placeDate is a report's dateline as a sentence: "MOSCOW, March 3."
	placeDate = regexp.MustCompile(`^\p{Lu}{2,}[\p{Lu} .-]*(?:\([^)]*\))?,\s+` + month + `\s+\d{1,2}(?:,\s+\d{4})?\.?(?:\s*/\p{L}+/\.?)?$`)
	// noteMarker is the number opening an endnote, split from its text:
	// "1 – There are…", "[2] Japan…", "iii. Russia…".
	noteMarker = regexp.MustCompile(`^(\[(?:\d{1,3}|[ivxlc]{1,6})\]|\(?(?:\d{1,3}|[ivxlc]{1,6})[)\]]?\s*[–—-]|\d{1,3}[.)])\s*\p{Lu}`)
	// inlineMarker is a note's number in the text: "Asia[i].", "position [2] with".
	inlineMarker = regexp.MustCompile(`[ \t]?\[(?:\d{1,3}|[ivx]{1,5})\]`)
	// reference is a bibliography entry: a year in parentheses or after
	// the authors, pages, a publisher's place.
	reference = regexp.MustCompile(`^\[[^\]]{1,8}\]|\(\d{4}\)\.|\b[Pp]p?\.\s?\d|\bIbid\b|\bop\. cit\.`)
	// creditLabel is a picture credit's label: "Photo:", "Source:".
	creditLabel = regexp.MustCompile(`(?i)\b(?:photo(?:graph)?|image|picture|pictured|source|credit|courtesy|illustration|video|graphic|cover)s?\s*(?:by)?\s*:|(?i)\b(?:photo|image|picture|video|media) (?:caption|source|credit)\b\s*[,:]?`)
	// creditEnd is a credit closing a caption: "… 2010 (Source: EPA)".
	creditEnd = regexp.MustCompile(`(?i)\((?:[^()]*\b(?:photo|image|source|credit|courtesy|file)\b[^()]*)\)\s*$|(?i)\b(?:photo|image|file photo|credit)\s*/\s*\S+$`)
	// creditWord is a word of a credit line: "AP photo".
	creditWord = regexp.MustCompile(`(?i)\b(?:photo|photograph|image|illustration|courtesy|getty|shutterstock)\b`)
	// copyright is a copyright notice.
	copyright = regexp.MustCompile(`©|\([cC]\)\s*\d{4}|(?i)\bcopyright\b.*\d{4}|(?i)all rights reserved`)
	// reproduced is a note that a text was first published elsewhere.
	reproduced     = regexp.MustCompile(`(?i)\b(?:reproduced|republished|reprinted|originally (?:published|appeared)|first (?:published|appeared))\b`)
	reproducedWhat = regexp.MustCompile(`(?i)\bthis (?:article|piece|post|story|commentary|essay|text|analysis|op-ed|interview)\b|\bpermission\b|\bcourtesy\b`)
	// disclaimer is a publisher's note that the text speaks for its
	// author only.
	disclaimer = regexp.MustCompile(`(?i)\b(?:views|opinions) expressed\b|\bdo(?:es)? not (?:necessarily )?(?:reflect|represent)\b.*\b(?:position|views|policy|opinion)|\bsolely (?:those|the views) of the authors?\b`)
	// editorNote is an editor's note on the text: "This interview has
	// been edited for length."
	editorNote = regexp.MustCompile(`(?i)^(?:editor'?s note:\s*)?this (?:article|story|interview|transcript|piece|post|report|text|version) (?:has been|was|is) (?:\w+ )?(?:edited|updated|corrected|condensed|translated|amended|abridged)\b`)
	// byline is an author's line: "By Anna Kireeva", "By".
	byline = regexp.MustCompile(`^(?i:by|written by|posted by|text by|story by|authors?|reporting by)\b\s*:?\s*(?:\p{Lu}|$)`)
	// name is a person's name standing alone: two to four capitalised
	// words, particles allowed.
	name = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|der|bin|al|da|di|du|la|le)){1,3}$`)
	// tagLabel opens a list of tags or topics.
	tagLabel = regexp.MustCompile(`^(?i:tags?|topics?|keywords?|filed under|categories|category|sections?|themes?|regions?)\s*:`)
	// metaLabel is a "Label:" of a metadata line.
	metaLabel = regexp.MustCompile(`(?:^|\s)\p{Lu}[\p{L}]+:(?:\s|$)`)
	// widgetWord is the vocabulary of page widgets.
	widgetWord = regexp.MustCompile(`(?i)\b(?:share|shares|sharing|print|printer|e-?mail|comments?|commenting|reply|replies|subscribe|subscription|newsletters?|cookies?|log ?in|sign (?:in|up)|register|bookmark|tweet|facebook|twitter|telegram|whatsapp|linkedin|reddit|rss|follow us|download|pdf|spam|privacy|advertisement|sponsored|menu|search|skip to|inbox|unsubscribe|back to top|donate|read more|continue reading|load more|next article|previous article)\b`)
	// relatedHeader heads a list of related articles.
	relatedHeader = regexp.MustCompile(`^(?i:related(?: articles| stories| posts| content| news| coverage| reading| topics)?|read (?:more|also|next)|also read|see also|more (?:from|on|in|about|stories|news|articles)\b.*|you (?:may|might) (?:also )?(?:like|be interested in)|recommended(?: for you| reading| stories)?|most (?:read|popular|viewed|shared)|popular(?: now| posts| stories| articles)?|latest(?: news| stories| articles| posts)?|trending(?: now| stories)?|further reading|editor'?s picks|top stories|what to read next|in case you missed it|other articles)\s*:?$`)
	// commentHeader opens the reader comments; authorHeader a note on the
	// author.
	commentHeader = regexp.MustCompile(`^(?i:\d+\s+comments?|comments?(?:\s*\(\d+\))?|reader comments|(?:leave|post|write|add) a (?:reply|comment|response)|join the (?:discussion|conversation)|show comments|discussion)\s*:?$`)
	authorHeader  = regexp.MustCompile(`^(?i:about (?:the )?authors?|the authors?|about me|author bio(?:graphy)?)\s*:?$`)
	// relatedLead is an inline link to another article: "READ MORE: …".
	relatedLead = regexp.MustCompile(`^(?i:read (?:more|also|next)|also read|see also|related|recommended|watch|listen)\s*[:|–—-]\s*\S`)
)

// plainSpace turns no-break spaces, which pages put between words, into
// plain ones.
func plainSpace(r rune) rune {
	switch r {
	case '\u00a0', '\u2007', '\u202f':
		return ' '
	}
	return r
}

// closers are the characters that may follow a sentence's final mark.
const closers = "\"'”’)]»*"

// terminal reports whether s ends with a sentence's final punctuation,
// perhaps followed by closing quotes or brackets.
func terminal(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), closers)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		strings.HasSuffix(s, "…") || strings.HasSuffix(s, "。")
}
