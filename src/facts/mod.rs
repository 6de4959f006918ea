//! Facts: quotes, roles, amounts, events and dated statements, each with its evidence span.
//!
//! One pass builds a token view of every sentence (tokens, the entity mention each token
//! belongs to, whether it sits inside a quotation); the extractors (`quotes`, `roles`,
//! `amounts`, `events`, `dates`) then read sentences with local patterns. Every extractor
//! looks at a bounded window around its anchor, so the stage is linear in the text length.

mod amounts;
mod dates;
mod events;
pub mod lemma;
mod np;
mod quotes;
mod roles;
mod sentences;
pub mod testing;

use crate::entities::{Entity, EntityKind};
use crate::gazetteer::WordHashSet;
use crate::sections::Document;
use crate::span::Span;
use crate::token::tokenize_span;
use serde::{Deserialize, Serialize};

/// The `kind` strings of the JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Quote,
    Role,
    Amount,
    Event,
    Date,
}

impl FactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Quote => "quote",
            FactKind::Role => "role",
            FactKind::Amount => "amount",
            FactKind::Event => "event",
            FactKind::Date => "date",
        }
    }
}

/// A stretch of text a fact refers to, and the entity it belongs to if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Arg {
    pub span: Span,
    /// Id of the entity this span is a mention of (or resolves to, for pronouns).
    pub entity: Option<usize>,
    /// A normalised value where the text alone is not enough ("2025-03-05", a speaker's name
    /// reached through a pronoun).
    pub value: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: FactKind,
    /// Quote: the speaker (None when unattributed); role: the person; amount: the amount.
    pub subject: Option<Arg>,
    /// Lemmatised verb phrase or relation: "say", "hold office", "announce", "visit".
    pub predicate: String,
    /// Quote: the quoted words; role: the office; event: the object.
    pub object: Option<Arg>,
    /// Named extras: "date", "location", "amount", "of", "purpose", "includes", ... A key may
    /// repeat (one entry per item).
    pub qualifiers: Vec<(String, Arg)>,
    /// The sentence(s) the fact was read from.
    pub evidence: Span,
    /// Index of the section holding the evidence.
    pub section: usize,
}

/// Reads the facts of `text`, given its structure and entities. Never panics.
pub fn extract(text: &str, doc: &Document, entities: &[Entity]) -> Vec<Fact> {
    let mut ctx = Ctx::new(text, doc, entities);
    let quotes = quotes::find_all(&mut ctx);
    ctx.collect_antecedents();
    ctx.collect_genders();
    let mut out = Out {
        facts: quotes::facts(&ctx, &quotes),
        seen: WordHashSet::default(),
    };
    ctx.anchor_year = dates::anchor_year(text, doc);
    for sent in &ctx.sents {
        roles::extract(&ctx, sent, &mut out);
        amounts::extract(&ctx, sent, &mut out);
        events::extract(&ctx, sent, &mut out);
        dates::extract(&ctx, sent, &mut out);
    }
    let mut facts = out.facts;
    for f in &mut facts {
        f.section = doc.section_at(f.evidence.start).unwrap_or(0);
    }
    facts.sort_by_key(|f| (f.evidence.start, f.kind));
    facts
}

/// Facts found so far, and the keys of those that must not repeat (a role stated twice is
/// one fact).
pub(crate) struct Out {
    pub facts: Vec<Fact>,
    seen: WordHashSet<String>,
}

impl Out {
    /// Adds `fact` unless a fact with the same `key` was added before.
    pub fn push_unique(&mut self, key: String, fact: Fact) {
        if self.seen.insert(key) {
            self.facts.push(fact);
        }
    }

    pub fn push(&mut self, fact: Fact) {
        self.facts.push(fact);
    }
}

/// How many nearer people of the wrong gender a pronoun may pass over.
const MAX_GENDER_SKIP: usize = 4;

/// An entity mention as the fact patterns see it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MentionRef {
    pub span: Span,
    pub entity: usize,
    pub kind: EntityKind,
}

/// A token with what the patterns need to know about it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub span: Span,
    /// Index into `Ctx::mentions`.
    pub mention: Option<usize>,
    pub in_quote: bool,
    /// The word in lower case, as a range of `Ctx::lower_words`.
    pub lower: Span,
}

/// A sentence with its tokens.
#[derive(Clone, Debug)]
pub(crate) struct Sent {
    pub span: Span,
    pub paragraph: usize,
    pub toks: Vec<Tok>,
}

