//! Gazetteers compiled into the binary: countries (names, alternative names, demonyms),
//! cities, first names, surnames, organisation suffixes.
//!
//! PLACEHOLDER with a handful of entries: the entities issue replaces the data with compact
//! lists built from ../shared/data/gazetteers (see NOTICE), keeping these signatures.

/// A country as the gazetteer knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub iso2: &'static str,
    /// Canonical English name ("United Kingdom").
    pub name: &'static str,
}

const COUNTRIES: &[(Country, &[&str], &[&str])] = &[
    (
        Country {
            iso2: "GB",
            name: "United Kingdom",
        },
        &["UK", "U.K.", "Britain", "Great Britain"],
        &["British"],
    ),
    (
        Country {
            iso2: "US",
            name: "United States",
        },
        &["US", "U.S.", "USA", "America"],
        &["American"],
    ),
    (
        Country {
            iso2: "UA",
            name: "Ukraine",
        },
        &[],
        &["Ukrainian"],
    ),
    (
        Country {
            iso2: "RU",
            name: "Russia",
        },
        &["Russian Federation"],
        &["Russian"],
    ),
];

/// The country a name or alternative name refers to ("Britain" -> United Kingdom).
pub fn country_by_name(name: &str) -> Option<Country> {
    COUNTRIES
        .iter()
        .find(|(c, alts, _)| c.name == name || alts.contains(&name))
        .map(|(c, _, _)| *c)
}

/// The country of a demonym ("Ukrainian" -> Ukraine); plural forms accepted ("Ukrainians").
pub fn country_by_demonym(word: &str) -> Option<Country> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    COUNTRIES
        .iter()
        .find(|(_, _, dems)| dems.contains(&word) || dems.contains(&singular))
        .map(|(c, _, _)| *c)
}

/// Whether `word` (any case) is a known given name.
pub fn is_first_name(word: &str) -> bool {
    ["john", "david", "keir", "donald", "vladimir", "volodymyr"]
        .contains(&word.to_lowercase().as_str())
}

/// Whether `name` is a known city or town.
pub fn is_city(name: &str) -> bool {
    ["London", "Kyiv", "Brussels", "Moscow", "Paris"].contains(&name)
}

/// Whether `word` (any case) is a company legal-form suffix ("Ltd", "plc", "GmbH").
pub fn is_org_suffix(word: &str) -> bool {
    ["ltd", "plc", "inc", "gmbh", "corp", "llc", "ag", "sa"]
        .contains(&word.to_lowercase().trim_end_matches('.'))
}
