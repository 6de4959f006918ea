//! Document structure: title, metadata lines, paragraphs, sentences, headings and the section
//! tree. First pass of the pipeline; everything later reads its `Document`.
//!
//! Three passes, each linear in the text: `lines` cuts the text into lines and blocks
//! (deciding which line breaks end a paragraph), then `structure` decides what each block is
//! (title, heading, or a paragraph with a role, using `headings` and `roles` and the blocks
//! around it), then `sentences` splits each paragraph. Sections are the runs of paragraphs
//! between headings; they partition the paragraphs.

mod headings;
mod lines;
mod roles;
mod sentences;

use crate::span::Span;
use lines::BlockKind;
use serde::{Deserialize, Serialize};

/// What a paragraph is, as far as the reader is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph's text, without surrounding blank lines or heading markup.
    pub span: Span,
    pub role: ParagraphRole,
    /// Indices into `Document::sentences`.
    pub sentences: std::ops::Range<usize>,
    /// A dateline opening the paragraph ("LONDON (Reuters) - "), dash included; only the lede
    /// carries one. A dateline standing alone is a paragraph with role `Dateline` instead.
    pub dateline: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// The heading's words, without markup ("## ", "1. ", setext underline).
    pub span: Span,
    /// The whole line(s) the heading occupies, markup included.
    pub line: Span,
    /// 1 for a title, 2 for a subheading, Markdown's level where it gives one.
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// `None` for the opening section before the first heading.
    pub heading: Option<Heading>,
    /// The heading's level; for the opening section, the level of the document's top-level
    /// headings (1 when there are none).
    pub level: u8,
    /// From the heading (or the section's first paragraph) to its last paragraph.
    pub span: Span,
    /// Indices into `Document::paragraphs`; consecutive sections partition them.
    pub paragraphs: std::ops::Range<usize>,
    pub n_words: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub title: Option<Heading>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Span>,
    pub sections: Vec<Section>,
}

impl Document {
    /// Every span a reader reads, in text order: the title, each section heading and each
    /// sentence. Headings and the title are not sentences (no paragraph holds them), so a
    /// stage that looks for names in sentences only would miss "Ukraine" in a heading.
    pub fn text_spans(&self) -> Vec<Span> {
        let mut out = Vec::with_capacity(self.sentences.len() + self.sections.len() + 1);
        out.extend(self.title.as_ref().map(|t| t.span));
        let mut sentences = self.sentences.iter().copied().peekable();
        for section in &self.sections {
            if let Some(h) = &section.heading {
                while let Some(s) = sentences.next_if(|s| s.start < h.span.start) {
                    out.push(s);
                }
                out.push(h.span);
            }
        }
        out.extend(sentences);
        out
    }

    /// The section holding a byte offset, if any.
    pub fn section_at(&self, offset: u32) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.span.end <= offset);
        (i < self.sections.len() && self.sections[i].span.start <= offset).then_some(i)
    }
}

/// Counts words the way readers do: runs of letters or digits (apostrophes and combining
/// marks inside a word keep it whole). One pass over the bytes, ASCII without decoding: it
/// runs over every body paragraph.
pub fn count_words(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut n, mut in_word, mut has_alnum) = (0, false, false);
    let mut i = 0;
    while i < b.len() {
        let (word_char, alnum, len) = if b[i] < 0x80 {
            let alnum = b[i].is_ascii_alphanumeric();
            (alnum || b[i] == b'\'', alnum, 1)
        } else {
            let c = text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            let alnum = c.is_alphanumeric();
            (
                alnum || c == '’' || is_combining_mark(c),
                alnum,
                c.len_utf8(),
            )
        };
        if word_char {
            if !in_word {
                in_word = true;
                has_alnum = false;
            }
            has_alnum |= alnum;
        } else if in_word {
            n += usize::from(has_alnum);
            in_word = false;
        }
        i += len;
    }
    n + usize::from(in_word && has_alnum)
}

/// Combining marks belong to their letter: "Zoe\u{308}" (Zoë, decomposed) is one word.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The sentences of `text[span]`, read as one paragraph. `structure` uses the same splitter;
/// this entry point is for callers that already know the paragraph (and for evaluation).
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    sentences::split(text, span, &mut out);
    out
}

