//! `analyze`: the whole pipeline, text -> structure -> entities -> facts -> `Analysis`.

use crate::entities::{self, Entity};
use crate::facts::{self, Fact};
use crate::sections::{self, Document};
use serde::{Deserialize, Serialize};

/// Inputs above this many bytes are not analysed: the caller gets a diagnostic saying so.
/// It keeps a 1 GB paste from freezing a tab; real articles are a few KB.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// Reading speed used for `Stats::reading_minutes`.
const WORDS_PER_MINUTE: f64 = 238.0;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub n_chars: usize,
    pub n_words: usize,
    pub n_sentences: usize,
    pub n_paragraphs: usize,
    pub reading_minutes: f64,
}

/// Something odd about the input, reported instead of failing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable machine-readable code: "empty", "too_large", ...
    // Read back as "" (the page's worker hand-off needs only the message).
    #[serde(skip_deserializing)]
    pub code: &'static str,
    pub message: String,
}

/// Everything the core found in one text. All spans are byte ranges into that text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub doc: Document,
    /// Ordered by salience, highest first; `entities[i].id == i`.
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    pub stats: Stats,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses `text`. Always returns an `Analysis`; odd input shows up in `diagnostics`.
pub fn analyze(text: &str) -> Analysis {
    let mut diagnostics = Vec::new();
    let n_chars = text.chars().count();
    if text.len() > MAX_INPUT_BYTES {
        diagnostics.push(Diagnostic {
            code: "too_large",
            message: format!(
                "The text is {:.1} MB; the limit is {} MB. Nothing was analysed.",
                text.len() as f64 / 1e6,
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        });
        let stats = Stats {
            n_chars,
            ..Stats::default()
        };
        return Analysis {
            stats,
            diagnostics,
            ..Analysis::default()
        };
    }
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic {
            code: "empty",
            message: "There is no text to analyse.".into(),
        });
    }
    let doc = sections::structure(text);
    let entities = entities::extract(text, &doc);
    let facts = facts::extract(text, &doc, &entities);
    let n_words = doc.sections.iter().map(|s| s.n_words).sum::<usize>();
    let stats = Stats {
        n_chars,
        n_words,
        n_sentences: doc.sentences.len(),
        n_paragraphs: doc.paragraphs.len(),
        reading_minutes: (n_words as f64 / WORDS_PER_MINUTE * 10.0).round() / 10.0,
    };
    Analysis {
        doc,
        entities,
        facts,
        stats,
        diagnostics,
    }
}
