//! Builds the compact gazetteer lists in `data/gazetteers/` from `../shared/data/gazetteers`
//! (override the data folder with `SHARED_DATA`). Run: `cargo run --example build_gazetteers`.
//!
//! The lists are small on purpose (they ship inside the wasm): all countries, places above
//! `MIN_CITY_POPULATION` (plus common English exonyms of the biggest ones), every census first
//! name (with its sex where the census says it is nearly always one), the most frequent surnames, every organisation suffix (one spelling per matcher key).

use article_explorer::gazetteer;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Places smaller than this are rarely in international news, and each costs bytes.
const MIN_CITY_POPULATION: u64 = 50_000;
/// Alternative names are kept only for places at least this big ("Kiev" for Kyiv).
const MIN_ALT_NAME_POPULATION: u64 = 2_000_000;
/// The census surname list is long-tailed; the rest are too rare to help.
const N_SURNAMES: usize = 12_000;

/// Forms the sources lack that news uses all the time: (iso2, extra names, extra demonyms).
const COUNTRY_EXTRAS: &[(&str, &[&str], &[&str])] = &[
    (
        "GB",
        &["Great Britain"],
        &["Briton", "English", "Scottish", "Welsh", "Scots"],
    ),
    ("US", &["America"], &[]),
    ("KP", &["DPRK"], &[]),
    ("KR", &["Korea"], &["Korean"]),
    ("NL", &["Holland"], &["Netherlander"]),
    ("CZ", &["Czech Republic"], &[]),
    ("PS", &["Palestine", "Gaza", "West Bank"], &[]),
    ("AE", &["Emirates"], &[]),
    ("VA", &[], &["Vatican"]),
    ("IE", &["Eire"], &["Irish"]),
    ("PH", &[], &["Filipino"]),
    ("TW", &[], &["Taiwanese"]),
];

/// Parts of countries and regions news treats as places, which no city list holds.
const EXTRA_PLACES: &[(&str, &str)] = &[
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("Crimea", "UA"),
    ("Donbas", "UA"),
    ("Donbass", "UA"),
    ("Kursk", "RU"),
    ("Siberia", "RU"),
    ("Chechnya", "RU"),
    ("Kashmir", "IN"),
    ("Tibet", "CN"),
    ("Xinjiang", "CN"),
    ("Hong Kong", "HK"),
    ("California", "US"),
    ("Texas", "US"),
    ("Florida", "US"),
    ("Virginia", "US"),
    ("New York", "US"),
    ("Quebec", "CA"),
    ("Ontario", "CA"),
    ("Bavaria", "DE"),
    ("Catalonia", "ES"),
    ("Kurdistan", ""),
    ("Europe", ""),
    ("Asia", ""),
    ("Africa", ""),
    ("Middle East", ""),
    ("Latin America", ""),
    ("North America", ""),
    ("South America", ""),
    ("Balkans", ""),
    ("Baltic", ""),
    ("Scandinavia", ""),
    ("Caribbean", ""),
    ("Gulf", ""),
    ("Pacific", ""),
    ("Atlantic", ""),
    ("Arctic", ""),
    ("Antarctica", ""),
    ("Black Sea", ""),
    ("Mediterranean", ""),
];

