package features

// An abbrevClass says when a word followed by a period may end a
// sentence.
type abbrevClass uint8

const (
	// notAbbrev is an ordinary word: its period ends the sentence unless
	// the next word starts in lower case.
	notAbbrev abbrevClass = iota
	// prefixAbbrev comes before what it qualifies — a title, a rank, a
	// place-name prefix, "e.g.", "vs." — and never ends a sentence.
	prefixAbbrev
	// numberAbbrev comes before a number ("No. 5", "Art. 9", "p. 55",
	// "Jan. 12"): it does not end a sentence before a digit, and may
	// end one before anything else ("The answer was no. Tokyo…").
	numberAbbrev
	// finalAbbrev comes after what it qualifies ("etc.", "Co.", "Kuril
	// Is.", "20 km.", "the U.S.") and may end a sentence.
	finalAbbrev
)

// abbreviations maps an abbreviation, spelled as written without its
// final period, to its class. Dotted initialisms that are not listed
// ("V.V.", "J.F.") are read as a person's initials.
var abbreviations = func() map[string]abbrevClass {
	m := map[string]abbrevClass{}
	add := func(c abbrevClass, words ...string) {
		for _, w := range words {
			m[w] = c
		}
	}
	// Titles and ranks.
	add(prefixAbbrev, "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Mme", "Mlle",
		"Dr", "Drs", "Prof", "Profs", "Gen", "Gens", "Lt", "Col", "Maj", "Capt",
		"Cpt", "Cmdr", "Cdr", "Cmdre", "Adm", "Brig", "Sgt", "Cpl", "Pvt", "Ens",
		"Gov", "Min", "Sen", "Sens", "Rep", "Reps", "Amb", "Pres", "Dep", "Asst", "Supt",
		"Insp", "Rev", "Revd", "Hon", "Rt", "Fr", "Msgr", "Sec", "Secs")
	// Place-name prefixes: Mt. Fuji, St. Petersburg, Ft. Ross.
	add(prefixAbbrev, "St", "Ste", "Mt", "Mts", "Ft", "Pt")
	// Words that introduce what follows.
	add(prefixAbbrev, "e.g", "i.e", "viz", "cf", "vs", "Vs", "v", "a.k.a", "incl",
		"esp", "excl", "approx", "Approx", "sq", "cu")
	// Before a number.
	add(numberAbbrev, "No", "no", "Nos", "nos", "NO", "N°", "Nº", "Nr", "nr",
		"p", "pp", "para", "paras", "Para", "Paras", "art", "Art", "Arts",
		"sec", "secs", "ch", "Ch", "chap", "Chap", "vol", "Vol", "vols", "Vols",
		"fig", "Fig", "figs", "Figs", "ca", "c", "b", "cl", "Res", "Doc", "Ref", "ref",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
		"Nov", "Dec")
	// After what they qualify: lists, firms, names, places, measures.
	add(finalAbbrev, "etc", "al", "Co", "co", "Corp", "Inc", "Ltd", "Bros",
		"Jr", "Sr", "Esq", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd",
		"Is", "Isl", "Isls", "Pen", "km", "kg", "mm", "cm", "mi", "ft", "lb",
		"lbs", "oz", "yr", "yrs", "hr", "hrs", "min", "mins", "bn", "mln", "mn",
		"bln", "tn", "trn", "trln", "pct")
	// Initialisms of countries, bodies and times.
	add(finalAbbrev, "U.S", "U.S.A", "U.K", "U.N", "E.U", "U.S.S.R", "D.C",
		"P.R.C", "R.O.K", "D.P.R.K", "U.A.E", "a.m", "p.m", "A.M", "P.M",
		"B.C", "A.D")
	return m
}()

// isClockAbbrev reports whether w is "a.m." or "p.m." without its final
// period.
func isClockAbbrev(w string) bool {
	switch w {
	case "a.m", "p.m", "A.M", "P.M":
		return true
	}
	return false
}

