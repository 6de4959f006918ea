//! Features of the name tagger, shared by training (`train.rs`) and tagging (`tagger.rs`) so
//! both see exactly the same numbers.
//!
//! Every feature is a 32-bit hash of a template id and a value hash; values are hashed from
//! the token text once per token (`TokenFacts`) and combined by multiplication-xor, so no
//! string is built per feature. Document-level facts ("this word is written in lower case
//! elsewhere in the article") make headlines and ALL-CAPS lines readable.

use crate::gazetteer::{self, flag, mix, word_key, KeyMap};
use std::ops::Range;
use std::sync::LazyLock;

/// How the words of a sentence are cased: headlines and ALL-CAPS lines read differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum SentenceCase {
    Normal = 0,
    /// "Enhancing Ukraine’s Military Readiness": most long words capitalised.
    Title = 1,
    /// "BRUSSELS 1996-08-22": no lower-case letter at all.
    Upper = 2,
}

/// Casing class of one token.
mod class {
    pub const LOWER: u8 = 0;
    pub const CAPITALISED: u8 = 1;
    pub const UPPER: u8 = 2;
    pub const MIXED: u8 = 3;
    pub const DIGIT: u8 = 4;
    pub const OTHER: u8 = 5;
}

/// Phrase-membership bits of a token: inside a gazetteer name of more than one token, or
/// the single-token name starts a longer capitalised run.
mod phrase {
    pub const COUNTRY_B: u8 = 1;
    pub const COUNTRY_I: u8 = 2;
    pub const PLACE_B: u8 = 4;
    pub const PLACE_I: u8 = 8;
    pub const DEMONYM_B: u8 = 16;
    pub const DEMONYM_I: u8 = 32;
}

/// Everything about one token the features need, computed once.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TokenFacts {
    /// Case-folded word hash (the gazetteer's `word_key`).
    pub key: u64,
    /// Hash of the collapsed character shape ("Xx", "X.X.", "d-d").
    pub shape: u64,
    /// Hashes of the 2- and 3-character prefixes, lower case.
    pub prefix: [u64; 2],
    /// Hashes of the 2-, 3- and 4-character suffixes, lower case.
    pub suffix: [u64; 3],
    pub class: u8,
    /// Single-token gazetteer flags (`gazetteer::flag`).
    pub gaz: u8,
    /// Multi-token gazetteer membership (`phrase`).
    pub phrase: u8,
    /// A title or role word that precedes names ("Secretary", "Mr", "President").
    pub title: bool,
    /// Length in characters, capped.
    pub len: u8,
}

/// Per-document word facts: bit 1 = seen capitalised inside a normal sentence (not first),
/// bit 2 = seen in lower case, bit 4 = seen capitalised inside a name-like run.
pub type DocWords = KeyMap<u8>;

const DOC_CAP_INSIDE: u8 = 1;
const DOC_LOWER: u8 = 2;

/// A document ready for feature extraction: facts of every token, sentence ranges over
/// them, each sentence's case, and the document's word facts.
#[derive(Default)]
pub struct PreparedDoc {
    pub tokens: Vec<TokenFacts>,
    pub sentences: Vec<Range<usize>>,
    pub cases: Vec<SentenceCase>,
    pub words: DocWords,
}

/// Words that stand before a person's name as titles or roles (lower case, no dot).
const TITLE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "president",
    "president-elect",
    "vice",
    "secretary",
    "minister",
    "chancellor",
    "premier",
    "prime",
    "general",
    "gen",
    "lt",
    "colonel",
    "col",
    "major",
    "maj",
    "captain",
    "capt",
    "sergeant",
    "sgt",
    "admiral",
    "adm",
    "commander",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "judge",
    "justice",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "director",
    "ambassador",
    "envoy",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "chief executive",
    "ceo",
    "founder",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "rev",
    "reverend",
    "father",
    "sheikh",
    "ayatollah",
    "rabbi",
    "bishop",
    "archbishop",
    "cardinal",
    "imam",
    "detective",
    "inspector",
    "officer",
    "deputy",
    "mp",
    "mep",
    "st",
    "saint",
    "emperor",
    "sultan",
    "emir",
    "crown",
    "duke",
    "duchess",
    "baroness",
    "baron",
    "count",
    "countess",
    "marshal",
    "field",
    "brigadier",
    "lieutenant",
    "corporal",
    "private",
    "speaker",
    "attorney",
    "prosecutor",
    "lawyer",
    "dr",
    "nurse",
    "actor",
    "actress",
    "singer",
    "author",
    "writer",
    "analyst",
    "economist",
    "correspondent",
    "editor",
    "reporter",
    "historian",
    "presenter",
    "host",
    "veteran",
    "rapper",
    "star",
];

