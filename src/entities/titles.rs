//! Titles and offices around person names: the lexicon ("Secretary", "Prime Minister",
//! "chief executive") and the two places a role is written in news — before the name
//! ("Defence Secretary John Healey") and in an apposition after it ("John Smith, chief
//! executive of Acme,").
//!
//! An office is a run of lexicon words: *heads* (the office itself: "Secretary"), *modifiers*
//! that only qualify a head ("Defence", "Prime", "Deputy") and connectors inside multiword
//! offices ("Secretary of State for Defence"). Countries and nationalities stop a run, so
//! "UK Prime Minister" gives "Prime Minister" and "Ukrainian President" gives "President".

use crate::span::Span;
use crate::word_set::WordSet;

/// Words that name an office or a job and can stand before a person's name.
static HEADS: WordSet = WordSet::new(&[
    "president",
    "president-elect",
    "vice-president",
    "minister",
    "secretary",
    "secretary-general",
    "chancellor",
    "senator",
    "sen.",
    "governor",
    "gov.",
    "mayor",
    "general",
    "gen.",
    "lieutenant",
    "lt.",
    "colonel",
    "col.",
    "captain",
    "capt.",
    "commander",
    "admiral",
    "adm.",
    "sergeant",
    "sgt.",
    "corporal",
    "cpl.",
    "brigadier",
    "marshal",
    "officer",
    "spokesperson",
    "administrator",
    "spokesman",
    "spokeswoman",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "director",
    "director-general",
    "ambassador",
    "envoy",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "empress",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "imam",
    "rabbi",
    "reverend",
    "rev.",
    "judge",
    "justice",
    "prosecutor",
    "attorney",
    "sheriff",
    "detective",
    "inspector",
    "superintendent",
    "constable",
    "commissioner",
    "representative",
    "rep.",
    "congressman",
    "congresswoman",
    "lawmaker",
    "legislator",
    "mp",
    "mep",
    "leader",
    "premier",
    "speaker",
    "professor",
    "prof.",
    "coach",
    "manager",
    "founder",
    "co-founder",
    "owner",
    "editor",
    "correspondent",
    "reporter",
    "analyst",
    "economist",
    "author",
    "actor",
    "actress",
    "singer",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "dean",
    "principal",
    "executive",
    "chief",
    "deputy",
    "councillor",
    "councilman",
    "councilwoman",
    "adviser",
    "advisor",
    "aide",
    "lawyer",
    "counsel",
    "astronaut",
    "scientist",
    "researcher",
    "spokesmen",
    "dictator",
    "monarch",
    "chancellor-elect",
    "premier-elect",
    "mayor-elect",
    "governor-elect",
    "senator-elect",
    "vice-chancellor",
    "vice-chairman",
    "vice-president-elect",
    "sultan",
    "sheikh",
    "ayatollah",
    "emir",
    "president-designate",
    "taoiseach",
    "tanaiste",
    "secretary-of-state",
    "physicist",
    "activist",
    "campaigner",
    "artist",
    "chef",
    "pilot",
]);

/// Words that qualify an office ("Defence Secretary", "Prime Minister", "Deputy Chief
/// Constable") but are no office alone.
static MODIFIERS: WordSet = WordSet::new(&[
    "prime",
    "emeritus",
    "deputy",
    "vice",
    "foreign",
    "home",
    "defence",
    "defense",
    "health",
    "finance",
    "financial",
    "interior",
    "justice",
    "education",
    "transport",
    "environment",
    "trade",
    "culture",
    "energy",
    "economy",
    "economic",
    "business",
    "shadow",
    "first",
    "chief",
    "executive",
    "acting",
    "interim",
    "state",
    "junior",
    "senior",
    "lord",
    "grand",
    "supreme",
    "high",
    "affairs",
    "attorney",
    "secretary",
    "managing",
    "commanding",
    "national",
    "security",
    "intelligence",
    "treasury",
    "armed",
    "forces",
    "police",
    "army",
    "navy",
    "military",
    "fire",
    "press",
    "communications",
    "exchequer",
    "development",
    "digital",
    "science",
    "technology",
    "agriculture",
    "housing",
    "work",
    "pensions",
    "immigration",
    "climate",
    "legal",
    "operating",
    "financial",
    "technical",
    "medical",
    "general",
    "lieutenant",
    "major",
    "staff",
    "head",
    "team",
    "club",
    "party",
    "opposition",
    "majority",
    "minority",
    "assistant",
    "associate",
    "executive",
    "creative",
    "artistic",
    "private",
    "public",
    "union",
    "cabinet",
    "parliamentary",
    "permanent",
    "special",
    "principal",
    "foreign-affairs",
    "culture",
    "sports",
    "sport",
    "welfare",
    "labor",
    "veterans",
    "homeland",
    "commerce",
    "agency",
    "department",
    "ministry",
    "council",
    "county",
    "city",
    "district",
    "regional",
    "provincial",
    "federal",
    "european",
    "transport",
    "crown",
]);

