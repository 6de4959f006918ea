//! Amount facts: a money (or quantity, percentage) mention, the verb that governs it, who
//! gives it, what it is for and what it includes ("Healey announced an additional £225
//! million in military aid, which includes drones, artillery shells, and air defence
//! systems").

use super::np::{self, lower};
use super::{lemma, Arg, Ctx, Fact, FactKind, Out, Sent, Tok};
use crate::entities::EntityKind;
use crate::span::Span;
use crate::word_set::WordSet;

/// Words allowed between a verb and its amount ("announced an additional £5m").
static PRE_AMOUNT: WordSet = WordSet::new(&[
    "a",
    "about",
    "additional",
    "almost",
    "an",
    "another",
    "approximately",
    "around",
    "at",
    "emergency",
    "estimated",
    "extra",
    "fresh",
    "further",
    "her",
    "his",
    "initial",
    "its",
    "just",
    "least",
    "more",
    "nearly",
    "new",
    "of",
    "only",
    "over",
    "record",
    "roughly",
    "some",
    "than",
    "the",
    "their",
    "to",
    "total",
    "under",
    "up",
]);

/// Words that end a purpose or list item.
static ITEM_END: WordSet = WordSet::new(&[
    "(",
    ")",
    ",",
    ".",
    ":",
    ";",
    "after",
    "and",
    "are",
    "as",
    "because",
    "before",
    "but",
    "by",
    "can",
    "could",
    "during",
    "for",
    "from",
    "had",
    "has",
    "have",
    "if",
    "in",
    "including",
    "is",
    "may",
    "might",
    "on",
    "or",
    "over",
    "that",
    "to",
    "was",
    "were",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whose",
    "will",
    "with",
    "would",
    "–",
    "—",
]);

/// Verbs of saying and thinking, which are never nouns in a purpose or a share's whole:
/// "69% of over-55s say they always vote" ends before "say".
static ITEM_END_VERBS: WordSet = WordSet::new(&[
    "agree", "agrees", "believe", "believes", "feel", "feels", "oppose", "opposes", "say", "says",
    "think", "thinks", "want", "wants",
]);

/// Verbs that introduce what an amount contains.
static INCLUDE_VERBS: WordSet = WordSet::new(&[
    "comprise",
    "comprised",
    "comprises",
    "consist",
    "consists",
    "cover",
    "covered",
    "covers",
    "include",
    "included",
    "includes",
]);

/// Longest purpose phrase or list item, in tokens.
const MAX_ITEM: usize = 7;

/// Amount facts of one sentence.
pub(crate) fn extract(ctx: &Ctx, sent: &Sent, out: &mut Out) {
    let toks = &sent.toks;
    let mut i = 0;
    while i < toks.len() {
        let Some(m) = toks[i].mention else {
            i += 1;
            continue;
        };
        let start = i;
        while i < toks.len() && toks[i].mention == Some(m) {
            i += 1;
        }
        let Some(kind) = ctx.mentions.get(m).map(|x| x.kind) else {
            continue;
        };
        if !matches!(
            kind,
            EntityKind::Money | EntityKind::Quantity | EntityKind::Percent
        ) || toks[start].in_quote
        {
            continue;
        }
        if let Some(f) = amount_fact(ctx, sent, start, i, m, kind) {
            out.push(f);
        }
    }
}

