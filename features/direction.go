package features

import "strings"

// Direction features. With [Vectorizer.Direction] set, every word that
// blames ("refuses", "intransigence", "hostile", "at fault") adds a
// feature naming the actor it is about: [BlameFeature] + "@russia" for
// "Moscow refuses", "Tokyo's claims were rejected by the Kremlin" and
// "Lavrov was criticised for …". The same stock phrase then points to
// different labels depending on who it is attached to.
//
// The rules are shallow and work on the token stream of one claim,
// clause by clause; no parser is involved:
//   - a criticism verb or noun ("accuses", "condemned", "criticism of")
//     blames the first actor after it: "Moscow criticised Japan's
//     alliance" blames Japan;
//   - an agent after a blame word ("blocked by Moscow", "the refusal of
//     the Kremlin", "threats from Russia") or an actor after a copula
//     ("the obstacle is Tokyo", "the blame lies with Moscow") is the one
//     blamed;
//   - otherwise the nearest actor before the blame word is, unless it is
//     the target of a preposition ("hostility toward Japan") or negated
//     ("Japan, not Russia, is the obstacle"; "not Tokyo but Moscow");
//     an actor right before the word ("Russian aggression", "Tokyo's
//     intransigence") always is;
//   - a negated blame word ("Russia is not at fault", "Tokyo did not walk
//     away") denies the fault, which blames the other side of
//     [ActorRussia] and [ActorJapan]; so does a denial verb before it or
//     before its actor's clause ("Moscow denied violating Japanese
//     airspace", "Lavrov denied that Moscow had reneged"), the labeling
//     guide's reading of reported speech by its content;
//   - when no actor stands in a blaming position but one of the two
//     sides is the target ("It will not negotiate unless Tokyo admits…"),
//     the other side is blamed.
//
// Words that call a side too soft on the other ("appeasement",
// "capitulation", "caved in") add [SoftFeature] features the same way,
// and criticism of a side by its own people ("LDP hardliners denounced
// Abe") adds [SelfFeature] features: the labeling guide counts hawkish
// criticism of one's own government as neutral, and separate features
// let the model learn that.
const (
	BlameFeature = "blame→"
	SoftFeature  = "soft→"
	SelfFeature  = "self→"
)

// role is what a word does in the direction rules.
type role uint16

const (
	roleBlame      role = 1 << iota // blames the actor it is attached to
	roleCritic                      // blames its object: "accuses Tokyo"
	roleSoft                        // calls its actor too soft
	roleNeg                         // negates the clause that follows
	roleTarget                      // preposition whose object is a target
	roleAgent                       // preposition whose object is an agent
	roleCopula                      // links a blame noun to its actor
	roleDet                         // may stand between a preposition and its actor
	roleParticiple                  // a past participle ("rejected"): passive after a copula
	rolePronoun                     // a pronoun that may stand for a side at the start of a claim
	roleSelf                        // class of criticism of a side by its own people
	roleDeny                        // denies the clause that follows: "denies that Moscow …"
	roleComp                        // introduces a clause: "that"
)

// predicate classes of roles.
const rolePred = roleBlame | roleCritic | roleSoft

