//! Gazetteers compiled into the binary: countries (names, alternative names, demonyms),
//! places, states and regions, first names, surnames, organisation suffixes.
//!
//! The lists in `data/gazetteers/` are built from ../shared/data/gazetteers by
//! `cargo run --example build_gazetteers` (GeoNames CC BY 4.0, US Census 1990 names, cleanco
//! MIT: see NOTICE), plus a hand-compiled list of states and regions. They are parsed once, on first use, into hash tables keyed by a
//! case-folded hash of the name's tokens, so a lookup is one hash probe and the tagger can
//! look up multi-word names ("New York", "Rio de Janeiro") without building strings.

use crate::span::Span;
use crate::token::tokenize_span;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

const COUNTRIES_TSV: &str = include_str!("../data/gazetteers/countries.tsv");
const PLACES_TSV: &str = include_str!("../data/gazetteers/places.tsv");
const FIRST_NAMES_TXT: &str = include_str!("../data/gazetteers/first-names.txt");
const SURNAMES_TXT: &str = include_str!("../data/gazetteers/surnames.txt");
const ORG_SUFFIXES_TXT: &str = include_str!("../data/gazetteers/org-suffixes.txt");
const REGIONS_TSV: &str = include_str!("../data/gazetteers/regions.tsv");

/// A country as the gazetteer knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub iso2: &'static str,
    /// Canonical English name ("United Kingdom").
    pub name: &'static str,
}

/// Longest name, in tokens, that `phrase_flags` can match ("United Kingdom of Great Britain
/// and Northern Ireland" is longer, and nobody writes it).
pub const MAX_PHRASE_TOKENS: usize = 5;

/// What a (possibly multi-word) name is, as bit flags: one name can be several things
/// ("Jordan" is a country, a first name and a surname).
pub mod flag {
    pub const COUNTRY: u8 = 1;
    pub const PLACE: u8 = 2;
    pub const DEMONYM: u8 = 4;
    pub const FIRST_NAME: u8 = 8;
    pub const SURNAME: u8 = 16;
    pub const ORG_SUFFIX: u8 = 32;
}

/// Hashes of keys that are already hashes: feeding them through SipHash again would only cost.
#[derive(Default, Clone, Copy)]
pub struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A `HashMap` keyed by a precomputed 64-bit hash.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<PassThroughHasher>>;

/// Hashes short strings (words, names) eight bytes at a step with `mix`: the per-word
/// lookups of the entity stage spent more time in SipHash than in the rest of the lookup.
/// The tables it serves hold one document's words or names; where one is iterated, the
/// result does not depend on the order, so the hash affects speed and nothing else.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    // #[inline]: the wasm is built for size, and a call per hashed word cost ~3% there.
    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak, and hashbrown picks buckets by them.
        self.0.rotate_left(26)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w: [u8; 8] = c.try_into().unwrap_or([0; 8]);
            self.0 = mix(self.0, u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a `copy_from_slice` of a few bytes is a memcpy call in the wasm.
            let mut w = 0u64;
            for (i, &b) in rest.iter().enumerate() {
                w |= (b as u64) << (8 * i);
            }
            self.0 = mix(self.0, w ^ (rest.len() as u64) << 59);
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = mix(self.0, b as u64);
    }
}

/// A `HashMap` keyed by words or names, hashed by `WordHasher`.
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A `HashSet` of words or names, hashed by `WordHasher`.
pub type WordHashSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// One step of an FxHash-style multiplicative hash: fast, deterministic on every platform.
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Start value of a phrase key.
pub const KEY_SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// Case-folded hash of one token: curly apostrophes made straight and a final full stop
/// dropped ("Ltd." = "ltd"), so "York", "YORK" and "york" share a key.
pub fn word_key(token: &str) -> u64 {
    let token = if token.len() > 1 {
        token.strip_suffix('.').unwrap_or(token)
    } else {
        token
    };
    let mut h = KEY_SEED;
    for c in token.chars() {
        let c = if c == '’' { '\'' } else { c };
        if c.is_ascii() {
            h = mix(h, c.to_ascii_lowercase() as u64);
        } else {
            for l in c.to_lowercase() {
                h = mix(h, l as u64);
            }
        }
    }
    h
}

