//! Noun phrases and verb groups over tokens: the small grammar the fact patterns share,
//! with the word lists it needs. No parser: a phrase is a run of name-like tokens, ended by
//! function words, punctuation and verbs, and each walk is bounded in length.

use super::lemma;
use super::{Ctx, Tok};
use crate::entities::EntityKind;
use crate::span::Span;
use crate::word_set::WordSet;

/// Longest noun phrase the walks accept, in tokens.
const MAX_NP: usize = 9;

/// Words that end a noun phrase whatever their case ("However", "in", "and").
static STOP: WordSet = WordSet::new(&[
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "also",
    "although",
    "among",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "earlier",
    "either",
    "else",
    "even",
    "ever",
    "for",
    "from",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "him",
    "his",
    "how",
    "however",
    "if",
    "in",
    "including",
    "instead",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "later",
    "like",
    "may",
    "meanwhile",
    "might",
    "more",
    "most",
    "must",
    "near",
    "never",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "onto",
    "or",
    "over",
    "per",
    "perhaps",
    "rather",
    "shall",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "today",
    "tomorrow",
    "too",
    "toward",
    "towards",
    "under",
    "unless",
    "until",
    "upon",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yesterday",
    "yet",
    "you",
]);

/// Words that open a noun phrase.
static DETERMINERS: WordSet = WordSet::new(&[
    "a", "an", "another", "her", "his", "its", "many", "my", "one", "our", "several", "some",
    "that", "the", "their", "these", "this", "those", "three", "two", "your",
]);

/// Common nouns that can stand as a speaker or actor without a name ("a spokesperson", "one
/// trader", "the radio station").
static PERSON_NOUNS: WordSet = WordSet::new(&[
    "activist",
    "activists",
    "actor",
    "actress",
    "adviser",
    "advisers",
    "advisor",
    "agency",
    "aide",
    "aides",
    "airline",
    "ambassador",
    "analyst",
    "analysts",
    "association",
    "author",
    "authorities",
    "authors",
    "bank",
    "banker",
    "bankers",
    "board",
    "boss",
    "broadcaster",
    "broker",
    "brokers",
    "campaigner",
    "campaigners",
    "captain",
    "carrier",
    "chairman",
    "chairwoman",
    "channel",
    "charity",
    "chief",
    "club",
    "coach",
    "colleague",
    "colleagues",
    "commander",
    "commentator",
    "commentators",
    "commission",
    "committee",
    "company",
    "consultant",
    "council",
    "critic",
    "critics",
    "customer",
    "customers",
    "daughter",
    "dealer",
    "dealers",
    "defender",
    "department",
    "diplomat",
    "diplomats",
    "director",
    "doctor",
    "doctors",
    "economist",
    "economists",
    "employee",
    "employees",
    "engineer",
    "executive",
    "expert",
    "experts",
    "eyewitness",
    "fan",
    "fans",
    "farmer",
    "farmers",
    "father",
    "federation",
    "firm",
    "founder",
    "friend",
    "government",
    "governor",
    "group",
    "head",
    "historian",
    "husband",
    "insider",
    "insiders",
    "inspector",
    "investigators",
    "investor",
    "investors",
    "judge",
    "keeper",
    "label",
    "lawmaker",
    "lawmakers",
    "lawyer",
    "lawyers",
    "leader",
    "leaders",
    "manager",
    "mayor",
    "member",
    "members",
    "midfielder",
    "minister",
    "ministry",
    "mother",
    "musician",
    "neighbour",
    "neighbours",
    "network",
    "newspaper",
    "novelist",
    "nurse",
    "observer",
    "observers",
    "office",
    "officer",
    "officers",
    "official",
    "officials",
    "organisation",
    "organisers",
    "organization",
    "organizers",
    "owner",
    "partner",
    "party",
    "patient",
    "patients",
    "pilot",
    "player",
    "players",
    "police",
    "president",
    "producer",
    "professor",
    "prosecutor",
    "prosecutors",
    "protester",
    "protesters",
    "regulator",
    "relative",
    "relatives",
    "report",
    "representative",
    "researcher",
    "researchers",
    "resident",
    "residents",
    "retailer",
    "scientist",
    "scientists",
    "secretary",
    "senator",
    "shopper",
    "shoppers",
    "singer",
    "soldier",
    "soldiers",
    "son",
    "source",
    "sources",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "statement",
    "station",
    "striker",
    "student",
    "students",
    "studio",
    "study",
    "supporter",
    "supporters",
    "survey",
    "teacher",
    "teachers",
    "team",
    "trader",
    "traders",
    "union",
    "user",
    "users",
    "victim",
    "voter",
    "voters",
    "watchdog",
    "website",
    "wife",
    "winner",
    "witness",
    "witnesses",
    "woman",
    "worker",
    "workers",
    "writer",
]);