/// Everything the extractors share.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub entities: &'a [Entity],
    /// All mentions of all entities, in text order.
    pub mentions: Vec<MentionRef>,
    pub sents: Vec<Sent>,
    /// Person mentions outside quotations, in text order: what "he" and "she" can refer to.
    pub antecedents: Vec<usize>,
    /// Per entry of `antecedents`: the index in `sents` of its sentence when the mention is
    /// the object of a preposition there ("standing next to Mr Blair"), else `None`.
    pub oblique: Vec<Option<usize>>,
    /// Per entity: `Some(true)` female, `Some(false)` male, by honorific; `None` unknown.
    pub gender: Vec<Option<bool>>,
    /// Every token in lower case, one after another: the patterns compare lower-case words
    /// all the time, and this lowers each once.
    pub lower_words: String,
    /// The publication year, when the article states it: anchors "this year", "next year".
    pub anchor_year: Option<i32>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, doc: &Document, entities: &'a [Entity]) -> Ctx<'a> {
        let mut mentions: Vec<MentionRef> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                e.mentions.iter().map(move |&span| MentionRef {
                    span,
                    entity: i,
                    kind: e.kind,
                })
            })
            .filter(|m| !m.span.is_empty() && text.get(m.span.range()).is_some())
            .collect();
        mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        let mut sents = Vec::with_capacity(doc.sentences.len());
        let mut lower_words = String::with_capacity(text.len());
        let mut next_mention = 0;
        for (p, para) in doc.paragraphs.iter().enumerate() {
            for s in doc.sentences.get(para.sentences.clone()).unwrap_or(&[]) {
                for span in sentences::split(text, *s) {
                    let mut toks: Vec<Tok> = tokenize_span(text, span)
                        .into_iter()
                        .map(|t| {
                            let start = lower_words.len();
                            let w = t.span.text(text);
                            if w.is_ascii() {
                                lower_words
                                    .extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
                            } else {
                                lower_words.extend(w.chars().flat_map(char::to_lowercase));
                            }
                            Tok {
                                span: t.span,
                                mention: None,
                                in_quote: false,
                                lower: Span::new(start, lower_words.len()),
                            }
                        })
                        .collect();
                    for t in &mut toks {
                        while next_mention < mentions.len()
                            && mentions[next_mention].span.end <= t.span.start
                        {
                            next_mention += 1;
                        }
                        if let Some(m) = mentions.get(next_mention) {
                            if m.span.overlaps(t.span) {
                                t.mention = Some(next_mention);
                            }
                        }
                    }
                    sents.push(Sent {
                        span,
                        paragraph: p,
                        toks,
                    });
                }
            }
        }
        Ctx {
            text,
            entities,
            mentions,
            sents,
            antecedents: Vec::new(),
            oblique: Vec::new(),
            lower_words,
            gender: Vec::new(),
            anchor_year: None,
        }
    }

    /// Person mentions outside quotations ("Putin" inside a quote is not who "he" refers to),
    /// and which of them are objects of a preposition (see `oblique`).
    fn collect_antecedents(&mut self) {
        let (mut antecedents, mut oblique) = (Vec::new(), Vec::new());
        for (si, s) in self.sents.iter().enumerate() {
            for (ti, t) in s.toks.iter().enumerate() {
                let Some(m) = t.mention.filter(|_| !t.in_quote) else {
                    continue;
                };
                if self.mentions[m].kind != EntityKind::Person || antecedents.last() == Some(&m) {
                    continue;
                }
                antecedents.push(m);
                oblique.push(self.after_preposition(&s.toks[..ti]).then_some(si));
            }
        }
        self.antecedents = antecedents;
        self.oblique = oblique;
    }

    /// Whether a mention whose sentence opens with `before` is the object of a preposition:
    /// the word before it, past the capitalised titles that lead into a name ("to Prime
    /// Minister Tony Blair"), is one.
    fn after_preposition(&self, before: &[Tok]) -> bool {
        for t in before.iter().rev().take(4) {
            if np::is_any_preposition(self.lower(t)) {
                return true;
            }
            let word = self.word(t);
            if !(word.starts_with(|c: char| c.is_uppercase()) || word == ".") {
                return false;
            }
        }
        false
    }

    pub fn word(&self, t: &Tok) -> &'a str {
        t.span.text(self.text)
    }

    /// The token in lower case.
    pub fn lower(&self, t: &Tok) -> &str {
        t.lower.text(&self.lower_words)
    }

    pub fn mention(&self, t: &Tok) -> Option<&MentionRef> {
        t.mention.and_then(|m| self.mentions.get(m))
    }

    pub fn entity(&self, m: &MentionRef) -> Option<&'a Entity> {
        self.entities.get(m.entity)
    }

    /// An argument for a whole mention: its span, entity id, and the entity's value.
    pub fn mention_arg(&self, m: usize) -> Option<Arg> {
        let m = self.mentions.get(m)?;
        let e = self.entity(m)?;
        Some(Arg {
            span: m.span,
            entity: Some(e.id),
            value: e.value.clone(),
        })
    }

    /// The person a "he" (`female` false) or "she" (true) at `offset` refers to: the last
    /// person mentioned before it outside quotations, passing over (a few) people whose
    /// honorific says otherwise ("Ms Hewitt" is not "he"), and people named earlier in its
    /// own clause as the object of a preposition: in "standing next to Mr Blair he added",
    /// "he" is not Blair.
    pub fn antecedent(&self, offset: u32, female: bool) -> Option<&MentionRef> {
        let i = self
            .antecedents
            .partition_point(|&m| self.mentions[m].span.end <= offset);
        let from = i.saturating_sub(MAX_GENDER_SKIP);
        let candidates = self.antecedents.get(from..i)?;
        let sentence = self.sents.partition_point(|s| s.span.end <= offset);
        // People named as objects of a preposition in the pronoun's clause, whichever of
        // their mentions comes before.
        let mut oblique = [usize::MAX; MAX_GENDER_SKIP];
        for (k, (&m, slot)) in candidates.iter().zip(&mut oblique).enumerate() {
            if self.oblique.get(from + k).copied().flatten() == Some(sentence)
                && self.same_clause(sentence, self.mentions[m].span.end, offset)
            {
                *slot = self.mentions[m].entity;
            }
        }
        let fits = |&&m: &&usize| {
            let e = self.mentions[m].entity;
            self.gender.get(e).copied().flatten() != Some(!female) && !oblique.contains(&e)
        };
        let m = *candidates.iter().rev().find(fits)?;
        self.mentions.get(m)
    }

    /// Whether no conjunction or semicolon of sentence `s` lies between offsets `a` and `b`
    /// ("the prize went to Smith and he said" starts a new clause), nor a "who" that is the
    /// subject of its own clause ("for Holmes, who has admitted she ..."; but in "with Mr
    /// Campbell, who he described as", "he" stays in the clause).
    fn same_clause(&self, s: usize, a: u32, b: u32) -> bool {
        let toks = self.sents.get(s).map_or(&[][..], |s| &s.toks[..]);
        // Tokens are in text order: those between `a` and `b` are one run.
        let from = toks.partition_point(|t| t.span.start < a);
        let to = toks.partition_point(|t| t.span.end <= b).max(from);
        let between = &toks[from..to];
        !between
            .iter()
            .enumerate()
            .any(|(k, t)| match self.lower(t) {
                "and" | "but" | "so" | "then" | ";" | "while" => true,
                "who" => k + 1 < between.len(),
                _ => false,
            })
    }

    /// Entity genders from honorifics before their mentions ("Mr", "Ms", "Sir", "Dame"), else
    /// from the first name of a person named in full ("Mary Smith").
    fn collect_genders(&mut self) {
        let mut gender = vec![None; self.entities.len()];
        for s in &self.sents {
            for w in s.toks.windows(2) {
                let Some(m) = w[1].mention else {
                    continue;
                };
                // The honorific before the mention, or opening it ("Mr Blair" as a mention).
                let title = if w[0].mention.is_none() {
                    &w[0]
                } else if w[0].mention == Some(m) {
                    continue;
                } else {
                    &w[1]
                };
                let e = self.mentions[m].entity;
                let g = match self.lower(title).trim_end_matches('.') {
                    "mr" | "sir" | "lord" | "king" | "prince" => Some(false),
                    "mrs" | "ms" | "miss" | "dame" | "lady" | "queen" | "princess" => Some(true),
                    _ => None,
                };
                if let (Some(g), Some(slot)) = (g, gender.get_mut(e)) {
                    *slot = Some(g);
                }
            }
        }
        // Else the first name, for a person named in full ("Mary Smith", not a bare "Jordan",
        // which may be a surname): one that the census says is nearly always one sex's.
        for (e, slot) in self.entities.iter().zip(gender.iter_mut()) {
            if slot.is_some() || e.kind != EntityKind::Person {
                continue;
            }
            let mut words = e.name.split_whitespace();
            if let (Some(first), Some(_)) = (words.next(), words.next()) {
                *slot = crate::gazetteer::first_name_is_female(first);
            }
        }
        self.gender = gender;
    }

    /// Index of the sentence holding byte offset `offset`.
    pub fn sent_at(&self, offset: u32) -> Option<usize> {
        let i = self.sents.partition_point(|s| s.span.end <= offset);
        (i < self.sents.len() && self.sents[i].span.start <= offset).then_some(i)
    }
}

