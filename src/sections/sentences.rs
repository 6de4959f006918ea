//! Sentence boundaries inside one paragraph, for news English.
//!
//! A boundary is a run of `.`, `?`, `!` or `…`, then any closing quotes and brackets, then
//! whitespace, then something that can start a sentence. What needs care is the full stop that
//! does not end a sentence: titles ("Mr. Smith", "Lt. Col. Jones"), initials ("J. R. R.
//! Tolkien"), dotted abbreviations ("the U.S. Senate"), "No. 10", "Jan. 5", "e.g.". Those
//! end a sentence only when the next word is one that typically opens a sentence ("... in
//! the U.S. He said" splits; "the U.S. Senate" does not).
//!
//! One pass over the bytes; the look-back at the word before a stop is capped, so the whole
//! split is linear in the paragraph's length.

use crate::span::Span;

/// Titles before names: a full stop after them never ends a sentence.
fn is_title(w: &str) -> bool {
    matches!(
        w,
        "drs"
            | "mr"
            | "mrs"
            | "ms"
            | "messrs"
            | "mme"
            | "mlle"
            | "dr"
            | "prof"
            | "st"
            | "gen"
            | "lt"
            | "col"
            | "capt"
            | "cpt"
            | "sgt"
            | "cpl"
            | "pvt"
            | "maj"
            | "adm"
            | "cmdr"
            | "brig"
            | "gov"
            | "sen"
            | "rep"
            | "rev"
            | "hon"
            | "pres"
            | "supt"
            | "insp"
            | "det"
            | "fr"
            | "sr"
            | "jr"
            | "mt"
            | "ft"
            | "pt"
            | "atty"
            | "gens"
    )
}

/// Abbreviations that stand before a number: "No. 10", "Art. 5", "pp. 12-14", "Jan. 5".
fn is_before_number(w: &str) -> bool {
    matches!(
        w,
        "ext"
            | "b"
            | "d"
            | "c"
            | "no"
            | "nos"
            | "art"
            | "arts"
            | "vol"
            | "vols"
            | "fig"
            | "figs"
            | "p"
            | "pp"
            | "ch"
            | "chap"
            | "sec"
            | "para"
            | "op"
            | "ex"
            | "tel"
            | "ca"
            | "approx"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "est"
            | "vs"
            | "v"
            | "ed"
            | "eds"
            | "rev"
            | "ver"
            | "nr"
    )
}

/// Lower-case abbreviations that never end a sentence in news text.
fn is_never_final(w: &str) -> bool {
    // "v"/"vs": case names and fixtures ("Roe v. Wade", "Spain vs. Italy").
    matches!(w, "e.g" | "i.e" | "cf" | "viz" | "eg" | "ie" | "v" | "vs")
}

/// Other abbreviations: the stop ends a sentence only before a sentence opener.
fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "ala"
            | "ariz"
            | "ark"
            | "calif"
            | "colo"
            | "conn"
            | "fla"
            | "ill"
            | "kan"
            | "mass"
            | "mich"
            | "minn"
            | "neb"
            | "nev"
            | "okla"
            | "ore"
            | "tenn"
            | "tex"
            | "wash"
            | "wis"
            | "wyo"
            | "inc"
            | "corp"
            | "ltd"
            | "co"
            | "plc"
            | "bros"
            | "llc"
            | "llp"
            | "etc"
            | "vs"
            | "approx"
            | "dept"
            | "est"
            | "fig"
            | "ave"
            | "blvd"
            | "rd"
            | "univ"
            | "assn"
            | "al"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "no"
            | "nos"
            | "vol"
            | "ca"
            | "gov"
            | "govt"
            | "intl"
            | "natl"
            | "min"
            | "max"
            | "mins"
            | "hrs"
            | "yr"
            | "yrs"
            | "sq"
            | "km"
            | "cm"
            | "mm"
            | "kg"
            | "lb"
            | "lbs"
            | "oz"
            | "pp"
            | "p"
            | "ed"
    )
}

