//! Event facts: who did what to whom, when and where. Two shapes: a clause whose subject is
//! an entity ("Lammy highlighted the importance of ..."), and an event noun owned by an
//! entity ("Healey's visit to Kyiv", "during a phone call with Trump"). Conservative on
//! purpose: a wrong subject is worse than no row.

use super::np::{self, lower};
use super::{dates, lemma, Arg, Ctx, Fact, FactKind, Out, Sent, Tok};
use crate::entities::EntityKind;
use crate::word_set::WordSet;

/// Nouns that name an event an entity takes part in.
static EVENT_NOUNS: WordSet = WordSet::new(&[
    "acquisition",
    "address",
    "agreement",
    "announcement",
    "appointment",
    "arrest",
    "arrival",
    "attack",
    "call",
    "campaign",
    "conference",
    "conversation",
    "deal",
    "death",
    "decision",
    "defeat",
    "departure",
    "discussion",
    "discussions",
    "election",
    "funeral",
    "inauguration",
    "interview",
    "invasion",
    "launch",
    "meeting",
    "merger",
    "negotiations",
    "offensive",
    "resignation",
    "speech",
    "summit",
    "takeover",
    "talks",
    "testimony",
    "tour",
    "trial",
    "trip",
    "victory",
    "visit",
    "wedding",
    "withdrawal",
]);

/// Words that may stand before "call"/"meeting" inside the event name ("phone call").
static EVENT_COMPOUNDS: WordSet = WordSet::new(&[
    "official",
    "peace",
    "phone",
    "press",
    "state",
    "telephone",
    "video",
]);

/// Openers of an introductory phrase that ends at the first comma ("During his visit, ...").
static INTRO_OPENERS: WordSet = WordSet::new(&[
    "after",
    "also",
    "amid",
    "at",
    "before",
    "by",
    "despite",
    "during",
    "earlier",
    "following",
    "for",
    "however",
    "in",
    "last",
    "later",
    "meanwhile",
    "now",
    "on",
    "separately",
    "since",
    "speaking",
    "this",
    "today",
    "under",
    "with",
    "yesterday",
]);

/// Words that end an event's object.
static OBJECT_END: WordSet = WordSet::new(&[
    "(", ")", ",", ".", ":", ";", "after", "although", "amid", "as", "because", "before", "but",
    "despite", "during", "if", "since", "that", "though", "until", "when", "where", "whether",
    "which", "while", "who", "–", "—",
]);

/// Verbs that only report speech: their clauses are not events.
static REPORTING_VERBS: WordSet = WordSet::new(&[
    "add", "answer", "argue", "ask", "claim", "comment", "describe", "explain", "insist", "note",
    "remark", "reply", "respond", "say", "state", "suggest", "tell", "write",
]);

/// Longest object in tokens.
const MAX_OBJECT: usize = 10;

fn is_actor(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Person | EntityKind::Organization | EntityKind::Location
    )
}

/// Event facts of one sentence.
pub(crate) fn extract(ctx: &Ctx, sent: &Sent, out: &mut Out) {
    let clause_subject = clause_event(ctx, sent, out);
    nominal_events(ctx, sent, clause_subject, out);
}

