//! Role facts: a person holding an office, with the organisation or country when the text
//! gives one ("UK Foreign Secretary David Lammy", "John Smith, chief executive of Acme,",
//! "X, who heads Y", "Acme's chief executive, John Smith").

use super::np::{self, is_capitalised, is_determiner, is_honorific, lower};
use super::{Arg, Ctx, Fact, FactKind, Out, Sent, Tok};
use crate::entities::EntityKind;
use crate::span::Span;
use crate::word_set::WordSet;

/// Words that make a phrase an office ("Secretary", "chief executive").
static OFFICE_HEADS: WordSet = WordSet::new(&[
    "admiral",
    "adviser",
    "advisor",
    "ambassador",
    "analyst",
    "archbishop",
    "attorney",
    "bishop",
    "captain",
    "cardinal",
    "ceo",
    "cfo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "coo",
    "correspondent",
    "councillor",
    "counsel",
    "dean",
    "deputy",
    "director",
    "economist",
    "editor",
    "emir",
    "envoy",
    "executive",
    "founder",
    "general",
    "governor",
    "head",
    "inspector",
    "judge",
    "justice",
    "king",
    "lawmaker",
    "leader",
    "lieutenant",
    "manager",
    "marshal",
    "mayor",
    "mep",
    "minister",
    "mp",
    "officer",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "principal",
    "professor",
    "prosecutor",
    "queen",
    "rabbi",
    "representative",
    "secretary",
    "senator",
    "sergeant",
    "sheriff",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "strategist",
    "superintendent",
    "treasurer",
]);

/// Lower-case words that may precede an office head inside the office ("former", "deputy",
/// the ranks "Major General", "Rear Admiral", "Staff Sergeant").
const OFFICE_MODIFIERS: &[&str] = &[
    "acting",
    "air",
    "army",
    "assistant",
    "associate",
    "brigadier",
    "business",
    "chief",
    "communications",
    "culture",
    "defence",
    "defense",
    "deputy",
    "economy",
    "education",
    "energy",
    "environment",
    "executive",
    "field",
    "finance",
    "financial",
    "first",
    "foreign",
    "former",
    "general",
    "health",
    "home",
    "intelligence",
    "interim",
    "interior",
    "junior",
    "justice",
    "lance",
    "major",
    "managing",
    "master",
    "national",
    "operating",
    "opposition",
    "party",
    "police",
    "press",
    "prime",
    "rear",
    "security",
    "senior",
    "shadow",
    "staff",
    "state",
    "technology",
    "trade",
    "transport",
    "vice",
];

/// Verbs of "X, who heads Y".
static HEAD_VERBS: WordSet = WordSet::new(&[
    "chaired", "chairs", "directs", "headed", "heads", "leads", "led", "ran", "runs",
]);

/// Longest office phrase in tokens.
const MAX_OFFICE: usize = 6;

fn head_word(w: &str) -> bool {
    let l = w.to_lowercase();
    let base = l.strip_suffix("-elect").unwrap_or(&l);
    let base = base.rsplit('-').next().unwrap_or(base);
    OFFICE_HEADS.contains(base) || (base.ends_with("general") && base.contains("secretary"))
}

fn office_word(w: &str) -> bool {
    head_word(w)
        || OFFICE_MODIFIERS
            .binary_search(&w.to_lowercase().as_str())
            .is_ok()
}

/// Role facts of one sentence.
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
        if ctx.mentions.get(m).map(|x| x.kind) != Some(EntityKind::Person) {
            continue;
        }
        for found in [
            title_before(ctx, toks, start, m).map(|f| of_after_name(ctx, toks, i, f)),
            apposition_after(ctx, toks, i),
            who_heads(ctx, toks, i),
        ]
        .into_iter()
        .flatten()
        {
            push(ctx, sent, m, found, out);
        }
    }
}

/// An office found next to a person mention.
struct Found {
    office: Span,
    /// A normalised office ("head" for "who heads").
    value: Option<String>,
    of: Option<Arg>,
}

fn push(ctx: &Ctx, sent: &Sent, m: usize, found: Found, out: &mut Out) {
    let Some(person) = ctx.mention_arg(m) else {
        return;
    };
    let office_text = found
        .value
        .clone()
        .unwrap_or_else(|| found.office.text(ctx.text).to_lowercase());
    let key = format!(
        "role|{:?}|{}|{:?}",
        person.entity,
        office_text,
        found.of.as_ref().and_then(|a| a.entity)
    );
    let mut qualifiers = Vec::new();
    if let Some(of) = found.of {
        qualifiers.push(("of".to_string(), of));
    }
    out.push_unique(
        key,
        Fact {
            kind: FactKind::Role,
            subject: Some(person),
            predicate: "hold office".to_string(),
            object: Some(Arg {
                span: found.office,
                entity: None,
                value: found.value,
            }),
            qualifiers,
            evidence: sent.span,
            section: 0,
        },
    );
}