/// Extends a phrase key with the `word_key` of its next token: the tagger keys every
/// token once and then tries the phrases starting there by mixing keys, not strings.
#[inline]
pub fn phrase_push(h: u64, word_key: u64) -> u64 {
    mix(h ^ 0x9e37_79b9_7f4a_7c15, word_key)
}

/// The key of a name as `phrase_flags` sees it: its tokens, case-folded.
pub fn phrase_key(name: &str) -> u64 {
    // Most names asked about are ASCII words and spaces ("Kyiv", "New York"), whose tokens
    // are their space-separated words: keyed without building a token vector. Anything
    // else (hyphens, dots, apostrophes, other scripts) goes through the tokenizer.
    let plain = |b: u8| b.is_ascii_alphanumeric() || b == b' ' || b == b'_';
    if name.bytes().all(plain) {
        return name
            .split(' ')
            .filter(|w| !w.is_empty())
            .fold(KEY_SEED, |h, w| phrase_push(h, word_key(w)));
    }
    tokenize_span(name, Span::new(0, name.len()))
        .iter()
        .fold(KEY_SEED, |h, t| phrase_push(h, word_key(t.span.text(name))))
}

/// What the name with phrase key `key` is (0 when the gazetteers do not know it).
pub fn phrase_flags(key: u64) -> u8 {
    GAZ.flags.get(&key).copied().unwrap_or(0)
}

struct CountryRow {
    country: Country,
    capital: &'static str,
}

/// A name form that may only match in its own spelling ("US" is not "us").
#[derive(Clone, Copy)]
struct Form {
    index: u16,
    exact: Option<&'static str>,
}

struct Gazetteers {
    countries: Vec<CountryRow>,
    by_name: KeyMap<Form>,
    /// Demonym -> country index, or `u16::MAX` for a demonym of no single country ("Arab").
    by_demonym: KeyMap<u16>,
    /// Place -> iso2 of its country ("" for regions such as "Middle East").
    places: KeyMap<&'static str>,
    /// Every key above plus names and suffixes, with what each is.
    flags: KeyMap<u8>,
    /// First names nearly always borne by one sex: true = female. Kept apart from `flags`,
    /// which are tagger features (a new bit there would change the trained model's inputs).
    female: KeyMap<bool>,
    /// States, provinces and regions ("Queensland", "Ohio") -> iso2 of their country. Kept
    /// apart from `places` and `flags` for the same reason: the model was trained without them.
    regions: KeyMap<&'static str>,
}

/// Short all-capital forms ("UK", "U.S.", "DRC") are ordinary words in lower case.
fn is_acronym(s: &str) -> bool {
    s.chars().all(|c| c.is_uppercase() || c == '.') && s.chars().any(char::is_uppercase)
}

static GAZ: LazyLock<Gazetteers> = LazyLock::new(build);