static TITLES: LazyLock<KeyMap<()>> =
    LazyLock::new(|| TITLE_WORDS.iter().map(|w| (word_key(w), ())).collect());

/// Template ids: one per kind of feature. Changing any number changes every hash, so a
/// model is only valid with the features it was trained with (`FEATURE_VERSION`).
mod t {
    pub const BIAS: u64 = 0;
    pub const W0: u64 = 1;
    pub const WM1: u64 = 2;
    pub const WP1: u64 = 3;
    pub const WM2: u64 = 4;
    pub const WP2: u64 = 5;
    pub const SHAPE0: u64 = 6;
    pub const SHAPEM1: u64 = 7;
    pub const SHAPEP1: u64 = 8;
    pub const SHAPE3: u64 = 9;
    pub const PRE2: u64 = 10;
    pub const PRE3: u64 = 11;
    pub const SUF2: u64 = 12;
    pub const SUF3: u64 = 13;
    pub const SUF4: u64 = 14;
    pub const WM1_W0: u64 = 15;
    pub const W0_WP1: u64 = 16;
    pub const CASE_SHAPE: u64 = 17;
    pub const INITIAL_SHAPE: u64 = 18;
    pub const GAZ0: u64 = 19;
    pub const GAZ_BIT: u64 = 20;
    pub const PHRASE0: u64 = 21;
    pub const GAZM1_SHAPE: u64 = 22;
    pub const GAZP1_SHAPE: u64 = 23;
    pub const TITLEM1: u64 = 24;
    pub const TITLEM2: u64 = 25;
    pub const DOC: u64 = 26;
    pub const LEN_SHAPE: u64 = 27;
    pub const WM1_SHAPE0: u64 = 28;
    pub const SHAPE0_WP1: u64 = 29;
    pub const CASE_W0: u64 = 30;
    pub const CASE_SUF3: u64 = 31;
    pub const PHRASEM1: u64 = 32;
    pub const PHRASEP1: u64 = 33;
    pub const CLASS3: u64 = 34;
}

/// Every token's features start with this many word-identity features (see
/// `sentence_features`); training may leave them out.
pub const N_LEXICAL: usize = 8;

/// Bumped whenever a feature changes meaning; stored in the model file and checked on load.
pub const FEATURE_VERSION: u32 = 3;

/// Hash of a template id and a value.
#[inline]
fn feat(template: u64, value: u64) -> u32 {
    let h = mix(mix(0x6a09_e667_f3bc_c908, template), value);
    (h >> 32) as u32 ^ h as u32
}

/// Value used for positions before the start / after the end of a sentence.
const PAD: u64 = 0x0bad_cafe;
const PAD_END: u64 = 0x0bad_f00d;

fn char_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else {
        match c {
            '’' | '‘' | '\'' => b'\'',
            '“' | '”' | '"' | '«' | '»' => b'"',
            '–' | '—' | '‑' | '-' => b'-',
            c if c.is_ascii() => c as u8,
            _ => b'?',
        }
    }
}

/// Facts about one token; `lower` is a scratch buffer reused across calls.
pub fn token_facts(word: &str, lower: &mut Vec<char>) -> TokenFacts {
    if word.is_ascii() {
        ascii_token_facts(word.as_bytes())
    } else {
        decoded_token_facts(word, lower)
    }
}