fn amount_fact(
    ctx: &Ctx,
    sent: &Sent,
    start: usize,
    end: usize,
    m: usize,
    kind: EntityKind,
) -> Option<Fact> {
    let toks = &sent.toks;
    // A count of people, days or families is no amount, unless it is a toll: "76 people
    // were killed", "killing two soldiers", "345 pilgrims died" (checked once the verb is
    // known).
    let count_only = kind == EntityKind::Quantity && !is_measure(ctx, &toks[start..end]);
    if count_only && !counts_people(ctx, &toks[start..end]) {
        return None;
    }
    let subject = ctx.mention_arg(m)?;
    let mut qualifiers = Vec::new();
    // The governing verb: before the amount (active) or after it (passive).
    let mut v = start;
    while v > 0 && start - v < 5 && PRE_AMOUNT.contains(lower(ctx, &toks[v - 1])) {
        v -= 1;
    }
    let verb_before = v
        .checked_sub(1)
        .filter(|&k| is_finite_verb(ctx, toks, k))
        .or_else(|| {
            // "bought the unit for $9.3bn", "sold it at £2 a share": the verb before the
            // object governs the price.
            let p = v.checked_sub(1)?;
            if !matches!(lower(ctx, &toks[p]), "for" | "at" | "worth") {
                return None;
            }
            (p.saturating_sub(8)..p)
                .rev()
                .take_while(|&k| !matches!(ctx.word(&toks[k]), "," | ";" | ":"))
                .find(|&k| is_finite_verb(ctx, toks, k))
        })
        .map(|k| (k, lemma::lemma(ctx.word(&toks[k]))));
    let mut predicate = None;
    let mut after = end;
    if let Some((k, lem)) = &verb_before {
        let k = *k;
        predicate = Some(lem.clone());
        let subject_end = np::skip_fillers_back(ctx, toks, k);
        // Only a named (or resolved) agent: "Unemployment fell to 4%" has none, and a
        // percentage changes rather than being given ("profits at X jumped 76%").
        if let Some(agent) = np::np_before(ctx, toks, subject_end)
            .and_then(|n| np::actor_arg(ctx, toks, n))
            .filter(|a| a.entity.is_some() && kind != EntityKind::Percent)
        {
            qualifiers.push(("by".to_string(), agent));
        }
    }
    // What the amount is for: "in military aid", "for schools", "of aid".
    if let Some(w) = toks.get(after).map(|t| lower(ctx, t)) {
        if matches!(w, "in" | "for" | "of" | "to" | "towards") {
            let is_date = toks
                .get(after + 1)
                .and_then(|t| ctx.mention(t))
                .is_some_and(|m| m.kind == EntityKind::Date);
            // "in military aid" is a purpose; "in the fourth quarter", "in a sale" are not.
            let bare_in = w != "in"
                || (kind == EntityKind::Money
                    && toks
                        .get(after + 1)
                        .is_some_and(|t| !np::is_determiner(lower(ctx, t)) && t.mention.is_none()));
            let of_only = kind == EntityKind::Money || w == "of";
            if let Some((arg, next)) =
                phrase(ctx, toks, after + 1).filter(|_| !is_date && bare_in && of_only)
            {
                let key = if w == "of" && kind != EntityKind::Money {
                    // "69% of UK firms", "a third of voters": what the share is of.
                    "of"
                } else if arg.entity.is_some() {
                    if w == "to" || w == "for" {
                        "to"
                    } else {
                        "for"
                    }
                } else if w == "to" && verb_before.is_none() {
                    "to"
                } else {
                    "purpose"
                };
                qualifiers.push((key.to_string(), arg));
                after = next;
            }
        }
    }
    if predicate.is_none() {
        // Passive: "£5m was allocated by the council".
        let mut k = after;
        let mut aux = false;
        while toks.get(k).is_some_and(|t| {
            matches!(
                lower(ctx, t),
                "was" | "were" | "is" | "are" | "been" | "has" | "have" | "had" | "will" | "be"
            )
        }) {
            aux = true;
            k += 1;
        }
        if aux
            && toks
                .get(k)
                .is_some_and(|t| lemma::is_past_form(ctx.word(t)))
        {
            predicate = Some(lemma::lemma(ctx.word(&toks[k])));
            k += 1;
            while toks
                .get(k)
                .is_some_and(|t| ctx.word(t) != "by" && ctx.word(t) != ",")
                && k < after + 8
            {
                k += 1;
            }
            if toks.get(k).is_some_and(|t| ctx.word(t) == "by") {
                if let Some(n) = np::np_after(ctx, toks, k + 1) {
                    if let Some(agent) = np::actor_arg(ctx, toks, n).filter(|a| a.entity.is_some())
                    {
                        qualifiers.push(("by".to_string(), agent));
                    }
                    k = n.end;
                }
            }
            after = k;
        }
    }
    // Recipient or source after the purpose: "... in aid to Ukraine", "from investors".
    if let Some(w) = toks.get(after).map(|t| lower(ctx, t)) {
        if w == "from" {
            if let Some((arg, _)) = phrase(ctx, toks, after + 1) {
                qualifiers.push(("from".to_string(), arg));
            }
        }
        if w == "to" || w == "for" {
            if let Some(arg) = toks.get(after + 1).and_then(|t| t.mention).and_then(|r| {
                let mr = ctx.mentions.get(r)?;
                matches!(
                    mr.kind,
                    EntityKind::Location | EntityKind::Organization | EntityKind::Person
                )
                .then(|| ctx.mention_arg(r))
                .flatten()
            }) {
                qualifiers.push(("to".to_string(), arg));
            }
        }
    }
    if predicate.is_none() && count_only {
        // "345 pilgrims died": the toll's own verb, right after it.
        predicate = toks
            .get(after)
            .map(|t| lower(ctx, t))
            .filter(|w| DIED.contains(w))
            .map(lemma::lemma);
    }
    if count_only && !predicate.as_deref().is_some_and(|p| TOLL_VERBS.contains(p)) {
        return None;
    }
    includes(ctx, toks, after, &mut qualifiers);
    let has_purpose = qualifiers.iter().any(|(k, _)| k == "purpose");
    // "was up 4%", "said the two newspapers": no giving or receiving.
    if predicate
        .as_deref()
        .is_some_and(|p| matches!(p, "be" | "have" | "say" | "tell" | "add" | "state"))
    {
        predicate = None;
    }
    let predicate = match predicate {
        Some(p) => p,
        // A bare amount says nothing; money with a purpose is still a fact.
        None if kind == EntityKind::Money && has_purpose => "for".to_string(),
        None => return None,
    };
    Some(Fact {
        kind: FactKind::Amount,
        subject: Some(subject),
        predicate,
        object: None,
        qualifiers,
        evidence: sent.span,
        section: 0,
    })
}