// timeZone reports whether w names a time zone written after a time:
// "10 a.m. JST".
func timeZone(w string) bool {
	switch w {
	case "JST", "MSK", "GMT", "UTC", "CET", "CEST", "EST", "EDT", "PST", "PDT", "KST", "VLAT":
		return true
	}
	return false
}

// modifiedNoun reports whether w is a noun that an initialism such as
// "U.S." or "U.N." commonly qualifies ("the U.S. Navy", "the U.N.
// Security Council"), so that the initialism does not end the sentence.
func modifiedNoun(w string) bool {
	switch w {
	case "Government", "Governments", "Administration", "Navy", "Army", "Air", "Marine",
		"Marines", "Military", "Forces", "Force", "Troops", "Fleet", "Command",
		"Coast", "Naval", "Bases", "Base", "Congress", "Senate", "House",
		"Parliament", "President", "Vice", "Secretary", "Minister", "Ministry",
		"Department", "State", "Treasury", "Defense", "Defence", "Foreign",
		"Embassy", "Embassies", "Consulate", "Ambassador", "Envoy", "Mission",
		"Delegation", "Official", "Officials", "Agency", "Office", "Dollar",
		"Dollars", "Constitution", "Supreme", "Court", "Federal", "Security",
		"General", "Charter", "Council", "Commission", "Commissioner", "Trade",
		"Representative", "Special", "Intelligence", "Allies", "Alliance",
		"Pacific", "Indo", "Central", "Northern", "Strategic", "Nuclear",
		"Missile", "Space", "Joint", "Chiefs", "Census", "Customs", "Prime",
		"Senator", "Senators", "Congressman", "Convention", "Resolution",
		"Human":
		return true
	}
	return companySuffix(w)
}

// companySuffix reports whether w names a kind of company ("Mitsui & Co.
// Ltd."), which never starts a sentence.
func companySuffix(w string) bool {
	switch w {
	case "Ltd", "Inc", "Corp", "Co", "LLC", "PLC", "Plc", "JSC", "PJSC", "GmbH":
		return true
	}
	return false
}

// sentenceStarter reports whether w is a capitalised word that usually
// begins a sentence: after an initial such as "E." it marks a sentence
// end ("you and I. Did you…"), where a name continues it ("Jonas E.
// Smith").
func sentenceStarter(w string) bool {
	switch w {
	case "A", "An", "The", "This", "That", "These", "Those", "It", "Its",
		"He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our",
		"My", "There", "Then", "But", "And", "Or", "Nor", "So", "Yet",
		"However", "Moreover", "Meanwhile", "Thus", "Therefore", "Hence",
		"Still", "Nevertheless", "Nonetheless", "Instead", "Indeed", "Also",
		"Furthermore", "Finally", "First", "Second", "In", "On", "At", "For",
		"As", "If", "When", "While", "After", "Before", "Since", "Although",
		"Though", "Because", "Unless", "Until", "Did", "Does", "Do", "Is",
		"Was", "Are", "Were", "Has", "Had", "Have", "Will", "Would", "Can",
		"Could", "Should", "Might", "Must", "What", "Why", "How", "Who",
		"Where", "Which", "No", "Not", "All", "Both", "Each", "Such", "Some",
		"Many", "Most", "Other", "Few", "Every", "Any", "Neither", "Either",
		"Let", "To", "From", "By", "With", "Without", "Under", "Over",
		"According", "Despite", "Yes":
		return true
	}
	return false
}

// preposition reports whether w, lower-cased, is a preposition that can
// open a sentence with a short phrase ("At 5 a.m.", "In the U.S.").
func preposition(w string) bool {
	switch w {
	case "at", "by", "in", "on", "from", "until", "till", "since", "before",
		"after", "around", "about", "near", "for", "during", "through",
		"toward", "towards", "to", "with", "within", "across", "throughout",
		"between", "among", "under", "over", "beyond", "like", "unlike",
		"outside", "inside":
		return true
	}
	return false
}
