//! Quote facts: direct quotations (curly or straight marks, whole or partial) and who said
//! them, found after the quote ("..., he said"), before it ("X said: ..."), through "according
//! to", or in the sentence before a quote that stands alone.

use super::np::{self, lower, Np};
use super::{lemma, Arg, Ctx, Fact, FactKind, Tok};
use crate::span::Span;
use crate::word_set::WordSet;

/// A quotation: its marks and the words between them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quote {
    pub open: Span,
    pub inner: Span,
    /// `None` when the quote runs to the end of its paragraph (a quote continued in the next
    /// paragraph opens again there and is not closed here).
    pub close: Option<Span>,
}

impl Quote {
    fn end(&self) -> u32 {
        self.close.map_or(self.inner.end, |c| c.end)
    }
}

/// Lemmas of verbs that introduce direct speech.
static SPEECH_VERBS: WordSet = WordSet::new(&[
    "acknowledge",
    "add",
    "admit",
    "agree",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "boast",
    "brand",
    "call",
    "caution",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confess",
    "confirm",
    "contend",
    "continue",
    "declare",
    "deny",
    "describe",
    "emphasise",
    "emphasize",
    "explain",
    "hail",
    "insist",
    "joke",
    "label",
    "lament",
    "maintain",
    "note",
    "observe",
    "pledge",
    "post",
    "predict",
    "promise",
    "quip",
    "recall",
    "reiterate",
    "remark",
    "reply",
    "respond",
    "reveal",
    "say",
    "shout",
    "state",
    "stress",
    "suggest",
    "tell",
    "testify",
    "tweet",
    "urge",
    "vow",
    "warn",
    "write",
]);

/// Speech verbs that name rather than say: they quote their subject only in the active voice,
/// with a subject right before them, and a quote of more than three words.
static NAMING_VERBS: WordSet = WordSet::new(&["brand", "call", "hail", "label"]);

/// How far before a partial quote its speech verb may be, in tokens.
const MAX_PARTIAL_GAP: usize = 24;

/// The lemma of `t` when it is a speech verb form.
fn speech_verb(ctx: &Ctx, t: &Tok) -> Option<String> {
    let w = ctx.word(t);
    if t.mention.is_some() || t.in_quote || !np::is_word(w) || np::is_capitalised(w) {
        return None;
    }
    let l = lemma::lemma(w);
    SPEECH_VERBS.contains(l.as_str()).then_some(l)
}

/// Finds the quotations of every paragraph and marks the tokens inside them.
pub(crate) fn find_all(ctx: &mut Ctx) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut i = 0;
    while i < ctx.sents.len() {
        let p = ctx.sents[i].paragraph;
        let mut j = i;
        while j < ctx.sents.len() && ctx.sents[j].paragraph == p {
            j += 1;
        }
        let span = ctx.sents[i].span.cover(ctx.sents[j - 1].span);
        scan_paragraph(ctx.text, span, &mut quotes);
        i = j;
    }
    // Mark tokens inside quotes: quotes and tokens are both in text order.
    let mut q = 0;
    for s in &mut ctx.sents {
        for t in &mut s.toks {
            while q < quotes.len() && quotes[q].inner.end <= t.span.start {
                q += 1;
            }
            if let Some(quote) = quotes.get(q) {
                t.in_quote = quote.inner.contains(t.span);
            }
        }
    }
    quotes
}