/// Spelled small numbers: "two families" counts, it does not measure.
static SMALL_NUMBERS: WordSet = WordSet::new(&[
    "eight", "eleven", "five", "four", "nine", "one", "seven", "six", "ten", "three", "twelve",
    "two",
]);
/// Units that count people or time, not amounts.
static NOT_AMOUNTS: WordSet = WordSet::new(&[
    "children",
    "companies",
    "days",
    "families",
    "firms",
    "hours",
    "men",
    "minutes",
    "months",
    "people",
    "persons",
    "quarters",
    "seconds",
    "times",
    "weeks",
    "women",
    "years",
]);

/// Nouns that count people: a toll of them is a fact ("76 people were killed").
static PEOPLE: WordSet = WordSet::new(&[
    "adults",
    "children",
    "civilians",
    "men",
    "migrants",
    "passengers",
    "people",
    "persons",
    "pilgrims",
    "police",
    "prisoners",
    "protesters",
    "refugees",
    "residents",
    "soldiers",
    "troops",
    "women",
    "workers",
]);

/// Lemmas of the verbs that make a count of people a toll: killed, injured, arrested...
static TOLL_VERBS: WordSet = WordSet::new(&[
    "abduct", "arrest", "behead", "crush", "detain", "die", "displace", "drown", "evacuate",
    "execute", "hurt", "injure", "kidnap", "kill", "perish", "rescue", "shoot", "trample", "wound",
]);

/// Intransitive toll verbs as written right after their count: "345 pilgrims died".
static DIED: WordSet = WordSet::new(&["died", "drowned", "perished"]);

/// Whether a quantity counts people ("76 people", "two soldiers", "hundreds of civilians").
fn counts_people(ctx: &Ctx, toks: &[Tok]) -> bool {
    toks.last().is_some_and(|t| PEOPLE.contains(lower(ctx, t)))
}

/// Whether a quantity is an amount of something measured or counted as stock ("14.27 million
/// tonnes", "146,000 jobs"), not "two families" or "nine months".
fn is_measure(ctx: &Ctx, toks: &[Tok]) -> bool {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return false;
    };
    !SMALL_NUMBERS.contains(lower(ctx, first))
        && !NOT_AMOUNTS.contains(lower(ctx, last))
        && lower(ctx, first) != "hundreds"
        && lower(ctx, first) != "thousands"
        && lower(ctx, first) != "millions"
}

/// Whether token `k` is a finite or participle verb (not a noun that looks like one).
fn is_finite_verb(ctx: &Ctx, toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if t.mention.is_some() {
        return false;
    }
    let w = ctx.lower(t);
    if lemma::is_past_form(w) {
        return true;
    }
    let aux_before = k > 0
        && matches!(
            lower(ctx, &toks[k - 1]),
            "will"
                | "would"
                | "to"
                | "can"
                | "could"
                | "may"
                | "might"
                | "should"
                | "must"
                | "did"
                | "does"
        );
    (aux_before && lemma::is_verb_form(w))
        || (w.ends_with('s') && lemma::is_verb_form(w) && lemma::lemma(w) != w)
        || (w.ends_with("ing") && lemma::is_verb_form(w) && k > 0 && {
            let b = lower(ctx, &toks[k - 1]);
            matches!(b, "is" | "are" | "was" | "were" | "be" | "been")
        })
}