/// The clause event; returns the subject's mention index when the sentence has one.
fn clause_event(ctx: &Ctx, sent: &Sent, out: &mut Out) -> Option<usize> {
    let toks = &sent.toks;
    let mut i = 0;
    if toks
        .first()
        .is_some_and(|t| t.in_quote || !np::is_word(ctx.word(t)))
    {
        return None;
    }
    if INTRO_OPENERS.contains(lower(ctx, toks.first()?)) && toks[0].mention.is_none() {
        let comma = (1..toks.len().min(16)).find(|&k| ctx.word(&toks[k]) == ",")?;
        i = comma + 1;
    }
    let np = np::np_after(ctx, toks, i)?;
    let head = toks.get(np.head)?;
    let m = head.mention?;
    let mention = ctx.mentions.get(m)?;
    if !is_actor(mention.kind) || np.head + 1 != np.end {
        return None;
    }
    // Nothing but names, titles and determiners before the head: "NATO countries" is not NATO.
    let mut j = np.end;
    if toks.get(j).is_some_and(|t| ctx.word(t) == ",") {
        // Apposition "Healey, the defence secretary, announced".
        let close = (j + 1..toks.len().min(j + 14)).find(|&k| ctx.word(&toks[k]) == ",")?;
        let first = lower(ctx, toks.get(j + 1)?);
        if !(np::is_determiner(first) || first == "who") {
            return None;
        }
        j = close + 1;
    }
    let mut negated = false;
    let mut aux = false;
    // The last form of "be" seen: "was charged" is passive, "is considering" is not.
    let mut be = false;
    while let Some(t) = toks.get(j) {
        let w = lower(ctx, t);
        if !np::is_verb_filler(w) || t.mention.is_some() {
            break;
        }
        negated |= matches!(w, "not" | "n't" | "never");
        if matches!(w, "is" | "was" | "are" | "were" | "be" | "been" | "being") {
            be = true;
        } else if matches!(w, "has" | "have" | "had" | "will" | "would") {
            be = false;
        }
        aux |= matches!(
            w,
            "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "should"
                | "must"
                | "did"
                | "does"
                | "do"
                | "is"
                | "was"
                | "are"
                | "were"
        );
        j += 1;
    }
    let v = toks.get(j)?;
    let vw = lower(ctx, v);
    let finite = lemma::is_past_form(vw)
        || (aux && lemma::is_verb_form(vw))
        || (vw.ends_with('s') && lemma::is_verb_form(vw) && lemma::lemma(vw) != vw);
    if v.mention.is_some() || v.in_quote || !finite || lemma::lemma(vw) == "be" {
        return None;
    }
    // "Allied Domecq shares in London rose": a plural noun, not a verb, when a preposition
    // or another verb follows.
    if !aux && !lemma::is_past_form(vw) {
        let next = toks.get(j + 1).map(|t| lower(ctx, t)).unwrap_or("");
        if np::is_preposition(next) && next != "to" || lemma::is_past_form(next) {
            return None;
        }
    }
    let passive = be && lemma::is_past_form(vw) && !vw.ends_with("ing");
    let base = lemma::lemma(vw);
    // Reported speech ("X said the plan was safe") is no event; "X announced £5m" is.
    if REPORTING_VERBS.contains(base.as_str()) {
        return Some(m);
    }
    // "Montalvo was charged with ...": the subject underwent the act.
    let mut predicate = if passive { format!("be {vw}") } else { base };
    let mut k = j + 1;
    // "declined to confirm", "stepped up".
    if toks.get(k).is_some_and(|t| lower(ctx, t) == "to")
        && toks
            .get(k + 1)
            .is_some_and(|t| t.mention.is_none() && lemma::is_known_verb(lower(ctx, t)))
    {
        predicate = format!("{predicate} to {}", lower(ctx, &toks[k + 1]));
        k += 2;
    } else if let Some(p) = toks.get(k).map(|t| lower(ctx, t)) {
        if matches!(p, "up" | "out" | "down" | "off" | "back") {
            predicate = format!("{predicate} {p}");
            k += 1;
        }
    }
    if negated {
        predicate = format!("not {predicate}");
    }
    let subject = np::actor_arg(ctx, toks, np)?;
    let object = object_at(ctx, toks, k);
    let mut qualifiers = Vec::new();
    let object_span = object.as_ref().map(|o| o.span);
    for (key, arg) in sentence_qualifiers(ctx, sent) {
        if object_span.is_some_and(|s| s.contains(arg.span)) && key != "date" {
            continue;
        }
        qualifiers.push((key, arg));
    }
    let key = format!(
        "event|{:?}|{predicate}|{:?}",
        subject.entity,
        object.as_ref().map(|o| o.span)
    );
    out.push_unique(
        key,
        Fact {
            kind: FactKind::Event,
            subject: Some(subject),
            predicate,
            object,
            qualifiers,
            evidence: sent.span,
            section: 0,
        },
    );
    Some(m)
}

