//! Entities: name mentions from the tagger, numeric mentions from patterns, merged into
//! entities with a canonical name, roles and a salience score.
//!
//! The stage runs as passes over byte spans, each linear in the text:
//! `tagger::tag_all` (names, plus the miscellaneous names the vote needs) -> `clean`
//! (news-convention spans, leaked titles, ordinary words, nationality vs location) ->
//! `merge::propagate` (document-level consistency) -> `patterns::find` (numbers) ->
//! `merge::resolve` (overlaps) -> `merge::entities` (canonical names, roles from `titles`,
//! salience).

pub mod clean;
pub mod features;
pub mod merge;
pub mod patterns;
pub mod scan;
pub mod tagger;
pub mod titles;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use crate::sections::Document;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The `kind` strings of the JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Nationality,
    Date,
    Money,
    Percent,
    Quantity,
}

impl EntityKind {
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Location,
        EntityKind::Nationality,
        EntityKind::Date,
        EntityKind::Money,
        EntityKind::Percent,
        EntityKind::Quantity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
            EntityKind::Nationality => "nationality",
            EntityKind::Date => "date",
            EntityKind::Money => "money",
            EntityKind::Percent => "percent",
            EntityKind::Quantity => "quantity",
        }
    }

    /// Names come from the tagger; the other kinds from patterns.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            EntityKind::Person
                | EntityKind::Organization
                | EntityKind::Location
                | EntityKind::Nationality
        )
    }
}

/// One occurrence of an entity in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Index in `Analysis::entities` (which is ordered by salience).
    pub id: usize,
    /// Canonical name: the fullest form the article uses ("Keir Starmer").
    pub name: String,
    pub kind: EntityKind,
    pub salience: f32,
    /// Titles and offices seen around a person's mentions ("Defence Secretary").
    pub roles: Vec<String>,
    /// Mentions in text order.
    pub mentions: Vec<Span>,
    /// For nationalities and places: the country they belong to ("Ukrainian" -> "Ukraine").
    pub country: Option<String>,
    /// Normalised value for dates/money/percent/quantities ("2025", "GBP 225000000").
    pub value: Option<String>,
}

/// Finds, merges and ranks the entities of `text`. Never panics.
pub fn extract(text: &str, doc: &Document) -> Vec<Entity> {
    extract_tagged(text, doc, &tagger::tag_all(text, doc))
}

/// The entity stage after the tagger: `names` are its mentions (any order). Separate from
/// `extract` so the rules can be tested, and measured, with mentions made by hand.
pub fn extract_from(text: &str, doc: &Document, names: &[Mention]) -> Vec<Entity> {
    let tagged = tagger::Tagged {
        names: names.to_vec(),
        misc: Vec::new(),
    };
    extract_tagged(text, doc, &tagged)
}

/// The entity stage after the tagger, with its miscellaneous names too (see `tagger::Tagged`).
pub fn extract_tagged(text: &str, doc: &Document, tagged: &tagger::Tagged) -> Vec<Entity> {
    let sentences = clean::Sentences::new(doc);
    // Both stages look words up in one list of the text's words.
    let words: Vec<scan::Word> = scan::words(text).collect();
    let names = clean::clean(text, doc, &words, &tagged.names);
    let names = merge::propagate(text, &sentences, &words, names, &tagged.misc);
    let numbers = patterns::find(text);
    let candidates = merge::resolve(text, names, numbers);
    merge::entities(text, doc, candidates)
}