/// `token_facts` of any word, decoding its characters.
fn decoded_token_facts(word: &str, lower: &mut Vec<char>) -> TokenFacts {
    lower.clear();
    let mut shape = 0x1234_5678u64;
    let mut last = 0u8;
    let (mut n_upper, mut n_lower, mut n_digit, mut n) = (0usize, 0usize, 0usize, 0usize);
    let mut first_upper = false;
    for c in word.chars() {
        let k = char_class(c);
        if k != last {
            shape = mix(shape, k as u64);
            last = k;
        }
        match k {
            b'X' => n_upper += 1,
            b'x' => n_lower += 1,
            b'd' => n_digit += 1,
            _ => {}
        }
        if n == 0 {
            first_upper = k == b'X';
        }
        n += 1;
        let c = match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        };
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else {
            lower.extend(c.to_lowercase());
        }
    }
    let class = if n_digit > 0 && n_upper + n_lower == 0 {
        class::DIGIT
    } else if n_upper + n_lower == 0 {
        class::OTHER
    } else if n_lower == 0 {
        class::UPPER
    } else if first_upper && n_upper == 1 {
        class::CAPITALISED
    } else if n_upper == 0 {
        class::LOWER
    } else {
        class::MIXED
    };
    let hash_chars = |cs: &[char]| cs.iter().fold(0x51u64, |h, &c| mix(h, c as u64));
    let m = lower.len();
    let prefix = [
        hash_chars(&lower[..m.min(2)]),
        hash_chars(&lower[..m.min(3)]),
    ];
    let suffix = [
        hash_chars(&lower[m.saturating_sub(2)..]),
        hash_chars(&lower[m.saturating_sub(3)..]),
        hash_chars(&lower[m.saturating_sub(4)..]),
    ];
    let key = word_key(word);
    with_lookups(TokenFacts {
        key,
        shape,
        prefix,
        suffix,
        class,
        len: n.min(12) as u8,
        ..TokenFacts::default()
    })
}

/// `token_facts` of an ASCII word (most words): the same numbers in one pass over the bytes,
/// where a byte is a character, its class is a byte compare and lower-casing needs no table.
fn ascii_token_facts(word: &[u8]) -> TokenFacts {
    let mut shape = 0x1234_5678u64;
    let mut last = 0u8;
    let (mut n_upper, mut n_lower, mut n_digit) = (0usize, 0usize, 0usize);
    let mut key = gazetteer::KEY_SEED;
    // `word_key` drops a final full stop of a word longer than one character.
    let keyed = match word {
        [rest @ .., b'.'] if !rest.is_empty() => rest.len(),
        _ => word.len(),
    };
    for (i, &b) in word.iter().enumerate() {
        // `char_class` restricted to ASCII: letters and digits by kind, marks as themselves.
        let k = match b {
            b'A'..=b'Z' => {
                n_upper += 1;
                b'X'
            }
            b'a'..=b'z' => {
                n_lower += 1;
                b'x'
            }
            b'0'..=b'9' => {
                n_digit += 1;
                b'd'
            }
            _ => b,
        };
        if k != last {
            shape = mix(shape, k as u64);
            last = k;
        }
        if i < keyed {
            key = mix(key, b.to_ascii_lowercase() as u64);
        }
    }
    let first_upper = word.first().is_some_and(u8::is_ascii_uppercase);
    let class = if n_digit > 0 && n_upper + n_lower == 0 {
        class::DIGIT
    } else if n_upper + n_lower == 0 {
        class::OTHER
    } else if n_lower == 0 {
        class::UPPER
    } else if first_upper && n_upper == 1 {
        class::CAPITALISED
    } else if n_upper == 0 {
        class::LOWER
    } else {
        class::MIXED
    };
    let hash_bytes = |bs: &[u8]| {
        bs.iter()
            .fold(0x51u64, |h, &b| mix(h, b.to_ascii_lowercase() as u64))
    };
    let m = word.len();
    let prefix = [hash_bytes(&word[..m.min(2)]), hash_bytes(&word[..m.min(3)])];
    let suffix = [
        hash_bytes(&word[m.saturating_sub(2)..]),
        hash_bytes(&word[m.saturating_sub(3)..]),
        hash_bytes(&word[m.saturating_sub(4)..]),
    ];
    with_lookups(TokenFacts {
        key,
        shape,
        prefix,
        suffix,
        class,
        len: m.min(12) as u8,
        ..TokenFacts::default()
    })
}

/// Fills in what the lexicons say about a token's key.
fn with_lookups(t: TokenFacts) -> TokenFacts {
    TokenFacts {
        gaz: gazetteer::phrase_flags(gazetteer::phrase_push(gazetteer::KEY_SEED, t.key)),
        title: TITLES.contains_key(&t.key),
        ..t
    }
}

/// Four-letter function words title-case headlines leave in lower case ("Talks with Iran").
const TITLE_CASE_LOWER: &[&str] = &[
    "with", "from", "into", "onto", "over", "upon", "amid", "near", "than",
];

static TITLE_CASE_LOWER_KEYS: LazyLock<Vec<u64>> =
    LazyLock::new(|| TITLE_CASE_LOWER.iter().map(|w| word_key(w)).collect());