/// Courtesy titles: not offices, and not part of a canonical name ("Sir Keir Starmer" is
/// Keir Starmer).
static HONORIFICS: WordSet = WordSet::new(&[
    "sir", "dame", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx.", "dr", "dr.",
    "lord", "lady", "baroness", "baron", "hon.", "the hon.", "messrs", "messrs.", "madam",
    "madame", "monsieur", "herr", "frau", "señor", "senor", "sra.", "sr.",
]);

/// Words joining the parts of a multiword office ("Secretary of State for Defence").
static CONNECTORS: WordSet = WordSet::new(&["of", "for", "the", "and", "&"]);

fn lower(word: &str) -> String {
    word.replace('’', "'").to_lowercase()
}

/// Calls `f` with `lower(word)`. Title lookups run for most capitalised words, and most are
/// short ASCII words: those are lowered on the stack, without the two allocations of `lower`.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    match buf.get_mut(..word.len()) {
        Some(dst) if word.is_ascii() => {
            for (d, b) in dst.iter_mut().zip(word.bytes()) {
                *d = b.to_ascii_lowercase();
            }
            // ASCII in, ASCII out: always valid UTF-8.
            f(std::str::from_utf8(dst).unwrap_or_default())
        }
        _ => f(&lower(word)),
    }
}

pub fn is_honorific(word: &str) -> bool {
    with_lower(word, |w| HONORIFICS.contains(w))
}

pub fn is_head(word: &str) -> bool {
    with_lower(word, |w| {
        HEADS.contains(w)
            || w.strip_suffix("-elect").is_some_and(|b| HEADS.contains(b))
            || w.strip_prefix("ex-").is_some_and(|b| HEADS.contains(b))
    })
}

/// Offices that end an organisation or place span the tagger ran into a role: "NASA
/// Administrator", "Los Angeles Sheriff", "Afghan Ambassador" (the organisation, place or
/// nationality is before them). Words that also end names ("Burger King", "The Hollywood
/// Reporter", "Attorney General") are not here.
static OFFICE_ENDS: WordSet = WordSet::new(&[
    "president",
    "minister",
    "secretary",
    "secretary-general",
    "chancellor",
    "senator",
    "governor",
    "mayor",
    "ambassador",
    "envoy",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ceo",
    "cfo",
    "chairman",
    "chairwoman",
    "chairperson",
    "administrator",
    "sheriff",
    "commissioner",
    "director",
    "director-general",
    "premier",
    "chief",
    "leader",
    "coach",
    "manager",
    "prosecutor",
    "adviser",
    "advisor",
    "founder",
    "co-founder",
    "deputy",
    "executive",
]);

/// Whether an organisation or place span ending in `word` has run into an office.
pub fn is_office_end(word: &str) -> bool {
    with_lower(word, |w| OFFICE_ENDS.contains(w))
}

pub fn is_modifier(word: &str) -> bool {
    with_lower(word, |w| MODIFIERS.contains(w))
}

/// Whether a word is part of the title lexicon (head or modifier): such words leak into
/// person spans ("Secretary John Healey") and are cut off there.
pub fn is_title_word(word: &str) -> bool {
    is_head(word) || is_modifier(word)
}

