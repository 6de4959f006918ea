//! The exported form of an `Analysis` (CLI JSON, the JS API, the page's JSON download).
//!
//! This is the one place where byte spans become Unicode code point offsets (what Python's
//! `str` indexing and JavaScript's `Array.from(text)` count), each with the covered text beside
//! it. Wire types borrow from the analysis and the text; nothing here re-analyses.

use crate::analysis::Analysis;
use crate::facts::Arg;
use crate::sections::Heading;
use crate::span::Span;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;

/// Maps byte offsets to code point offsets in O(block) per lookup, with O(n / BLOCK) memory.
pub struct CharIndex {
    /// Code points before each block of `BLOCK` bytes; empty when the text is all ASCII.
    before_block: Vec<u32>,
    bytes: Vec<u8>,
}

/// 64: a lookup counts at most 63 bytes (one call per exported offset), for an index of
/// 1/16 of the text's size.
const BLOCK: usize = 64;

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex {
                before_block: Vec::new(),
                bytes: Vec::new(),
            };
        }
        let bytes = text.as_bytes();
        let mut before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut n = 0u32;
        for block in bytes.chunks(BLOCK) {
            before_block.push(n);
            n += block.iter().filter(|&&b| !is_continuation(b)).count() as u32;
        }
        CharIndex {
            before_block,
            bytes: bytes.to_vec(),
        }
    }

    /// The code point offset of byte offset `b` (which must be a char boundary).
    pub fn cp(&self, b: u32) -> u32 {
        if self.bytes.is_empty() {
            return b;
        }
        let b = (b as usize).min(self.bytes.len());
        let block = b / BLOCK;
        let Some(&before) = self.before_block.get(block) else {
            return self.before_block.last().copied().unwrap_or(0)
                + self.bytes[(self.before_block.len() - 1) * BLOCK..]
                    .iter()
                    .filter(|&&x| !is_continuation(x))
                    .count() as u32;
        };
        before
            + self.bytes[block * BLOCK..b]
                .iter()
                .filter(|&&x| !is_continuation(x))
                .count() as u32
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// A span as exported: code point offsets plus the text it covers.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct TextSpan<'a> {
    pub start: u32,
    pub end: u32,
    pub text: &'a str,
}

// Title, Paragraph and FactArg write their span's fields inline. They implement `Serialize`
// by hand instead of with `#[serde(flatten)]`, which serialises through a map of buffered
// entries: the same JSON, but the slowest part of the export (and a large part of its code).
#[derive(Debug)]
pub struct Title<'a> {
    pub span: TextSpan<'a>,
    pub level: u8,
}

#[derive(Debug)]
pub struct Paragraph<'a> {
    pub span: TextSpan<'a>,
    pub role: crate::sections::ParagraphRole,
    pub sentences: Vec<TextSpan<'a>>,
}

#[derive(Serialize, Debug)]
pub struct Section<'a> {
    pub heading: Option<Title<'a>>,
    pub level: u8,
    pub start: u32,
    pub end: u32,
    pub n_words: usize,
    pub paragraphs: Vec<Paragraph<'a>>,
}

#[derive(Serialize, Debug)]
pub struct Entity<'a> {
    pub id: usize,
    pub name: &'a str,
    pub kind: &'static str,
    pub salience: f32,
    pub roles: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a str>,
    pub mentions: Vec<TextSpan<'a>>,
}

#[derive(Debug, Clone)]
pub struct FactArg<'a> {
    pub span: TextSpan<'a>,
    pub entity: Option<usize>,
    /// Left out of the JSON when `None`.
    pub value: Option<&'a str>,
}

/// Writes the fields of `span` into a struct being serialised.
fn span_fields<M: SerializeStruct>(m: &mut M, span: &TextSpan) -> Result<(), M::Error> {
    m.serialize_field("start", &span.start)?;
    m.serialize_field("end", &span.end)?;
    m.serialize_field("text", span.text)
}

impl Serialize for Title<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Title", 4)?;
        span_fields(&mut m, &self.span)?;
        m.serialize_field("level", &self.level)?;
        m.end()
    }
}

impl Serialize for Paragraph<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Paragraph", 5)?;
        span_fields(&mut m, &self.span)?;
        m.serialize_field("role", &self.role)?;
        m.serialize_field("sentences", &self.sentences)?;
        m.end()
    }
}

impl Serialize for FactArg<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("FactArg", 5)?;
        span_fields(&mut m, &self.span)?;
        m.serialize_field("entity", &self.entity)?;
        match self.value {
            Some(v) => m.serialize_field("value", v)?,
            None => m.skip_field("value")?,
        }
        m.end()
    }
}

/// One qualifier value, or several when the key repeats ("includes").
#[derive(Serialize, Debug)]
#[serde(untagged)]
pub enum Qualifier<'a> {
    One(FactArg<'a>),
    Many(Vec<FactArg<'a>>),
}

#[derive(Serialize, Debug)]
pub struct Fact<'a> {
    pub kind: &'static str,
    pub subject: Option<FactArg<'a>>,
    pub predicate: &'a str,
    pub object: Option<FactArg<'a>>,
    pub qualifiers: BTreeMap<&'a str, Qualifier<'a>>,
    pub evidence: TextSpan<'a>,
    pub section: usize,
}

