// Package corpus holds the labeled fixture of stancekit — every body
// sentence of five analytical articles on Russia–Japan relations, labeled
// by stance — together with the cleaned article texts and readers and
// writers for label files in the same format.
//
// # Record format
//
// Label files are JSON Lines: UTF-8, one JSON object a line.
//
//	{"id": "003-042", "source": "003_6583139472fcbe27", "text": "...", "label": "compromise"}
//
// The fields are:
//
//	text    the claim, one sentence (required, non-empty)
//	label   its stance label (required; any printable name of at most
//	        MaxLabelBytes bytes, see NormalizeLabel)
//	id      an identifier, unique within the file (optional)
//	source  where the claim comes from (optional)
//
// Other fields are ignored, blank lines are skipped, and a byte order mark
// and CRLF line endings are accepted. Labels are read in Unicode NFC
// without surrounding white space, so that "neutral", "neutral " and a
// decomposed spelling are one label; labels that still differ only in case
// ("Neutral", "neutral") are an error, as are control and format
// characters (U+200B, U+202E) in a label. [ReadJSONL] reads such a file and
// reports the first bad line as a [*ParseError]; [WriteJSONL] writes one.
//
// # Labels
//
// The fixture uses four labels, defined in the project's labeling guide:
//
//	blame_russia  holds Russia responsible for the trouble, or criticises its conduct
//	blame_japan   holds Japan responsible, criticises its conduct, or denies Russian fault
//	compromise    proposes a path of mutual concession or joint action as the way forward
//	neutral       facts, background, hope without a path, or blame of third parties only
//
// Users' own files may use any other label names; the stance package
// learns whatever labels its training data holds.
//
// # Embedded data
//
// [ArticleClaims] returns the 258 labeled article sentences, [ExtraClaims]
// the written training claims, [Claims] both, and [Articles] the cleaned
// texts with their metadata. The data is parsed once, on first use, and
// every call returns a fresh copy.
package corpus