/// The quotations in one paragraph, appended to `out`.
fn scan_paragraph(text: &str, para: Span, out: &mut Vec<Quote>) {
    let s = para.text(text);
    // Every quotation opens with one of these marks, and most paragraphs have none.
    if !s.contains(['“', '"', '‘']) {
        return;
    }
    let base = para.start as usize;
    // (byte offset, opening mark)
    let mut open: Option<(usize, char)> = None;
    let mut prev: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((pos, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let opens_ok = || {
            prev.is_none_or(|p| p.is_whitespace() || "([{—–-:“\"".contains(p))
                && next.is_some_and(|n| !n.is_whitespace())
        };
        let closes_ok = || next.is_none_or(|n| !n.is_alphanumeric());
        match (open, c) {
            (None, '“') => open = Some((pos, c)),
            (None, '"') if opens_ok() => open = Some((pos, c)),
            (None, '‘') if opens_ok() => open = Some((pos, c)),
            (Some((o, oc)), '”' | '"') if oc != '‘' => {
                push_quote(out, base, s.len(), (o, oc), Some((pos, c)));
                open = None;
            }
            (Some((o, '‘')), '’') if closes_ok() => {
                push_quote(out, base, s.len(), (o, '‘'), Some((pos, c)));
                open = None;
            }
            _ => {}
        }
        prev = Some(c);
    }
    // An unclosed quote opening the paragraph runs on into the next one (news convention);
    // any other unclosed mark is a stray and is ignored.
    if let Some((0, oc)) = open {
        push_quote(out, base, s.len(), (0, oc), None);
    }
}

/// A quote from its opening mark to its closing mark (or, unclosed, to the paragraph's end
/// `len`), as byte offsets and marks within the paragraph starting at `base`.
fn push_quote(
    out: &mut Vec<Quote>,
    base: usize,
    len: usize,
    (opos, oc): (usize, char),
    close: Option<(usize, char)>,
) {
    let inner_start = opos + oc.len_utf8();
    let (inner_end, close) = match close {
        Some((cpos, cc)) => (
            cpos,
            Some(Span::new(base + cpos, base + cpos + cc.len_utf8())),
        ),
        None => (len, None),
    };
    if inner_end <= inner_start {
        return;
    }
    out.push(Quote {
        open: Span::new(base + opos, base + inner_start),
        inner: Span::new(base + inner_start, base + inner_end),
        close,
    });
}

/// Who said a quote, and how.
#[derive(Clone, Debug)]
struct Attribution {
    speaker: Option<Arg>,
    verb: String,
    to: Option<Arg>,
    /// Where the attribution lies, for the evidence span.
    span: Span,
}

/// Quote facts for all quotes, in text order.
pub(crate) fn facts(ctx: &Ctx, quotes: &[Quote]) -> Vec<Fact> {
    let mut out = Vec::new();
    // The attribution of the last quote and the sentence it ended in: a quote standing alone
    // in the next sentence continues it.
    let mut last: Option<(usize, Attribution)> = None;
    for (qi, q) in quotes.iter().enumerate() {
        let (Some(s_open), Some(s_close)) = (
            ctx.sent_at(q.open.start),
            ctx.sent_at(q.end().saturating_sub(1)),
        ) else {
            continue;
        };
        let prev_end = qi
            .checked_sub(1)
            .map(|k| quotes[k].end())
            .filter(|&e| e > ctx.sents[s_open].span.start)
            .unwrap_or(ctx.sents[s_open].span.start);
        let next_start = quotes
            .get(qi + 1)
            .map(|n| n.open.start)
            .filter(|&st| st < ctx.sents[s_close].span.end)
            .unwrap_or(ctx.sents[s_close].span.end);
        let after = attribution_after(ctx, s_close, q.end(), next_start);
        let before = attribution_before(ctx, s_open, prev_end, q.open.start);
        let (structural_before, loose_before) = match before {
            Some((a, adjacent)) if adjacent => (Some(a), None),
            Some((a, _)) => (None, Some(a)),
            None => (None, None),
        };
        let stands_alone = ctx.sents[s_open].span.start == q.open.start
            && !ctx.sents[s_close]
                .toks
                .iter()
                .any(|t| t.span.start >= q.end() && np::is_word(ctx.word(t)));
        let mut evidence = ctx.sents[s_open].span.cover(ctx.sents[s_close].span);
        let coordinated = || {
            // "X said ... and added “...”": the speaker of the last quote in this sentence.
            let verb = coordinated_verb(ctx, s_open, prev_end, q.open.start)?;
            let (s, a) = last.as_ref()?;
            (*s == s_open).then(|| Attribution {
                verb,
                to: None,
                ..a.clone()
            })
        };
        let attr = structural_before
            .or(after)
            .or(loose_before)
            .or_else(coordinated)
            .or_else(|| {
                if !stands_alone {
                    return None;
                }
                let prev = s_open.checked_sub(1)?;
                let from_last = last
                    .as_ref()
                    .filter(|(s, a)| *s == prev && a.speaker.is_some())
                    .map(|(_, a)| a.clone());
                from_last
                    .or_else(|| attribution_in_sentence(ctx, prev))
                    .inspect(|_| {
                        evidence = evidence.cover(ctx.sents[prev].span);
                    })
            })
            .or_else(|| {
                // News style: a paragraph that is all quotation, right after a paragraph
                // whose last quote was attributed, goes on quoting the same speaker.
                let para = ctx.sents[s_open].paragraph;
                let opens_paragraph = s_open == 0 || ctx.sents[s_open - 1].paragraph != para;
                if !(stands_alone && opens_paragraph) {
                    return None;
                }
                let (s, a) = last.as_ref()?;
                (a.speaker.is_some() && ctx.sents.get(*s)?.paragraph + 1 == para).then(|| a.clone())
            });
        let n_words = q
            .inner
            .text(ctx.text)
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        let naming = attr
            .as_ref()
            .is_some_and(|a| NAMING_VERBS.contains(a.verb.as_str()));
        if (attr.is_none() || naming) && (n_words <= 3 || is_title(q.inner.text(ctx.text))) {
            // Scare quotes, titles and nicknames, not speech: also after a naming verb
            // ("Critics call it a “sweetheart deal”").
            continue;
        }
        if named_before(ctx, s_open, prev_end, q.open.start)
            && is_title(q.inner.text(ctx.text).trim_end().trim_end_matches(','))
        {
            // A name, whoever speaks in the sentence: 'the robot, named “Better Idea of
            // Afghan Girls,” scored', 'a film entitled “Blown for Good”'.
            continue;
        }
        // "it added": the organisation quoted just before.
        let attr = attr.map(|mut a| {
            let unresolved = a.speaker.as_ref().is_some_and(|sp| {
                sp.entity.is_none()
                    && matches!(sp.span.text(ctx.text), "it" | "It" | "they" | "They")
            });
            if unresolved {
                let prior = last
                    .as_ref()
                    .filter(|(s, _)| s_open.saturating_sub(*s) <= 2)
                    .and_then(|(_, l)| l.speaker.clone())
                    .filter(|sp| {
                        sp.entity
                            .and_then(|id| ctx.entities.iter().find(|e| e.id == id))
                            .is_some_and(|e| e.kind == crate::entities::EntityKind::Organization)
                    });
                a.speaker = match (a.speaker.take(), prior) {
                    (Some(sp), Some(p)) => Some(Arg {
                        span: sp.span,
                        entity: p.entity,
                        value: p
                            .entity
                            .and_then(|id| ctx.entities.iter().find(|e| e.id == id))
                            .map(|e| e.name.clone()),
                    }),
                    _ => None,
                };
            }
            a
        });
        let fact = match &attr {
            Some(a) => {
                evidence = evidence.cover(a.span);
                let mut qualifiers = Vec::new();
                if let Some(to) = &a.to {
                    qualifiers.push(("to".to_string(), to.clone()));
                }
                Fact {
                    kind: FactKind::Quote,
                    subject: a.speaker.clone(),
                    predicate: a.verb.clone(),
                    object: Some(inner_arg(q)),
                    qualifiers,
                    evidence,
                    section: 0,
                }
            }
            None => Fact {
                kind: FactKind::Quote,
                subject: None,
                predicate: "quote".to_string(),
                object: Some(inner_arg(q)),
                qualifiers: Vec::new(),
                evidence,
                section: 0,
            },
        };
        last = attr.map(|a| (s_close, a));
        out.push(fact);
    }
    out
}

/// Whether a quotation is a title ("The Internet Explorer 6 Countdown"): every content word
/// capitalised and no sentence punctuation at the end.
fn is_title(inner: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to",
    ];
    let t = inner.trim();
    !t.ends_with(['.', '!', '?', ','])
        && t.split_whitespace().all(|w| {
            SMALL.binary_search(&w).is_ok()
                || !w.chars().any(char::is_alphabetic)
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// "and added" just before a quote: the verb of a speaker named earlier in the sentence.
fn coordinated_verb(ctx: &Ctx, s: usize, from: u32, to: u32) -> Option<String> {
    let (start, end) = tok_range(ctx, s, from, to);
    let toks = ctx.sents[s].toks.get(..end)?;
    let lo = start.max(end.saturating_sub(14));
    let v = (lo..end)
        .rev()
        .find(|&v| speech_verb(ctx, &toks[v]).is_some())?;
    let before = np::skip_fillers_back(ctx, toks, v);
    let conj = before.checked_sub(1).map(|k| np::lower(ctx, &toks[k]));
    matches!(conj, Some("and" | "but"))
        .then(|| speech_verb(ctx, &toks[v]))
        .flatten()
}

fn inner_arg(q: &Quote) -> Arg {
    Arg {
        span: q.inner,
        entity: None,
        value: None,
    }
}

/// Participles that introduce a name ('named “Better Idea”', 'known as “the Beast”').
static NAMED: WordSet = WordSet::new(&[
    "as",
    "branded",
    "christened",
    "codenamed",
    "dubbed",
    "entitled",
    "named",
    "nicknamed",
    "titled",
]);

/// Whether the word right before a quote opening at `open` (in sentence `s`, after byte
/// `from`) introduces a name: one of `NAMED` ("as" only after "known").
fn named_before(ctx: &Ctx, s: usize, from: u32, open: u32) -> bool {
    let (a, b) = tok_range(ctx, s, from, open);
    let toks = &ctx.sents[s].toks[a..b];
    match toks {
        [.., known, last] if lower(ctx, last) == "as" => lower(ctx, known) == "known",
        [.., last] => NAMED.contains(lower(ctx, last)),
        [] => false,
    }
}

/// Token index range of sentence `s` covering bytes `[from, to)`.
fn tok_range(ctx: &Ctx, s: usize, from: u32, to: u32) -> (usize, usize) {
    let toks = &ctx.sents[s].toks;
    let a = toks.partition_point(|t| t.span.start < from);
    let b = toks.partition_point(|t| t.span.start < to);
    (a, b.max(a))
}

/// Whether `t` is (part of) a mention of a person.
fn is_person_tok(ctx: &Ctx, t: &Tok) -> bool {
    t.mention
        .and_then(|m| ctx.mentions.get(m))
        .is_some_and(|m| m.kind == crate::entities::EntityKind::Person)
}

/// Whether the head of `np` is a mention of a person.
fn is_person(ctx: &Ctx, toks: &[Tok], np: Np) -> bool {
    toks.get(np.head).is_some_and(|t| is_person_tok(ctx, t))
}

fn is_dash_or_comma(w: &str) -> bool {
    matches!(w, "," | "—" | "–" | "-" | ":" | "--")
}

/// "..., he said", "..., said Healey", "..., Healey, the minister, told the BBC",
/// "..., according to X".
fn attribution_after(ctx: &Ctx, s: usize, from: u32, to: u32) -> Option<Attribution> {
    let (mut i, end) = tok_range(ctx, s, from, to);
    let toks = ctx.sents[s].toks.get(..end)?;
    while i < end && is_dash_or_comma(ctx.word(&toks[i])) {
        i += 1;
    }
    if let Some(a) = according_to(ctx, toks, i) {
        return Some(a);
    }
    // Inverted: "said Healey".
    if let Some(verb) = toks.get(i).and_then(|t| speech_verb(ctx, t)) {
        let np = np::named_in_apposition(ctx, toks, np::np_after(ctx, toks, i + 1)?);
        let speaker = np::actor_arg(ctx, toks, np)?;
        return Some(Attribution {
            speaker: Some(speaker),
            verb,
            to: None,
            span: toks[i].span.cover(np.span(toks)),
        });
    }
    let mut np = np::np_after(ctx, toks, i)?;
    let mut j = np.end;
    // A place or body after the name: "Kirsten Pfeifer from the Consumer Electronics
    // Association told", "John Smith of Acme said"; after a bare title, the person it
    // introduces: "director of rugby Nigel Melville told".
    if toks
        .get(j)
        .is_some_and(|t| matches!(ctx.lower(t), "of" | "from" | "at"))
    {
        if let Some(pp) = np::np_after(ctx, toks, j + 1) {
            j = pp.end;
            if is_person(ctx, toks, pp) && !is_person(ctx, toks, np) {
                np = pp;
            }
        }
    }
    // Where the verb may start: right after the phrase, or after a comma: past an apposition
    // ("Healey, the defence secretary, said") or else a lone comma ("..., Pfeifer from the
    // association, told the BBC").
    let after = if toks.get(j).is_some_and(|t| ctx.word(t) == ",") {
        let close = (j + 1..end.min(j + 14)).find(|&k| ctx.word(&toks[k]) == ",");
        [close.map(|c| c + 1), Some(j + 1)]
    } else {
        [Some(j), None]
    };
    let (v, verb) = after.into_iter().flatten().find_map(|j| {
        let v = np::skip_fillers(ctx, toks, j);
        Some((v, toks.get(v).and_then(|t| speech_verb(ctx, t))?))
    })?;
    let speaker = np::actor_arg(ctx, toks, np)?;
    let to = told_whom(ctx, toks, &verb, v + 1);
    let last = to.as_ref().map_or(toks[v].span, |a| a.span);
    Some(Attribution {
        speaker: Some(speaker),
        verb,
        to,
        span: toks[np.start].span.cover(last),
    })
}

/// "X said: “...”", "X said the plan was “a shift”", "According to X, “...”". The flag says
/// whether the verb sits right before the quote (only a colon or comma between).
fn attribution_before(ctx: &Ctx, s: usize, from: u32, to: u32) -> Option<(Attribution, bool)> {
    let (start, end) = tok_range(ctx, s, from, to);
    let toks = ctx.sents[s].toks.get(..end)?;
    // "According to X, “...”"
    if let Some(k) = (start..end).find(|&k| ctx.word(&toks[k]).eq_ignore_ascii_case("according")) {
        if let Some(a) = according_to(ctx, toks, k) {
            return Some((a, false));
        }
    }
    let mut k = end;
    while k > start && is_dash_or_comma(ctx.word(&toks[k - 1])) {
        k -= 1;
    }
    // "said: “...”", "told researchers: “...”", "said in a statement, “...”": the verb
    // closes the clause that introduces the quote.
    let introduces = k < end;
    let adjacent_verb = (start.max(k.saturating_sub(5))..k)
        .rev()
        .find(|&v| speech_verb(ctx, &toks[v]).is_some())
        .filter(|&v| v + 1 == k || introduces);
    // A partial quote may sit some words after its verb ("said the plan was “a shift”").
    let v = adjacent_verb.or_else(|| {
        (start.max(end.saturating_sub(MAX_PARTIAL_GAP))..end)
            .rev()
            .find(|&v| speech_verb(ctx, &toks[v]).is_some())
    })?;
    let verb = speech_verb(ctx, &toks[v])?;
    // "X called the plan “a disaster”" quotes X; "X was called “a pirate” by the judge" and
    // "a treatment called “cryotherapy”" do not.
    if NAMING_VERBS.contains(verb.as_str()) {
        let before = v.checked_sub(1).map(|b| ctx.lower(&toks[b]));
        let passive = before.is_some_and(|w| {
            matches!(
                w,
                "is" | "was" | "are" | "were" | "be" | "been" | "being" | "so"
            )
        });
        if passive {
            return None;
        }
        // A named thing, not a speaker, when no noun phrase comes before ("a treatment
        // called ..." has none: its head is not a noun the grammar knows).
        np::np_before(ctx, toks, np::skip_fillers_back(ctx, toks, v))?;
    }
    let subject_end = np::skip_fillers_back(ctx, toks, v);
    let np = subject_before(ctx, toks, start, subject_end)
        .or_else(|| participle_subject(ctx, toks, start, v))
        .or_else(|| {
            // "said Healey: “...”" (only punctuation between the name and the quote); after
            // "told" the phrase is the listener, never the speaker.
            if verb == "tell" {
                return None;
            }
            np::np_after(ctx, toks, v + 1).filter(|n| n.end == k)
        })?;
    let speaker = np::actor_arg(ctx, toks, np)?;
    let to = told_whom(ctx, toks, &verb, v + 1);
    let first = toks[np.start.min(v)].span;
    Some((
        Attribution {
            speaker: Some(speaker),
            verb,
            to,
            span: first.cover(toks[k.saturating_sub(1).max(v)].span),
        },
        adjacent_verb.is_some(),
    ))
}

/// The subject noun phrase ending at `end` (exclusive), stepping over an apposition; a
/// name in the apposition is the speaker ("The Shadow Secretary for the Family, Theresa May,
/// said").
fn subject_before(ctx: &Ctx, toks: &[Tok], start: usize, end: usize) -> Option<Np> {
    let comma = end.checked_sub(1);
    let end = match comma.and_then(|c| np::apposition_before(ctx, toks, c)) {
        Some(open) => {
            let c = comma.unwrap_or(open);
            let m = toks.get(open + 1).and_then(|t| t.mention);
            let named = toks.get(open + 1).is_some_and(|t| is_person_tok(ctx, t))
                && toks
                    .get(open + 1..c)
                    .is_some_and(|r| r.iter().all(|t| t.mention == m));
            if named && open >= start {
                return Some(Np {
                    start: open + 1,
                    end: c,
                    head: c - 1,
                });
            }
            open
        }
        None => end,
    };
    np::np_before(ctx, toks, end).filter(|n| n.start >= start)
}

/// "He warned ..., saying: “...”": a participle takes the subject that opens the sentence.
fn participle_subject(ctx: &Ctx, toks: &[Tok], start: usize, v: usize) -> Option<Np> {
    let w = ctx.lower(toks.get(v)?);
    if !w.ends_with("ing") || v == 0 || ctx.word(&toks[v - 1]) != "," {
        return None;
    }
    // After an opening connective or time phrase: "However, Edu ...", "On Monday, he ...".
    let lead = (1..=3.min(v))
        .find(|&k| ctx.word(&toks[k]) == ",")
        .filter(|&k| !toks[..k].iter().any(|t| is_person_tok(ctx, t)))
        .map_or(0, |k| k + 1);
    let np = np::np_after(ctx, toks, lead).or_else(|| np::np_after(ctx, toks, 0))?;
    let head = toks.get(np.head)?;
    let usable = head.mention.is_some() || np::is_pronoun_subject(ctx.lower(head));
    (usable && np.start >= start && np.end < v).then_some(np)
}

/// A sentence without quotes that attributes speech: "Healey told the BBC:".
fn attribution_in_sentence(ctx: &Ctx, s: usize) -> Option<Attribution> {
    let sent = ctx.sents.get(s)?;
    if sent.toks.iter().any(|t| t.in_quote) {
        return None;
    }
    let end_colon = sent.toks.last().is_some_and(|t| ctx.word(t) == ":");
    let toks = &sent.toks;
    let v = (0..toks.len())
        .rev()
        .find(|&v| speech_verb(ctx, &toks[v]).is_some() || issues_statement(ctx, toks, v))?;
    // Only a colon, or an attribution opening the sentence, hands speech to the next one.
    let subject_end = np::skip_fillers_back(ctx, toks, v);
    let np = subject_before(ctx, toks, 0, subject_end)?;
    if !end_colon && np.start > 0 {
        return None;
    }
    let verb = speech_verb(ctx, &toks[v]).unwrap_or_else(|| "say".to_string());
    let speaker = np::actor_arg(ctx, toks, np)?;
    Some(Attribution {
        speaker: Some(speaker),
        to: told_whom(ctx, toks, &verb, v + 1),
        verb,
        span: sent.span,
    })
}

/// "issued a statement", "released a statement": speech handed to the next sentence.
fn issues_statement(ctx: &Ctx, toks: &[Tok], v: usize) -> bool {
    let w = np::lower(ctx, &toks[v]);
    matches!(
        w,
        "issued" | "released" | "issues" | "releases" | "published"
    ) && toks
        .get(v + 1..(v + 4).min(toks.len()))
        .is_some_and(|r| r.iter().any(|t| np::lower(ctx, t) == "statement"))
}

/// "according to X" starting at token `k`.
fn according_to(ctx: &Ctx, toks: &[Tok], k: usize) -> Option<Attribution> {
    let w0 = ctx.word(toks.get(k)?);
    let w1 = ctx.word(toks.get(k + 1)?);
    if !w0.eq_ignore_ascii_case("according") || w1 != "to" {
        return None;
    }
    let np = np::named_in_apposition(ctx, toks, np::np_after(ctx, toks, k + 2)?);
    let speaker = np::actor_arg(ctx, toks, np)?;
    Some(Attribution {
        speaker: Some(speaker),
        verb: "say".to_string(),
        to: None,
        span: toks[k].span.cover(np.span(toks)),
    })
}

/// The addressee of "tell": "told the BBC".
fn told_whom(ctx: &Ctx, toks: &[Tok], verb: &str, i: usize) -> Option<Arg> {
    if verb != "tell" {
        return None;
    }
    let np = np::np_after(ctx, toks, i)?;
    let m = toks.get(np.head)?.mention?;
    ctx.mention_arg(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        crate::facts::np::assert_sorted("SPEECH_VERBS", SPEECH_VERBS.words());
        crate::facts::np::assert_sorted("NAMED", NAMED.words());
    }
}