// directionWords lists, per role, the words (as written, before
// stemming) of the direction rules. Stems are computed from them, with
// spelling folded, by roleTable.
var directionWords = map[role]string{
	roleBlame: `refuse refusal reject rejection rebuff spurn block obstruct
		obstruction obstructive obstructionism obstacle impede impediment
		hinder hindrance stall stonewall intransigence intransigent
		inflexible inflexibility rigid rigidity stubborn stubbornness
		obstinate obstinacy uncompromising unyielding hardline hardliner
		hostile hostility aggressive aggression aggressor belligerent
		belligerence bellicose provoke provocation provocative threaten
		threat menace menacing intimidate intimidation coerce coercion
		coercive bully bullying harass harassment violate violation breach
		renege betray betrayal backtrack backpedal sabotage undermine derail
		torpedo wreck scuttle poison jeopardize spoil exploit exploitation
		manipulate manipulation cynical cynicism hypocrisy hypocritical
		deceive deception deceitful dishonest insincere insincerity
		disingenuous untrustworthy unreliable duplicity duplicitous mislead
		distort distortion propaganda chauvinism chauvinist arrogance
		arrogant reckless irresponsible unreasonable unrealistic excessive
		maximalist illegal illegitimate annex annexation seize seizure
		grab humiliate humiliation insult snub outburst inflame escalate
		escalation destabilize militarize militarization culprit guilty
		subservience subservient deference servile vassal obsession
		obsessive greed greedy predatory pretext ultimatum blackmail
		spoiler blame fault responsible responsibility abandon squander
		sabotage overreact overreaction`,
	roleCritic: `blame accuse accusation criticize criticism condemn condemnation
		denounce denunciation rebuke castigate lambast chastise reproach
		censure slam decry deplore protest`,
	roleSoft: `appease appeasement capitulate capitulation kowtow cave
		surrender naive naivety spineless`,
	roleNeg: `not no never nor neither cannot hardly barely nobody nothing
		none deny`,
	roleDeny: `deny`,
	roleComp: `that`,
	roleTarget: `toward towards against to on with at over into upon about
		for`,
	roleAgent:  `by of from`,
	roleCopula: `is are was were be been lies lie lay rests rest remains remain`,
	roleDet: `the a an its their his her this these those whole entire
		new current`,
	rolePronoun: `it he she they`,
}

// directionPairs are two-word blame and soft phrases whose words blame
// nothing alone ("walk away"), as words before stemming.
var directionPairs = map[string]role{
	"walk away": roleBlame, "walked away": roleBlame, "pull out": roleBlame,
	"walk out": roleBlame, "walked out": roleBlame, "stormed out": roleBlame,
	"throw away": roleBlame, "threw away": roleBlame, "thrown away": roleBlame,
	"break off": roleBlame, "broke off": roleBlame, "back out": roleBlame,
	"go back": roleBlame, "went back": roleBlame, "hard line": roleBlame,
	"stumbling block": roleBlame, "sell out": roleSoft, "sold out": roleSoft,
	"give away": roleSoft, "gave away": roleSoft, "too soft": roleSoft,
	"too weak": roleSoft, "too eager": roleSoft, "caved in": roleSoft,
}

// wordRoles maps stems to roles, built once.
var wordRoles = func() map[string]role {
	m := make(map[string]role)
	for r, words := range directionWords {
		for _, w := range strings.Fields(words) {
			m[Stem(American(w))] |= r
		}
	}
	return m
}()

// pairRoles maps the stem pairs of directionPairs to their roles.
var pairRoles = func() map[string]role {
	m := make(map[string]role)
	for p, r := range directionPairs {
		a, b, _ := strings.Cut(p, " ")
		m[Stem(American(a))+" "+Stem(American(b))] = r
	}
	return m
}()

// participles are irregular past participles of blame verbs; regular
// ones are recognised by their -ed.
var participles = map[string]bool{
	"misled": true, "broken": true, "stolen": true, "taken": true,
	"undone": true, "overtaken": true, "forsaken": true, "withheld": true,
}

// tokenRole returns the role of a lower-case token.
func tokenRole(tok string) role {
	stem := Stem(American(tok))
	r := wordRoles[stem]
	if stem == "fault" && tok != "fault" && tok != "faults" {
		r |= roleCritic // "faulted", "faulting": a verb, like "blamed"
	}
	if r&rolePred != 0 && (len(tok) > 4 && strings.HasSuffix(tok, "ed") || participles[tok]) {
		r |= roleParticiple
	}
	return r
}

// dterm is one token as the direction rules see it.
type dterm struct {
	actor int16 // index into the vectorizer's actor list, or -1
	role  role
	brk   bool // a clause break precedes it
}

// A direction is one direction feature: the class (roleBlame or
// roleSoft) and the actor it is about.
type direction struct {
	class role
	actor int16
}