fn is_connector(word: &str) -> bool {
    with_lower(word, |w| CONNECTORS.contains(w))
}

/// Abbreviations whose full stop belongs to the word when scanning for titles.
fn keeps_dot(word_with_dot: &str) -> bool {
    with_lower(word_with_dot, |w| {
        HEADS.contains(w) || HONORIFICS.contains(w)
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | '&')
}

/// Up to `max` words before byte `pos`, nearest first, not crossing `limit` or any
/// punctuation except editorial brackets ("[Russian] President [Vladimir] Putin").
pub fn words_before(text: &str, pos: usize, limit: usize, max: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = pos.min(text.len());
    while out.len() < max {
        // Skip spaces and brackets.
        while i > limit && matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b']') {
            i -= 1;
        }
        if i <= limit {
            break;
        }
        let end = i;
        let mut start = i;
        let mut dot = false;
        if bytes[start - 1] == b'.' {
            dot = true;
            start -= 1;
        }
        let head = text.get(limit..start).unwrap_or("");
        let n_word: usize = head
            .chars()
            .rev()
            .take_while(|&c| is_word_char(c) || c == '.')
            .map(char::len_utf8)
            .sum();
        start -= n_word;
        if n_word == 0 {
            break;
        }
        let word = text.get(start..end).unwrap_or("");
        if dot && !keeps_dot(word) && !word.strip_suffix('.').is_some_and(|w| w.contains('.')) {
            break;
        }
        out.push(Span::new(start, end));
        i = start;
        if text.get(start.saturating_sub(1)..start) == Some("\n") {
            break;
        }
    }
    out
}

/// Up to `max` words after byte `pos`, nearest first, stopping at `limit` or punctuation.
pub fn words_after(text: &str, pos: usize, limit: usize, max: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let limit = limit.min(text.len());
    let mut i = pos;
    while out.len() < max && i < limit {
        let rest = text.get(i..limit).unwrap_or("");
        let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let start = i + lead;
        let body = text.get(start..limit).unwrap_or("");
        let mut n: usize = body
            .chars()
            .take_while(|&c| is_word_char(c))
            .map(char::len_utf8)
            .sum();
        if n == 0 {
            break;
        }
        if body[n..].starts_with('.') && keeps_dot(&body[..n + 1]) {
            n += 1;
        }
        out.push(Span::new(start, start + n));
        i = start + n;
    }
    out
}

/// The office written just before a name that starts at `start` ("Defence Secretary" in
/// "Defence Secretary John Healey"), skipping honorifics ("Prime Minister Sir Keir").
/// `limit` is where the sentence starts.
pub fn role_before(text: &str, start: usize, limit: usize) -> Option<Span> {
    let words = words_before(text, start, limit, 8);
    let mut run: Vec<Span> = Vec::new();
    for w in words {
        let s = w.text(text);
        if run.is_empty() && is_honorific(s) && !is_head(s) {
            continue;
        }
        if is_head(s) || is_modifier(s) || (is_connector(s) && !run.is_empty()) {
            run.push(w);
        } else {
            break;
        }
    }
    // `run` is nearest-first; drop connectors and modifiers at the far end that do not
    // lead to a head ("the", "of").
    while run.last().is_some_and(|w| is_connector(w.text(text))) {
        run.pop();
    }
    // The word next to the name must be a head, unless a connector shows the office goes on
    // after its head ("Secretary of State for Defence").
    let head_at = run.iter().position(|w| is_head(w.text(text)))?;
    let has_connector = run[..head_at].iter().any(|w| is_connector(w.text(text)));
    if head_at > 0 && !has_connector {
        return None;
    }
    let far = run.last()?;
    let near = run.first()?;
    Some(Span::new(far.start as usize, near.end as usize))
}

