//! First pass of `structure`: lines and blocks. Splits the text into lines, recognises the
//! Markdown line shapes (ATX headings, setext underlines, rules, fences, list items) and
//! groups lines into blocks, each of which becomes a title, a heading or a paragraph.
//!
//! The one hard question here is which line breaks end a paragraph. Blank lines always do.
//! Inside a run of non-blank lines it depends on the text's shape: in one-line-per-paragraph
//! copy (news sites) every break does; in hard-wrapped text (email, 72 columns) a break only
//! ends a paragraph when the line stopped early, i.e. the next word would have fitted.

use super::headings::shape;
use super::roles::dateline_len;
use crate::span::Span;

/// Lines longer than this (in chars) are never the product of hard wrapping.
const MAX_WRAP_WIDTH: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    Blank,
    Text,
    /// `# Heading` with its level; `Line::span` is the heading's words.
    Atx(u8),
    /// A run of `=` (level 1) or `-` (level 2) that underlines the line above.
    Underline(u8),
    /// `***`, `___`, `* * *`, `---` after a blank line: no text, only a break.
    Rule,
    /// A code fence, ``` or ~~~.
    Fence,
    /// `- item`, `* item`, `1. item`, `1) item`.
    ListItem,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    /// The line's content without surrounding whitespace and line break (for `Atx`, the
    /// heading's words without the `#`s).
    pub span: Span,
    /// The whole line without its line break, markup and indentation included.
    pub full: Span,
    pub kind: LineKind,
    pub n_chars: u32,
    /// Leading whitespace in columns (a tab counts 4).
    pub indent: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Ordinary text: one or more lines forming one paragraph (or a heading, decided later).
    Text,
    /// A Markdown ATX heading.
    Atx(u8),
    /// A Markdown setext heading: the text line and its underline.
    Setext(u8),
    /// A fenced code block, fences included.
    Code,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// Content span: from the first line's content to the last line's content.
    pub span: Span,
    /// For headings: the whole line(s), markup included.
    pub line: Span,
    /// Lines in the block (an underline counts).
    pub n_lines: u32,
}

/// Splits `text` into lines. `\n`, `\r\n` and a lone `\r` all end a line.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut start = 0;
    let mut in_fence = false;
    while start <= bytes.len() {
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        let next = if end < bytes.len() && bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n')
        {
            end + 2
        } else {
            end + 1
        };
        let line = classify(text, start, end, &mut in_fence);
        out.push(line);
        if end >= bytes.len() {
            break;
        }
        start = next;
    }
    out
}

fn classify(text: &str, start: usize, end: usize, in_fence: &mut bool) -> Line {
    let full = Span::new(start, end);
    let span = full.trim(text);
    let s = span.text(text);
    let raw = full.text(text);
    let mut indent = 0;
    for b in raw.bytes() {
        match b {
            b' ' => indent += 1,
            b'\t' => indent += 4,
            _ => break,
        }
    }
    let n_chars = count_chars(s) as u32;
    let mut line = Line {
        span,
        full,
        kind: LineKind::Text,
        n_chars,
        indent,
    };
    if s.starts_with("```") || s.starts_with("~~~") {
        *in_fence = !*in_fence;
        line.kind = LineKind::Fence;
        return line;
    }
    if *in_fence {
        line.kind = if s.is_empty() {
            LineKind::Blank
        } else {
            LineKind::Text
        };
        return line;
    }
    if s.is_empty() {
        line.kind = LineKind::Blank;
        return line;
    }
    let b = s.as_bytes();
    // A line of one repeated mark: setext underline or thematic break.
    if let Some(&c) = b.first() {
        if matches!(c, b'=' | b'-' | b'*' | b'_')
            && b.iter().all(|&x| x == c || x == b' ' || x == b'\t')
        {
            let n_marks = b.iter().filter(|&&x| x == c).count();
            let spaced = b.contains(&b' ') || b.contains(&b'\t');
            if c == b'=' && !spaced && n_marks >= 2 {
                line.kind = LineKind::Underline(1);
                return line;
            }
            if c == b'-' && !spaced && n_marks >= 3 {
                line.kind = LineKind::Underline(2);
                return line;
            }
            if n_marks >= 3 {
                line.kind = LineKind::Rule;
                return line;
            }
        }
    }
    if indent < 4 {
        if let Some((level, words)) = atx(s) {
            let lead = words.as_ptr() as usize - s.as_ptr() as usize;
            line.span = Span::new(
                span.start as usize + lead,
                span.start as usize + lead + words.len(),
            );
            line.kind = LineKind::Atx(level);
            return line;
        }
    }
    if is_list_item(s) {
        line.kind = LineKind::ListItem;
    }
    line
}

