//! Date facts for a timeline: each date mention, resolved to a year (and month and day when
//! the text gives them) in `Arg::value`, with the event it dates: the verb of its clause.

use super::np::lower;
use super::{lemma, Arg, Ctx, Fact, FactKind, Out, Sent, Tok};
use crate::entities::EntityKind;
use crate::sections::{Document, ParagraphRole};
use crate::span::Span;
use crate::word_set::WordSet;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that end a clause, for finding the verb a date belongs to.
static CLAUSE_END: WordSet = WordSet::new(&[
    "(", ")", ",", ":", ";", "and", "but", "which", "while", "who", "–", "—",
]);

/// How far from the date the verb may be, in tokens.
const MAX_VERB_DISTANCE: usize = 14;

/// The publication year, from a date or dateline paragraph near the top, or a short line
/// there that is a full date ("Tuesday, 12 March 2024").
pub(crate) fn anchor_year(text: &str, doc: &Document) -> Option<i32> {
    doc.paragraphs.iter().take(4).find_map(|p| {
        let line = p.span.text(text);
        let by_role = matches!(p.role, ParagraphRole::Date | ParagraphRole::Dateline);
        // Only a short line can be a full-date line: a long body paragraph is not parsed.
        if !by_role && line.len() >= 60 {
            return None;
        }
        let value = parse(line, None)?;
        let full_date_line = line.len() < 60 && value.len() == 10;
        (by_role || full_date_line).then(|| value.get(..4)?.parse().ok())?
    })
}

/// The month number of a month name or abbreviation ("Sept." -> 9).
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    // Month names are ASCII and at most nine letters; a longer or non-ASCII word is none
    // (the only non-ASCII letter that lower-cases to ASCII is the Kelvin sign, 'k', which no
    // month has), so it is lower-cased on the stack instead of into a new String.
    if !w.is_ascii() || w.len() > 9 {
        return None;
    }
    let mut buf = [0u8; 9];
    let lower = &mut buf[..w.len()];
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    let w: &[u8] = lower;
    if w.len() < 3 {
        return None;
    }
    if w == b"may" {
        return Some(5);
    }
    MONTHS
        .iter()
        .position(|m| {
            m.as_bytes() == w || (w.len() >= 3 && w.len() <= 4 && m.as_bytes().starts_with(w))
        })
        .map(|i| i as u32 + 1)
}

/// Resolves a date phrase to "YYYY", "YYYY-MM" or "YYYY-MM-DD"; relative years ("next
/// year") need the publication year `anchor`. `None` when the phrase does not say.
pub(crate) fn parse(phrase: &str, anchor: Option<i32>) -> Option<String> {
    let words: Vec<&str> = phrase
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let mut year = None;
    let mut mon = None;
    let mut day = None;
    for (i, w) in words.iter().enumerate() {
        let digits = w.trim_end_matches(['.', ')']);
        let digits = digits
            .strip_suffix("st")
            .or_else(|| digits.strip_suffix("nd"))
            .or_else(|| digits.strip_suffix("rd"))
            .or_else(|| digits.strip_suffix("th"))
            .unwrap_or(digits);
        if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = digits.parse().ok()?;
            if (1000..2200).contains(&y) && !w.ends_with('s') {
                year = Some(y);
            }
        } else if let Some(m) = month(w) {
            // "may" is a month only next to a number.
            let near_number = |k: Option<&&str>| {
                k.is_some_and(|x| x.chars().next().is_some_and(|c| c.is_ascii_digit()))
            };
            if !w.eq_ignore_ascii_case("may")
                || near_number(words.get(i + 1))
                || near_number(i.checked_sub(1).and_then(|k| words.get(k)))
            {
                mon = Some(m);
            }
        } else if (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
            let d: u32 = digits.parse().ok()?;
            if (1..=31).contains(&d) {
                day = Some(d);
            }
        }
    }
    if year.is_none() {
        if let Some(a) = anchor {
            let lower = phrase.to_lowercase();
            year = if lower.contains("next year") || lower.contains("coming year") {
                Some(a + 1)
            } else if lower.contains("last year")
                || lower.contains("previous year")
                || lower.contains("past year")
            {
                Some(a - 1)
            } else if lower.contains("this year") {
                Some(a)
            } else {
                None
            };
        }
    }
    let year = year?;
    Some(match (mon, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    })
}

/// Whether an entity's value is already a resolved date.
fn is_iso(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 4
        && b[..4].iter().all(u8::is_ascii_digit)
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'-')
}

/// The argument for a date mention, its value resolved when possible.
pub(crate) fn date_arg(ctx: &Ctx, m: usize) -> Option<Arg> {
    let mut arg = ctx.mention_arg(m)?;
    let given = arg.value.take().filter(|v| is_iso(v));
    arg.value = given.or_else(|| parse(arg.span.text(ctx.text), ctx.anchor_year));
    Some(arg)
}