/// The office in an apposition after a name that ends at `end`: ", chief executive of Acme,"
/// or ", the Defence Secretary,". `limit` is where the sentence ends.
pub fn role_after(text: &str, end: usize, limit: usize) -> Option<Span> {
    let rest = text.get(end..limit.min(text.len()))?;
    if !rest.starts_with(',') {
        return None;
    }
    let words = words_after(text, end + 1, limit, 8);
    let mut iter = words.into_iter().peekable();
    if iter.peek().is_some_and(|w| {
        matches!(
            lower(w.text(text)).as_str(),
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "former" | "then" | "now"
        )
    }) {
        iter.next();
    }
    let mut run: Vec<Span> = Vec::new();
    for w in iter {
        let s = w.text(text);
        if is_head(s) || is_modifier(s) || (is_connector(s) && !run.is_empty()) {
            run.push(w);
        } else {
            break;
        }
    }
    let last_head = run.iter().rposition(|w| is_head(w.text(text)))?;
    run.truncate(last_head + 1);
    // A lone modifier-like head such as "chief" or "executive" is no office by itself.
    if run.len() == 1 && is_modifier(run[0].text(text)) {
        return None;
    }
    let first = run.first()?;
    let last = run.last()?;
    Some(Span::new(first.start as usize, last.end as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str, name: &str) -> Option<String> {
        let start = text.find(name).unwrap();
        role_before(text, start, 0).map(|s| s.text(text).to_string())
    }

    fn after(text: &str, name: &str) -> Option<String> {
        let end = text.find(name).unwrap() + name.len();
        role_after(text, end, text.len()).map(|s| s.text(text).to_string())
    }

    #[test]
    fn offices_before_names() {
        for (text, name, role) in [
            (
                "after Defence Secretary John Healey’s visit",
                "John",
                "Defence Secretary",
            ),
            (
                "UK Prime Minister Sir Keir Starmer said",
                "Keir",
                "Prime Minister",
            ),
            (
                "President-elect Donald Trump has",
                "Donald",
                "President-elect",
            ),
            (
                "Ukrainian President Volodymyr Zelensky",
                "Volodymyr",
                "President",
            ),
            (
                "to [Russian] President [Vladimir] Putin",
                "[Vladimir]",
                "President",
            ),
            ("by spokesperson Jane Doe", "Jane", "spokesperson"),
            (
                "said Secretary of State for Defence Ben Wallace",
                "Ben",
                "Secretary of State for Defence",
            ),
            (
                "Chancellor of the Exchequer Rachel Reeves",
                "Rachel",
                "Chancellor of the Exchequer",
            ),
            ("Gen. Mark Milley", "Mark", "Gen."),
            ("Apple CEO Tim Cook", "Tim", "CEO"),
        ] {
            assert_eq!(before(text, name).as_deref(), Some(role), "{text}");
        }
    }

    #[test]
    fn no_office_before_plain_names() {
        for (text, name) in [
            ("He met John Healey", "John"),
            ("Mr John Healey", "John"),
            ("the Defence John Healey", "John"),
            ("UK John Healey", "John"),
            ("Secretary. John Healey", "John"),
            ("a senior John", "John"),
        ] {
            assert_eq!(before(text, name), None, "{text}");
        }
    }

    #[test]
    fn offices_in_apposition() {
        for (text, name, role) in [
            (
                "John Smith, chief executive of Acme, said",
                "John Smith",
                "chief executive",
            ),
            (
                "Healey, the Defence Secretary, said",
                "Healey",
                "Defence Secretary",
            ),
            (
                "Jane Doe, a spokesperson for the club.",
                "Jane Doe",
                "spokesperson",
            ),
        ] {
            assert_eq!(after(text, name).as_deref(), Some(role), "{text}");
        }
        for (text, name) in [
            ("John Smith, who was there, said", "John Smith"),
            ("John Smith said, chief", "John Smith"),
            ("John Smith, the president’s son", "John Smith"),
            ("John Smith, chief of nothing", "John Smith"),
        ] {
            assert_eq!(after(text, name), None, "{text}");
        }
    }

    #[test]
    fn scanning_never_panics() {
        for s in ["", ".", "é.", "[", "]] x", "Mr.", "’", ",,"] {
            for i in 0..=s.len() {
                let _ = role_before(s, i, 0);
                let _ = role_after(s, i, s.len());
                let _ = words_before(s, i, 0, 3);
                let _ = words_after(s, i, s.len(), 3);
            }
        }
    }
}