/// Counts the words of paragraphs a reader reads as the article: body and lede, without a
/// lede's dateline.
fn body_words(text: &str, p: &Paragraph) -> usize {
    match p.role {
        ParagraphRole::Body | ParagraphRole::Lede => {
            let start = p.dateline.map_or(p.span.start, |d| d.end.max(p.span.start));
            count_words(
                Span {
                    start,
                    end: p.span.end,
                }
                .text(text),
            )
        }
        _ => 0,
    }
}

/// What a block turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Title,
    Heading { level: u8, words: Span },
    Paragraph(ParagraphRole),
}

/// A metadata role read from the block's own text, if any.
fn own_role(s: &str) -> Option<ParagraphRole> {
    if roles::is_debris(s) {
        Some(ParagraphRole::Debris)
    } else if roles::is_caption(s) {
        Some(ParagraphRole::Caption)
    } else if roles::is_byline(s) {
        Some(ParagraphRole::Byline)
    } else if roles::is_date_line(s) {
        Some(ParagraphRole::Date)
    } else if roles::dateline_len(s).is_some_and(|n| n >= s.len()) {
        Some(ParagraphRole::Dateline)
    } else {
        None
    }
}

/// Openings of emails and notes that are not titles.
const GREETINGS: &[&str] = &["hi", "hello", "dear", "hey", "greetings", "thanks", "thank"];

/// Does the first line read like a headline? Short, starts like a title, does not end like a
/// sentence (a "?" or "!" is fine: headlines ask and exclaim).
fn is_headline(s: &str) -> bool {
    let n_words = roles::word_count(s);
    if n_words == 0 || n_words > 25 || s.len() > 250 {
        return false;
    }
    // "iTunes now selling ...", "$1m payoff for ...": a first word with a capital, a digit or
    // a sign is fine; an all-lower-case first word is prose.
    let first_word = s.split_whitespace().next().unwrap_or("");
    if !first_word
        .chars()
        .any(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '$' | '£' | '€' | '&' | '#'))
    {
        return false;
    }
    if !s.chars().any(char::is_alphabetic) {
        return false;
    }
    let t = s.trim_end_matches(['"', '”', '’', '\'', '*', '_']);
    if t.ends_with(['.', ',', ';', ':', '-', '–', '—']) && !t.ends_with("...") {
        return false;
    }
    let first_word = s
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    !GREETINGS.contains(&first_word.as_str())
}

fn ends_like_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '’', '”', ')', ']', '»'])
        // With the full stops of Chinese/Japanese, Arabic and Devanagari.
        .ends_with(['.', '!', '?', '…', '。', '！', '？', '．', '؟', '।'])
}