fn sentence_case(tokens: &[TokenFacts]) -> SentenceCase {
    let (mut n_alpha, mut n_lowerish, mut n_long_cap, mut n_long_lower) = (0, 0, 0, 0);
    for t in tokens {
        match t.class {
            class::LOWER | class::CAPITALISED | class::MIXED => {
                n_alpha += 1;
                n_lowerish += 1;
            }
            class::UPPER => n_alpha += 1,
            _ => {}
        }
        if t.len >= 4 {
            match t.class {
                class::CAPITALISED | class::MIXED => n_long_cap += 1,
                class::LOWER if t.len > 4 || !TITLE_CASE_LOWER_KEYS.contains(&t.key) => {
                    n_long_lower += 1
                }
                _ => {}
            }
        }
    }
    if n_alpha > 0 && n_lowerish == 0 {
        SentenceCase::Upper
    } else if n_long_cap >= 2 && n_long_lower == 0 {
        // A sentence of running text has some long lower-case word; a headline has none.
        SentenceCase::Title
    } else {
        SentenceCase::Normal
    }
}

/// Marks tokens that lie inside multi-token gazetteer names (longest match first).
fn mark_phrases(tokens: &mut [TokenFacts]) {
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        // Names start with a capital (or an ALL-CAPS word); "de", "of" only inside.
        if !matches!(
            tokens[i].class,
            class::CAPITALISED | class::UPPER | class::MIXED
        ) {
            i += 1;
            continue;
        }
        let mut h = gazetteer::phrase_push(gazetteer::KEY_SEED, tokens[i].key);
        let mut best: Option<(usize, u8)> = None;
        let end = n.min(i + gazetteer::MAX_PHRASE_TOKENS);
        for (j, t) in tokens.iter().enumerate().take(end).skip(i + 1) {
            h = gazetteer::phrase_push(h, t.key);
            let f = gazetteer::phrase_flags(h) & (flag::COUNTRY | flag::PLACE | flag::DEMONYM);
            if f != 0 {
                best = Some((j + 1, f));
            }
        }
        match best {
            Some((end, f)) => {
                let (b, inside) = phrase_bits(f);
                tokens[i].phrase |= b;
                for t in &mut tokens[i + 1..end] {
                    t.phrase |= inside;
                }
                i = end;
            }
            None => i += 1,
        }
    }
}

fn phrase_bits(f: u8) -> (u8, u8) {
    let (mut b, mut i) = (0, 0);
    if f & flag::COUNTRY != 0 {
        b |= phrase::COUNTRY_B;
        i |= phrase::COUNTRY_I;
    }
    if f & flag::PLACE != 0 {
        b |= phrase::PLACE_B;
        i |= phrase::PLACE_I;
    }
    if f & flag::DEMONYM != 0 {
        b |= phrase::DEMONYM_B;
        i |= phrase::DEMONYM_I;
    }
    (b, i)
}

/// Prepares a document given as words and sentence ranges over them.
pub fn prepare<S: AsRef<str>>(words: &[S], sentences: Vec<Range<usize>>) -> PreparedDoc {
    let mut lower = Vec::with_capacity(32);
    let tokens: Vec<TokenFacts> = words
        .iter()
        .map(|w| token_facts(w.as_ref(), &mut lower))
        .collect();
    prepare_tokens(tokens, sentences)
}

/// Prepares a document given as the `token_facts` of its words and sentence ranges.
pub fn prepare_tokens(mut tokens: Vec<TokenFacts>, sentences: Vec<Range<usize>>) -> PreparedDoc {
    let mut cases = Vec::with_capacity(sentences.len());
    let mut doc_words = DocWords::default();
    for r in &sentences {
        let Some(toks) = tokens.get_mut(r.clone()) else {
            cases.push(SentenceCase::Normal);
            continue;
        };
        let case = sentence_facts(toks);
        cases.push(case);
        note_doc_words(toks, case, &mut doc_words);
    }
    PreparedDoc {
        tokens,
        sentences,
        cases,
        words: doc_words,
    }
}

/// The sentence-level facts of one sentence's tokens: marks the gazetteer phrases in them
/// and returns how the sentence is cased.
pub fn sentence_facts(toks: &mut [TokenFacts]) -> SentenceCase {
    mark_phrases(toks);
    sentence_case(toks)
}

/// Adds what one sentence (cased `case`) says about its words to the document's word facts.
pub fn note_doc_words(toks: &[TokenFacts], case: SentenceCase, doc_words: &mut DocWords) {
    for (i, t) in toks.iter().enumerate() {
        let bit = match t.class {
            class::LOWER => DOC_LOWER,
            class::CAPITALISED if i > 0 && case == SentenceCase::Normal => DOC_CAP_INSIDE,
            _ => 0,
        };
        if bit != 0 {
            *doc_words.entry(t.key).or_default() |= bit;
        }
    }
}