/// `## Words ##` -> (2, "Words"). At most six `#`, then a space (or nothing).
fn atx(s: &str) -> Option<(u8, &str)> {
    let n_hashes = s.bytes().take_while(|&b| b == b'#').count();
    if n_hashes == 0 || n_hashes > 6 {
        return None;
    }
    let rest = &s[n_hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let words = rest.trim().trim_end_matches('#').trim_end();
    if words.is_empty() {
        return None;
    }
    Some((n_hashes as u8, words))
}

/// Bullets and numbered list items. "1. Background" is one too; whether it is a heading is
/// decided later, from what follows it.
pub(crate) fn is_list_item(s: &str) -> bool {
    let b = s.as_bytes();
    match b {
        [b'-' | b'*' | b'+', b' ' | b'\t', ..] => true,
        _ if s.starts_with("• ") || s.starts_with("– ") || s.starts_with("— ") => true,
        _ => {
            let n_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            (1..=3).contains(&n_digits)
                && matches!(b.get(n_digits), Some(b'.' | b')'))
                && matches!(b.get(n_digits + 1), Some(b' ' | b'\t'))
        }
    }
}

pub(crate) fn count_chars(s: &str) -> usize {
    s.bytes().filter(|&b| b & 0xC0 != 0x80).count()
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '’', '”', ')', ']', '»', '*', '_']);
    t.ends_with(['.', '!', '?', '…', ':'])
}

fn first_word_chars(s: &str) -> usize {
    count_chars(s.split(char::is_whitespace).next().unwrap_or(""))
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// The wrap width of hard-wrapped text, or `None` when the text is not hard-wrapped.
///
/// Looks only at lines followed by another non-blank line (where a wrap could be): the text
/// is wrapped when most of them are short enough to be wrapped lines and most of those are
/// near the widest. The width is a high percentile rather than the maximum so that one odd
/// long line (a URL) does not make every ordinary line look like it stopped early.
pub(crate) fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut lens: Vec<u32> = Vec::new();
    let mut n_long = 0;
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.kind != LineKind::Text || !matches!(b.kind, LineKind::Text | LineKind::ListItem) {
            continue;
        }
        if a.n_chars as usize > MAX_WRAP_WIDTH {
            n_long += 1;
        } else {
            lens.push(a.n_chars);
        }
    }
    if lens.len() < 2 || lens.len() < 2 * n_long {
        return None;
    }
    lens.sort_unstable();
    let width = lens[(lens.len() * 9 / 10).min(lens.len() - 1)] as usize;
    let n_near = lens
        .iter()
        .filter(|&&n| n as usize * 4 >= width * 3)
        .count();
    (width >= 30 && n_near * 2 >= lens.len()).then_some(width)
}

/// Whether the break between non-blank lines `a` and `b` (same block) is a soft wrap.
/// `b_glued`: a non-blank line follows `b` (a heading is glued to the text it heads; a
/// short last line before a blank line is the end of its paragraph).
fn joins(
    text: &str,
    a: &Line,
    b: &Line,
    width: Option<usize>,
    in_list: bool,
    b_glued: bool,
) -> bool {
    if b.kind == LineKind::ListItem {
        return false;
    }
    let (sa, sb) = (a.span.text(text), b.span.text(text));
    if b.indent > a.indent {
        // Indented first line of a new paragraph, unless it continues a list item.
        return in_list;
    }
    if in_list && b.indent > 0 {
        return true;
    }
    let Some(width) = width else {
        return false;
    };
    let n = a.n_chars as usize;
    if n > MAX_WRAP_WIDTH {
        return false;
    }
    // "LONDON (Reuters) -" opens a paragraph, or stands alone.
    if dateline_len(sb).is_some() || dateline_len(sa).is_some_and(|len| len >= sa.len()) {
        return false;
    }
    let stopped = ends_sentence(sa);
    let short = |line: &Line| (line.n_chars as usize) * 10 < width * 8;
    // A short title-like line after a finished sentence stands alone (a heading), however
    // full the line before it is.
    if stopped && b_glued && short(b) && !ends_sentence(sb) && shape(sb).is_some() {
        return false;
    }
    if n + 1 + first_word_chars(sb) > width {
        return true;
    }
    // The next word would have fitted: the line stopped early on purpose, unless it stopped
    // mid-sentence (ragged wrapping) and is not itself a title-like line.
    !stopped && (starts_lowercase(sb) || (!short(a) && shape(sa).is_none()))
}

