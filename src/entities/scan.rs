//! One linear pass over the words of a text, for the lookups of document-level consistency:
//! where are the names already found written again, and which of them does the text also use
//! as ordinary lower-case words. Hash lookups of word slices, so nothing is built per
//! document beyond the tables of names.

use crate::gazetteer::WordMap;

/// A word of the text: `start..end` without trailing punctuation (full stops included:
/// lookups try the word with its stop again, for "U.S." and "Inc.") or possessive "’s".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Where the whitespace-delimited run ends (possessive and punctuation included).
    pub raw_end: usize,
}

impl Word {
    /// False when something was cut off the end (a comma, a full stop, "’s"), which ends a
    /// multiword name there.
    fn clean(&self) -> bool {
        self.end == self.raw_end
    }
}

/// The words of `text`, in order: runs of non-space characters that start at a letter or digit
/// (opening quotes and brackets skipped), with trailing punctuation and possessives cut off.
pub fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            // Skip to the start of a run.
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let run_start = i;
            let mut ascii = true;
            while i < bytes.len() {
                if bytes[i] < 0x80 {
                    if bytes[i].is_ascii_whitespace() {
                        break;
                    }
                    i += 1;
                } else {
                    ascii = false;
                    match text.get(i..).and_then(|s| s.chars().next()) {
                        Some(c) if c.is_whitespace() => break,
                        c => i += c.map_or(1, char::len_utf8),
                    }
                }
            }
            let run_end = i;
            if run_end == run_start {
                // A non-ASCII space: step over it.
                i += text
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
                continue;
            }
            let run = text.get(run_start..run_end).unwrap_or("");
            let trimmed = if ascii {
                trim_ascii(run.as_bytes())
            } else {
                trim(run)
            };
            let Some((lead, t_len)) = trimmed else {
                continue;
            };
            let start = run_start + lead;
            return Some(Word {
                start,
                end: start + t_len,
                raw_end: run_end,
            });
        }
        None
    })
}

/// Where the word of a whitespace-delimited run starts and how long it is: opening
/// punctuation off the front, closing punctuation and a possessive off the end. `None` when
/// the run has no letter or digit.
fn trim(run: &str) -> Option<(usize, usize)> {
    let lead = run.len() - run.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let body = &run[lead..];
    if body.is_empty() {
        return None;
    }
    let mut t = body.trim_end_matches(|c: char| {
        matches!(
            c,
            ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '”' | '’' | '\'' | '»' | '…'
        )
    });
    for pos in ["’s", "'s"] {
        if let Some(x) = t.strip_suffix(pos) {
            t = x.trim_end_matches(['’', '\'']);
        }
    }
    Some((lead, t.len()))
}

/// `trim` of an ASCII run, on bytes (most runs): the same cuts without decoding characters.
fn trim_ascii(run: &[u8]) -> Option<(usize, usize)> {
    let lead = run.iter().position(u8::is_ascii_alphanumeric)?;
    let mut t = &run[lead..];
    while let [rest @ .., b',' | b'.' | b';' | b':' | b'!' | b'?' | b')' | b']' | b'"' | b'\''] = t
    {
        t = rest;
    }
    if let [rest @ .., b'\'', b's'] = t {
        t = rest;
        while let [rest @ .., b'\''] = t {
            t = rest;
        }
    }
    Some((lead, t.len()))
}