/// Appends the features of every token of sentence `s` of `doc` to `out`; `starts` gets
/// the index in `out` where each token's features begin, plus one final end index.
pub fn sentence_features(doc: &PreparedDoc, s: usize, out: &mut Vec<u32>, starts: &mut Vec<u32>) {
    let (Some(range), Some(&case)) = (doc.sentences.get(s), doc.cases.get(s)) else {
        starts.push(out.len() as u32);
        return;
    };
    let Some(toks) = doc.tokens.get(range.clone()) else {
        starts.push(out.len() as u32);
        return;
    };
    let n = toks.len();
    let key = |i: isize| -> u64 {
        if i < 0 {
            PAD
        } else {
            toks.get(i as usize).map_or(PAD_END, |t| t.key)
        }
    };
    let shape = |i: isize| -> u64 {
        if i < 0 {
            PAD
        } else {
            toks.get(i as usize).map_or(PAD_END, |t| t.shape)
        }
    };
    let tok = |i: isize| -> Option<&TokenFacts> {
        if i < 0 {
            None
        } else {
            toks.get(i as usize)
        }
    };
    let case = case as u64;
    for (i, t) in toks.iter().enumerate() {
        starts.push(out.len() as u32);
        let i = i as isize;
        let s0 = t.shape;
        let cls3 = mix(
            mix(tok(i - 1).map_or(9, |p| p.class) as u64, t.class as u64),
            tok(i + 1).map_or(9, |p| p.class) as u64,
        );
        // The word's own identity first (`N_LEXICAL` of them): training drops these at
        // random so the other features learn to carry words never seen in training.
        out.extend_from_slice(&[
            feat(t::W0, t.key),
            feat(t::PRE2, t.prefix[0]),
            feat(t::PRE3, t.prefix[1]),
            feat(t::SUF2, t.suffix[0]),
            feat(t::SUF3, t.suffix[1]),
            feat(t::SUF4, t.suffix[2]),
            feat(t::WM1_W0, mix(key(i - 1), t.key)),
            feat(t::W0_WP1, mix(t.key, key(i + 1))),
        ]);
        // The bias right after the lexical features (a test pins its hash there).
        out.push(feat(t::BIAS, 0));
        for (place, at) in NEIGHBOUR_AT.iter().enumerate() {
            neighbour_features(tok(i + at), place, out);
        }
        out.extend_from_slice(&[
            feat(t::SHAPE0, s0),
            feat(t::SHAPE3, mix(mix(shape(i - 1), s0), shape(i + 1))),
            feat(t::CASE_SHAPE, mix(case, s0)),
            feat(t::INITIAL_SHAPE, mix((i == 0) as u64, s0)),
            feat(t::GAZ0, mix(t.gaz as u64, t.class as u64)),
            feat(t::PHRASE0, t.phrase as u64),
            feat(
                t::GAZM1_SHAPE,
                mix(tok(i - 1).map_or(0x100, |p| p.gaz as u64), s0),
            ),
            feat(
                t::GAZP1_SHAPE,
                mix(tok(i + 1).map_or(0x100, |p| p.gaz as u64), s0),
            ),
            feat(t::LEN_SHAPE, mix(t.len as u64, s0)),
            feat(t::WM1_SHAPE0, mix(key(i - 1), s0)),
            feat(t::SHAPE0_WP1, mix(s0, key(i + 1))),
            feat(t::CASE_SUF3, mix(mix(case, t.class as u64), t.suffix[1])),
            feat(t::CLASS3, mix(case, cls3)),
        ]);
        for bit in 0..8 {
            if t.gaz & (1 << bit) != 0 {
                out.push(feat(t::GAZ_BIT, mix(bit, t.class as u64)));
            }
        }
        if case != SentenceCase::Normal as u64 {
            out.push(feat(t::CASE_W0, mix(case, t.key)));
        }
        if let Some(p) = tok(i - 1).filter(|p| p.phrase != 0) {
            out.push(feat(t::PHRASEM1, p.phrase as u64));
        }
        if let Some(p) = tok(i + 1).filter(|p| p.phrase != 0) {
            out.push(feat(t::PHRASEP1, p.phrase as u64));
        }
        if tok(i - 1).is_some_and(|p| p.title) {
            out.push(feat(t::TITLEM1, t.class as u64));
        }
        if tok(i - 2).is_some_and(|p| p.title) {
            out.push(feat(
                t::TITLEM2,
                mix(tok(i - 1).map_or(0, |p| p.class) as u64, t.class as u64),
            ));
        }
        if matches!(t.class, class::CAPITALISED | class::UPPER | class::MIXED) {
            // Whether the article writes this word capitalised mid-sentence or in lower case
            // elsewhere: "Enhancing" in a headline is "enhancing" in the text.
            let seen = doc.words.get(&t.key).copied().unwrap_or(0);
            let context = if case != SentenceCase::Normal as u64 {
                2
            } else {
                (i == 0) as u64
            };
            out.push(feat(t::DOC, mix(mix(seen as u64, context), t.class as u64)));
        }
    }
    debug_assert!(starts.len() >= n);
    starts.push(out.len() as u32);
}

