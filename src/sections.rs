//! Document structure: title, metadata lines, paragraphs, sentences, headings and the section
//! tree. First pass of the pipeline; everything later reads its `Document`.
//!
//! PLACEHOLDER implementation (one paragraph per non-empty line, one sentence per paragraph,
//! no headings): the sections issue replaces the body of `structure`, not the types.

use crate::span::Span;
use serde::Serialize;

/// What a paragraph is, as far as the reader is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphRole {
    /// Ordinary body text.
    Body,
    /// The opening paragraph of the article.
    Lede,
    /// "By Jane Smith".
    Byline,
    /// "LONDON (Reuters) -" standing alone.
    Dateline,
    /// A publication date line.
    Date,
    /// A photo caption or credit.
    Caption,
    /// Web debris: "Advertisement", "Share this article".
    Debris,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The paragraph's text, without surrounding blank lines or heading markup.
    pub span: Span,
    pub role: ParagraphRole,
    /// Indices into `Document::sentences`.
    pub sentences: std::ops::Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// The heading's words, without markup ("## ", "1. ", setext underline).
    pub span: Span,
    /// The whole line(s) the heading occupies, markup included.
    pub line: Span,
    /// 1 for a title, 2 for a subheading, Markdown's level where it gives one.
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `None` for the opening section before the first heading.
    pub heading: Option<Heading>,
    pub level: u8,
    /// From the heading (or the section's first paragraph) to its last paragraph.
    pub span: Span,
    /// Indices into `Document::paragraphs`; consecutive sections partition them.
    pub paragraphs: std::ops::Range<usize>,
    pub n_words: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Document {
    pub title: Option<Heading>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Span>,
    pub sections: Vec<Section>,
}

impl Document {
    /// The section holding a byte offset, if any.
    pub fn section_at(&self, offset: u32) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.span.end <= offset);
        (i < self.sections.len() && self.sections[i].span.start <= offset).then_some(i)
    }
}

/// Counts words the way readers do: runs of letters or digits.
pub fn count_words(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Recovers the structure of `text`. Never panics.
pub fn structure(text: &str) -> Document {
    let mut doc = Document::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(offset, offset + line.len()).trim(text);
        offset += line.len();
        if span.is_empty() {
            continue;
        }
        let i = doc.sentences.len();
        doc.sentences.push(span);
        doc.paragraphs.push(Paragraph {
            span,
            role: ParagraphRole::Body,
            sentences: i..i + 1,
        });
    }
    if let (Some(first), Some(last)) = (doc.paragraphs.first(), doc.paragraphs.last()) {
        let span = first.span.cover(last.span);
        doc.sections.push(Section {
            heading: None,
            level: 1,
            span,
            paragraphs: 0..doc.paragraphs.len(),
            n_words: count_words(span.text(text)),
        });
    }
    doc
}
