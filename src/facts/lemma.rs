//! A small rule-based verb lemmatiser: irregular forms from a table, regular ones by suffix
//! rules checked against a list of common news verbs (so "stated" -> "state", not "stat").
//!
//! It only has to serve the fact patterns: predicates are shown to readers ("say",
//! "announce", "visit"), and speech verbs are recognised by their lemma.

use crate::word_set::{WordSet, WordTable};

/// Irregular verb forms (past, participle, third person) and their base form, sorted by
/// form for binary search.
static IRREGULAR: WordTable<&str> = WordTable::new(&[
    ("agreed", "agree"),
    ("am", "be"),
    ("are", "be"),
    ("arisen", "arise"),
    ("arose", "arise"),
    ("ate", "eat"),
    ("beat", "beat"),
    ("beaten", "beat"),
    ("became", "become"),
    ("been", "be"),
    ("began", "begin"),
    ("begun", "begin"),
    ("being", "be"),
    ("bit", "bite"),
    ("bitten", "bite"),
    ("bled", "bleed"),
    ("bore", "bear"),
    ("borne", "bear"),
    ("bought", "buy"),
    ("bound", "bind"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("came", "come"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("dealt", "deal"),
    ("did", "do"),
    ("died", "die"),
    ("dies", "die"),
    ("does", "do"),
    ("done", "do"),
    ("drawn", "draw"),
    ("drew", "draw"),
    ("driven", "drive"),
    ("drove", "drive"),
    ("dug", "dig"),
    ("dying", "die"),
    ("eaten", "eat"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fled", "flee"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("foresaw", "foresee"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("fought", "fight"),
    ("found", "find"),
    ("freed", "free"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("gave", "give"),
    ("given", "give"),
    ("goes", "go"),
    ("gone", "go"),
    ("got", "get"),
    ("gotten", "get"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("guaranteed", "guarantee"),
    ("had", "have"),
    ("has", "have"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("hung", "hang"),
    ("is", "be"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("laid", "lay"),
    ("led", "lead"),
    ("left", "leave"),
    ("lent", "lend"),
    ("lied", "lie"),
    ("lies", "lie"),
    ("lit", "light"),
    ("lost", "lose"),
    ("lying", "lie"),
    ("made", "make"),
    ("meant", "mean"),
    ("met", "meet"),
    ("mistaken", "mistake"),
    ("mistook", "mistake"),
    ("outlined", "outline"),
    ("overcame", "overcome"),
    ("oversaw", "oversee"),
    ("overseen", "oversee"),
    ("overtook", "overtake"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rang", "ring"),
    ("ridden", "ride"),
    ("risen", "rise"),
    ("rode", "ride"),
    ("rose", "rise"),
    ("rung", "ring"),
    ("said", "say"),
    ("sang", "sing"),
    ("sank", "sink"),
    ("sat", "sit"),
    ("saw", "see"),
    ("saying", "say"),
    ("says", "say"),
    ("seen", "see"),
    ("sent", "send"),
    ("shaken", "shake"),
    ("shook", "shake"),
    ("shot", "shoot"),
    ("slept", "sleep"),
    ("slid", "slide"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stood", "stand"),
    ("struck", "strike"),
    ("stuck", "stick"),
    ("sung", "sing"),
    ("sunk", "sink"),
    ("swam", "swim"),
    ("swept", "sweep"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("swum", "swim"),
    ("taken", "take"),
    ("taught", "teach"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("tied", "tie"),
    ("ties", "tie"),
    ("told", "tell"),
    ("took", "take"),
    ("tore", "tear"),
    ("tying", "tie"),
    ("understood", "understand"),
    ("undertaken", "undertake"),
    ("undertook", "undertake"),
    ("upheld", "uphold"),
    ("was", "be"),
    ("went", "go"),
    ("wept", "weep"),
    ("were", "be"),
    ("withdrawn", "withdraw"),
    ("withdrew", "withdraw"),
    ("withheld", "withhold"),
    ("woke", "wake"),
    ("won", "win"),
    ("wore", "wear"),
    ("wound", "wind"),
    ("wove", "weave"),
    ("woven", "weave"),
    ("written", "write"),
    ("wrote", "write"),
]);

/// Base forms of common verbs in news text, sorted for binary search. Suffix rules produce
/// candidates ("stat", "state") and this list picks the real one.
static VERBS: WordSet = WordSet::new(&[
    "accept",
    "accuse",
    "achieve",
    "acknowledge",
    "acquire",
    "act",
    "add",
    "address",
    "admit",
    "adopt",
    "advance",
    "advise",
    "advocate",
    "affect",
    "agree",
    "aid",
    "aim",
    "alert",
    "allege",
    "allocate",
    "allow",
    "announce",
    "answer",
    "appeal",
    "appear",
    "apply",
    "appoint",
    "approach",
    "approve",
    "argue",
    "arise",
    "arm",
    "arrange",
    "arrest",
    "arrive",
    "ask",
    "assert",
    "assess",
    "assist",
    "assure",
    "attack",
    "attempt",
    "attend",
    "authorise",
    "authorize",
    "award",
    "back",
    "ban",
    "bar",
    "base",
    "be",
    "bear",
    "beat",
    "become",
    "begin",
    "believe",
    "benefit",
    "bind",
    "bite",
    "blame",
    "bleed",
    "block",
    "bolster",
    "bomb",
    "boost",
    "borrow",
    "break",
    "brief",
    "bring",
    "broadcast",
    "build",
    "buy",
    "call",
    "campaign",
    "cancel",
    "capture",
    "catch",
    "cause",
    "caution",
    "celebrate",
    "challenge",
    "change",
    "charge",
    "choose",
    "cite",
    "claim",
    "clash",
    "close",
    "coincide",
    "collaborate",
    "collapse",
    "combine",
    "come",
    "command",
    "comment",
    "commit",
    "compare",
    "compensate",
    "compete",
    "complain",
    "complete",
    "concede",
    "conclude",
    "condemn",
    "conduct",
    "confess",
    "confirm",
    "confront",
    "consider",
    "consult",
    "contain",
    "continue",
    "contribute",
    "control",
    "convene",
    "convict",
    "cooperate",
    "coordinate",
    "cost",
    "count",
    "cover",
    "create",
    "criticise",
    "criticize",
    "cut",
    "damage",
    "deal",
    "debate",
    "decide",
    "declare",
    "decline",
    "deem",
    "defeat",
    "defend",
    "defy",
    "delay",
    "deliver",
    "demand",
    "demonstrate",
    "deny",
    "deploy",
    "describe",
    "design",
    "destroy",
    "deter",
    "determine",
    "develop",
    "die",
    "dig",
    "diminish",
    "direct",
    "disagree",
    "disclose",
    "discover",
    "discuss",
    "dismiss",
    "dispute",
    "disrupt",
    "do",
    "donate",
    "double",
    "draw",
    "drive",
    "drop",
    "earn",
    "ease",
    "eat",
    "elect",
    "embrace",
    "emerge",
    "emphasise",
    "emphasize",
    "employ",
    "enable",
    "encourage",
    "end",
    "endanger",
    "endorse",
    "enforce",
    "engage",
    "enhance",
    "ensure",
    "enter",
    "entitle",
    "equip",
    "escalate",
    "escape",
    "establish",
    "estimate",
    "evacuate",
    "evaluate",
    "examine",
    "exceed",
    "exchange",
    "execute",
    "exert",
    "expand",
    "expect",
    "expel",
    "explain",
    "explore",
    "export",
    "express",
    "extend",
    "face",
    "facilitate",
    "fail",
    "fall",
    "favor",
    "favour",
    "fear",
    "feed",
    "feel",
    "fight",
    "file",
    "finance",
    "find",
    "finish",
    "fire",
    "fix",
    "flee",
    "float",
    "fly",
    "focus",
    "follow",
    "forbid",
    "force",
    "forecast",
    "foresee",
    "forget",
    "forgive",
    "form",
    "formulate",
    "free",
    "freeze",
    "fund",
    "gain",
    "generate",
    "get",
    "give",
    "go",
    "govern",
    "grant",
    "grow",
    "guarantee",
    "hail",
    "halt",
    "handle",
    "hang",
    "happen",
    "harm",
    "have",
    "head",
    "hear",
    "help",
    "hide",
    "highlight",
    "hit",
    "hold",
    "hope",
    "host",
    "hurt",
    "identify",
    "ignore",
    "impact",
    "import",
    "impose",
    "improve",
    "include",
    "increase",
    "indicate",
    "inflict",
    "inform",
    "injure",
    "insist",
    "install",
    "intend",
    "interview",
    "introduce",
    "invade",
    "invest",
    "investigate",
    "invite",
    "involve",
    "issue",
    "join",
    "judge",
    "jump",
    "justify",
    "keep",
    "kill",
    "know",
    "land",
    "launch",
    "lay",
    "lead",
    "leave",
    "lend",
    "let",
    "lie",
    "lift",
    "light",
    "limit",
    "list",
    "live",
    "lobby",
    "locate",
    "look",
    "lose",
    "maintain",
    "make",
    "manage",
    "mark",
    "mean",
    "mediate",
    "meet",
    "mention",
    "mistake",
    "monitor",
    "move",
    "name",
    "need",
    "negotiate",
    "nominate",
    "note",
    "notice",
    "object",
    "observe",
    "obtain",
    "occupy",
    "occur",
    "offer",
    "offset",
    "open",
    "operate",
    "oppose",
    "order",
    "organise",
    "organize",
    "outline",
    "overcome",
    "oversee",
    "overtake",
    "overturn",
    "own",
    "participate",
    "pass",
    "pause",
    "pay",
    "perform",
    "permit",
    "persuade",
    "phone",
    "plan",
    "play",
    "plead",
    "pledge",
    "plunge",
    "point",
    "pose",
    "post",
    "postpone",
    "praise",
    "predict",
    "prefer",
    "prepare",
    "present",
    "press",
    "prevent",
    "produce",
    "promise",
    "promote",
    "propose",
    "prosecute",
    "protect",
    "protest",
    "prove",
    "provide",
    "publish",
    "pull",
    "purchase",
    "pursue",
    "push",
    "put",
    "qualify",
    "question",
    "quit",
    "raise",
    "ratify",
    "reach",
    "react",
    "realise",
    "realize",
    "rebuild",
    "recall",
    "receive",
    "reckon",
    "recognise",
    "recognize",
    "recommend",
    "record",
    "recover",
    "recruit",
    "reduce",
    "refer",
    "reflect",
    "reform",
    "refrain",
    "refuse",
    "regain",
    "regard",
    "reinforce",
    "reiterate",
    "reject",
    "release",
    "relocate",
    "rely",
    "remain",
    "remark",
    "remind",
    "remove",
    "renew",
    "reopen",
    "repeat",
    "replace",
    "reply",
    "report",
    "represent",
    "request",
    "require",
    "rescue",
    "resign",
    "resolve",
    "respond",
    "rest",
    "restore",
    "result",
    "resume",
    "retain",
    "retaliate",
    "retire",
    "retreat",
    "return",
    "reveal",
    "review",
    "ride",
    "ring",
    "rise",
    "risk",
    "rival",
    "rule",
    "run",
    "sack",
    "sanction",
    "save",
    "say",
    "schedule",
    "score",
    "scrap",
    "secure",
    "see",
    "seek",
    "seize",
    "sell",
    "send",
    "sentence",
    "serve",
    "set",
    "settle",
    "shake",
    "share",
    "shell",
    "shift",
    "shoot",
    "shout",
    "shut",
    "sign",
    "signal",
    "sing",
    "sink",
    "sit",
    "slam",
    "sleep",
    "slide",
    "slip",
    "smuggle",
    "soar",
    "spark",
    "speak",
    "spend",
    "stabilise",
    "stabilize",
    "stage",
    "stall",
    "stand",
    "start",
    "state",
    "stay",
    "steal",
    "steer",
    "stem",
    "step",
    "stick",
    "stop",
    "strengthen",
    "stress",
    "strike",
    "strip",
    "study",
    "submit",
    "succeed",
    "sue",
    "suffer",
    "suggest",
    "summon",
    "supply",
    "support",
    "suppose",
    "surge",
    "surrender",
    "surround",
    "survive",
    "suspect",
    "suspend",
    "sustain",
    "swap",
    "swear",
    "sweep",
    "swim",
    "tackle",
    "take",
    "target",
    "teach",
    "tear",
    "tell",
    "test",
    "thank",
    "think",
    "threaten",
    "throw",
    "tie",
    "tighten",
    "topple",
    "total",
    "tour",
    "track",
    "trade",
    "train",
    "transfer",
    "transport",
    "travel",
    "treat",
    "trigger",
    "try",
    "tweet",
    "unblock",
    "uncover",
    "underline",
    "undermine",
    "underscore",
    "understand",
    "undertake",
    "undo",
    "unearth",
    "unfold",
    "unify",
    "unite",
    "unleash",
    "unload",
    "unlock",
    "unnerve",
    "unpack",
    "unravel",
    "unseat",
    "unsettle",
    "unveil",
    "unwind",
    "update",
    "upgrade",
    "uphold",
    "urge",
    "use",
    "vacate",
    "verify",
    "veto",
    "violate",
    "visit",
    "voice",
    "vote",
    "vow",
    "wage",
    "wait",
    "wake",
    "walk",
    "want",
    "warn",
    "weaken",
    "wear",
    "weave",
    "weep",
    "welcome",
    "widen",
    "win",
    "wind",
    "wish",
    "withdraw",
    "withhold",
    "work",
    "worry",
    "wound",
    "write",
    "yield",
]);

/// Verb prefixes whose verb keeps the base's inflection ("re-create", "over-spend").
const PREFIXES: &[&str] = &[
    "re", "un", "dis", "over", "under", "co", "pre", "mis", "out",
];

/// Whether `base` is in the verb list (lower case).
pub fn is_known_verb(base: &str) -> bool {
    VERBS.contains(base)
}

fn irregular(word: &str) -> Option<&'static str> {
    IRREGULAR.get(word).copied()
}

/// Whether `w` ends like an inflected verb; everything else is its own base form.
fn inflected(w: &str) -> bool {
    w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing")
}

/// The base form of a verb form ("stated" -> "state", "told" -> "tell", "tries" -> "try").
/// Words that do not look inflected come back lower-cased and unchanged.
pub fn lemma(word: &str) -> String {
    let w = normal(word).into_owned();
    if let Some(b) = irregular(&w) {
        return b.to_string();
    }
    if is_known_verb(&w) || !inflected(&w) {
        return w;
    }
    for cand in candidates(&w) {
        if is_known_verb(&cand) {
            return cand;
        }
    }
    // "recreated" -> "re" + "create".
    for prefix in PREFIXES {
        if let Some(rest) = w.strip_prefix(prefix).filter(|r| r.len() > 3) {
            if let Some(base) = candidates(rest).into_iter().find(|c| is_known_verb(c)) {
                // "unchanged", "unexpected": "un" before a participle makes an adjective,
                // not the form of a verb "unchange".
                if *prefix == "un" && (w.ends_with("ed") || w.ends_with("ing")) {
                    return w;
                }
                return format!("{prefix}{base}");
            }
        }
    }
    guess(&w).unwrap_or(w)
}

/// Whether `word` is an inflected or base form of a known verb, or an irregular verb form.
pub fn is_verb_form(word: &str) -> bool {
    let w = normal(word);
    let w = w.as_ref();
    irregular(w).is_some()
        || is_known_verb(w)
        || (inflected(w) && candidates(w).iter().any(|c| is_known_verb(c)))
}

/// Lower case with straight apostrophes; borrowed when the word already is (the common case,
/// since the patterns pass lower-cased tokens).
fn normal(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\'')
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase().replace('’', "'"))
    }
}

/// Whether `word` looks like a finite past / participle form (-ed or an irregular past).
pub fn is_past_form(word: &str) -> bool {
    let w = normal(word);
    let w = w.as_ref();
    let regular = w.ends_with("ed")
        && w.len() > 4
        && w.chars().all(char::is_alphabetic)
        && (is_verb_form(w)
            || (!w.ends_with("eed") && !NOT_PAST.contains(&w) && !is_un_adjective(w)));
    regular || irregular(w).is_some_and(|b| b != "be" && b != "have" && !w.ends_with('s'))
}

/// "unchanged", "undisclosed", "unexpected": "un" before the participle of a known verb,
/// when "un" and the verb are not a verb of their own ("unveiled", "uncovered" are).
fn is_un_adjective(w: &str) -> bool {
    w.strip_prefix("un")
        .is_some_and(|rest| !w.starts_with("under") && is_verb_form(rest))
}

/// Words ending in "-ed" that are not verb forms.
const NOT_PAST: &[&str] = &[
    "hundred",
    "naked",
    "wicked",
    "sacred",
    "kindred",
    "rugged",
    "beloved",
    "ragged",
    "crooked",
    "wretched",
    "jagged",
    "learned",
    "aged",
    "blessed",
    "cursed",
    "dogged",
    "embed",
    "infrared",
    "sled",
    "shred",
    "biped",
    "moped",
    "unprecedented",
];

/// Base-form candidates for a regular inflection, most likely first.
fn candidates(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    let n = w.len();
    if let Some(stem) = w.strip_suffix("ied").filter(|_| n > 4) {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("ies").filter(|_| n > 4) {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("ed").filter(|_| n > 3) {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
        if let Some(undoubled) = undouble(stem) {
            out.push(undoubled);
        }
    }
    if let Some(stem) = w.strip_suffix("ing").filter(|_| n > 4) {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
        if let Some(undoubled) = undouble(stem) {
            out.push(undoubled);
        }
    }
    if let Some(stem) = w.strip_suffix("es").filter(|_| n > 3) {
        out.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix('s').filter(|_| n > 2 && !w.ends_with("ss")) {
        out.push(stem.to_string());
    }
    out
}

/// "stopp" -> "stop": a doubled final consonant from the inflection.
fn undouble(stem: &str) -> Option<String> {
    let b = stem.as_bytes();
    let n = b.len();
    (n >= 3 && b[n - 1] == b[n - 2] && !b"aeiouyslfz".contains(&b[n - 1]))
        .then(|| stem[..n - 1].to_string())
}

/// Suffix rules for verbs outside the list: strip the inflection, restore a silent "e" after
/// endings that need one ("-iz", "-at", "-uc", "-v", "-ur", "-ok"), and after the single
/// consonant of a one-syllable stem ("fined" -> "fine": "fin" would have doubled, "finned").
fn guess(w: &str) -> Option<String> {
    let n = w.len();
    if let Some(stem) = w.strip_suffix("ied").or_else(|| w.strip_suffix("ies")) {
        if n > 4 {
            return Some(format!("{stem}y"));
        }
    }
    let stem = w
        .strip_suffix("ed")
        .filter(|_| n > 4)
        .or_else(|| w.strip_suffix("ing").filter(|_| n > 5))?;
    if let Some(u) = undouble(stem) {
        return Some(u);
    }
    let b = stem.as_bytes();
    // Vowel letters; a "u" after "q" or "g" before a vowel is part of the consonant ("quot",
    // "guid").
    let vowel_at = |i: usize| {
        let c = b[i];
        b"aeiou".contains(&c)
            && !(c == b'u'
                && i > 0
                && matches!(b[i - 1], b'q' | b'g')
                && b.get(i + 1).is_some_and(|x| b"aeiouy".contains(x)))
    };
    let len = b.len();
    // British doubling: "totalled", "travelled", "labelled"; "fuelled", "dialled" after two
    // vowels ("spelled" keeps its "ll").
    if let Some(single) = stem.strip_suffix("ll") {
        let two_vowels = len == 5 && vowel_at(1) && vowel_at(2);
        if len >= 6 || two_vowels {
            return Some(format!("{single}l"));
        }
    }
    let last = *b.last()?;
    let prev = if len >= 2 { b[len - 2] } else { b'a' };
    let vowel = |c: u8| b"aeiou".contains(&c);
    // Vowel groups, and whether the last one is a single letter right before the last
    // consonant ("fin", "compil"; not "fear", "visit" has two groups).
    let groups = (0..len)
        .filter(|&i| vowel_at(i) && (i == 0 || !vowel_at(i - 1)))
        .count();
    let single_vowel_before_last =
        len >= 2 && !vowel(last) && vowel_at(len - 2) && (len < 3 || !vowel_at(len - 3));
    let one_syllable_cvc =
        groups == 1 && single_vowel_before_last && !matches!(last, b'w' | b'x' | b'y');
    let ends = |suffix: &str| stem.ends_with(suffix) && single_vowel_before_last;
    let needs_e = matches!(last, b'v' | b'z' | b'c')
        || one_syllable_cvc
        // "compiled", "presided", "sidelined", "revoked", "downgraded".
        || ends("il")
        || ends("id")
        || ends("in")
        || ends("ok")
        || ends("ad")
        || stem.ends_with("ud")
        || (stem.ends_with("ag") && stem.len() > 4)
        || (last == b'l'
            && matches!(prev, b't' | b'b' | b'p' | b'd' | b'g' | b'k' | b'z' | b'c' | b'f'))
        || stem.ends_with("od")
        // "graduated", "associated", "debated"; not "treated", "floated".
        || (stem.ends_with("at") && !matches!(b.get(len.wrapping_sub(3)), Some(b'e' | b'o')))
        || (stem.ends_with("ut") || stem.ends_with("ir"))
            && !vowel(b[0..len - 2].last().copied().unwrap_or(b'a'))
        // "endured", "featured"; not "honoured".
        || (stem.ends_with("ur") && len >= 3 && !vowel(b[len - 3]))
        // "valued", "continued".
        || last == b'u'
        || (last == b'g' && matches!(prev, b'r' | b'd'))
        || (last == b's' && vowel(prev) && !stem.ends_with("ss"))
        // "licensed", "analysed", "collapsed", "endorsed".
        || (last == b's' && matches!(prev, b'n' | b'y' | b'p' | b'r' | b'l'));
    Some(if needs_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_list_is_sorted_for_binary_search() {
        assert!(
            VERBS.words().windows(2).all(|w| w[0] < w[1]),
            "VERBS must stay sorted"
        );
        // One base per irregular form.
        let forms: Vec<&str> = IRREGULAR.pairs().iter().map(|p| p.0).collect();
        assert!(
            forms.windows(2).all(|w| w[0] < w[1]),
            "IRREGULAR must stay sorted"
        );
    }

    #[test]
    fn un_participles_of_known_verbs_are_adjectives() {
        for adjective in [
            "unchanged",
            "undisclosed",
            "unexpected",
            "undecided",
            "unprecedented",
        ] {
            assert!(!is_past_form(adjective), "{adjective}");
        }
        for past in [
            "unveiled",
            "uncovered",
            "united",
            "undermined",
            "unleashed",
            "changed",
        ] {
            assert!(is_past_form(past), "{past}");
        }
    }

    #[test]
    fn irregular_forms() {
        for (form, base) in [
            ("said", "say"),
            ("Told", "tell"),
            ("went", "go"),
            ("sought", "seek"),
            ("withdrew", "withdraw"),
            ("saying", "say"),
            ("died", "die"),
        ] {
            assert_eq!(lemma(form), base, "{form}");
        }
    }

    #[test]
    fn regular_forms_of_known_verbs() {
        for (form, base) in [
            ("stated", "state"),
            ("announced", "announce"),
            ("emphasized", "emphasize"),
            ("signaled", "signal"),
            ("highlighted", "highlight"),
            ("reiterated", "reiterate"),
            ("declined", "decline"),
            ("visited", "visit"),
            ("coincided", "coincide"),
            ("stopped", "stop"),
            ("tries", "try"),
            ("pushes", "push"),
            ("adds", "add"),
            ("considering", "consider"),
            ("making", "make"),
            ("planned", "plan"),
            ("discussed", "discuss"),
        ] {
            assert_eq!(lemma(form), base, "{form}");
        }
    }

    #[test]
    fn suffix_rules_for_unlisted_verbs() {
        for (form, base) in [
            ("formulated", "formulate"),
            ("galvanized", "galvanize"),
            ("rebuffed", "rebuff"),
            ("shrugged", "shrug"),
            ("bullied", "bully"),
            ("commuted", "commute"),
            ("diverged", "diverge"),
            ("mocked", "mock"),
            ("excluded", "exclude"),
            ("exploded", "explode"),
            ("totalled", "total"),
            ("messaged", "message"),
            ("spelled", "spell"),
            ("entitled", "entitle"),
            ("blamed", "blame"),
            ("recreated", "recreate"),
            ("unveiled", "unveil"),
            ("fuelled", "fuel"),
            ("dialled", "dial"),
            ("endured", "endure"),
            ("featured", "feature"),
            ("honoured", "honour"),
            ("valued", "value"),
            ("compiled", "compile"),
            ("presided", "preside"),
            ("sidelined", "sideline"),
            ("revoked", "revoke"),
            ("downgraded", "downgrade"),
            ("graduated", "graduate"),
            ("associated", "associate"),
            ("treated", "treat"),
            ("floated", "float"),
            ("fined", "fine"),
            ("tuned", "tune"),
            ("wiped", "wipe"),
            ("quoted", "quote"),
            ("guided", "guide"),
            ("scaled", "scale"),
            ("flared", "flare"),
            ("licensed", "license"),
            ("analysed", "analyse"),
            ("reshuffled", "reshuffle"),
            ("visited", "visit"),
            ("jailed", "jail"),
            ("feared", "fear"),
            ("faxed", "fax"),
            ("hinted", "hint"),
            ("timing", "time"),
            ("edging", "edge"),
            ("hammered", "hammer"),
            ("slumped", "slump"),
            ("unchanged", "unchanged"),
            ("unexpected", "unexpected"),
            ("unaided", "unaided"),
            ("undisclosed", "undisclosed"),
        ] {
            assert_eq!(lemma(form), base, "{form}");
        }
    }

    #[test]
    fn non_inflected_words_are_unchanged() {
        assert_eq!(lemma("Visit"), "visit");
        assert_eq!(lemma("red"), "red");
        assert_eq!(lemma("news"), "news");
        assert!(!is_verb_form("table"));
        assert!(is_verb_form("announced"));
        assert!(is_past_form("announced"));
        assert!(is_past_form("told"));
        assert!(!is_past_form("announce"));
        assert!(!is_past_form("was"));
        assert!(is_past_form("shipped"));
        assert!(!is_past_form("hundred"));
        assert!(!is_past_form("speed"));
    }
}