/// Date facts of one sentence.
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
        if ctx.mentions.get(m).map(|x| x.kind) != Some(EntityKind::Date) || toks[start].in_quote {
            continue;
        }
        let Some(date) = date_arg(ctx, m) else {
            continue;
        };
        let (clause, verb) = clause_of(ctx, toks, start, i);
        let Some(v) = verb else {
            continue;
        };
        let predicate = lemma::lemma(ctx.word(&toks[v]));
        out.push(Fact {
            kind: FactKind::Date,
            subject: Some(date),
            predicate,
            object: Some(Arg {
                span: clause,
                entity: None,
                value: None,
            }),
            qualifiers: Vec::new(),
            evidence: sent.span,
            section: 0,
        });
    }
}

/// The clause around tokens `[start, end)` and its verb, the nearest one before the date
/// (else after it).
fn clause_of(ctx: &Ctx, toks: &[Tok], start: usize, end: usize) -> (Span, Option<usize>) {
    let is_end = |t: &Tok| t.mention.is_none() && CLAUSE_END.contains(lower(ctx, t));
    let mut a = start;
    while a > 0 && start - a < MAX_VERB_DISTANCE && !is_end(&toks[a - 1]) && !toks[a - 1].in_quote {
        a -= 1;
    }
    let mut b = end;
    while b < toks.len() && b - end < MAX_VERB_DISTANCE && !is_end(&toks[b]) && !toks[b].in_quote {
        b += 1;
    }
    // Trim a final stop from the clause.
    while b > end && !super::np::is_word(ctx.word(&toks[b - 1])) {
        b -= 1;
    }
    let clause = toks[a].span.cover(toks[b.max(a + 1) - 1].span);
    // A finite verb names the event better than an infinitive ("discussed strategies to
    // bolster ... in the coming year" dates the discussion).
    let finite = |k: &usize| is_verb(ctx, toks, *k) && !is_infinitive(ctx, toks, *k);
    let verb = (a..start)
        .rev()
        .find(finite)
        .or_else(|| (end..b).find(finite))
        .or_else(|| (a..start).rev().find(|&k| is_verb(ctx, toks, k)))
        .or_else(|| (end..b).find(|&k| is_verb(ctx, toks, k)));
    (clause, verb)
}

fn is_infinitive(ctx: &Ctx, toks: &[Tok], k: usize) -> bool {
    k > 0 && lower(ctx, &toks[k - 1]) == "to"
}

fn is_verb(ctx: &Ctx, toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if t.mention.is_some() {
        return false;
    }
    let w = lower(ctx, t);
    if matches!(
        w,
        "is" | "was" | "are" | "were" | "be" | "been" | "has" | "have" | "had"
    ) {
        return false;
    }
    lemma::is_past_form(w)
        || (w.ends_with('s') && lemma::is_verb_form(w) && lemma::lemma(w) != w && k > 0)
        || (k > 0
            && matches!(
                lower(ctx, &toks[k - 1]),
                "will" | "to" | "would" | "can" | "could" | "may" | "might" | "must" | "should"
            )
            && lemma::is_known_verb(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        crate::facts::np::assert_sorted("CLAUSE_END", CLAUSE_END.words());
    }
    use super::parse;

    #[test]
    fn resolves_absolute_dates() {
        assert_eq!(parse("2025", None).as_deref(), Some("2025"));
        assert_eq!(parse("5 March 2024", None).as_deref(), Some("2024-03-05"));
        assert_eq!(parse("March 5, 2024", None).as_deref(), Some("2024-03-05"));
        assert_eq!(
            parse("Friday, July 21, 2017", None).as_deref(),
            Some("2017-07-21")
        );
        assert_eq!(parse("Sept. 2019", None).as_deref(), Some("2019-09"));
        assert_eq!(parse("May 2019", None).as_deref(), Some("2019-05"));
    }

    #[test]
    fn relative_dates_need_an_anchor() {
        assert_eq!(parse("the coming year", None), None);
        assert_eq!(
            parse("the coming year", Some(2024)).as_deref(),
            Some("2025")
        );
        assert_eq!(parse("last year", Some(2024)).as_deref(), Some("2023"));
        assert_eq!(parse("this year", Some(2024)).as_deref(), Some("2024"));
    }

    #[test]
    fn does_not_invent_dates() {
        assert_eq!(parse("the 1990s", None), None);
        assert_eq!(parse("yesterday", None), None);
        assert_eq!(parse("Room 101", None), None);
        assert_eq!(parse("12345", None), None);
        assert_eq!(parse("we may 2", None), None);
    }
}
