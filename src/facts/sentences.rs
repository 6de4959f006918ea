//! A conservative second look at sentence boundaries inside the `Document`'s sentences.
//!
//! Facts quote their evidence sentence, so a "sentence" that is really a whole paragraph
//! makes poor evidence. This splits only at the clearest boundaries (a stop, optional closing
//! quotes or brackets, a space, then a capital or an opening quote) and never after an
//! abbreviation or an initial; on well-split input it changes nothing.

use crate::span::Span;
use crate::token::ABBREVIATIONS;

/// The sentences inside `span`, trimmed, in order. Linear in the span length.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let s = span.text(text);
    let base = span.start as usize;
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && !is_abbreviation_before(s, i) {
            // Closing quotes and brackets belong to the sentence they close.
            let mut end = i + 1;
            while let Some(c) = s.get(end..).and_then(|r| r.chars().next()) {
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = s.get(end..).unwrap_or("");
            let after_space = rest.trim_start();
            let has_space = after_space.len() < rest.len();
            let next = after_space.chars().next();
            if has_space && next.is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '‘'))
            {
                push(&mut out, text, base + start, base + end);
                start = end;
                i = end;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(&mut out, text, base + start, base + bytes.len());
    out
}

fn push(out: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let span = Span::new(start, end).trim(text);
    if !span.is_empty() {
        out.push(span);
    }
}

/// Whether the stop at byte `i` of `s` ends an abbreviation or initial ("Mr.", "J.", "U.S.").
fn is_abbreviation_before(s: &str, i: usize) -> bool {
    if s.as_bytes().get(i) != Some(&b'.') {
        return false;
    }
    let before = s.get(..i).unwrap_or("");
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_letter
        || word.contains('.')
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Vec<&str> {
        split(s, Span::new(0, s.len()))
            .into_iter()
            .map(|p| p.text(s))
            .collect()
    }

    #[test]
    fn splits_at_clear_boundaries() {
        assert_eq!(
            parts("He left. “It is over,” she said. Then? Yes!"),
            ["He left.", "“It is over,” she said.", "Then?", "Yes!"]
        );
        assert_eq!(
            parts("“We will win.” He smiled."),
            ["“We will win.”", "He smiled."]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        assert_eq!(
            parts("Mr. Smith met J. R. Jones in the U.S. Capitol. It cost £2.5bn."),
            [
                "Mr. Smith met J. R. Jones in the U.S. Capitol.",
                "It cost £2.5bn."
            ]
        );
        assert_eq!(parts("no stop here"), ["no stop here"]);
        assert_eq!(parts("it ended. then more"), ["it ended. then more"]);
        assert!(parts("").is_empty());
        assert_eq!(parts("é. É"), ["é.", "É"]);
    }
}