/// States, provinces and regions news names alone ("in Queensland", "Ohio officials"), by
/// country (empty: more than one), written to `regions.tsv`. The core reads them as places
/// and knows their country, but the tagger's features do not see them: the shipped model
/// was trained without them (`gazetteer::flag::REGION`). Hand-compiled; a name that is as
/// often something else stays out: Victoria and Brittany (first names), Java (a language),
/// Hesse (a surname); so does one the lists above already hold (Texas, Washington, Georgia).
const REGIONS: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "Alabama",
            "Alaska",
            "Arizona",
            "Arkansas",
            "Colorado",
            "Connecticut",
            "Delaware",
            "Hawaii",
            "Idaho",
            "Illinois",
            "Indiana",
            "Iowa",
            "Kansas",
            "Kentucky",
            "Louisiana",
            "Maine",
            "Maryland",
            "Massachusetts",
            "Michigan",
            "Minnesota",
            "Mississippi",
            "Missouri",
            "Montana",
            "Nebraska",
            "Nevada",
            "New Hampshire",
            "New Jersey",
            "New Mexico",
            "New York State",
            "North Carolina",
            "North Dakota",
            "Ohio",
            "Oklahoma",
            "Oregon",
            "Pennsylvania",
            "Rhode Island",
            "South Carolina",
            "South Dakota",
            "Tennessee",
            "Utah",
            "Vermont",
            "Washington State",
            "West Virginia",
            "Wisconsin",
            "District of Columbia",
        ],
    ),
    (
        "CA",
        &[
            "Alberta",
            "British Columbia",
            "Manitoba",
            "Newfoundland",
            "Newfoundland and Labrador",
            "Nova Scotia",
            "Prince Edward Island",
            "Saskatchewan",
            "Yukon",
            "Nunavut",
            "Northwest Territories",
        ],
    ),
    (
        "AU",
        &[
            "New South Wales",
            "Queensland",
            "South Australia",
            "Tasmania",
            "Western Australia",
            "Northern Territory",
            "Australian Capital Territory",
        ],
    ),
    (
        "GB",
        &[
            "Cornwall",
            "Yorkshire",
            "Essex",
            "Sussex",
            "Lancashire",
            "Merseyside",
            "Midlands",
            "West Midlands",
            "East Anglia",
        ],
    ),
    (
        "IN",
        &[
            "Andhra Pradesh",
            "Assam",
            "Bihar",
            "Gujarat",
            "Haryana",
            "Karnataka",
            "Kerala",
            "Madhya Pradesh",
            "Maharashtra",
            "Odisha",
            "Rajasthan",
            "Tamil Nadu",
            "Telangana",
            "Uttar Pradesh",
            "West Bengal",
            "Jammu and Kashmir",
        ],
    ),
    (
        "CN",
        &[
            "Sichuan",
            "Guangdong",
            "Hubei",
            "Yunnan",
            "Fujian",
            "Zhejiang",
            "Jiangsu",
            "Shandong",
            "Henan",
            "Hunan",
            "Inner Mongolia",
        ],
    ),
    (
        "DE",
        &[
            "Saxony",
            "Thuringia",
            "North Rhine-Westphalia",
            "Lower Saxony",
            "Baden-Wurttemberg",
        ],
    ),
    ("FR", &["Normandy", "Provence", "Alsace", "Corsica"]),
    ("ES", &["Andalusia", "Basque Country", "Galicia"]),
    ("IT", &["Sicily", "Sardinia", "Tuscany", "Lombardy"]),
    ("RU", &["Dagestan"]),
    ("PK", &["Balochistan", "Sindh", "Khyber Pakhtunkhwa"]),
    ("ID", &["Aceh", "Sumatra", "Bali"]),
    ("PH", &["Mindanao", "Luzon"]),
    ("SD", &["Darfur"]),
    ("ET", &["Tigray"]),
    ("IQ", &["Anbar"]),
    ("EG", &["Sinai"]),
    ("BE", &["Flanders", "Wallonia"]),
    ("JP", &["Hokkaido"]),
    ("", &["Golan Heights", "Punjab"]),
];

/// Demonyms of regions, peoples and religions: nationality-like words without one country.
const EXTRA_DEMONYMS: &[&str] = &[
    "European",
    "Asian",
    "African",
    "Arab",
    "Kurdish",
    "Kurd",
    "Latin",
    "Scandinavian",
    "Baltic",
    "Balkan",
    "Western",
    "Caucasian",
    "Jewish",
    "Muslim",
    "Christian",
    "Catholic",
    "Protestant",
    "Sunni",
    "Shia",
    "Shiite",
    "Hindu",
    "Sikh",
    "Buddhist",
    "Palestinian",
    "Tamil",
    "Pashtun",
    "Basque",
    "Catalan",
    "Flemish",
    "Walloon",
    "Cossack",
    "Slavic",
    "Hispanic",
    "Latino",
    "Nordic",
    "Soviet",
    "Yugoslav",
    "Roman",
    "Anglo",
    "Chechen",
    "Tatar",
    "Uyghur",
    "Uighur",
    "Rohingya",
    "Bedouin",
    "Persian",
    "Sami",
    "Inuit",
    "Serb",
    "Croat",
    "Bosniak",
    "Moslem",
    "Islamist",
];

