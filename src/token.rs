//! Word tokens, the unit the entity tagger and the fact patterns read.
//!
//! Tokenisation follows the CoNLL/Penn conventions the tagger was trained on: possessive
//! "'s"/"’s" and n't split off, hyphenated words kept whole ("President-elect"), numbers keep
//! their inner separators ("1,000", "2.5"), dotted abbreviations keep their dots ("U.S.",
//! "Mr.", "J."), every other punctuation mark is a token of its own.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

/// Abbreviations that keep their full stop as part of the token (lower case, no dot).
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "lt", "col", "capt", "cpt", "sgt",
    "maj", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp", "cmdr", "brig", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "no", "nos", "inc", "corp", "ltd", "co", "plc", "bros",
    "vs", "etc", "al", "approx", "dept", "est", "fig", "mt", "ft", "ave", "blvd", "rd", "univ",
    "assn", "vol", "op", "pp", "ca",
];

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() || is_mark(c)
}

#[inline]
fn is_mark(c: char) -> bool {
    // Combining marks belong to the letter before them.
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokens of `text[span]`, in order, as byte spans into `text`. Linear time; never panics.
pub fn tokenize_span(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    tokenize_span_into(text, span, &mut out);
    out
}

/// `tokenize_span`, appending to `out`: the tagger tokenizes every sentence into one vector.
pub fn tokenize_span_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let base = span.start as usize;
    let s = span.text(text);
    // Most text is ASCII: then a byte is a character and nothing needs decoding up front.
    if s.is_ascii() {
        scan(&Ascii(s.as_bytes()), s, base, out);
    } else {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        scan(
            &Decoded {
                chars: &chars,
                len: s.len(),
            },
            s,
            base,
            out,
        );
    }
}

/// The characters of the text being tokenized, by index, with their byte offsets: the
/// tokenizer looks a few characters back and ahead.
trait Chars {
    fn n(&self) -> usize;
    /// The character at index `i < n`.
    fn ch(&self, i: usize) -> char;
    /// Byte offset of character `i`; the text's length for `i >= n`.
    fn pos(&self, i: usize) -> usize;
}

struct Ascii<'a>(&'a [u8]);

impl Chars for Ascii<'_> {
    #[inline]
    fn n(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn ch(&self, i: usize) -> char {
        self.0[i] as char
    }
    #[inline]
    fn pos(&self, i: usize) -> usize {
        i.min(self.0.len())
    }
}

struct Decoded<'a> {
    chars: &'a [(usize, char)],
    len: usize,
}

impl Chars for Decoded<'_> {
    #[inline]
    fn n(&self) -> usize {
        self.chars.len()
    }
    #[inline]
    fn ch(&self, i: usize) -> char {
        self.chars[i].1
    }
    #[inline]
    fn pos(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.len, |c| c.0)
    }
}