/// The "of" qualifier for an organisation, place or nationality mention.
fn of_arg(ctx: &Ctx, t: &Tok) -> Option<Arg> {
    let m = ctx.mention(t)?;
    if !matches!(
        m.kind,
        EntityKind::Organization | EntityKind::Location | EntityKind::Nationality
    ) {
        return None;
    }
    let e = ctx.entity(m)?;
    Some(Arg {
        span: m.span,
        entity: Some(e.id),
        value: if m.kind == EntityKind::Nationality {
            e.country.clone()
        } else {
            None
        },
    })
}

/// Whether the person entity lists `phrase` among its roles (from the entity stage).
fn known_role(ctx: &Ctx, m: usize, phrase: &str) -> bool {
    ctx.mentions
        .get(m)
        .and_then(|x| ctx.entity(x))
        .is_some_and(|e| e.roles.iter().any(|r| r.eq_ignore_ascii_case(phrase)))
}

/// "UK Prime Minister Sir Keir Starmer", "Acme's chief executive, John Smith".
fn title_before(ctx: &Ctx, toks: &[Tok], name: usize, m: usize) -> Option<Found> {
    let mut end = name;
    while end > 0 && is_honorific(lower(ctx, &toks[end - 1])) && toks[end - 1].mention.is_none() {
        end -= 1;
    }
    let comma = end > 0 && ctx.word(&toks[end - 1]) == ",";
    if comma {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && end - start < MAX_OFFICE {
        let t = &toks[start - 1];
        let w = ctx.word(t);
        let l = w.to_lowercase();
        let fits = t.mention.is_none()
            && !t.in_quote
            && (office_word(w)
                || (l == "of" && start < end)
                || (is_capitalised(w) && !np::is_stop(&l) && !is_determiner(&l)));
        if !fits {
            break;
        }
        start -= 1;
    }
    // A sentence-initial capital is not part of the office unless it is an office word
    // ("Labour leader Keir Starmer" at the start: "Labour" may be a party the tagger missed).
    if start == 0 && end > 1 && !office_word(ctx.word(&toks[0])) {
        start = 1;
    }
    // The phrase must not begin with "of".
    while start < end && ctx.word(&toks[start]) == "of" {
        start += 1;
    }
    if start == end {
        return None;
    }
    let words = &toks[start..end];
    let phrase = toks[start].span.cover(toks[end - 1].span);
    let has_head = words.iter().any(|t| head_word(ctx.word(t)));
    if !(has_head || known_role(ctx, m, phrase.text(ctx.text))) {
        return None;
    }
    // The office must end in a head word or an "of" phrase ("Secretary of State").
    let last = ctx.word(&toks[end - 1]);
    let ends_ok = head_word(last) || words.iter().any(|t| ctx.word(t) == "of");
    if !ends_ok {
        return None;
    }
    // What stands before the office: a place or organisation it belongs to, possibly with
    // a possessive ("Acme's chief executive").
    let mut of = None;
    if start > 0 {
        let before = &toks[start - 1];
        if np::is_possessive(ctx.word(before)) {
            of = start.checked_sub(2).and_then(|k| of_arg(ctx, &toks[k]));
            of.as_ref()?;
        } else {
            of = of_arg(ctx, before);
        }
    }
    // "the minister, John Smith" is a role only with the possessive owner; a bare comma
    // before a name is too often a list.
    if comma && of.is_none() {
        return None;
    }
    Some(Found {
        office: phrase,
        value: None,
        of,
    })
}

/// "Secretary of State Dana Cole of the United States": the owner named after the person.
fn of_after_name(ctx: &Ctx, toks: &[Tok], after: usize, mut f: Found) -> Found {
    if f.of.is_none() && toks.get(after).is_some_and(|t| ctx.word(t) == "of") {
        let mut k = after + 1;
        if toks.get(k).is_some_and(|t| lower(ctx, t) == "the") {
            k += 1;
        }
        f.of = toks.get(k).and_then(|t| of_arg(ctx, t));
    }
    f
}

/// "John Smith, chief executive of Acme," and "Healey, the defence secretary,".
fn apposition_after(ctx: &Ctx, toks: &[Tok], after: usize) -> Option<Found> {
    if toks.get(after).map(|t| ctx.word(t)) != Some(",") {
        return None;
    }
    office_from(ctx, toks, after + 1)
}

/// An office phrase starting at token `i` and closing the clause: "[the] [UK] Foreign
/// Secretary [of Acme],".
fn office_from(ctx: &Ctx, toks: &[Tok], mut i: usize) -> Option<Found> {
    if toks.get(i).is_some_and(|t| is_determiner(lower(ctx, t))) {
        i += 1;
    }
    let mut of = None;
    if let Some(a) = toks.get(i).and_then(|t| of_arg(ctx, t)) {
        // "David Lammy, UK Foreign Secretary,": skip over the whole mention.
        of = Some(a);
        let m = toks[i].mention;
        while i < toks.len() && toks[i].mention == m {
            i += 1;
        }
    }
    let mut start = i;
    while i < toks.len() && i - start < MAX_OFFICE {
        let t = &toks[i];
        let w = ctx.word(t);
        let l = w.to_lowercase();
        if np::is_possessive(w) && i > start {
            // "the treasury's deputy director": the owner is not part of the office.
            if of.is_none() {
                of = of_arg(ctx, &toks[i - 1]);
            }
            start = i + 1;
            i += 1;
            continue;
        }
        let plain_word = np::is_word(w)
            && !np::is_stop(&l)
            && !super::lemma::is_past_form(&l)
            && !l.ends_with("ly");
        if (t.mention.is_some() && !np::is_possessive(toks.get(i + 1).map_or("", |n| ctx.word(n))))
            || !(office_word(w) || plain_word)
        {
            break;
        }
        i += 1;
    }
    if i == start || !head_word(ctx.word(&toks[i - 1])) {
        return None;
    }
    let office = toks[start].span.cover(toks[i - 1].span);
    // The apposition must close: a comma, a stop, a bracket or the sentence end.
    let closes_at = |k: usize| {
        toks.get(k)
            .is_none_or(|t| matches!(ctx.word(t), "," | "." | ")" | ";" | ":" | "—" | "–"))
    };
    // "of Acme", "at Acme", "for the United Nations".
    if of.is_none()
        && toks
            .get(i)
            .is_some_and(|t| matches!(ctx.word(t), "of" | "at" | "for"))
    {
        let mut k = i + 1;
        if toks.get(k).is_some_and(|t| lower(ctx, t) == "the") {
            k += 1;
        }
        if let Some(a) = toks.get(k).and_then(|t| of_arg(ctx, t)) {
            let m = toks[k].mention;
            of = Some(a);
            i = k;
            while i < toks.len() && toks[i].mention == m {
                i += 1;
            }
            // "for the Indonesian military", "of the Afghan army": a noun or two after a
            // nationality or place, when they close the apposition.
            let mut j = i;
            while j < toks.len()
                && j - i < 2
                && toks[j].mention.is_none()
                && np::is_word(ctx.word(&toks[j]))
                && !is_capitalised(ctx.word(&toks[j]))
                && !np::is_stop(lower(ctx, &toks[j]))
            {
                j += 1;
            }
            if j > i && closes_at(j) {
                i = j;
            }
        }
    }
    closes_at(i).then_some(Found {
        office,
        value: None,
        of,
    })
}

/// "X, who heads Y" and "X, who is the chief executive of Y".
fn who_heads(ctx: &Ctx, toks: &[Tok], after: usize) -> Option<Found> {
    if toks.get(after).map(|t| ctx.word(t)) != Some(",")
        || toks.get(after + 1).map(|t| lower(ctx, t)) != Some("who")
    {
        return None;
    }
    let v = toks.get(after + 2)?;
    let vw = lower(ctx, v);
    if HEAD_VERBS.contains(vw) {
        let of = toks.get(after + 3).and_then(|t| {
            let t = if is_determiner(lower(ctx, t)) {
                toks.get(after + 4)?
            } else {
                t
            };
            of_arg(ctx, t)
        })?;
        return Some(Found {
            office: v.span,
            value: Some(super::lemma::lemma(vw)),
            of: Some(of),
        });
    }
    if matches!(vw, "is" | "was") {
        // Same shape as an apposition after "who is".
        return office_from(ctx, toks, after + 3);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        crate::facts::np::assert_sorted("OFFICE_HEADS", OFFICE_HEADS.words());
        crate::facts::np::assert_sorted("OFFICE_MODIFIERS", OFFICE_MODIFIERS);
        crate::facts::np::assert_sorted("HEAD_VERBS", HEAD_VERBS.words());
    }
}