/// Recovers the structure of `text`. Never panics; linear in the length of `text`.
pub fn structure(text: &str) -> Document {
    let lines = lines::lines(text);
    let blocks = lines::blocks(text, &lines);
    drop(lines);
    let n = blocks.len();
    let block_text = |i: usize| blocks[i].span.text(text);
    let has_markup = blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Atx(_) | BlockKind::Setext(_)));

    // What each block says about itself.
    let own: Vec<Option<ParagraphRole>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b.kind {
            BlockKind::Text if b.span.len() <= 400 => own_role(block_text(i)),
            _ => None,
        })
        .collect();
    let shapes: Vec<Option<headings::Shape>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b.kind {
            BlockKind::Text if !has_markup && b.n_lines == 1 && own[i].is_none() => {
                headings::shape(block_text(i))
            }
            _ => None,
        })
        .collect();

    let mut verdicts: Vec<Verdict> = Vec::with_capacity(n);
    let n_h1 = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Atx(1) | BlockKind::Setext(1)))
        .count();
    let mut body_seen = false;
    let mut meta_seen = false;
    for (i, b) in blocks.iter().enumerate() {
        let s = block_text(i);
        let verdict = match b.kind {
            BlockKind::Atx(1) | BlockKind::Setext(1) if i == 0 && n_h1 == 1 && n > 1 => {
                Verdict::Title
            }
            BlockKind::Atx(level) | BlockKind::Setext(level) => Verdict::Heading {
                level,
                words: b.span,
            },
            BlockKind::Code => Verdict::Paragraph(ParagraphRole::Body),
            BlockKind::Text => {
                if i == 0
                    && n > 1
                    && b.n_lines <= 3
                    && own[0].is_none()
                    && !matches!(
                        shapes[0],
                        Some(headings::Shape::Numbered { .. } | headings::Shape::Roman { .. })
                    )
                    && is_headline(s)
                    && n_h1 == 0
                {
                    Verdict::Title
                } else if let Some(level) =
                    heading_level(text, &blocks, &shapes, i, body_seen, meta_seen)
                {
                    let words = match shapes[i] {
                        Some(
                            headings::Shape::Numbered { words, .. }
                            | headings::Shape::Roman { words },
                        ) => Span::new(b.span.start as usize + words, b.span.end as usize),
                        // "**Background**": the words without the emphasis.
                        _ => trim_emphasis(text, b.span),
                    };
                    Verdict::Heading { level, words }
                } else if let Some(role) = own[i] {
                    meta_seen |= matches!(
                        role,
                        ParagraphRole::Date | ParagraphRole::Byline | ParagraphRole::Dateline
                    );
                    Verdict::Paragraph(role)
                } else if !body_seen && is_fragment(s) && verdicts.last() != Some(&Verdict::Title) {
                    // A short line without a full stop before the lede: the caption of a
                    // picture the copy lost. Right under the title it is a standfirst, and
                    // read as the lede.
                    Verdict::Paragraph(ParagraphRole::Caption)
                } else {
                    body_seen = true;
                    Verdict::Paragraph(ParagraphRole::Body)
                }
            }
        };
        verdicts.push(verdict);
    }

    // The lede is the first body paragraph that is more than a greeting or a one-liner.
    let is_body = |i: usize| verdicts[i] == Verdict::Paragraph(ParagraphRole::Body);
    let lede = (0..n)
        .find(|&i| is_body(i) && roles::word_count(block_text(i)) >= 8)
        .or_else(|| (0..n).find(|&i| is_body(i)));

    // The opening section sits beside the top-level sections, under the title.
    let opening_level = verdicts
        .iter()
        .filter_map(|v| match v {
            Verdict::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut doc = Document::default();
    let mut open: Option<(Option<Heading>, u8, usize)> = None;
    for (i, (b, v)) in blocks.iter().zip(&verdicts).enumerate() {
        match *v {
            Verdict::Title => {
                doc.title = Some(Heading {
                    span: b.span,
                    line: b.line,
                    level: 1,
                });
            }
            Verdict::Heading { level, words } => {
                close_section(text, &mut doc, open.take());
                let heading = Heading {
                    span: words,
                    line: b.line,
                    level,
                };
                open = Some((Some(heading), level, doc.paragraphs.len()));
            }
            Verdict::Paragraph(mut role) => {
                if open.is_none() {
                    open = Some((None, opening_level, doc.paragraphs.len()));
                }
                let mut dateline = None;
                if lede == Some(i) {
                    role = ParagraphRole::Lede;
                    let s = block_text(i);
                    dateline = roles::dateline_len(s)
                        .filter(|&len| len < s.len())
                        .map(|len| {
                            Span::new(b.span.start as usize, b.span.start as usize + len).trim(text)
                        });
                }
                let first = doc.sentences.len();
                sentences::split(text, b.span, &mut doc.sentences);
                doc.paragraphs.push(Paragraph {
                    span: b.span,
                    role,
                    sentences: first..doc.sentences.len(),
                    dateline,
                });
            }
        }
    }
    close_section(text, &mut doc, open.take());
    doc
}

/// Ends the open section (heading, level, first paragraph index) at the last paragraph.
fn close_section(text: &str, doc: &mut Document, open: Option<(Option<Heading>, u8, usize)>) {
    let Some((heading, level, first)) = open else {
        return;
    };
    let paragraphs = first..doc.paragraphs.len();
    let start = heading
        .as_ref()
        .map(|h| h.line)
        .or_else(|| doc.paragraphs.get(first).map(|p| p.span));
    let Some(start) = start else {
        return;
    };
    let span = doc.paragraphs[paragraphs.clone()]
        .last()
        .map_or(start, |p| start.cover(p.span));
    let n_words = doc.paragraphs[paragraphs.clone()]
        .iter()
        .map(|p| body_words(text, p))
        .sum();
    doc.sections.push(Section {
        heading,
        level,
        span,
        paragraphs,
        n_words,
    });
}

/// `span` without `*` / `_` emphasis around it (if that leaves any text).
fn trim_emphasis(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let t = s.trim_start_matches(['*', '_']);
    let lead = s.len() - t.len();
    let t = t.trim_end_matches(['*', '_']);
    if t.trim().is_empty() {
        return span;
    }
    Span::new(
        span.start as usize + lead,
        span.start as usize + lead + t.len(),
    )
    .trim(text)
}

/// A short line that does not end like a sentence, or starts in lower case. A line ending
/// in a comma is a salutation ("Hi all,"), not a caption.
fn is_fragment(s: &str) -> bool {
    roles::word_count(s) <= 15
        && !s.ends_with(',')
        && (!ends_like_sentence(s) || s.chars().next().is_some_and(char::is_lowercase))
}

/// The level of block `i` if it is a heading by its shape and its neighbours.
fn heading_level(
    text: &str,
    blocks: &[lines::Block],
    shapes: &[Option<headings::Shape>],
    i: usize,
    body_seen: bool,
    meta_seen: bool,
) -> Option<u8> {
    use headings::Shape;
    let shape = shapes[i]?;
    // A heading heads something.
    let next = blocks.get(i + 1)?;
    if next.kind == BlockKind::Text
        && next
            .span
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    {
        return None;
    }
    let same_kind = |j: usize| match (shape, shapes.get(j).copied().flatten()) {
        (Shape::Numbered { depth: a, .. }, Some(Shape::Numbered { depth: b, .. })) => a == b,
        (Shape::Roman { .. }, Some(Shape::Roman { .. })) => true,
        (Shape::Caps | Shape::Plain { .. }, Some(Shape::Caps | Shape::Plain { .. })) => true,
        _ => false,
    };
    match shape {
        // Consecutive numbered lines of one depth are a list, not headings.
        Shape::Numbered { depth, .. } => {
            if same_kind(i + 1) || (i > 0 && same_kind(i - 1)) {
                return None;
            }
            Some((depth + 1).min(6))
        }
        Shape::Roman { .. } => {
            if same_kind(i + 1) || (i > 0 && same_kind(i - 1)) {
                return None;
            }
            Some(2)
        }
        Shape::Caps | Shape::Plain { .. } => {
            // Three short lines in a row are a list (or an address, or a poem).
            let mut run_start = i;
            while run_start > 0 && same_kind(run_start - 1) {
                run_start -= 1;
                if i - run_start >= 2 {
                    return None;
                }
            }
            let mut run_end = i;
            while same_kind(run_end + 1) {
                run_end += 1;
                if run_end - run_start >= 2 {
                    return None;
                }
            }
            // Before the lede, a bare line is a heading only if Title Case and not among the
            // metadata (title, date line, then a picture's caption: the Wikinews shape).
            if let Shape::Plain { title_case } = shape {
                if !body_seen && (!title_case || meta_seen) {
                    return None;
                }
            }
            Some(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_spans_hold_title_headings_and_sentences_in_order() {
        let text =
            "Big News Today\n\nIt rained. Then it stopped.\n\nThe Aftermath\n\nRoads flooded.\n";
        let doc = structure(text);
        let got: Vec<&str> = doc.text_spans().iter().map(|s| s.text(text)).collect();
        assert_eq!(
            got,
            [
                "Big News Today",
                "It rained.",
                "Then it stopped.",
                "The Aftermath",
                "Roads flooded."
            ]
        );
    }

    #[test]
    fn plain_first_line_is_the_title_above_markdown_subheadings() {
        let text = "Trip Notes\n\n## Day one\n\nWe walked to the lake.\n";
        let doc = structure(text);
        assert_eq!(doc.title.map(|t| t.span.text(text)), Some("Trip Notes"));
        let text = "# Trip\n\nNotes\n\n# Day one\n\nWe walked.\n";
        assert!(
            structure(text).title.is_none(),
            "two H1s: both are sections"
        );
    }

    #[test]
    fn count_words_counts_runs_of_letters_and_digits() {
        assert_eq!(count_words("Zoe\u{308} isn't here — 3.5 ' "), 5);
        assert_eq!(count_words("Healey’s £225 million"), 3);
        assert_eq!(count_words("... -- !!"), 0);
        assert_eq!(count_words("北京 and 東京"), 3);
    }
}