/// Words that typically open a sentence. After an ambiguous stop ("U.S.", "Inc.", an
/// initial), one of these means the stop ended the sentence.
fn is_opener(w: &str) -> bool {
    matches!(
        w,
        "does"
            | "do"
            | "did"
            | "is"
            | "are"
            | "was"
            | "were"
            | "can"
            | "could"
            | "would"
            | "will"
            | "should"
            | "has"
            | "have"
            | "please"
            | "thanks"
            | "thank"
            | "well"
            | "the"
            | "a"
            | "an"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "but"
            | "and"
            | "or"
            | "so"
            | "yet"
            | "in"
            | "on"
            | "at"
            | "for"
            | "as"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "however"
            | "although"
            | "though"
            | "because"
            | "since"
            | "meanwhile"
            | "also"
            | "then"
            | "now"
            | "what"
            | "why"
            | "how"
            | "who"
            | "where"
            | "which"
            | "one"
            | "some"
            | "many"
            | "most"
            | "all"
            | "no"
            | "not"
            | "both"
            | "each"
            | "every"
            | "another"
            | "other"
            | "such"
            | "several"
            | "few"
            | "last"
            | "earlier"
            | "later"
            | "despite"
            | "according"
            | "during"
            | "officials"
            | "police"
            | "more"
            | "still"
            | "even"
            | "just"
            | "only"
            | "instead"
            | "overall"
            | "under"
            | "with"
            | "without"
            | "from"
            | "to"
            | "by"
            | "until"
            | "once"
            | "yes"
            | "here"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "critics"
            | "experts"
            | "analysts"
            | "residents"
            | "authorities"
            | "asked"
            | "following"
            | "next"
            | "first"
            | "second"
            | "third"
            | "finally"
            | "indeed"
            | "nor"
            | "neither"
            | "either"
            | "nevertheless"
            | "nonetheless"
            | "moreover"
            | "furthermore"
            | "thus"
            | "therefore"
            | "hence"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
    )
}

/// Byte length of the whitespace char at `i`, or 0. Covers ASCII space, tab, line breaks, NBSP
/// and the Unicode spaces U+2000..U+200A, U+202F, U+3000.
fn ws_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0x80..=0x8A | 0xAF) => 3,
            _ => 0,
        },
        Some(0xE3) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        _ => 0,
    }
}

/// Byte length of a terminator at `i` (`.`, `?`, `!`, `…`, fullwidth `。？！`), or 0.
fn term_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'.' | b'?' | b'!') => 1,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) => 3,
        Some(0xE3) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82) => 3,
        Some(0xEF) if b.get(i + 1) == Some(&0xBC) && matches!(b.get(i + 2), Some(0x81 | 0x9F)) => 3,
        _ => 0,
    }
}

/// Byte length of a closing quote or bracket at `i`, or 0.
fn closer_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"' | b'\'' | b')' | b']' | b'}' | b'*' | b'_') => 1,
        Some(0xE2)
            if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x99 | 0x9D | 0xBA)) =>
        {
            3
        }
        Some(0xC2) if b.get(i + 1) == Some(&0xBB) => 2,
        _ => 0,
    }
}

/// Byte length of an opening quote or bracket at `i`, or 0.
fn opener_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"' | b'\'' | b'(' | b'[' | b'*' | b'_') => 1,
        Some(0xE2)
            if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x98 | 0x9C | 0xB9)) =>
        {
            3
        }
        Some(0xC2) if b.get(i + 1) == Some(&0xAB) => 2,
        _ => 0,
    }
}

