//! `WordSet`: a fixed word list with a hashed membership test, for the word lists that the
//! fact patterns consult at every token (a binary search costs a handful of `memcmp` calls
//! per lookup, a probe one hash and at most one compare).

use crate::gazetteer::WordMap;
use std::sync::OnceLock;

/// A static list of words; `contains` builds the table on first use.
pub struct WordSet {
    words: &'static [&'static str],
    table: OnceLock<WordMap<&'static str, ()>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            table: OnceLock::new(),
        }
    }

    /// Whether `word` is in the list, spelled exactly so.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.table
            .get_or_init(|| self.words.iter().map(|&w| (w, ())).collect())
            .contains_key(word)
    }

    /// The list as written.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// A static map of words to values (irregular verb forms to their base), built on first use.
pub struct WordTable<V: 'static> {
    pairs: &'static [(&'static str, V)],
    table: OnceLock<WordMap<&'static str, &'static V>>,
}

impl<V: Sync> WordTable<V> {
    pub const fn new(pairs: &'static [(&'static str, V)]) -> WordTable<V> {
        WordTable {
            pairs,
            table: OnceLock::new(),
        }
    }

    /// The list as written.
    pub fn pairs(&self) -> &'static [(&'static str, V)] {
        self.pairs
    }

    /// The value of `word`; for a word listed twice, the first.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&'static V> {
        self.table
            .get_or_init(|| {
                let mut t = WordMap::default();
                for (w, v) in self.pairs {
                    t.entry(*w).or_insert(v);
                }
                t
            })
            .get(word)
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: WordSet = WordSet::new(&["during", "visit", "a"]);
    static TABLE: WordTable<&str> = WordTable::new(&[("told", "tell"), ("said", "say")]);

    #[test]
    fn membership_is_exact() {
        assert!(SET.contains("visit") && SET.contains("a"));
        assert!(!SET.contains("Visit") && !SET.contains("visits") && !SET.contains(""));
        assert_eq!(TABLE.get("told"), Some(&"tell"));
        assert_eq!(TABLE.get("tell"), None);
    }
}
