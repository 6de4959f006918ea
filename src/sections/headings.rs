//! Does a one-line block read like a heading? Judged from the line alone: numbered ("1.
//! Background", "2.3 Methods"), roman ("II. Findings"), ALL CAPS, or a short title-like line
//! with no final full stop. Context (what stands around the line) is judged in `mod.rs`.

/// Longest heading, in words.
const MAX_HEADING_WORDS: usize = 14;
/// Longest heading that is not in Title Case, in words: sentence-case headings are short
/// ("Displays of charity at event"); longer lines without a full stop are usually captions or
/// fragments.
const MAX_SENTENCE_CASE_WORDS: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// "1. Background" (depth 1), "2.3 Methods" (depth 2); `words` is the byte offset of the
    /// heading's words in the line.
    Numbered { depth: u8, words: usize },
    /// "II. Findings".
    Roman { words: usize },
    /// "FINDINGS AND RECOMMENDATIONS".
    Caps,
    /// A short line with no final stop; `title_case` when every content word is capitalised.
    Plain { title_case: bool },
}

/// Words that stay lower case inside a Title Case heading.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "of", "in", "on", "at", "to",
    "by", "up", "as", "with", "from", "into", "onto", "over", "per", "via", "vs", "than", "off",
    "out", "is", "are", "be", "its", "his", "her", "their", "our", "after", "amid", "about",
    "upon", "near", "like", "without", "between", "under", "against", "during",
];

/// Words a heading does not end with: the line is a broken-off fragment.
const DANGLING: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "with", "for", "in", "on", "at", "by", "from",
    "that", "which", "but",
];

/// Pronouns that open sentences, not headings ("He said no", "They will return").
const SUBJECT_PRONOUNS: &[&str] = &["i", "he", "she", "it", "we", "they", "you", "there"];

/// Question words that open explainer subheadings ("What happens next?").
const WH_WORDS: &[&str] = &["what", "why", "how", "who", "where", "when", "which"];

/// Finite verbs that make a lower-case line a sentence rather than a heading.
const FINITE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "may", "might", "must", "did", "does", "do", "shall", "won't", "can't", "didn't", "isn't",
    "wasn't", "got", "went", "came", "took", "made", "gave", "found", "saw",
];

/// Verbs of speech: a line reporting speech is a sentence.
const SPEECH_VERBS: &[&str] = &["said", "says", "told", "asked", "added", "insisted"];

/// The heading shape of `s` (one trimmed line), or `None` if it reads as prose.
pub(crate) fn shape(s: &str) -> Option<Shape> {
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some((depth, words)) = numbered(s) {
        return heading_words(&s[words..]).then_some(Shape::Numbered { depth, words });
    }
    if let Some(words) = roman(s) {
        return heading_words(&s[words..]).then_some(Shape::Roman { words });
    }
    if is_all_caps(s) {
        let t = s.trim_end_matches(':');
        let n_words = t.split_whitespace().count();
        return (n_words <= MAX_HEADING_WORDS && !t.ends_with(['.', ',', ';']))
            .then_some(Shape::Caps);
    }
    if !heading_words(s) {
        return None;
    }
    let title_case = is_title_case(s);
    let n_words = s.split_whitespace().count();
    // "Why?" or "Really!" on its own line is speech; "What Happens Next?" is a heading.
    if s.ends_with(['?', '!']) && n_words < 3 {
        return None;
    }
    if !title_case {
        let first = first_word_lower(s);
        let wh = WH_WORDS.contains(&first.as_str());
        // Explainer subheadings ask: "Why does it matter?"; other questions are speech.
        if n_words > MAX_SENTENCE_CASE_WORDS || s.ends_with('!') || (s.ends_with('?') && !wh) {
            return None;
        }
        if SUBJECT_PRONOUNS.contains(&first.as_str()) {
            return None;
        }
        // "Nobody was hurt": a finite verb makes a sentence-case line a sentence.
        let has_verb = s.split_whitespace().skip(1).any(|w| {
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            FINITE_VERBS.contains(&bare)
        });
        if has_verb && !wh {
            return None;
        }
    }
    Some(Shape::Plain { title_case })
}

fn first_word_lower(s: &str) -> String {
    s.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The checks every kind of heading text passes: short, starts like a title, does not end
/// like a sentence or a fragment, is not reported speech, holds one sentence at most.
fn heading_words(s: &str) -> bool {
    let s = s.trim();
    let n_words = s.split_whitespace().count();
    if n_words == 0 || n_words > MAX_HEADING_WORDS {
        return false;
    }
    let Some(first) = s
        .chars()
        .find(|c| !matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '*' | '_'))
    else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    // "3,803" (an attendance) or "2-1" is not a heading.
    if !s.chars().any(char::is_alphabetic) {
        return false;
    }
    if s.ends_with([
        '.', ',', ';', ':', '-', '–', '—', '(', '&', '/', '"', '”', '\'', '’',
    ]) {
        return false;
    }
    let last = s
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    if n_words > 1 && DANGLING.contains(&last.as_str()) {
        return false;
    }
    for word in s.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if SPEECH_VERBS.contains(&bare) {
            return false;
        }
    }
    // Two sentences in one line.
    !s.contains("? ") && !s.contains("! ") && !has_inner_sentence_end(s)
}