/// The features of `sentence_features` that depend on the token alone (its word, affixes,
/// shape, length and gazetteer flags), in no particular order. With `context_features` they
/// are exactly the token's `sentence_features`: the tagger weighs these once per distinct
/// word of a document instead of once per occurrence (the weights are summed in wrapping
/// i16, so the order of the sum does not matter).
pub fn token_features(t: &TokenFacts, out: &mut Vec<u32>) {
    let s0 = t.shape;
    out.extend_from_slice(&[
        feat(t::W0, t.key),
        feat(t::PRE2, t.prefix[0]),
        feat(t::PRE3, t.prefix[1]),
        feat(t::SUF2, t.suffix[0]),
        feat(t::SUF3, t.suffix[1]),
        feat(t::SUF4, t.suffix[2]),
        feat(t::BIAS, 0),
        feat(t::SHAPE0, s0),
        feat(t::GAZ0, mix(t.gaz as u64, t.class as u64)),
        feat(t::LEN_SHAPE, mix(t.len as u64, s0)),
    ]);
    for bit in 0..8 {
        if t.gaz & (1 << bit) != 0 {
            out.push(feat(t::GAZ_BIT, mix(bit, t.class as u64)));
        }
    }
}

/// Where the neighbours that `neighbour_features` reads stand from the token, by place.
pub const NEIGHBOUR_AT: [isize; 4] = [-2, -1, 1, 2];

/// The features of a token that read one neighbour alone, its word and shape: the neighbour
/// at `NEIGHBOUR_AT[place]` (none for a place past its end), `word` = `None` past the
/// sentence's start or end. They depend on the
/// neighbour's word and nothing else, so the tagger weighs them once per distinct word, as
/// it does `token_features`.
pub fn neighbour_features(word: Option<&TokenFacts>, place: usize, out: &mut Vec<u32>) {
    let before = NEIGHBOUR_AT.get(place).is_some_and(|&at| at < 0);
    let pad = if before { PAD } else { PAD_END };
    let (key, shape) = word.map_or((pad, pad), |w| (w.key, w.shape));
    match place {
        0 => out.push(feat(t::WM2, key)),
        1 => out.extend_from_slice(&[feat(t::WM1, key), feat(t::SHAPEM1, shape)]),
        2 => out.extend_from_slice(&[feat(t::WP1, key), feat(t::SHAPEP1, shape)]),
        3 => out.push(feat(t::WP2, key)),
        _ => {}
    }
}

/// The features of `sentence_features` that `token_features` and `neighbour_features` leave
/// out: those that read the sentence's case, the token's position, its neighbours together
/// with itself, phrases or the document.
/// Appends them for every token of sentence `s`, with `starts` as in `sentence_features`.
pub fn context_features(doc: &PreparedDoc, s: usize, out: &mut Vec<u32>, starts: &mut Vec<u32>) {
    let (Some(range), Some(&case)) = (doc.sentences.get(s), doc.cases.get(s)) else {
        starts.push(out.len() as u32);
        return;
    };
    let Some(toks) = doc.tokens.get(range.clone()) else {
        starts.push(out.len() as u32);
        return;
    };
    sentence_context_features(toks, case, &doc.words, out, starts);
}