#[derive(Serialize, Debug)]
pub struct Stats {
    pub characters: usize,
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    pub reading_minutes: f64,
    pub entities: usize,
    pub facts: usize,
}

#[derive(Serialize, Debug)]
pub struct Export<'a> {
    pub title: Option<Title<'a>>,
    pub sections: Vec<Section<'a>>,
    pub entities: Vec<Entity<'a>>,
    pub facts: Vec<Fact<'a>>,
    pub stats: Stats,
    pub diagnostics: &'a [crate::analysis::Diagnostic],
}

/// Builds the exported form of `analysis` of `text`.
pub fn export<'a>(text: &'a str, analysis: &'a Analysis) -> Export<'a> {
    let index = CharIndex::new(text);
    let ts = |span: Span| TextSpan {
        start: index.cp(span.start),
        end: index.cp(span.end),
        text: span.text(text),
    };
    let heading = |h: &Heading| Title {
        span: ts(h.span),
        level: h.level,
    };
    let arg = |a: &'a Arg| FactArg {
        span: ts(a.span),
        entity: a.entity,
        value: a.value.as_deref(),
    };
    let doc = &analysis.doc;
    let sections = doc
        .sections
        .iter()
        .map(|s| Section {
            heading: s.heading.as_ref().map(heading),
            level: s.level,
            start: index.cp(s.span.start),
            end: index.cp(s.span.end),
            n_words: s.n_words,
            paragraphs: doc.paragraphs[s.paragraphs.clone()]
                .iter()
                .map(|p| Paragraph {
                    span: ts(p.span),
                    role: p.role,
                    sentences: doc
                        .sentences
                        .get(p.sentences.clone())
                        .unwrap_or(&[])
                        .iter()
                        .map(|&s| ts(s))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let entities = analysis
        .entities
        .iter()
        .map(|e| Entity {
            id: e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            salience: e.salience,
            roles: &e.roles,
            country: e.country.as_deref(),
            value: e.value.as_deref(),
            mentions: e.mentions.iter().map(|&m| ts(m)).collect(),
        })
        .collect();
    let facts = analysis
        .facts
        .iter()
        .map(|f| {
            let mut qualifiers: BTreeMap<&str, Qualifier> = BTreeMap::new();
            for (key, a) in &f.qualifiers {
                let value = arg(a);
                match qualifiers.remove(key.as_str()) {
                    None => qualifiers.insert(key, Qualifier::One(value)),
                    Some(Qualifier::One(first)) => {
                        qualifiers.insert(key, Qualifier::Many(vec![first, value]))
                    }
                    Some(Qualifier::Many(mut all)) => {
                        all.push(value);
                        qualifiers.insert(key, Qualifier::Many(all))
                    }
                };
            }
            Fact {
                kind: f.kind.as_str(),
                subject: f.subject.as_ref().map(arg),
                predicate: &f.predicate,
                object: f.object.as_ref().map(arg),
                qualifiers,
                evidence: ts(f.evidence),
                section: f.section,
            }
        })
        .collect();
    let st = &analysis.stats;
    Export {
        title: doc.title.as_ref().map(heading),
        sections,
        entities,
        facts,
        stats: Stats {
            characters: st.n_chars,
            words: st.n_words,
            sentences: st.n_sentences,
            paragraphs: st.n_paragraphs,
            reading_minutes: st.reading_minutes,
            entities: analysis.entities.len(),
            facts: analysis.facts.len(),
        },
        diagnostics: &analysis.diagnostics,
    }
}

/// The analysis of `text` as a JSON value (the CLI's and the page's export format).
pub fn to_json(text: &str, analysis: &Analysis) -> serde_json::Value {
    serde_json::to_value(export(text, analysis)).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_count_like_python() {
        let text = "Kyiv’s £225 — 👩‍👩‍👧 ok".repeat(40);
        let index = CharIndex::new(&text);
        for (b, _) in text.char_indices() {
            assert_eq!(index.cp(b as u32) as usize, text[..b].chars().count());
        }
        assert_eq!(index.cp(text.len() as u32) as usize, text.chars().count());
        let ascii = CharIndex::new("plain");
        assert_eq!(ascii.cp(3), 3);
    }

    #[test]
    fn exported_spans_slice_the_text_by_code_points() {
        let text = "Café owner.\nZoë said “hi”.";
        let analysis = crate::analyze(text);
        let json = to_json(text, &analysis);
        let chars: Vec<char> = text.chars().collect();
        for s in json["sections"].as_array().unwrap() {
            for p in s["paragraphs"].as_array().unwrap() {
                let (a, b) = (
                    p["start"].as_u64().unwrap() as usize,
                    p["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    chars[a..b].iter().collect::<String>(),
                    p["text"].as_str().unwrap()
                );
            }
        }
        for key in ["title", "sections", "entities", "facts", "stats"] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
    }
}