/// Appends the sentences of `text[span]` (one paragraph) to `out`. Linear; never panics.
pub(crate) fn split(text: &str, span: Span, out: &mut Vec<Span>) {
    let s = span.text(text);
    let base = span.start as usize;
    let b = s.as_bytes();
    let n = b.len();
    let mut start = skip_ws(b, 0);
    let mut i = start;
    while i < n {
        let t = term_len(b, i);
        if t == 0 {
            i += 1;
            continue;
        }
        let stop = i;
        let mut j = i + t;
        loop {
            let t = term_len(b, j);
            if t == 0 {
                break;
            }
            j += t;
        }
        let after_terms = j;
        loop {
            let c = closer_len(b, j);
            if c == 0 {
                // More terminators after a quote: `"Really?"!`
                let t = term_len(b, j);
                if t == 0 || j == after_terms {
                    break;
                }
                j += t;
            } else {
                j += c;
            }
        }
        let end = j;
        if end >= n {
            break;
        }
        if ws_len(b, end) == 0 {
            i = end.max(i + 1);
            continue;
        }
        let next = skip_ws(b, end);
        if next >= n {
            break;
        }
        if is_boundary(s, start, stop, after_terms, end, next) {
            out.push(Span::new(base + start, base + end));
            start = next;
        }
        i = next;
    }
    let rest = s.get(start..).unwrap_or("").trim_end();
    if !rest.is_empty() {
        out.push(Span::new(base + start, base + start + rest.len()));
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    loop {
        let w = ws_len(b, i);
        if w == 0 {
            return i;
        }
        i += w;
    }
}

/// Is the stop at `s[stop..after_terms]` (closers up to `end`, next text at `next`) the end of
/// the sentence that began at `start`?
fn is_boundary(
    s: &str,
    start: usize,
    stop: usize,
    after_terms: usize,
    end: usize,
    next: usize,
) -> bool {
    let b = s.as_bytes();
    // What follows: skip opening quotes and brackets to the first letter or digit.
    let mut k = next;
    loop {
        let o = opener_len(b, k);
        if o == 0 || k - next > 8 {
            break;
        }
        k += o;
    }
    let next_char = s.get(k..).and_then(|r| r.chars().next()).unwrap_or(' ');
    if next_char.is_lowercase() {
        // Informal text starts sentences in lower case. After a bare "?" or "!" that follows a
        // lower-case word ("huh? yuck", not "Yahoo! said" or "\"Why?\" he asked"), or before
        // a lone "i", the sentence is still over.
        let bare_mark = end == after_terms && matches!(b[stop], b'?' | b'!');
        let word = word_before(s, start, stop);
        let lower_word = word.chars().next().is_some_and(char::is_lowercase);
        let lone_i = s
            .get(k..)
            .is_some_and(|r| r.starts_with("i ") || r.starts_with("i'"));
        return (bare_mark && lower_word && k == next) || (lone_i && word.len() > 1);
    }
    // A sentence opens with a letter, a digit or a sign like "£"; ")", "," or ":(" after a
    // stop still belong to the sentence before.
    // A sentence opens with a letter, a digit, a sign like "£" or a dash ("-- Reuters
    // newsroom" sign-offs); ")", "," or ":(" after a stop still belong to the sentence before.
    if !(next_char.is_alphanumeric()
        || matches!(
            next_char,
            '£' | '$' | '€' | '¥' | '¿' | '¡' | '#' | '@' | '-' | '—' | '–'
        ))
    {
        return false;
    }
    // "at 7 a.m. (0400 GMT)", "Inc. (713) 235-1972": a bracketed number is an aside.
    if k > next && b[next] == b'(' && next_char.is_ascii_digit() {
        return false;
    }
    let single_stop = after_terms == stop + 1 && b[stop] == b'.';
    if !single_stop {
        // "?", "!", "...": the sentence is over, unless an ellipsis runs into a number.
        return !(b[stop] == b'.' && after_terms - stop >= 2 && next_char.is_ascii_digit());
    }
    let bracketed = end > after_terms && b[after_terms] == b')';
    if end > after_terms && !bracketed {
        // A stop inside closing quotes: the quoted sentence and the sentence are over.
        return true;
    }
    let word = word_before(s, start, stop);
    if word.is_empty() {
        return true;
    }
    // An enumerator opening the paragraph or sentence: "1. ", "a. ", "II. " (not "FYI.").
    if word.len() == stop - start && is_enumerator(word) {
        return false;
    }
    let mut lower_buf = [0u8; 16];
    let lower = lower_ascii(word, &mut lower_buf);
    if is_title(lower) || is_never_final(lower) {
        return false;
    }
    if next_char.is_ascii_digit() && !bracketed && is_before_number(lower) {
        return false;
    }
    // Ambiguous stops: the next word decides ("the U.S. Senate" / "the U.S. He said"); a
    // number is not a sentence opener ("the U.S. 30-year bond", "Washington, D.C. 20006").
    let is_initial = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
    if is_initial || is_dotted(word) || is_abbreviation(lower) {
        return next_word_opens_sentence(s, k);
    }
    true
}

/// "1", "12", "a", "B", "iv", "XII": what numbers a list item.
fn is_enumerator(word: &str) -> bool {
    let b = word.as_bytes();
    match b.len() {
        1 => b[0].is_ascii_alphanumeric(),
        2 | 3 => {
            b.iter().all(u8::is_ascii_digit)
                || b.iter().all(|c| matches!(c, b'I' | b'V' | b'X'))
                || b.iter().all(|c| matches!(c, b'i' | b'v' | b'x'))
        }
        _ => false,
    }
}

/// "U.S", "e.g", "Ph.D", "a.m": letters in short runs between dots; not "62.75" or
/// "example.com".
fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word.bytes().any(|c| c.is_ascii_alphabetic())
        && word.split('.').all(|part| part.len() <= 3)
}