/// A short noun phrase from token `i`: returns its argument and the index after it.
fn phrase(ctx: &Ctx, toks: &[Tok], i: usize) -> Option<(Arg, usize)> {
    let mut start = i;
    while toks
        .get(start)
        .is_some_and(|t| matches!(lower(ctx, t), "the" | "a" | "an"))
    {
        start += 1;
    }
    let mut end = start;
    let digit = |k: usize| {
        toks.get(k)
            .is_some_and(|t| ctx.word(t).starts_with(|c: char| c.is_ascii_digit()))
    };
    while end < toks.len() && end - start < MAX_ITEM {
        let w = lower(ctx, &toks[end]);
        // A range inside the phrase: "of 16 to 20-year-olds".
        let range = w == "to" && end > start && digit(end - 1) && digit(end + 1);
        if (ITEM_END.contains(w) && !range)
            || ITEM_END_VERBS.contains(w)
            || (!np::is_word(w) && toks[end].mention.is_none())
            || (lemma::is_past_form(w) && toks[end].mention.is_none())
        {
            break;
        }
        end += 1;
    }
    if end == start {
        return None;
    }
    let span = toks[start].span.cover(toks[end - 1].span);
    // A phrase that is one whole mention ("Ukraine") carries its entity.
    let entity = match (toks[start].mention, toks[end - 1].mention) {
        (Some(a), Some(b)) if a == b => ctx
            .mentions
            .get(a)
            .and_then(|m| ctx.entity(m))
            .map(|e| e.id),
        _ => None,
    };
    Some((
        Arg {
            span,
            entity,
            value: None,
        },
        end,
    ))
}

/// ", which includes A, B and C" or "including A, B and C": one "includes" per item.
fn includes(ctx: &Ctx, toks: &[Tok], from: usize, qualifiers: &mut Vec<(String, Arg)>) {
    let mut i = from;
    if toks.get(i).is_some_and(|t| ctx.word(t) == ",") {
        i += 1;
    }
    let w = toks.get(i).map(|t| lower(ctx, t)).unwrap_or_default();
    if w == "which" || w == "that" {
        i += 1;
        match toks.get(i).map(|t| lower(ctx, t)) {
            Some(v) if INCLUDE_VERBS.contains(v) => i += 1,
            _ => return,
        }
    } else if w == "including" {
        i += 1;
    } else {
        return;
    }
    loop {
        // Separators between items: commas and "and"/"or".
        while toks
            .get(i)
            .is_some_and(|t| matches!(lower(ctx, t), "," | "and" | "or"))
        {
            i += 1;
        }
        let Some((arg, next)) = item(ctx, toks, i) else {
            break;
        };
        qualifiers.push(("includes".to_string(), arg));
        i = next;
        match toks.get(i).map(|t| lower(ctx, t)) {
            Some(s) if s == "," || s == "and" || s == "or" => continue,
            _ => break,
        }
    }
}

/// One list item: words up to the next separator.
fn item(ctx: &Ctx, toks: &[Tok], i: usize) -> Option<(Arg, usize)> {
    let mut end = i;
    while end < toks.len() && end - i < MAX_ITEM {
        let w = lower(ctx, &toks[end]);
        if matches!(
            w,
            "," | "." | ";" | ":" | "and" | "or" | "(" | ")" | "—" | "–"
        ) || (np::is_stop(w) && toks[end].mention.is_none())
        {
            break;
        }
        end += 1;
    }
    if end == i {
        return None;
    }
    let span: Span = toks[i].span.cover(toks[end - 1].span);
    let entity = match (toks[i].mention, toks[end - 1].mention) {
        (Some(a), Some(b)) if a == b => ctx
            .mentions
            .get(a)
            .and_then(|m| ctx.entity(m))
            .map(|e| e.id),
        _ => None,
    };
    Some((
        Arg {
            span,
            entity,
            value: None,
        },
        end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        crate::facts::np::assert_sorted("PRE_AMOUNT", PRE_AMOUNT.words());
        crate::facts::np::assert_sorted("ITEM_END", ITEM_END.words());
        crate::facts::np::assert_sorted("INCLUDE_VERBS", INCLUDE_VERBS.words());
        crate::facts::np::assert_sorted("ITEM_END_VERBS", ITEM_END_VERBS.words());
        crate::facts::np::assert_sorted("SMALL_NUMBERS", SMALL_NUMBERS.words());
        crate::facts::np::assert_sorted("NOT_AMOUNTS", NOT_AMOUNTS.words());
        crate::facts::np::assert_sorted("PEOPLE", PEOPLE.words());
        crate::facts::np::assert_sorted("TOLL_VERBS", TOLL_VERBS.words());
        crate::facts::np::assert_sorted("DIED", DIED.words());
    }
}