/// Adverbs and auxiliaries allowed between a subject and its verb ("has also said").
static VERB_FILLERS: WordSet = WordSet::new(&[
    "again",
    "already",
    "also",
    "are",
    "be",
    "been",
    "being",
    "can",
    "could",
    "did",
    "do",
    "does",
    "earlier",
    "further",
    "had",
    "has",
    "have",
    "immediately",
    "initially",
    "is",
    "just",
    "later",
    "may",
    "might",
    "must",
    "n't",
    "never",
    "not",
    "now",
    "once",
    "previously",
    "publicly",
    "recently",
    "repeatedly",
    "reportedly",
    "separately",
    "should",
    "still",
    "subsequently",
    "then",
    "today",
    "was",
    "were",
    "will",
    "would",
    "yesterday",
]);

/// Honorifics that may sit between an office and a name ("Prime Minister Sir Keir Starmer").
pub static HONORIFICS: WordSet = WordSet::new(&[
    "dame",
    "dr",
    "dr.",
    "lady",
    "lord",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "prof",
    "prof.",
    "professor",
    "rev",
    "rev.",
    "sir",
]);

/// Word lists are searched by binary search; this keeps them honest.
#[cfg(test)]
pub fn assert_sorted(name: &str, list: &[&str]) {
    assert!(
        list.windows(2).all(|w| w[0] < w[1]),
        "{name} must stay sorted and free of duplicates"
    );
}

pub fn lower<'c>(ctx: &'c Ctx, t: &Tok) -> &'c str {
    ctx.lower(t)
}

pub fn is_stop(w: &str) -> bool {
    STOP.contains(w)
}

pub fn is_determiner(w: &str) -> bool {
    DETERMINERS.contains(w)
}

pub fn is_person_noun(w: &str) -> bool {
    PERSON_NOUNS.contains(w)
}

pub fn is_verb_filler(w: &str) -> bool {
    VERB_FILLERS.contains(w) || (w.len() > 4 && w.ends_with("ly"))
}

pub fn is_honorific(w: &str) -> bool {
    HONORIFICS.contains(w)
}

/// Starts with an upper-case letter.
pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub fn is_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphanumeric)
}

pub fn is_possessive(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'" | "’")
}

pub fn is_pronoun_subject(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// A noun phrase found by a walk: token range and head token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Np {
    pub start: usize,
    /// Exclusive.
    pub end: usize,
    pub head: usize,
}

impl Np {
    pub fn span(&self, toks: &[Tok]) -> Span {
        match (toks.get(self.start), toks.get(self.end.wrapping_sub(1))) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => Span::default(),
        }
    }
}

/// What a token can be inside a noun phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Mention,
    Name,
    Noun,
    Modifier,
    Possessive,
    Determiner,
    Pronoun,
    End,
}

fn part(ctx: &Ctx, t: &Tok) -> Part {
    if t.mention.is_some() {
        return Part::Mention;
    }
    let w = ctx.word(t);
    let l = ctx.lower(t);
    if is_possessive(w) {
        return Part::Possessive;
    }
    if matches!(l, "he" | "she" | "they" | "it") {
        return Part::Pronoun;
    }
    if is_determiner(l) {
        return Part::Determiner;
    }
    if !is_word(w) || is_stop(l) {
        return Part::End;
    }
    if is_person_noun(l) {
        return Part::Noun;
    }
    if is_capitalised(w) {
        return Part::Name;
    }
    if lemma::is_past_form(l) || l.ends_with("ly") || lemma::lemma(l) == "say" {
        return Part::End;
    }
    Part::Modifier
}