fn scan<C: Chars>(chars: &C, s: &str, base: usize, out: &mut Vec<Token>) {
    let n = chars.n();
    let at = |i: usize| if i < n { Some(chars.ch(i)) } else { None };
    let pos = |i: usize| chars.pos(i);
    let first = out.len();
    let mut i = 0;
    while i < n {
        let c = chars.ch(i);
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        let start = i;
        if is_word_char(c) {
            let mut j = i + 1;
            loop {
                match at(j) {
                    Some(d) if is_word_char(d) => j += 1,
                    // Inner hyphen or ampersand between word characters: "President-elect", "AT&T".
                    Some('-' | '&' | '‑') if at(j + 1).is_some_and(is_word_char) => j += 2,
                    // Inner separators in numbers: "1,000", "2.5".
                    Some(',' | '.')
                        if chars.ch(j - 1).is_ascii_digit()
                            && at(j + 1).is_some_and(|d| d.is_ascii_digit()) =>
                    {
                        j += 2
                    }
                    // Dotted abbreviations: "U.S.", "e.g." — a single letter, a dot, a letter.
                    Some('.') if j - start == 1 || (j >= 2 && chars.ch(j - 2) == '.') => {
                        if at(j + 1).is_some_and(char::is_alphabetic) && at(j + 2) == Some('.') {
                            j += 2;
                        } else {
                            break;
                        }
                    }
                    // Apostrophes inside a word that are not a possessive or n't: "O'Brien", "let's" stays split below.
                    Some(a)
                        if is_apostrophe(a)
                            && at(j + 1).is_some_and(char::is_alphabetic)
                            && !is_clitic(chars, j + 1) =>
                    {
                        j += 2
                    }
                    _ => break,
                }
            }
            // "don't" -> "do" "n't"
            if j - start > 3
                && chars.ch(j - 1).eq_ignore_ascii_case(&'t')
                && is_apostrophe(chars.ch(j - 2))
                && chars.ch(j - 3).eq_ignore_ascii_case(&'n')
            {
                out.push(tok(base, pos(start), pos(j - 3)));
                out.push(tok(base, pos(j - 3), pos(j)));
                i = j;
                continue;
            }
            // A trailing full stop joins abbreviations and single letters ("J.", "Mr.", "U.S.").
            if at(j) == Some('.') {
                let word = &s[pos(start)..pos(j)];
                let single = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                let dotted = word.contains('.');
                if single || dotted || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                    j += 1;
                }
            }
            out.push(tok(base, pos(start), pos(j)));
            i = j;
        } else if is_apostrophe(c) && is_clitic(chars, i + 1) && out.len() > first {
            // Clitic: "'s", "'re", "'ll", "'ve", "'d", "'m".
            let mut j = i + 1;
            while at(j).is_some_and(char::is_alphabetic) {
                j += 1;
            }
            out.push(tok(base, pos(start), pos(j)));
            i = j;
        } else {
            // "..." stays one token; any other mark is one token.
            let mut j = i + 1;
            if c == '.' {
                while at(j) == Some('.') {
                    j += 1;
                }
            }
            out.push(tok(base, pos(start), pos(j)));
            i = j;
        }
    }
}

/// Whether the letters starting at char index `i` form an English clitic ending a word.
fn is_clitic<C: Chars>(chars: &C, i: usize) -> bool {
    // Up to three letters, lower case. A non-ASCII letter among them makes no clitic.
    let mut w = [0u8; 3];
    let mut k = 0;
    let mut j = i;
    while j < chars.n() && k < 3 {
        let c = chars.ch(j);
        if !c.is_alphabetic() {
            break;
        }
        if !c.is_ascii() {
            return false;
        }
        w[k] = c.to_ascii_lowercase() as u8;
        k += 1;
        j += 1;
    }
    let ends = j >= chars.n() || !chars.ch(j).is_alphanumeric();
    ends && matches!(&w[..k], b"s" | b"re" | b"ll" | b"ve" | b"d" | b"m")
}

fn tok(base: usize, start: usize, end: usize) -> Token {
    Token {
        span: Span::new(base + start, base + end),
    }
}

/// Tokens of the whole text.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_span(text, Span::new(0, text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.span.text(s)).collect()
    }

    #[test]
    fn splits_like_conll() {
        assert_eq!(
            words("Defence Secretary John Healey’s visit to Kyiv, £225 million."),
            [
                "Defence",
                "Secretary",
                "John",
                "Healey",
                "’s",
                "visit",
                "to",
                "Kyiv",
                ",",
                "£",
                "225",
                "million",
                "."
            ]
        );
        assert_eq!(
            words("The U.S. and Mr. J. Smith don't."),
            ["The", "U.S.", "and", "Mr.", "J.", "Smith", "do", "n't", "."]
        );
        assert_eq!(
            words("President-elect O'Brien: 1,000 (2.5%)..."),
            [
                "President-elect",
                "O'Brien",
                ":",
                "1,000",
                "(",
                "2.5",
                "%",
                ")",
                "..."
            ]
        );
    }

    #[test]
    fn a_sentence_final_word_keeps_its_stop_apart() {
        assert_eq!(words("It ended."), ["It", "ended", "."]);
        assert_eq!(words("let’s say"), ["let", "’s", "say"]);
    }

    #[test]
    fn odd_text_never_panics_and_spans_are_ordered() {
        for s in [
            "",
            "’",
            "'s",
            "a.",
            "..",
            "e\u{301}t\u{e9}",
            "١٢٣ مرحبا",
            "👩‍👩‍👧 x",
            "\0\u{1}",
        ] {
            let toks = tokenize(s);
            for w in toks.windows(2) {
                assert!(w[0].span.end <= w[1].span.start);
            }
            for t in &toks {
                assert!(s.get(t.span.range()).is_some());
            }
        }
    }
}