fn build() -> Gazetteers {
    let mut g = Gazetteers {
        countries: Vec::new(),
        by_name: KeyMap::default(),
        by_demonym: KeyMap::default(),
        places: KeyMap::default(),
        flags: KeyMap::default(),
        female: KeyMap::default(),
        regions: KeyMap::default(),
    };
    for line in COUNTRIES_TSV.lines() {
        let f: Vec<&'static str> = line.split('\t').collect();
        let [iso2, name, alts, dems, capital] = f[..] else {
            continue;
        };
        let index = if iso2 == "-" {
            u16::MAX
        } else {
            g.countries.push(CountryRow {
                country: Country { iso2, name },
                capital,
            });
            (g.countries.len() - 1) as u16
        };
        if index != u16::MAX {
            for form in std::iter::once(name).chain(alts.split('|').filter(|a| !a.is_empty())) {
                let exact = is_acronym(form).then_some(form);
                let key = phrase_key(form);
                g.by_name.entry(key).or_insert(Form { index, exact });
                *g.flags.entry(key).or_default() |= flag::COUNTRY;
            }
        }
        for dem in dems.split('|').filter(|d| !d.is_empty()) {
            // Plurals: "Ukrainians", "Britons"; "-ese"/"-ish" forms have none, an extra key is harmless.
            let singular = phrase_key(dem);
            let plural = phrase_key(&format!("{dem}s"));
            for key in [singular, plural] {
                g.by_demonym.entry(key).or_insert(index);
                *g.flags.entry(key).or_default() |= flag::DEMONYM;
            }
        }
    }
    // One line per country: `iso2 \t name|name|...`; no name is on two lines.
    for line in PLACES_TSV.lines() {
        let Some((iso2, names)) = line.split_once('\t') else {
            continue;
        };
        for name in names.split('|').filter(|n| !n.is_empty()) {
            let key = phrase_key(name);
            g.places.entry(key).or_insert(iso2);
            *g.flags.entry(key).or_default() |= flag::PLACE;
        }
    }
    for line in REGIONS_TSV.lines() {
        let Some((iso2, names)) = line.split_once('\t') else {
            continue;
        };
        for name in names.split('|').filter(|n| !n.is_empty()) {
            g.regions.entry(phrase_key(name)).or_insert(iso2);
        }
    }
    for (list, bit) in [
        (FIRST_NAMES_TXT, flag::FIRST_NAME),
        (SURNAMES_TXT, flag::SURNAME),
        (ORG_SUFFIXES_TXT, flag::ORG_SUFFIX),
    ] {
        for line in list.lines().filter(|l| !l.is_empty()) {
            // First names may carry a sex: "mary\tF", "john\tM".
            let (name, sex) = line.split_once('\t').unwrap_or((line, ""));
            let key = phrase_key(name);
            *g.flags.entry(key).or_default() |= bit;
            if let Some(female) = match sex {
                "F" => Some(true),
                "M" => Some(false),
                _ => None,
            } {
                g.female.insert(key, female);
            }
        }
    }
    g
}

fn country_at(index: u16) -> Option<Country> {
    GAZ.countries.get(index as usize).map(|r| r.country)
}

/// The country a name or alternative name refers to ("Britain" -> United Kingdom). Case is
/// ignored except for acronyms, which must be written as such ("US", not "us").
pub fn country_by_name(name: &str) -> Option<Country> {
    let form = GAZ.by_name.get(&phrase_key(name))?;
    if form.exact.is_some_and(|e| e != name.trim()) {
        return None;
    }
    country_at(form.index)
}

/// The country with ISO 3166 alpha-2 code `iso2` ("GB"), any case.
pub fn country_by_iso2(iso2: &str) -> Option<Country> {
    GAZ.countries
        .iter()
        .find(|r| r.country.iso2.eq_ignore_ascii_case(iso2))
        .map(|r| r.country)
}

/// The capital city of a country ("Kyiv" for Ukraine), when known.
pub fn capital_of(country: Country) -> Option<&'static str> {
    GAZ.countries
        .iter()
        .find(|r| r.country == country)
        .map(|r| r.capital)
        .filter(|c| !c.is_empty())
}

/// The country of a demonym ("Ukrainian" -> Ukraine); plural forms accepted ("Ukrainians").
pub fn country_by_demonym(word: &str) -> Option<Country> {
    if !starts_upper(word) {
        return None;
    }
    GAZ.by_demonym
        .get(&phrase_key(word))
        .and_then(|&i| country_at(i))
}

/// Whether `word` is a nationality, people or religion adjective or noun ("German",
/// "Britons", "Arab", "Muslim"), with or without a single country.
pub fn is_demonym(word: &str) -> bool {
    starts_upper(word) && GAZ.by_demonym.contains_key(&phrase_key(word))
}