/// Where the names in `forms` (exact spelling, words separated by single spaces) occur as
/// whole words, leftmost-longest, as `(start, end, form index)`; and, for each entry of
/// `lower`, whether the text uses it as a lower-case word. `all` is `words(text)`, made
/// once by the caller for every lookup of the same text.
pub fn find_forms(
    text: &str,
    all: &[Word],
    forms: &[String],
    lower: &[String],
) -> (Vec<(usize, usize, usize)>, Vec<bool>) {
    let by_text: WordMap<&str, usize> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i))
        .collect();
    let lower_index: WordMap<&str, usize> = lower
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i))
        .collect();
    let first_words: WordMap<&str, ()> = forms
        .iter()
        .filter_map(|f| Some((f.split(' ').next()?, ())))
        .collect();
    let max_words = forms
        .iter()
        .map(|f| f.split(' ').count())
        .max()
        .unwrap_or(0)
        .min(8);
    let mut seen_lower = vec![false; lower.len()];
    let mut hits = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let w = all[i];
        let first = text.get(w.start..w.end).unwrap_or("");
        if first.starts_with(|c: char| c.is_lowercase()) {
            if let Some(&k) = lower_index.get(first) {
                seen_lower[k] = true;
            }
            i += 1;
            continue;
        }
        let first_dot = dotted(text, w.start, w.end);
        if !first_words.contains_key(first)
            && !first_dot.is_some_and(|f| first_words.contains_key(f))
        {
            i += 1;
            continue;
        }
        // Longest form starting here: extend over words joined by one space.
        let mut best: Option<(usize, usize, usize)> = None;
        let mut j = i;
        loop {
            let end = all[j].end;
            if let Some(&k) = dotted(text, w.start, end).and_then(|s| by_text.get(s)) {
                best = Some((end + 1, k, j));
            } else if let Some(&k) = text.get(w.start..end).and_then(|s| by_text.get(s)) {
                best = Some((end, k, j));
            }
            let next = j + 1;
            if next >= all.len()
                || next - i >= max_words
                || !all[j].clean()
                || all[next].start != all[j].raw_end + 1
                || text.as_bytes().get(all[j].raw_end) != Some(&b' ')
            {
                break;
            }
            j = next;
        }
        match best {
            Some((end, k, last)) => {
                hits.push((w.start, end, k));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    // An entry listed twice ("Apple" and "APPLE" both lower to "apple") is in the table once,
    // under one of its indices; every copy is seen alike. (Recording only the kept index made
    // the result depend on the order of `lower`, which callers build from a HashMap.)
    for (i, l) in lower.iter().enumerate() {
        if let Some(&k) = lower_index.get(l.as_str()) {
            seen_lower[i] = seen_lower[k];
        }
    }
    (hits, seen_lower)
}

/// `text[start..end]` with the full stop that follows it, if one does ("U.S." for "U.S").
fn dotted(text: &str, start: usize, end: usize) -> Option<&str> {
    (text.as_bytes().get(end) == Some(&b'.'))
        .then(|| text.get(start..end + 1))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        words(text).map(|w| &text[w.start..w.end]).collect()
    }

    #[test]
    fn words_drop_punctuation_and_possessives() {
        assert_eq!(
            texts("“Healey’s visit,” said [Vladimir] Putin (UK). U.S. and Jones'"),
            ["Healey", "visit", "said", "Vladimir", "Putin", "UK", "U.S", "and", "Jones"]
        );
        assert!(texts("").is_empty());
        assert!(texts(" — … ").is_empty());
    }

    #[test]
    fn forms_are_found_longest_first_as_whole_words() {
        let forms: Vec<String> = ["John Healey", "Healey", "NATO", "U.S.", "Acme Inc."]
            .map(String::from)
            .to_vec();
        let lower = vec!["healey".to_string(), "nato".to_string()];
        let text = "John Healey met Healey’s aide. Healey-led NATO, healey. NATOs John\nHealey \
                    in the U.S. at Acme Inc., not Acme.";
        let all: Vec<Word> = words(text).collect();
        let (hits, seen) = find_forms(text, &all, &forms, &lower);
        let found: Vec<&str> = hits.iter().map(|&(s, e, _)| &text[s..e]).collect();
        assert_eq!(
            found,
            [
                "John Healey",
                "Healey",
                "NATO",
                "Healey",
                "U.S.",
                "Acme Inc."
            ]
        );
        assert_eq!(seen, [true, false]);
        let lower = vec![
            "healey".to_string(),
            "nato".to_string(),
            "healey".to_string(),
        ];
        assert_eq!(
            find_forms(text, &all, &forms, &lower).1,
            [true, false, true]
        );
    }

    #[test]
    fn ascii_runs_are_trimmed_like_any_other() {
        let alphabet = b"aZ9,.;:!?)]\"'s(-";
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let run: String = (0..seed % 9)
                .map(|k| alphabet[((seed >> (5 * k)) % alphabet.len() as u64) as usize] as char)
                .collect();
            assert_eq!(trim_ascii(run.as_bytes()), trim(&run), "{run:?}");
        }
    }

    #[test]
    fn odd_text_never_panics() {
        for s in ["", "’s", "'", "a\u{a0}B", "é’s", "[[", "A.", "A. B."] {
            let forms = vec!["A".to_string(), "A B".to_string(), "B".to_string()];
            let all: Vec<Word> = words(s).collect();
            let _ = find_forms(s, &all, &forms, &["a".to_string()]);
        }
    }
}