/// The word right before the stop at `stop`, without opening punctuation; "" when the stop
/// follows whitespace or the look-back (capped at 24 bytes) finds no start.
fn word_before(s: &str, start: usize, stop: usize) -> &str {
    let b = s.as_bytes();
    let lo = stop.saturating_sub(24).max(start);
    let mut i = stop;
    while i > lo && !b[i - 1].is_ascii_whitespace() && b[i - 1] != b'(' && b[i - 1] != b'"' {
        i -= 1;
    }
    if i == lo && lo > start && !b[lo - 1].is_ascii_whitespace() {
        // A token longer than the cap: an ordinary (long) word, not an abbreviation.
        return "longword";
    }
    let w = s.get(i..stop).unwrap_or("");
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
}

fn lower_ascii<'a>(word: &str, buf: &'a mut [u8; 16]) -> &'a str {
    if word.len() > buf.len() {
        return "";
    }
    let n = word.len();
    buf[..n].copy_from_slice(word.as_bytes());
    buf[..n].make_ascii_lowercase();
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

fn next_word_opens_sentence(s: &str, k: usize) -> bool {
    let rest = s.get(k..).unwrap_or("");
    let word_end = rest
        .find(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let word = word.split(['\'', '’']).next().unwrap_or("");
    let mut buf = [0u8; 16];
    is_opener(lower_ascii(word, &mut buf))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(t: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(t, Span::new(0, t.len()), &mut out);
        out.iter().map(|s| s.text(t)).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            sentences("It rained. The match was off! Was it? Yes."),
            ["It rained.", "The match was off!", "Was it?", "Yes."]
        );
    }

    #[test]
    fn abbreviations_and_titles_do_not_split() {
        for t in [
            "Mr. Smith met Dr. Jones at St. Paul's.",
            "Lt. Col. Ann Lee and Gen. Mark Milley spoke.",
            "The U.S. Senate and the U.K. Parliament voted.",
            "It opened on Jan. 5 at No. 10 Downing Street.",
            "Acme Inc. said profits rose.",
            "Some fruit, e.g. apples, were sold.",
            "J. R. R. Tolkien wrote it.",
            "Prices rose to £2.5bn, up 3.5% from 2.1.",
            "He paused... and went on.",
            "President John F. Kennedy spoke.",
            "In Roe v. Wade the court ruled.",
            "Andrew Sant (b. 1950) is a poet.",
            "\"Why?\" she asked.",
        ] {
            assert_eq!(sentences(t), [t], "{t}");
        }
    }

    #[test]
    fn sentence_final_abbreviations_split_before_an_opener() {
        assert_eq!(
            sentences("He lived in the U.S. He said so."),
            ["He lived in the U.S.", "He said so."]
        );
        assert_eq!(
            sentences("It works for Acme Inc. The firm agreed."),
            ["It works for Acme Inc.", "The firm agreed."]
        );
        assert_eq!(
            sentences("It ended at 5 p.m. The crowd left."),
            ["It ended at 5 p.m.", "The crowd left."]
        );
    }

    #[test]
    fn quotes_and_brackets_close_after_the_stop() {
        assert_eq!(
            sentences("\"We will win.\" The crowd cheered. (It did.) Then it ended."),
            [
                "\"We will win.\"",
                "The crowd cheered.",
                "(It did.)",
                "Then it ended."
            ]
        );
        assert_eq!(
            sentences("She said: “It’s over.” Nobody replied."),
            ["She said: “It’s over.”", "Nobody replied."]
        );
    }

    #[test]
    fn ellipses_question_and_exclamation_marks() {
        assert_eq!(
            sentences("Wait… Then what?! Nothing."),
            ["Wait…", "Then what?!", "Nothing."]
        );
        assert_eq!(
            sentences("It was late... The end."),
            ["It was late...", "The end."]
        );
    }

    #[test]
    fn numbers_after_a_stop() {
        assert_eq!(
            sentences("Sales fell in 2019. 2020 was worse."),
            ["Sales fell in 2019.", "2020 was worse."]
        );
        assert_eq!(sentences("1. Check the list."), ["1. Check the list."]);
        assert_eq!(sentences("IV. Results came in."), ["IV. Results came in."]);
        assert_eq!(sentences("FYI. We met."), ["FYI.", "We met."]);
    }

    #[test]
    fn no_punctuation_and_odd_input() {
        assert_eq!(
            sentences("no punctuation at all here"),
            ["no punctuation at all here"]
        );
        assert!(sentences("   ").is_empty());
        assert_eq!(sentences("..."), ["..."]);
        assert_eq!(sentences("a.b.c.d"), ["a.b.c.d"]);
        let dots = ". ".repeat(10_000);
        let _ = sentences(&dots);
        let long = "x".repeat(100_000) + ". Next";
        assert_eq!(sentences(&long).len(), 2);
    }
}