/// Whether `word` (any case) is a known given name.
pub fn is_first_name(word: &str) -> bool {
    phrase_flags(phrase_key(word)) & flag::FIRST_NAME != 0
}

/// Whether the first name `word` (any case) is nearly always a woman's (`Some(true)`) or a
/// man's (`Some(false)`), by the 1990 US census; `None` for names borne by both ("Leslie",
/// "Jordan") and for words that are no first name.
pub fn first_name_is_female(word: &str) -> Option<bool> {
    GAZ.female.get(&phrase_key(word)).copied()
}

/// Whether `word` (any case) is one of the frequent surnames.
pub fn is_surname(word: &str) -> bool {
    phrase_flags(phrase_key(word)) & flag::SURNAME != 0
}

/// Whether `name` is a known city or town (capitalised: "Nice", not "nice").
pub fn is_city(name: &str) -> bool {
    starts_upper(name)
        && GAZ
            .places
            .get(&phrase_key(name))
            .is_some_and(|iso| !iso.is_empty())
}

/// The country a place name lies in ("Kyiv" -> Ukraine, "Kiev" -> Ukraine). A country's own
/// name gives the country. `None` for unknown names and for regions spanning countries.
pub fn place_country(name: &str) -> Option<Country> {
    if !starts_upper(name) {
        return None;
    }
    if let Some(c) = country_by_name(name) {
        return Some(c);
    }
    let key = phrase_key(name);
    let iso = GAZ.places.get(&key).or_else(|| GAZ.regions.get(&key))?;
    country_by_iso2(iso)
}

/// Whether `name` is a place of any sort the gazetteers know: country, city, region.
pub fn is_place(name: &str) -> bool {
    if !starts_upper(name) {
        return false;
    }
    let key = phrase_key(name);
    phrase_flags(key) & (flag::PLACE | flag::COUNTRY) != 0 || GAZ.regions.contains_key(&key)
}

/// Whether `word` (any case) is a company legal-form suffix ("Ltd", "plc", "GmbH").
pub fn is_org_suffix(word: &str) -> bool {
    phrase_flags(phrase_key(word)) & flag::ORG_SUFFIX != 0
}