fn main() {
    let root = std::env::var_os("SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let src = root.join("gazetteers");
    if !src.join("countries.tsv").exists() {
        println!("skipped: {} not found (set SHARED_DATA)", src.display());
        return;
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gazetteers");
    fs::create_dir_all(&out).expect("create data/gazetteers");

    let countries = build_countries(&src);
    let cities = build_cities(&src);
    let first = build_first_names(&src);
    let surnames = build_surnames(&src);
    let suffixes = build_suffixes(&src);
    let regions = build_regions();
    for (name, body) in [
        ("countries.tsv", countries),
        ("places.tsv", cities),
        ("first-names.txt", first),
        ("surnames.txt", surnames),
        ("org-suffixes.txt", suffixes),
        ("regions.tsv", regions),
    ] {
        fs::write(out.join(name), &body).expect("write list");
        println!(
            "{name}: {} lines, {} bytes",
            body.lines().count(),
            body.len()
        );
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn clean(s: &str) -> &str {
    s.trim()
}

/// `iso2 \t name \t alt|alt \t demonym|demonym \t capital`, sorted by iso2. A demonym
/// several countries share ("American": the United States and the Northern Mariana Islands;
/// "Dominican", "Indian", "French") is kept only for the most populous of them, the one news
/// means: the core takes a demonym's first country, which in iso2 order is often a territory.
fn build_countries(src: &Path) -> String {
    let text = read(&src.join("countries.tsv"));
    let demonyms_of = |f: &[&str]| -> Vec<String> {
        let mut dems: Vec<String> = f[4]
            .split(',')
            .map(clean)
            .filter(|d| !d.is_empty())
            .map(String::from)
            .collect();
        for (x, _, more_dems) in COUNTRY_EXTRAS {
            if *x == clean(f[0]) {
                dems.extend(more_dems.iter().map(|s| s.to_string()));
            }
        }
        dems
    };
    // Demonym -> (population, iso2) of its most populous country.
    let mut owner: HashMap<String, (u64, String)> = HashMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        let population: u64 = f.get(5).and_then(|p| clean(p).parse().ok()).unwrap_or(0);
        for d in demonyms_of(&f) {
            let best = owner.entry(d).or_insert((0, String::new()));
            if population > best.0 || best.1.is_empty() {
                *best = (population, clean(f[0]).to_string());
            }
        }
    }
    let mut out = String::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        let iso = clean(f[0]);
        let name = clean(f[1]);
        let mut alts: Vec<String> = f[2]
            .split('|')
            .map(clean)
            .filter(|a| !a.is_empty() && *a != name)
            .map(String::from)
            .collect();
        let mut dems = demonyms_of(&f);
        dems.retain(|d| owner.get(d).is_some_and(|(_, o)| o == iso));
        if let Some(bare) = name.strip_prefix("The ") {
            alts.push(bare.to_string());
        }
        for (x, more_alts, _) in COUNTRY_EXTRAS {
            if *x == iso {
                alts.extend(more_alts.iter().map(|s| s.to_string()));
            }
        }
        let mut seen = HashSet::new();
        alts.retain(|a| seen.insert(a.clone()));
        let mut seen = HashSet::new();
        dems.retain(|d| seen.insert(d.clone()));
        let capital = clean(f[3]);
        writeln!(
            out,
            "{iso}\t{name}\t{}\t{}\t{capital}",
            alts.join("|"),
            dems.join("|")
        )
        .unwrap();
    }
    writeln!(out, "-\t-\t\t{}\t", EXTRA_DEMONYMS.join("|")).unwrap();
    out
}

/// `iso2 \t name|name|...`: one line per country (empty iso2: regions spanning countries),
/// names sorted, so the list compresses well in the wasm (73 KB gzipped instead of 94 KB
/// when it was one place per line). Where two places share a name (as the core keys names,
/// `gazetteer::phrase_key`), the one met first wins: hand-added places, then places by
/// falling population, then exonyms; so "Birmingham" is the English city and "Florida" the
/// US state.
fn build_cities(src: &Path) -> String {
    let text = read(&src.join("cities.tsv"));
    let mut seen: HashSet<u64> = HashSet::new();
    let mut by_country: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut add = |name: &str, iso: &str| {
        if seen.insert(article_explorer::gazetteer::phrase_key(name)) {
            by_country
                .entry(iso.to_string())
                .or_default()
                .push(name.to_string());
        }
    };
    // Hand-added places first: "Florida" is the US state, not the Cuban town, and
    // "Virginia" the state, not the South African town.
    for (name, iso) in EXTRA_PLACES {
        add(name, iso);
    }
    let mut alts: Vec<(String, String)> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let pop: u64 = f[3].trim().parse().unwrap_or(0);
        if pop < MIN_CITY_POPULATION {
            continue;
        }
        let (name, iso) = (clean(f[0]), clean(f[2]));
        add(name, iso);
        if pop >= MIN_ALT_NAME_POPULATION {
            for alt in f[1].split('|').map(clean) {
                // Plain English-looking exonyms only: no codes ("SHA"), no diacritics.
                let plain = alt.len() >= 4
                    && alt
                        .chars()
                        .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
                    && alt.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && alt.chars().skip(1).any(|c| c.is_ascii_lowercase());
                if plain {
                    alts.push((alt.to_string(), iso.to_string()));
                }
            }
        }
    }
    for (alt, iso) in &alts {
        add(alt, iso);
    }
    let mut out = String::new();
    for (iso, mut names) in by_country {
        names.sort();
        writeln!(out, "{iso}\t{}", names.join("|")).unwrap();
    }
    out
}

/// `iso2 \t name|name|...` of `REGIONS`, names sorted, like `places.tsv`.
fn build_regions() -> String {
    let mut out = String::new();
    let mut by_country: Vec<(&str, Vec<&str>)> = REGIONS
        .iter()
        .map(|(iso, names)| {
            let mut names = names.to_vec();
            names.sort_unstable();
            (*iso, names)
        })
        .collect();
    by_country.sort_unstable();
    for (iso, names) in by_country {
        writeln!(out, "{iso}\t{}", names.join("|")).unwrap();
    }
    out
}

/// A first name is given its sex when at least this share of its bearers (by the census'
/// per-sex frequencies) have it: "mary" F, "john" M, "jordan" (82% M) and "leslie" neither.
const MIN_SEX_SHARE: f64 = 0.9;

/// Lower-case first names, one per line, sorted; "\tF" or "\tM" after the names that are
/// (nearly) always one sex's.
fn build_first_names(src: &Path) -> String {
    let text = read(&src.join("first-names.tsv"));
    // name -> (male %, female %)
    let mut freq: std::collections::BTreeMap<String, (f64, f64)> = Default::default();
    for line in text.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(name), Some(sex)) = (cols.next(), cols.next()) else {
            continue;
        };
        let name = name.trim().to_lowercase();
        if name.is_empty() {
            continue;
        }
        let pct: f64 = cols
            .next()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0.0);
        let slot = freq.entry(name).or_default();
        match sex.trim() {
            "M" => slot.0 += pct,
            "F" => slot.1 += pct,
            _ => {}
        }
    }
    let mut out = String::new();
    for (name, (m, f)) in freq {
        let total = m + f;
        let sex = if total > 0.0 && m / total >= MIN_SEX_SHARE {
            "\tM"
        } else if total > 0.0 && f / total >= MIN_SEX_SHARE {
            "\tF"
        } else {
            ""
        };
        let _ = writeln!(out, "{name}{sex}");
    }
    out
}

/// The `N_SURNAMES` most frequent surnames, lower case, sorted.
fn build_surnames(src: &Path) -> String {
    let text = read(&src.join("surnames.tsv"));
    let set: BTreeSet<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .take(N_SURNAMES)
        .collect();
    set.into_iter().map(|n| n + "\n").collect()
}

/// Organisation suffixes, lower case, sorted, one spelling per key the matcher tells apart
/// ("& co" stands for "& co." too: `phrase_key` ignores a word's final stop).
fn build_suffixes(src: &Path) -> String {
    let text = read(&src.join("org-suffixes.txt"));
    let set: BTreeSet<String> = text
        .lines()
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    let mut keys = HashSet::new();
    set.into_iter()
        .filter(|n| keys.insert(gazetteer::phrase_key(n)))
        .map(|n| n + "\n")
        .collect()
}