fn has_inner_sentence_end(s: &str) -> bool {
    s.match_indices(". ").any(|(i, _)| {
        let before = s[..i].rsplit(char::is_whitespace).next().unwrap_or("");
        before.chars().count() >= 3 && before.chars().all(char::is_lowercase)
    })
}

/// "1. Background" -> depth 1; "2.3 Methods", "2.3. Methods" -> depth 2. One level needs its
/// full stop, so "10 Downing Street" is not numbered.
fn numbered(s: &str) -> Option<(u8, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut depth = 0u8;
    let mut ended_with_dot;
    loop {
        let n_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n_digits == 0 || n_digits > 2 {
            return None;
        }
        i += n_digits;
        depth += 1;
        ended_with_dot = b.get(i) == Some(&b'.');
        if ended_with_dot {
            i += 1;
        }
        if !ended_with_dot || !b.get(i).is_some_and(u8::is_ascii_digit) || depth >= 5 {
            break;
        }
    }
    if depth == 1 && !ended_with_dot {
        return None;
    }
    let n_space = b[i..]
        .iter()
        .take_while(|c| **c == b' ' || **c == b'\t')
        .count();
    (n_space > 0 && i + n_space < b.len()).then_some((depth, i + n_space))
}

/// "II. Findings", "IV. Conclusions". Single "I." is accepted only before a capitalised word
/// (it is ambiguous with an initial, which `heading_words` then has to reject as prose).
fn roman(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let n = b
        .iter()
        .take_while(|c| matches!(c, b'I' | b'V' | b'X' | b'L' | b'C'))
        .count();
    if n == 0 || n > 7 || b.get(n) != Some(&b'.') {
        return None;
    }
    let n_space = b[n + 1..].iter().take_while(|c| **c == b' ').count();
    (n_space > 0 && n + 1 + n_space < b.len()).then_some(n + 1 + n_space)
}

/// At least three capitals and no lower-case letter. Counting capitals, not letters, keeps
/// scripts without case (Chinese, Japanese, Arabic) from reading as ALL-CAPS headings.
pub(crate) fn is_all_caps(s: &str) -> bool {
    let mut n_capitals = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            n_capitals += 1;
        }
    }
    n_capitals >= 3
}

/// Every word that is not a small word starts with a capital or a digit.
pub(crate) fn is_title_case(s: &str) -> bool {
    let mut n_content = 0;
    for word in s.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = bare.chars().next() else {
            continue;
        };
        if first.is_uppercase() || first.is_ascii_digit() {
            n_content += 1;
            continue;
        }
        if n_content > 0 && SMALL_WORDS.contains(&bare) {
            continue;
        }
        return false;
    }
    n_content > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_every_kind() {
        assert_eq!(
            shape("1. Background"),
            Some(Shape::Numbered { depth: 1, words: 3 })
        );
        assert_eq!(
            shape("2.3 Methods"),
            Some(Shape::Numbered { depth: 2, words: 4 })
        );
        assert_eq!(shape("II. Findings"), Some(Shape::Roman { words: 4 }));
        // A house number is not a section number.
        assert_eq!(
            shape("10 Downing Street"),
            Some(Shape::Plain { title_case: true })
        );
        assert_eq!(shape("FINDINGS AND RECOMMENDATIONS"), Some(Shape::Caps));
        for s in [
            "Enhancing Ukraine’s Military Readiness",
            "Broader Western Support and Strategic Discussions",
            "A Changing Global Dynamic",
            "What Happens Next?",
            "Group F — Sweden 1 – 0 Korea Republic",
        ] {
            assert_eq!(shape(s), Some(Shape::Plain { title_case: true }), "{s}");
        }
        assert_eq!(
            shape("Why does it matter?"),
            Some(Shape::Plain { title_case: false })
        );
        for s in [
            "Displays of charity at event",
            "Video games, movies, and more",
            "Warhol's photographic legacy",
        ] {
            assert_eq!(shape(s), Some(Shape::Plain { title_case: false }), "{s}");
        }
    }

    #[test]
    fn prose_is_not_a_heading() {
        for s in [
            "The talks ended without agreement.",
            "He declined to comment",
            "They will meet again in March",
            "\"We are ready,\" she said",
            "It was late. Then the lights went out",
            "1. Preheat the oven to 200C.",
            "Estimates suggest 8000 migrants may be currently at sea in the region and beyond it",
            "The mayor, who took office in",
            "Why?",
            "and then there were none",
            "Hi all,",
            "3,803",
            "Nobody was hurt",
            "So what happens now?",
        ] {
            assert!(
                !matches!(shape(s), Some(Shape::Plain { .. } | Shape::Numbered { .. })),
                "{s}: {:?}",
                shape(s)
            );
        }
    }

    #[test]
    fn title_case_and_caps() {
        assert!(is_title_case("The State of the Union"));
        assert!(!is_title_case("The state of the union"));
        assert!(is_all_caps("NEW YORK"));
        assert!(!is_all_caps("US"));
        assert!(!is_all_caps("NASA Says"));
    }
}
