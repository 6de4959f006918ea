//! Facts: quotes, roles, amounts, events and dated statements, each with its evidence span.
//!
//! PLACEHOLDER implementation (finds nothing): the facts issue fills in `extract`, keeping
//! the types.

use crate::entities::Entity;
use crate::sections::Document;
use crate::span::Span;
use serde::Serialize;

/// The `kind` strings of the JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Arg {
    pub span: Span,
    /// Id of the entity this span is a mention of (or resolves to, for pronouns).
    pub entity: Option<usize>,
    /// A normalised value where the text alone is not enough ("2025-03-05", a speaker's name
    /// reached through a pronoun).
    pub value: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
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
pub fn extract(_text: &str, _doc: &Document, _entities: &[Entity]) -> Vec<Fact> {
    Vec::new()
}