/// `context_features` of one sentence given as its tokens, its case and the document's word
/// facts, for a tagger that does not keep a `PreparedDoc` of the whole text.
pub fn sentence_context_features(
    toks: &[TokenFacts],
    case: SentenceCase,
    doc_words: &DocWords,
    out: &mut Vec<u32>,
    starts: &mut Vec<u32>,
) {
    let key = |i: isize| -> u64 {
        if i < 0 {
            PAD
        } else {
            toks.get(i as usize).map_or(PAD_END, |t| t.key)
        }
    };
    let shape = |i: isize| -> u64 {
        if i < 0 {
            PAD
        } else {
            toks.get(i as usize).map_or(PAD_END, |t| t.shape)
        }
    };
    let tok = |i: isize| -> Option<&TokenFacts> {
        if i < 0 {
            None
        } else {
            toks.get(i as usize)
        }
    };
    let case = case as u64;
    for (i, t) in toks.iter().enumerate() {
        starts.push(out.len() as u32);
        let i = i as isize;
        let s0 = t.shape;
        let cls3 = mix(
            mix(tok(i - 1).map_or(9, |p| p.class) as u64, t.class as u64),
            tok(i + 1).map_or(9, |p| p.class) as u64,
        );
        out.extend_from_slice(&[
            feat(t::WM1_W0, mix(key(i - 1), t.key)),
            feat(t::W0_WP1, mix(t.key, key(i + 1))),
            feat(t::SHAPE3, mix(mix(shape(i - 1), s0), shape(i + 1))),
            feat(t::CASE_SHAPE, mix(case, s0)),
            feat(t::INITIAL_SHAPE, mix((i == 0) as u64, s0)),
            feat(t::PHRASE0, t.phrase as u64),
            feat(
                t::GAZM1_SHAPE,
                mix(tok(i - 1).map_or(0x100, |p| p.gaz as u64), s0),
            ),
            feat(
                t::GAZP1_SHAPE,
                mix(tok(i + 1).map_or(0x100, |p| p.gaz as u64), s0),
            ),
            feat(t::WM1_SHAPE0, mix(key(i - 1), s0)),
            feat(t::SHAPE0_WP1, mix(s0, key(i + 1))),
            feat(t::CASE_SUF3, mix(mix(case, t.class as u64), t.suffix[1])),
            feat(t::CLASS3, mix(case, cls3)),
        ]);
        if case != SentenceCase::Normal as u64 {
            out.push(feat(t::CASE_W0, mix(case, t.key)));
        }
        if let Some(p) = tok(i - 1).filter(|p| p.phrase != 0) {
            out.push(feat(t::PHRASEM1, p.phrase as u64));
        }
        if let Some(p) = tok(i + 1).filter(|p| p.phrase != 0) {
            out.push(feat(t::PHRASEP1, p.phrase as u64));
        }
        if tok(i - 1).is_some_and(|p| p.title) {
            out.push(feat(t::TITLEM1, t.class as u64));
        }
        if tok(i - 2).is_some_and(|p| p.title) {
            out.push(feat(
                t::TITLEM2,
                mix(tok(i - 1).map_or(0, |p| p.class) as u64, t.class as u64),
            ));
        }
        if matches!(t.class, class::CAPITALISED | class::UPPER | class::MIXED) {
            let seen = doc_words.get(&t.key).copied().unwrap_or(0);
            let context = if case != SentenceCase::Normal as u64 {
                2
            } else {
                (i == 0) as u64
            };
            out.push(feat(t::DOC, mix(mix(seen as u64, context), t.class as u64)));
        }
    }
    starts.push(out.len() as u32);
}