/// The object phrase from token `k`: up to a clause boundary, at most `MAX_OBJECT` tokens.
fn object_at(ctx: &Ctx, toks: &[Tok], k: usize) -> Option<Arg> {
    let mut end = k;
    while end < toks.len() && end - k < MAX_OBJECT {
        let t = &toks[end];
        if t.in_quote || (OBJECT_END.contains(lower(ctx, t)) && t.mention.is_none()) {
            break;
        }
        // "in Lima", "on 5 March": places and dates become qualifiers, not the object.
        let w = lower(ctx, t);
        let next_kind = toks
            .get(end + 1)
            .and_then(|n| ctx.mention(n))
            .map(|m| m.kind);
        if end > k
            && matches!(w, "in" | "on" | "at" | "near" | "from")
            && matches!(next_kind, Some(EntityKind::Location | EntityKind::Date))
        {
            break;
        }
        if ctx.mention(t).is_some_and(|m| m.kind == EntityKind::Date) {
            break;
        }
        end += 1;
    }
    // Don't end on a dangling function word ("the importance of", "from the").
    while end > k && toks[end - 1].mention.is_none() && {
        let w = lower(ctx, &toks[end - 1]);
        np::is_stop(w) || np::is_determiner(w) || np::is_preposition(w) || !np::is_word(w)
    } {
        end -= 1;
    }
    if end == k {
        return None;
    }
    let span = toks[k].span.cover(toks[end - 1].span);
    let entity = toks[k..end]
        .iter()
        .filter_map(|t| ctx.mention(t))
        .find(|m| m.kind.is_name())
        .and_then(|m| ctx.entity(m))
        .map(|e| e.id);
    Some(Arg {
        span,
        entity,
        value: None,
    })
}