// directions applies the direction rules to the terms of one claim and
// appends what they find to dst. Two-word phrases are already joined: the
// first word carries the phrase's role or actor, the second is gone.
// russia and japan are the actor indices of the two sides, or -1.
func directions(dst []direction, ts []dterm, russia, japan int16) []direction {
	other := func(a int16) int16 {
		switch {
		case a < 0:
			return -1
		case a == russia:
			return japan
		case a == japan:
			return russia
		}
		return -1
	}
	for i, t := range ts {
		cls := t.role & rolePred
		if cls == 0 {
			continue
		}
		criticised := false
		if cls == roleBlame|roleCritic {
			// "blame", "faulted": a noun or a passive, whose subject is
			// blamed ("the blame", "is to blame", "is blamed"), unless a
			// verb with an object ("Tokyo blames Moscow").
			if i > 0 && ts[i-1].role&(roleTarget|roleDet|roleCopula) != 0 {
				cls, criticised = roleBlame, true
			} else {
				cls = roleCritic
			}
		}
		if cls&roleCritic != 0 {
			if a := objectActor(ts, i); a >= 0 {
				class := roleBlame
				if s := subjectActor(ts, i); s == a {
					class = roleSelf // "LDP hardliners denounced Abe"
				}
				dst = append(dst, direction{class, a})
				continue
			}
			if i > 0 && ts[i-1].actor >= 0 {
				continue // "Russian criticism": the critic, not the criticised
			}
			cls, criticised = roleBlame, true // "Japan was criticised"
		}
		class := roleBlame
		if cls&roleSoft != 0 {
			class = roleSoft
		}
		a, negated := attribute(ts, i)
		if a >= 0 && !criticised && passive(ts, i) {
			// "Japan's proposal was rejected": the subject suffered it.
			a = other(a)
		}
		if a < 0 && len(ts) > 0 && ts[0].role&rolePronoun != 0 {
			// "It refuses to talk unless Tokyo …": the side not named.
			a, negated = blamedByTarget(ts, i, russia, japan)
		}
		if negated {
			if class != roleBlame {
				a = -1 // "was not too soft" says nothing
			} else {
				a = other(a)
			}
		}
		if a >= 0 {
			dst = append(dst, direction{class, a})
		}
	}
	return dst
}

// subjectActor returns the nearest actor before ts[i] in its clause that
// is neither negated nor a target, or -1.
func subjectActor(ts []dterm, i int) int16 {
	for j := i - 1; j >= 0; j-- {
		if ts[j].actor >= 0 && !actorNegated(ts, j) && !isTarget(ts, j) {
			return ts[j].actor
		}
		if ts[j].brk {
			break
		}
	}
	return -1
}

// maxReach is how many terms the rules look across for an actor.
const maxReach = 12

// objectActor returns the first actor after the criticism word ending at
// end, within its clause, skipping negated actors; -1 if none.
func objectActor(ts []dterm, end int) int16 {
	for j := end + 1; j < len(ts) && j <= end+maxReach; j++ {
		if ts[j].brk {
			break
		}
		if ts[j].actor >= 0 && !actorNegated(ts, j) {
			return ts[j].actor
		}
	}
	return -1
}

// attribute returns the actor that the blame predicate ts[start] is
// about and whether the predicate is negated; -1 if no actor stands in a
// blaming position.
func attribute(ts []dterm, start int) (int16, bool) {
	// An actor right before the predicate: "Russian aggression",
	// "Tokyo's intransigence", "the Kremlin's hard line".
	if j := start - 1; j >= 0 && ts[j].actor >= 0 && !ts[start].brk && !actorNegated(ts, j) {
		return ts[j].actor, negatedBefore(ts, j, start) || deniedBefore(ts, j)
	}
	// An agent right after it: "blocked by Moscow", "the refusal of the
	// Kremlin", "threats from Russia".
	if j := start + 1; j < len(ts) && !ts[j].brk && ts[j].role&roleAgent != 0 {
		for k := j + 1; k < len(ts) && k <= j+3 && !ts[k].brk; k++ {
			if ts[k].actor >= 0 {
				return ts[k].actor, false
			}
			if ts[k].role&roleDet == 0 {
				break
			}
		}
	}
	// A copula a few words after it: "the obstacle is Tokyo",
	// "responsibility for the stalled talks rests with the Kremlin", "the
	// blame lies not with Tokyo but with Moscow". The first actor after
	// the copula that is not negated, in its clause or, after a negated
	// one, the next.
	for j := start + 1; j < len(ts) && j <= start+6; j++ {
		if ts[j].brk || ts[j].actor >= 0 || ts[j].role&rolePred != 0 {
			break
		}
		if ts[j].role&roleCopula == 0 {
			continue
		}
		negatedSeen := false
		for k := j + 1; k < len(ts) && k <= j+maxReach; k++ {
			if ts[k].brk && !negatedSeen || ts[k].role&rolePred != 0 {
				break
			}
			if ts[k].actor >= 0 {
				if !actorNegated(ts, k) {
					return ts[k].actor, false
				}
				negatedSeen = true
			}
		}
		break
	}
	// The nearest actor before it that is neither a target nor negated.
	negated := false
	for j := start - 1; j >= 0 && j >= start-maxReach*2; j-- {
		t := ts[j]
		if t.role&roleNeg != 0 && !(j+1 < len(ts) && ts[j+1].actor >= 0) {
			negated = true
		}
		if t.actor < 0 || actorNegated(ts, j) || isTarget(ts, j) {
			continue
		}
		return t.actor, (negated || deniedBefore(ts, j)) && clauseBetween(ts, j, start)
	}
	return -1, negated
}