#[cfg(test)]
// A vector of one sentence range is what `prepare` takes, not a mistaken `0..n` vector.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn feats(words: &[&str]) -> Vec<Vec<u32>> {
        let doc = prepare(words, vec![0..words.len()]);
        let (mut out, mut starts) = (Vec::new(), Vec::new());
        sentence_features(&doc, 0, &mut out, &mut starts);
        starts
            .windows(2)
            .map(|w| out[w[0] as usize..w[1] as usize].to_vec())
            .collect()
    }

    #[test]
    fn hashes_are_stable_across_runs_and_platforms() {
        // A model file stores these numbers: they must never change silently.
        assert_eq!(feat(t::BIAS, 0), feat(0, 0));
        assert_eq!(word_key("Kyiv"), word_key("KYIV"));
        let a = feats(&["John", "Healey", "visited", "Kyiv", "."]);
        let b = feats(&["John", "Healey", "visited", "Kyiv", "."]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 5);
        assert_ne!(a[0], a[1]);
    }

    #[test]
    fn token_neighbour_and_context_features_are_the_sentence_features() {
        let docs: [(&[&str], Vec<Range<usize>>); 3] = [
            (
                &[
                    "Defence",
                    "Secretary",
                    "John",
                    "Healey",
                    "visited",
                    "New",
                    "York",
                    ".",
                    "Talks",
                    "with",
                    "Iran",
                ],
                vec![0..8, 8..11],
            ),
            (
                &["BRUSSELS", "1996-08-22", "Mr", "Putin", "’s", "U.S."],
                vec![0..6],
            ),
            (
                &["Enhancing", "Ukraine", "’s", "Military", "Readiness"],
                vec![0..5],
            ),
        ];
        for (words, sentences) in docs {
            let doc = prepare(words, sentences);
            for s in 0..doc.sentences.len() {
                let (mut all, mut starts) = (Vec::new(), Vec::new());
                sentence_features(&doc, s, &mut all, &mut starts);
                let (mut ctx, mut ctx_starts) = (Vec::new(), Vec::new());
                context_features(&doc, s, &mut ctx, &mut ctx_starts);
                assert_eq!(starts.len(), ctx_starts.len());
                let toks = &doc.tokens[doc.sentences[s].clone()];
                for (k, t) in toks.iter().enumerate() {
                    let mut split =
                        ctx[ctx_starts[k] as usize..ctx_starts[k + 1] as usize].to_vec();
                    token_features(t, &mut split);
                    for (place, at) in NEIGHBOUR_AT.iter().enumerate() {
                        let j = k as isize + at;
                        let word = usize::try_from(j).ok().and_then(|j| toks.get(j));
                        neighbour_features(word, place, &mut split);
                    }
                    let mut whole = all[starts[k] as usize..starts[k + 1] as usize].to_vec();
                    split.sort_unstable();
                    whole.sort_unstable();
                    assert_eq!(split, whole, "{:?} token {k}", words);
                }
            }
        }
    }

    #[test]
    fn casing_of_sentences() {
        let doc = prepare(
            &[
                "BRUSSELS",
                "1996-08-22",
                "Enhancing",
                "Ukraine",
                "’s",
                "Military",
                "Readiness",
            ],
            vec![0..2, 2..7],
        );
        assert_eq!(doc.cases, [SentenceCase::Upper, SentenceCase::Title]);
        let doc = prepare(&["The", "man", "went", "home", "."], vec![0..5]);
        assert_eq!(doc.cases, [SentenceCase::Normal]);
        let words = [
            "Defence",
            "Secretary",
            "John",
            "Healey",
            "visited",
            "Kyiv",
            ".",
            "Talks",
            "with",
            "Iran",
        ];
        let doc = prepare(&words, vec![0..7, 7..10]);
        assert_eq!(doc.cases, [SentenceCase::Normal, SentenceCase::Title]);
    }

    #[test]
    fn phrases_and_titles_are_marked() {
        let doc = prepare(
            &["Secretary", "visited", "New", "York", "and", "new", "york"],
            vec![0..7],
        );
        assert!(doc.tokens[0].title);
        assert!(!doc.tokens[1].title);
        assert!(doc.tokens[2].phrase & phrase::PLACE_B != 0);
        assert!(doc.tokens[3].phrase & phrase::PLACE_I != 0);
        // Lower-case words never start a name.
        assert_eq!(doc.tokens[5].phrase, 0);
    }

    #[test]
    fn ascii_words_get_the_same_facts_as_decoded_ones() {
        let mut buf = Vec::new();
        for w in [
            "",
            "a",
            ".",
            "..",
            "A.",
            "U.S.",
            "Ltd.",
            "Healey",
            "NATO",
            "McDonald",
            "2025",
            "1,000",
            "visited",
            "President-elect",
            "O'Brien",
            "n't",
            "'s",
            "AT&T",
            "x_1",
            "\u{1}",
            "--",
            "\"",
            "ZZ",
            "Xx",
            "abcdefghijklmnopq",
        ] {
            assert_eq!(
                token_facts(w, &mut buf),
                decoded_token_facts(w, &mut buf),
                "{w:?}"
            );
        }
    }

    #[test]
    fn token_classes() {
        let mut buf = Vec::new();
        assert_eq!(token_facts("Healey", &mut buf).class, class::CAPITALISED);
        assert_eq!(token_facts("NATO", &mut buf).class, class::UPPER);
        assert_eq!(token_facts("McDonald", &mut buf).class, class::MIXED);
        assert_eq!(token_facts("2025", &mut buf).class, class::DIGIT);
        assert_eq!(token_facts("visited", &mut buf).class, class::LOWER);
        assert_eq!(token_facts(",", &mut buf).class, class::OTHER);
        assert_eq!(token_facts("", &mut buf).class, class::OTHER);
    }
}