/// Date and location qualifiers of a sentence: dates anywhere, places after "in"/"at"/"to".
fn sentence_qualifiers(ctx: &Ctx, sent: &Sent) -> Vec<(String, Arg)> {
    let toks = &sent.toks;
    let mut out = Vec::new();
    let mut last = None;
    for (k, t) in toks.iter().enumerate() {
        let Some(m) = t.mention else {
            continue;
        };
        if last == Some(m) || t.in_quote {
            continue;
        }
        last = Some(m);
        let Some(mention) = ctx.mentions.get(m) else {
            continue;
        };
        match mention.kind {
            EntityKind::Date => {
                if let Some(arg) = dates::date_arg(ctx, m) {
                    out.push(("date".to_string(), arg));
                }
            }
            EntityKind::Location => {
                let prep = k.checked_sub(1).map(|p| lower(ctx, &toks[p]));
                if matches!(prep, Some("in" | "at" | "to" | "near" | "from")) {
                    if let Some(arg) = ctx.mention_arg(m) {
                        out.push(("location".to_string(), arg));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// "Healey's visit to Kyiv", "Russia's invasion", and "during a phone call with Trump" in a
/// sentence whose subject is an entity.
fn nominal_events(ctx: &Ctx, sent: &Sent, clause_subject: Option<usize>, out: &mut Out) {
    let toks = &sent.toks;
    for k in 0..toks.len() {
        let w = lower(ctx, &toks[k]);
        if !EVENT_NOUNS.contains(w) || toks[k].in_quote || toks[k].mention.is_some() {
            continue;
        }
        let mut name_start = k;
        if k > 0 && EVENT_COMPOUNDS.contains(lower(ctx, &toks[k - 1])) {
            name_start = k - 1;
        }
        // Owner: "X's [adjective] visit".
        let mut owner = None;
        let mut p = name_start;
        if p > 0 && !np::is_possessive(ctx.word(&toks[p - 1])) && p > 1 {
            // One adjective between: "Healey's recent visit".
            let adj = lower(ctx, &toks[p - 1]);
            if !np::is_stop(adj) && toks[p - 1].mention.is_none() && np::is_word(adj) {
                p -= 1;
            }
        }
        if p >= 2 && np::is_possessive(ctx.word(&toks[p - 1])) {
            if let Some(m) = toks[p - 2].mention {
                if ctx.mentions.get(m).is_some_and(|x| is_actor(x.kind)) {
                    owner = Some(m);
                }
            }
        }
        // "during a phone call with Trump": the sentence subject takes part.
        let with = toks.get(k + 1).is_some_and(|t| lower(ctx, t) == "with");
        let prep_before = (name_start >= 2)
            .then(|| lower(ctx, &toks[name_start - 2]))
            .filter(|_| np::is_determiner(lower(ctx, &toks[name_start - 1])));
        let during = matches!(
            prep_before,
            Some("during" | "in" | "after" | "before" | "at" | "following" | "amid")
        );
        let subject_m = match (owner, clause_subject) {
            (Some(o), _) => o,
            (None, Some(s)) if during && with => s,
            _ => continue,
        };
        let predicate = toks[name_start]
            .span
            .cover(toks[k].span)
            .text(ctx.text)
            .to_lowercase();
        let mut object = None;
        let mut qualifiers = Vec::new();
        // What follows the noun: "to Kyiv", "in Brussels", "with Trump", "on Monday".
        let mut i = k + 1;
        while i + 1 < toks.len() && i < k + 6 {
            let prep = lower(ctx, &toks[i]);
            let target = toks.get(i + 1).and_then(|t| t.mention);
            let Some(tm) = target else {
                break;
            };
            let Some(mention) = ctx.mentions.get(tm) else {
                break;
            };
            match (prep, mention.kind) {
                ("to" | "in" | "at", EntityKind::Location) => {
                    if let Some(a) = ctx.mention_arg(tm) {
                        qualifiers.push(("location".to_string(), a));
                    }
                }
                ("with", kind) if is_actor(kind) => object = ctx.mention_arg(tm),
                ("on" | "in", EntityKind::Date) => {
                    if let Some(a) = dates::date_arg(ctx, tm) {
                        qualifiers.push(("date".to_string(), a));
                    }
                }
                _ => break,
            }
            i += 2;
            while toks.get(i).is_some_and(|t| t.mention == Some(tm)) {
                i += 1;
            }
        }
        let Some(subject) = ctx.mention_arg(subject_m).map(|mut a| {
            a.value = None;
            a
        }) else {
            continue;
        };
        if object.as_ref().is_some_and(|o| o.entity == subject.entity) {
            continue;
        }
        // One row per owner and event: "Healey's visit to Kyiv" and a later "Healey's
        // visit" are the same visit, and the first mention says most.
        let key = format!(
            "event|{:?}|{predicate}|{:?}",
            subject.entity,
            object.as_ref().and_then(|o| o.entity)
        );
        out.push_unique(
            key,
            Fact {
                kind: FactKind::Event,
                subject: Some(subject),
                predicate,
                object,
                qualifiers,
                evidence: sent.span,
                section: 0,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        crate::facts::np::assert_sorted("EVENT_NOUNS", EVENT_NOUNS.words());
        crate::facts::np::assert_sorted("EVENT_COMPOUNDS", EVENT_COMPOUNDS.words());
        crate::facts::np::assert_sorted("INTRO_OPENERS", INTRO_OPENERS.words());
        crate::facts::np::assert_sorted("OBJECT_END", OBJECT_END.words());
        crate::facts::np::assert_sorted("REPORTING_VERBS", REPORTING_VERBS.words());
    }
}