/// The noun phrase ending just before token `end` (exclusive), walking left.
pub fn np_before(ctx: &Ctx, toks: &[Tok], end: usize) -> Option<Np> {
    let head = end.checked_sub(1)?;
    let head_part = part(ctx, toks.get(head)?);
    match head_part {
        Part::Pronoun => {
            // A pronoun is a whole noun phrase on its own. "he", "she" and "they" are only
            // ever subjects, whatever comes before ("Asked if he would welcome BNP voters he
            // told ..."); "it" may be an object, so it must open its clause.
            let before = head.checked_sub(1).map(|i| part(ctx, &toks[i]));
            let nominative = matches!(ctx.lower(&toks[head]), "he" | "she" | "they");
            return (nominative || before.is_none() || before == Some(Part::End)).then_some(Np {
                start: head,
                end,
                head,
            });
        }
        Part::Mention | Part::Name | Part::Noun => {}
        _ => return None,
    }
    let mut start = head;
    while start > 0 && end - start < MAX_NP {
        let p = part(ctx, &toks[start - 1]);
        match p {
            Part::Mention | Part::Name | Part::Noun | Part::Possessive => start -= 1,
            Part::Modifier if head_part == Part::Noun => start -= 1,
            Part::Determiner => {
                start -= 1;
                break;
            }
            _ => break,
        }
    }
    // A phrase cannot begin with a possessive marker.
    if toks.get(start).is_some_and(|t| is_possessive(ctx.word(t))) {
        return None;
    }
    // "a letter seen by Sky News says": the phrase is an object, not the subject.
    if start
        .checked_sub(1)
        .is_some_and(|p| is_preposition(lower(ctx, &toks[p])))
    {
        return None;
    }
    Some(Np { start, end, head })
}

/// The noun phrase starting at token `start`, walking right.
pub fn np_after(ctx: &Ctx, toks: &[Tok], start: usize) -> Option<Np> {
    let first = part(ctx, toks.get(start)?);
    if first == Part::Pronoun {
        return Some(Np {
            start,
            end: start + 1,
            head: start,
        });
    }
    let mut end = start;
    if first == Part::Determiner {
        end += 1;
    }
    let mut head = None;
    let mut after_possessive = false;
    while end < toks.len() && end - start < MAX_NP {
        match part(ctx, &toks[end]) {
            Part::Mention | Part::Name | Part::Noun => {
                head = Some(end);
                end += 1;
            }
            // "the team's coach": the possessed noun is the head.
            Part::Modifier if after_possessive => {
                head = Some(end);
                end += 1;
            }
            Part::Modifier => end += 1,
            // "chairman and chief executive Richard Parsons": titles joined by "and",
            // before any name.
            Part::End
                if head.is_none_or(|h| {
                    toks[h].mention.is_none() && part(ctx, &toks[h]) == Part::Noun
                }) && matches!(ctx.lower(&toks[end]), "and" | "&")
                    && toks
                        .get(end + 1)
                        .is_some_and(|n| matches!(part(ctx, n), Part::Noun | Part::Modifier))
                    && end > start =>
            {
                end += 1
            }
            Part::Possessive => {
                after_possessive = true;
                end += 1;
                continue;
            }
            _ => break,
        }
        after_possessive = false;
    }
    let head = head?;
    Some(Np {
        start,
        end: head + 1,
        head,
    })
}

/// Skips adverbs and auxiliaries from `i` on; returns the first other token index.
pub fn skip_fillers(ctx: &Ctx, toks: &[Tok], mut i: usize) -> usize {
    while i < toks.len() && is_verb_filler(lower(ctx, &toks[i])) && toks[i].mention.is_none() {
        i += 1;
    }
    i
}

/// Skips fillers walking left from `end` (exclusive); returns the new exclusive end.
pub fn skip_fillers_back(ctx: &Ctx, toks: &[Tok], mut end: usize) -> usize {
    while end > 0 && is_verb_filler(lower(ctx, &toks[end - 1])) && toks[end - 1].mention.is_none() {
        end -= 1;
    }
    end
}

/// Skips an apposition or relative clause ending at the comma `comma` ("X, the minister,"):
/// returns the index of the comma opening it, if the segment looks like one.
pub fn apposition_before(ctx: &Ctx, toks: &[Tok], comma: usize) -> Option<usize> {
    if toks.get(comma).map(|t| ctx.word(t)) != Some(",") {
        return None;
    }
    let lo = comma.saturating_sub(14);
    let open = (lo..comma).rev().find(|&i| ctx.word(&toks[i]) == ",")?;
    let first = lower(ctx, toks.get(open + 1)?);
    let inner = toks.get(open + 1..comma)?;
    // "the minister", "who was there", "of the University of NSW", "in remarks to TV",
    // "Republican from Texas": anything without a verb of its own, or a relative clause.
    let relative = matches!(first, "who" | "whose" | "which");
    let verbless = inner.iter().all(|t| {
        let w = ctx.lower(t);
        t.mention.is_some() || !(lemma::is_past_form(w) || lemma::lemma(w) == "say" || t.in_quote)
    });
    (!inner.is_empty() && (relative || verbless || is_determiner(first))).then_some(open)
}