// blamedByTarget handles a blame word without an actor in a blaming
// position in a claim led by a pronoun: when the only one of the two
// sides the claim names stands elsewhere ("It will not negotiate unless
// Tokyo admits …"), the other side is blamed.
func blamedByTarget(ts []dterm, i int, russia, japan int16) (int16, bool) {
	if russia < 0 || japan < 0 {
		return -1, false
	}
	found := int16(-1)
	for _, t := range ts {
		if t.actor != russia && t.actor != japan {
			continue
		}
		if found >= 0 && found != t.actor {
			return -1, false // both sides named
		}
		found = t.actor
	}
	if found < 0 {
		return -1, false
	}
	negated := false
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if ts[j].role&roleNeg != 0 {
			negated = true
		}
	}
	if found == russia {
		return japan, negated
	}
	return russia, negated
}

// passive reports whether the predicate at i is a participle after a
// copula ("was rejected", "were repeatedly blocked") with no agent named.
func passive(ts []dterm, i int) bool {
	if ts[i].role&roleParticiple == 0 {
		return false
	}
	if j := i + 1; j < len(ts) && ts[j].role&roleAgent != 0 && !ts[j].brk {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if ts[j].role&roleCopula != 0 {
			return true
		}
		if ts[j].brk || ts[j].actor >= 0 {
			return false
		}
	}
	return false
}

// actorNegated reports whether the actor at j is negated, as in
// "Japan, not Russia, …" or "not Tokyo but Moscow".
func actorNegated(ts []dterm, j int) bool {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if ts[k].role&roleNeg != 0 {
			return true
		}
		if ts[k].role&(roleDet|roleTarget|roleAgent) == 0 {
			return false
		}
	}
	return false
}

// isTarget reports whether the actor at j is the object of a target
// preposition: "toward Japan", "against the Russian government".
func isTarget(ts []dterm, j int) bool {
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		if ts[k].role&(roleTarget|roleAgent) != 0 {
			return true
		}
		if ts[k].role&roleDet == 0 && ts[k].actor < 0 {
			return false
		}
	}
	return false
}

// negatedBefore reports whether a negation stands just before the actor
// at j that owns the predicate at start ("no Russian aggression").
func negatedBefore(ts []dterm, j, start int) bool {
	return j > 0 && ts[j-1].role&roleNeg != 0 && start == j+1
}

// deniedBefore reports whether a denial verb introduces the clause of the
// actor at j: "Lavrov denied that Moscow had reneged", "Tokyo denies that
// the Japanese side stalled".
func deniedBefore(ts []dterm, j int) bool {
	for k := j - 1; k >= 0 && k >= j-3 && !ts[k+1].brk; k-- {
		if ts[k].role&roleDeny != 0 {
			return true
		}
		if ts[k].role&(roleComp|roleDet) == 0 {
			return false
		}
	}
	return false
}

// clauseBetween reports whether ts[j] and ts[i] are in one clause: no
// clause break between them.
func clauseBetween(ts []dterm, j, i int) bool {
	for k := j + 1; k <= i; k++ {
		if ts[k].brk {
			return false
		}
	}
	return true
}