/// Groups lines into blocks.
pub(crate) fn blocks(text: &str, lines: &[Line]) -> Vec<Block> {
    let width = wrap_width(lines);
    let mut out: Vec<Block> = Vec::with_capacity(lines.len() / 2 + 1);
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        match line.kind {
            LineKind::Blank | LineKind::Rule => {
                i += 1;
                continue;
            }
            LineKind::Underline(_) => {
                // An underline with nothing to underline: a rule.
                i += 1;
                continue;
            }
            LineKind::Atx(level) => {
                out.push(Block {
                    kind: BlockKind::Atx(level),
                    span: line.span,
                    line: line.full.trim(text),
                    n_lines: 1,
                });
                i += 1;
                continue;
            }
            LineKind::Fence => {
                let mut j = i + 1;
                while j < lines.len() && lines[j].kind != LineKind::Fence {
                    j += 1;
                }
                let last = j.min(lines.len() - 1);
                out.push(Block {
                    kind: BlockKind::Code,
                    span: line.span.cover(lines[last].span),
                    line: line.span.cover(lines[last].span),
                    n_lines: (last - i + 1) as u32,
                });
                i = last + 1;
                continue;
            }
            LineKind::Text | LineKind::ListItem => {}
        }
        // Setext heading: one text line directly above an underline.
        if let Some(LineKind::Underline(level)) = lines.get(i + 1).map(|l| l.kind) {
            if line.kind == LineKind::Text && (line.n_chars as usize) <= 120 {
                out.push(Block {
                    kind: BlockKind::Setext(level),
                    span: line.span,
                    line: line.span.cover(lines[i + 1].span),
                    n_lines: 2,
                });
                i += 2;
                continue;
            }
        }
        let in_list = line.kind == LineKind::ListItem;
        let mut j = i;
        while let Some(next) = lines.get(j + 1) {
            if !matches!(next.kind, LineKind::Text | LineKind::ListItem) {
                break;
            }
            // The next line may be the text of a setext heading.
            let after = lines.get(j + 2).map(|l| l.kind);
            if matches!(after, Some(LineKind::Underline(_))) && next.kind == LineKind::Text {
                break;
            }
            let next_glued = matches!(after, Some(LineKind::Text | LineKind::ListItem));
            if !joins(text, &lines[j], next, width, in_list, next_glued) {
                break;
            }
            j += 1;
        }
        out.push(Block {
            kind: BlockKind::Text,
            span: line.span.cover(lines[j].span),
            line: line.span.cover(lines[j].span),
            n_lines: (j - i + 1) as u32,
        });
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let ls = lines(text);
        blocks(text, &ls)
            .iter()
            .map(|b| b.span.text(text).replace('\n', "/"))
            .collect()
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let t = "a\r\nb\rc\n";
        let ls = lines(t);
        let got: Vec<&str> = ls.iter().map(|l| l.span.text(t)).collect();
        assert_eq!(got, ["a", "b", "c", ""]);
    }

    #[test]
    fn hard_wrapped_paragraph_is_one_block() {
        let t = "The committee met on Tuesday to discuss the proposal for a new bridge\n\
                 across the river, which has been debated for more than ten years by\n\
                 residents and councillors alike.\n\
                 \n\
                 Nobody expected a decision before the summer, and none was taken at\n\
                 the meeting, which ended shortly before nine in the evening.\n";
        let got = texts(t);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].ends_with("alike."));
    }

    #[test]
    fn one_line_per_paragraph_splits_every_line() {
        let long = "This is a long line of text that goes on well past any wrap width anyone would use for email, so it is a paragraph.";
        let t = format!("{long}\nShort heading\n{long}\n{long}\n");
        assert_eq!(texts(&t).len(), 4);
    }

    #[test]
    fn wrapped_text_without_blank_lines_breaks_where_a_line_stops_early() {
        let t = "The committee met on Tuesday to discuss the proposal for a new bridge\n\
                 across the river, which has been debated for years.\n\
                 Nobody expected a decision before the summer, and none was taken at\n\
                 the meeting, which ended shortly before nine in the evening.\n";
        assert_eq!(texts(t).len(), 2);
    }

    #[test]
    fn markdown_shapes() {
        let t = "Title\n=====\n\n## Part one ##\nText under it.\n\n- one\n- two\n  continued\n\n***\n\n```\n# not a heading\n```\n";
        let ls = lines(t);
        let bs = blocks(t, &ls);
        let kinds: Vec<BlockKind> = bs.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Setext(1),
                BlockKind::Atx(2),
                BlockKind::Text,
                BlockKind::Text,
                BlockKind::Text,
                BlockKind::Code
            ]
        );
        assert_eq!(bs[1].span.text(t), "Part one");
        assert_eq!(bs[4].span.text(t), "- two\n  continued");
    }

    #[test]
    fn setext_text_line_leaves_the_paragraph_above() {
        let t = "Some text here that ends.\nHeading\n-------\nMore text.\n";
        assert_eq!(
            texts(t),
            ["Some text here that ends.", "Heading", "More text."]
        );
    }

    #[test]
    fn heading_in_wrapped_text_without_blank_lines_stands_alone() {
        let t = "The committee met on Tuesday to discuss the proposal for a new bridge\n\
                 across the river, which has been debated for years by everyone here.\n\
                 What Happens Next\n\
                 Nobody expected a decision before the summer, and none was taken at\n\
                 the meeting, which ended shortly before nine o'clock that evening.\n\
                 John Smith, Chairman\n";
        let got = texts(t);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1], "What Happens Next");
        // A short last line before the end stays in its paragraph.
        assert!(got[2].ends_with("John Smith, Chairman"));
    }

    #[test]
    fn hash_without_space_is_not_a_heading() {
        let t = "#hashtag trending\n";
        assert_eq!(lines(t)[0].kind, LineKind::Text);
    }
}