/// A one-fact-per-block text dump, for fixtures and debugging: what a reader checks.
pub fn dump(text: &str, entities: &[Entity], facts: &[Fact]) -> String {
    use std::fmt::Write;
    let arg = |a: &Arg| {
        let mut s = format!("«{}»", a.span.text(text));
        if let Some(e) = a.entity.and_then(|id| entities.iter().find(|e| e.id == id)) {
            let _ = write!(s, " = {} ({})", e.name, e.kind.as_str());
        }
        if let Some(v) = &a.value {
            let _ = write!(s, " [{v}]");
        }
        s
    };
    let mut out = String::new();
    for f in facts {
        // No section number: it belongs to the structure stage, tested there.
        let _ = writeln!(out, "{}: {}", f.kind.as_str(), f.predicate);
        match &f.subject {
            Some(a) => {
                let _ = writeln!(out, "  subject: {}", arg(a));
            }
            None => {
                let _ = writeln!(out, "  subject: -");
            }
        }
        if let Some(a) = &f.object {
            let _ = writeln!(out, "  object: {}", arg(a));
        }
        for (k, a) in &f.qualifiers {
            let _ = writeln!(out, "  {k}: {}", arg(a));
        }
        let _ = writeln!(out, "  evidence: {}", f.evidence.text(text));
    }
    out
}