fn starts_upper(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_keys_of_plain_names_are_their_tokens_keys() {
        let by_tokens = |name: &str| {
            tokenize_span(name, Span::new(0, name.len()))
                .iter()
                .fold(KEY_SEED, |h, t| phrase_push(h, word_key(t.span.text(name))))
        };
        for name in [
            "Kyiv",
            "New York",
            " New  York ",
            "G7",
            "snake_case",
            "",
            "   ",
            "U.S.",
            "Guinea-Bissau",
            "Côte d'Ivoire",
            "AT&T",
            "St. Petersburg",
        ] {
            assert_eq!(phrase_key(name), by_tokens(name), "{name:?}");
        }
        assert_ne!(phrase_key("New York"), phrase_key("NewYork"));
    }

    #[test]
    fn countries_by_name_and_alternatives() {
        let gb = country_by_name("United Kingdom").unwrap();
        assert_eq!(gb.iso2, "GB");
        for alt in ["UK", "U.K.", "Britain", "Great Britain", "united kingdom"] {
            assert_eq!(country_by_name(alt), Some(gb), "{alt}");
        }
        assert_eq!(country_by_name("US").unwrap().name, "United States");
        assert_eq!(country_by_name("us"), None);
        assert_eq!(country_by_name("Ukraine").unwrap().iso2, "UA");
        assert_eq!(country_by_name("Kyiv"), None);
        assert_eq!(country_by_name(""), None);
        assert_eq!(country_by_iso2("de").unwrap().name, "Germany");
        assert_eq!(capital_of(country_by_iso2("UA").unwrap()), Some("Kyiv"));
    }

    #[test]
    fn demonyms_with_plurals() {
        assert_eq!(country_by_demonym("Ukrainian").unwrap().iso2, "UA");
        assert_eq!(country_by_demonym("Ukrainians").unwrap().iso2, "UA");
        assert_eq!(country_by_demonym("British").unwrap().iso2, "GB");
        assert_eq!(country_by_demonym("Britons").unwrap().iso2, "GB");
        assert_eq!(country_by_demonym("German").unwrap().iso2, "DE");
        // Shared demonyms go to the most populous country, not to the first in iso2 order.
        assert_eq!(country_by_demonym("American").unwrap().iso2, "US");
        assert_eq!(country_by_demonym("Americans").unwrap().iso2, "US");
        assert_eq!(country_by_demonym("Dominican").unwrap().iso2, "DO");
        assert_eq!(country_by_demonym("Indian").unwrap().iso2, "IN");
        assert_eq!(country_by_demonym("Arab"), None);
        assert!(is_demonym("Arab"));
        assert!(!is_demonym("german"));
        assert!(!is_demonym("Kyiv"));
    }

    #[test]
    fn places_and_their_countries() {
        for city in ["Kyiv", "London", "Brussels", "Kiev", "New York", "Mariupol"] {
            assert!(is_city(city), "{city}");
        }
        assert!(!is_city("nice"));
        assert!(!is_city("Enhancing"));
        assert_eq!(place_country("Kiev").unwrap().iso2, "UA");
        assert_eq!(place_country("Kyiv").unwrap().iso2, "UA");
        assert_eq!(place_country("Britain").unwrap().iso2, "GB");
        // A hand-added place wins over a smaller namesake: the state, not the Cuban town.
        assert_eq!(place_country("Florida").unwrap().iso2, "US");
        assert_eq!(place_country("Ontario").unwrap().iso2, "CA");
        assert!(is_place("Middle East"));
        assert_eq!(place_country("Middle East"), None);
    }

    #[test]
    fn regions_are_places_the_tagger_does_not_see() {
        assert_eq!(place_country("Queensland").unwrap().iso2, "AU");
        assert_eq!(place_country("NEW SOUTH WALES").unwrap().iso2, "AU");
        assert_eq!(place_country("Ohio").unwrap().iso2, "US");
        assert!(is_place("Western Australia"));
        assert!(!is_place("ohio"));
        assert!(!is_city("Queensland"));
        // Not a tagger feature: the shipped model was trained without the regions.
        assert_eq!(phrase_flags(phrase_key("Queensland")), 0);
    }

    #[test]
    fn names_and_suffixes() {
        assert!(is_first_name("John"));
        assert_eq!(first_name_is_female("Mary"), Some(true));
        assert_eq!(first_name_is_female("JOHN"), Some(false));
        // Borne by both sexes, or no first name at all: no guess.
        assert_eq!(first_name_is_female("Leslie"), None);
        assert_eq!(first_name_is_female("Jordan"), None);
        assert_eq!(first_name_is_female("Secretary"), None);
        assert!(is_first_name("JOHN"));
        assert!(is_first_name("david"));
        assert!(!is_first_name("Secretary"));
        assert!(is_surname("Smith"));
        assert!(!is_surname("Secretary"));
        for s in ["Ltd", "ltd.", "PLC", "GmbH", "Inc."] {
            assert!(is_org_suffix(s), "{s}");
        }
        assert!(!is_org_suffix("Ministry"));
    }

    #[test]
    fn phrase_keys_fold_case_and_apostrophes() {
        assert_eq!(phrase_key("New York"), phrase_key("NEW  YORK"));
        assert_eq!(phrase_key("Côte d’Ivoire"), phrase_key("côte d'ivoire"));
        assert_ne!(phrase_key("New York"), phrase_key("Newyork"));
        assert!(phrase_flags(phrase_key("new york")) & flag::PLACE != 0);
        let k = ["Rio", "de", "Janeiro"]
            .iter()
            .fold(KEY_SEED, |h, t| phrase_push(h, word_key(t)));
        assert_eq!(k, phrase_key("Rio de Janeiro"));
        assert!(phrase_flags(k) & flag::PLACE != 0);
    }
}