/// Prepositions: a noun phrase right after one is its object, never a subject.
static PREPOSITIONS: WordSet = WordSet::new(&[
    "about", "against", "at", "by", "for", "from", "in", "into", "like", "of", "on", "onto",
    "over", "than", "to", "toward", "towards", "under", "via", "with",
]);

pub fn is_preposition(w: &str) -> bool {
    PREPOSITIONS.contains(w)
}

/// Prepositions of place and time that `PREPOSITIONS` leaves out (its callers read "after"
/// or "during" as the start of a clause or a date).
static OTHER_PREPOSITIONS: WordSet = WordSet::new(&[
    "after",
    "alongside",
    "among",
    "before",
    "behind",
    "beside",
    "besides",
    "between",
    "during",
    "near",
    "unlike",
    "without",
]);

/// Whether `w` (lower case) is any preposition, so the name after it is its object.
pub fn is_any_preposition(w: &str) -> bool {
    PREPOSITIONS.contains(w) || OTHER_PREPOSITIONS.contains(w)
}

/// "the team's coach, Alireza Mehraban,": the person named in an apposition right after a
/// common-noun phrase stands for it.
pub fn named_in_apposition(ctx: &Ctx, toks: &[Tok], np: Np) -> Np {
    let head_is_name = toks.get(np.head).is_some_and(|t| t.mention.is_some());
    if head_is_name || toks.get(np.end).map(|t| ctx.word(t)) != Some(",") {
        return np;
    }
    let first = np.end + 1;
    let Some(m) = toks.get(first).and_then(|t| t.mention) else {
        return np;
    };
    if ctx.mentions.get(m).map(|x| x.kind) != Some(EntityKind::Person) {
        return np;
    }
    let mut last = first;
    while toks.get(last + 1).is_some_and(|t| t.mention == Some(m)) {
        last += 1;
    }
    let closes = toks
        .get(last + 1)
        .is_none_or(|t| matches!(ctx.word(t), "," | "." | ";" | ":"));
    if closes {
        Np {
            start: first,
            end: last + 1,
            head: last,
        }
    } else {
        np
    }
}

/// An argument for a noun phrase used as an actor: the mention when the head is one (the
/// name without its title), a pronoun resolved to its person, or the phrase itself.
pub fn actor_arg(ctx: &Ctx, toks: &[Tok], np: Np) -> Option<super::Arg> {
    let head = toks.get(np.head)?;
    let w = ctx.lower(head);
    if is_pronoun_subject(w) {
        let m = ctx.antecedent(head.span.start, w == "she")?;
        let e = ctx.entity(m)?;
        return Some(super::Arg {
            span: head.span,
            entity: Some(e.id),
            value: Some(e.name.clone()),
        });
    }
    if w == "they" || w == "it" {
        return Some(super::Arg {
            span: head.span,
            entity: None,
            value: None,
        });
    }
    if let Some(m) = head.mention {
        // "Mr Smith's office": the head is not the name, so neither is the actor.
        let mention = ctx.mentions.get(m)?;
        let has_possessive_after = toks
            .get(np.head + 1..np.end)
            .is_some_and(|r| r.iter().any(|t| is_possessive(ctx.word(t))));
        if !has_possessive_after {
            let mut arg = ctx.mention_arg(m)?;
            if mention.kind == EntityKind::Person {
                arg.value = None;
            }
            return Some(arg);
        }
    }
    Some(super::Arg {
        span: np.span(toks),
        entity: None,
        value: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert_sorted("STOP", STOP.words());
        assert_sorted("DETERMINERS", DETERMINERS.words());
        assert_sorted("PERSON_NOUNS", PERSON_NOUNS.words());
        assert_sorted("VERB_FILLERS", VERB_FILLERS.words());
        assert_sorted("HONORIFICS", HONORIFICS.words());
        assert_sorted("PREPOSITIONS", PREPOSITIONS.words());
        assert_sorted("OTHER_PREPOSITIONS", OTHER_PREPOSITIONS.words());
    }
}
