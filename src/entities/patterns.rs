//! Numeric entities from patterns: dates, money, percentages and quantities, each with a
//! normalised value ("2024-03-05", "GBP 225000000", "2.5%", "14000 books").
//!
//! Each family is one regex compiled once (`LazyLock`), run over the whole text, followed by
//! cheap checks in code for what a regex without look-around cannot say (digit boundaries,
//! plausible years, plural nouns). Overlaps between families are settled by `find`: the
//! longest match wins, ties go to the more specific family (money > percent > date > quantity).

use super::EntityKind;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A numeric mention with its normalised value, if one could be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumericMention {
    pub span: Span,
    pub kind: EntityKind,
    pub value: Option<String>,
}

/// Cardinal numbers written in digits: "14,000", "2.5", "107". ASCII digits only on purpose:
/// `\d` would accept every script's digits, which the value parser cannot read.
const DIGITS: &str = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";

/// Cardinal numbers written in words, up to ninety-nine, plus "a dozen"/"a hundred".
const NUM_WORDS: &str = r"(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\x20](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\x20dozen|a\x20hundred|a\x20thousand)";

/// Scale words after a number: "225 million", "two hundred".
const SCALE: &str = r"(?i:hundred|thousand|million|billion|trillion)";

const MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";

const WEEKDAYS: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// Money: a currency sign or code before the number ("£225 million", "$3.5bn", "US$5",
/// "EUR 40m"), or a currency word after it ("5 million euros").
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?P<pre>(?-u:\b)(?:US|A|AU|C|CA|NZ|HK|S)\$|\$|£|€|¥|₹|₽|₩|₴|(?-u:\b)(?:USD|EUR|GBP|JPY|CHF|CNY|INR|RUB|AUD|CAD|UAH)\ ?)
        (?P<num>{DIGITS})
        (?:\ ?(?P<scale>{SCALE})(?-u:\b)|(?P<abbr>bn|mn|m|k|tn|b)(?-u:\b))?
        |
        (?-u:\b)(?P<wnum>{DIGITS}|{NUM_WORDS})(?:\ (?P<wscale>{SCALE}))?\ (?P<cur>(?i:dollars|euros|pounds\ sterling|pounds|yen|yuan|renminbi|rupees|roubles|rubles|francs|hryvnias?|pesos|rand|cents|pence))(?-u:\b)
        "
    ))
    .expect("MONEY regex")
});

/// Percentages: "30%", "2.5 per cent", "12 percent", "five percentage points".
static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)(?-u:\b)(?P<num>{DIGITS}|{NUM_WORDS})(?:\ ?%|\ (?i:per\ ?cent|percent|percentage\ points?)(?-u:\b))"
    ))
    .expect("PERCENT regex")
});

/// A number, an optional scale and up to two following lowercase words; `quantity` decides
/// whether they name what is counted ("14,000 books", "two battalions", "3 km").
static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)(?-u:\b)
        (?P<num>{DIGITS}|{NUM_WORDS}|(?i:dozens|hundreds|thousands|tens\ of\ thousands|hundreds\ of\ thousands|millions)\ of)
        (?:\ (?P<scale>{SCALE}))?
        \ (?P<w1>[a-z][a-z/²-]*)(?:\ (?P<w2>[a-z][a-z-]*))?"
    ))
    .expect("QUANTITY regex")
});

/// Calendar dates: "5 March 2024", "March 5, 2024", "Friday, July 21, 2017", "March 2024",
/// "2024-03-05", "the 5th of March".
static CALENDAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?:(?P<wd>{WEEKDAYS}),?\ )?
        (?:
          (?P<m1>{MONTHS})\ (?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\ (?P<y1>[0-9]{{4}})(?-u:\b))?
        | (?-u:\b)(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\ (?:of\ )?(?P<m2>{MONTHS})(?:,?\ (?P<y2>[0-9]{{4}})(?-u:\b))?
        | (?P<m3>{MONTHS}),?\ (?P<y3>[0-9]{{4}})(?-u:\b)
        )
        | (?-u:\b)(?P<iy>[0-9]{{4}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}})(?-u:\b)
        "
    ))
    .expect("CALENDAR regex")
});

/// Holidays news dates things by ("before Christmas", "on Boxing Day"), with the month and day
/// of the fixed ones. Longer forms first: the regex takes the first alternative that matches.
const HOLIDAYS: &[(&str, Option<&str>)] = &[
    ("Christmas Eve", Some("12-24")),
    ("Christmas Day", Some("12-25")),
    ("Christmas", Some("12-25")),
    ("Boxing Day", Some("12-26")),
    ("New Year's Eve", Some("12-31")),
    ("New Year's Day", Some("01-01")),
    ("Chinese New Year", None),
    ("Lunar New Year", None),
    ("New Year", None),
    ("Hogmanay", Some("12-31")),
    ("Valentine's Day", Some("02-14")),
    ("St Patrick's Day", Some("03-17")),
    ("St. Patrick's Day", Some("03-17")),
    ("Good Friday", None),
    ("Easter Sunday", None),
    ("Easter Monday", None),
    ("Easter", None),
    ("Mother's Day", None),
    ("Father's Day", None),
    ("Bastille Day", Some("07-14")),
    ("Halloween", Some("10-31")),
    ("Bonfire Night", Some("11-05")),
    ("Guy Fawkes Night", Some("11-05")),
    ("Remembrance Day", Some("11-11")),
    ("Armistice Day", Some("11-11")),
    ("Remembrance Sunday", None),
    ("Thanksgiving", None),
    ("Ramadan", None),
    ("Eid al-Fitr", None),
    ("Eid al-Adha", None),
    ("Eid", None),
    ("Diwali", None),
    ("Hanukkah", None),
    ("Passover", None),
    ("Yom Kippur", None),
    ("Rosh Hashanah", None),
];

/// `HOLIDAYS` as a regex alternation; either apostrophe.
fn holidays_pattern() -> String {
    HOLIDAYS
        .iter()
        .map(|(h, _)| regex::escape(h).replace('\'', "['’]").replace(' ', r"\ "))
        .collect::<Vec<_>>()
        .join("|")
}

/// Whether `name` is a holiday (a date, whatever the tagger took it for: "Christmas" is no
/// person).
pub fn is_holiday(name: &str) -> bool {
    holiday_value(name).is_some()
}

/// The `HOLIDAYS` entry spelt `name` (either apostrophe): `Some(month-day)` or `Some(None)`.
fn holiday_value(name: &str) -> Option<Option<&'static str>> {
    // Asked of every name the tagger finds: the plain comparison checks lengths first.
    let curly = name.contains('’');
    let straight = |c: char| if c == '’' { '\'' } else { c };
    HOLIDAYS
        .iter()
        .find(|(h, _)| {
            if curly {
                h.chars().eq(name.chars().map(straight))
            } else {
                *h == name
            }
        })
        .map(|(_, md)| *md)
}

/// Holidays alone; a literal alternation, so the regex finds them with a prefilter instead
/// of a pass of its automaton over every byte.
static HOLIDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?x)(?-u:\b)(?:{})(?-u:\b)", holidays_pattern())).expect("HOLIDAY regex")
});

/// Dates relative to the article's own date, and named days and months standing alone:
/// "last Tuesday", "the coming year", "next week", "yesterday", "two years ago", "Friday",
/// "in March" (a bare month needs a preposition before it: "May" is also a verb and a name).
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)(?:
          (?i:the\ )?(?i:coming|past|previous|following|next|last|this(?:\ past|\ coming)?|current)\ (?:(?:[0-9]{{1,3}}|{NUM_WORDS}|few|several)\ )?(?i:weeks?|months?|years?|decades?|centur(?:y|ies)|weekend|days|spring|summer|autumn|fall|winter|quarter)
        | (?i:last|next|this|coming)\ (?:{WEEKDAYS}|{MONTHS})
        | (?:[0-9]{{1,3}}|{NUM_WORDS}|(?i:a\ few|several|a|an))\ (?i:days?|weeks?|months?|years?|decades?)\ (?i:ago|earlier|later)
        | (?i:yesterday|today|tomorrow|tonight)
        | (?i:the\ )?(?i:end|start|beginning|middle|turn)\ of\ (?i:the|this|next|last)\ (?i:year|decade|month|week|century)
        | {WEEKDAYS}
        | (?:(?i:early|late|mid)[-\x20])?(?i:spring|summer|autumn|winter)\ (?:of\ )?[0-9]{{4}}
        | (?:(?i:early|late|mid|mid-|end\ of|start\ of|beginning\ of))[\x20-]?(?:[0-9]{{4}}|{MONTHS})
        | (?P<prep>(?i:in|since|until|till|from|by|during|before|after|through|early|late|mid))\ (?P<month>{MONTHS})
        )(?-u:\b)
        "
    ))
    .expect("RELATIVE regex")
});

/// Decades and centuries: "the 1990s", "mid-2020s", "the early 2000s", "the '90s",
/// "the 20th century", "the sixties".
static DECADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?i:the)\ )?(?:(?i:early|late|mid)[-\x20])?
        (?:
          (?-u:\b)(?P<dec>(?:1[0-9]|20)?[0-9]0)s(?-u:\b)
        | ['’](?P<short>[0-9]0)s(?-u:\b)
        | (?-u:\b)(?P<cent>[0-9]{1,2})(?:st|nd|rd|th)\ century(?-u:\b)
        | (?-u:\b)(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?-u:\b)
        )
        ",
    )
    .expect("DECADE regex")
});

/// Four-digit numbers; `year` keeps the plausible years in date-like contexts.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[12][0-9]{3}(?-u:\b)").expect("YEAR regex"));

/// Every numeric mention of `text`, in text order, not overlapping. Linear in the text.
pub fn find(text: &str) -> Vec<NumericMention> {
    let mut found: Vec<(NumericMention, u8)> = Vec::new();
    for c in MONEY.captures_iter(text) {
        if let Some(m) = money(text, &c) {
            found.push((m, 4));
        }
    }
    for c in PERCENT.captures_iter(text) {
        if let Some(m) = percent(text, &c) {
            found.push((m, 3));
        }
    }
    for c in CALENDAR.captures_iter(text) {
        if let Some(m) = calendar(text, &c) {
            found.push((m, 2));
        }
    }
    for c in DECADE.captures_iter(text) {
        if let Some(m) = decade(text, &c) {
            found.push((m, 2));
        }
    }
    for c in RELATIVE.captures_iter(text) {
        if let Some(m) = relative(text, &c) {
            found.push((m, 2));
        }
    }
    for m in HOLIDAY.find_iter(text) {
        if let Some(m) = holiday(text, m.start(), m.end()) {
            found.push((m, 2));
        }
    }
    for m in YEAR.find_iter(text) {
        if let Some(m) = year(text, m.start(), m.end()) {
            found.push((m, 1));
        }
    }
    for c in QUANTITY.captures_iter(text) {
        if let Some(m) = quantity(text, &c) {
            found.push((m, 0));
        }
    }
    resolve(found)
}

/// Keeps the best of overlapping matches: longer first, then the family's rank.
fn resolve(mut found: Vec<(NumericMention, u8)>) -> Vec<NumericMention> {
    found.sort_by(|(a, ra), (b, rb)| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(rb.cmp(ra))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: std::collections::BTreeMap<u32, NumericMention> = Default::default();
    for (m, _) in found {
        let clash_before = kept
            .range(..m.span.end)
            .next_back()
            .is_some_and(|(_, k)| k.span.overlaps(m.span));
        if !clash_before {
            kept.insert(m.span.start, m);
        }
    }
    kept.into_values().collect()
}

/// The character before byte `i`, if any.
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Whether a match starting at `start` and ending at `end` is cut out of a longer number or
/// word ("2,025" must not yield "025"; "12025" must not yield "2025").
fn cut_from_number(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    let starts_digit = char_at(text, start).is_some_and(|c| c.is_ascii_digit());
    if starts_digit {
        if before.is_some_and(|c| c.is_alphanumeric()) {
            return true;
        }
        if matches!(before, Some(',' | '.')) && {
            let b = start - 1;
            char_before(text, b).is_some_and(|c| c.is_ascii_digit())
        } {
            return true;
        }
    }
    let ends_digit = char_before(text, end).is_some_and(|c| c.is_ascii_digit());
    if ends_digit {
        let after = char_at(text, end);
        if after.is_some_and(|c| c.is_alphanumeric()) {
            return true;
        }
        if matches!(after, Some(',' | '.'))
            && char_at(text, end + 1).is_some_and(|c| c.is_ascii_digit())
        {
            return true;
        }
    }
    false
}

/// The value of digits ("14,000", "2.5") or number words ("twenty-five", "a dozen").
pub fn number_value(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return s.replace(',', "").parse().ok();
    }
    let lower = s.to_ascii_lowercase();
    let unit = |w: &str| -> Option<f64> {
        Some(match w {
            "one" | "a" | "an" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" | "dozen" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            "hundred" => 100.0,
            "thousand" => 1000.0,
            _ => return None,
        })
    };
    let words: Vec<&str> = lower.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        // No number at all ("dozens of" has no value): not zero.
        [] => None,
        ["a" | "an", w] => unit(w),
        _ => words.iter().try_fold(0.0, |acc, w| Some(acc + unit(w)?)),
    }
}

fn scale_value(s: &str) -> Option<f64> {
    Some(match s.to_ascii_lowercase().as_str() {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// A number as people write it in a normalised value: no exponent, at most two decimals.
fn format_number(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

fn currency_code(prefix: &str) -> &'static str {
    let p = prefix.trim();
    match p {
        "£" | "GBP" => "GBP",
        "€" | "EUR" => "EUR",
        "¥" | "JPY" => "JPY",
        "₹" | "INR" => "INR",
        "₽" | "RUB" => "RUB",
        "₩" => "KRW",
        "₴" | "UAH" => "UAH",
        "A$" | "AU$" | "AUD" => "AUD",
        "C$" | "CA$" | "CAD" => "CAD",
        "NZ$" => "NZD",
        "HK$" => "HKD",
        "S$" => "SGD",
        "CHF" => "CHF",
        "CNY" => "CNY",
        _ => "USD",
    }
}

fn currency_word_code(word: &str) -> &'static str {
    match word.to_ascii_lowercase().as_str() {
        "euros" => "EUR",
        "pounds" | "pounds sterling" | "pence" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupees" => "INR",
        "roubles" | "rubles" => "RUB",
        "francs" => "CHF",
        "hryvnia" | "hryvnias" => "UAH",
        "pesos" => "MXN",
        "rand" => "ZAR",
        _ => "USD",
    }
}

fn money(text: &str, c: &regex::Captures) -> Option<NumericMention> {
    let m = c.get(0)?;
    if cut_from_number(text, m.start(), m.end()) {
        return None;
    }
    let (code, num, scale) = if let Some(pre) = c.name("pre") {
        // "BUS$5" is no "$5".
        if pre.as_str().starts_with('$')
            && char_before(text, pre.start()).is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let scale = c.name("scale").or(c.name("abbr")).map(|s| s.as_str());
        (currency_code(pre.as_str()), c.name("num")?.as_str(), scale)
    } else {
        let cur = c.name("cur")?.as_str();
        let scale = c.name("wscale").map(|s| s.as_str());
        (currency_word_code(cur), c.name("wnum")?.as_str(), scale)
    };
    let mut amount = number_value(num)?;
    if let Some(s) = scale {
        amount *= scale_value(s)?;
    }
    if c.name("cur").is_some_and(|w| {
        let w = w.as_str().to_ascii_lowercase();
        w == "cents" || w == "pence"
    }) {
        amount /= 100.0;
    }
    Some(NumericMention {
        span: Span::new(m.start(), m.end()),
        kind: EntityKind::Money,
        value: Some(format!("{code} {}", format_number(amount))),
    })
}

fn percent(text: &str, c: &regex::Captures) -> Option<NumericMention> {
    let m = c.get(0)?;
    if cut_from_number(text, m.start(), m.end()) {
        return None;
    }
    let value = number_value(c.name("num")?.as_str()).map(|x| format!("{}%", format_number(x)));
    Some(NumericMention {
        span: Span::new(m.start(), m.end()),
        kind: EntityKind::Percent,
        value,
    })
}

/// Words that end in "s" without being plural nouns, so "2025 was" or "107 is" is no quantity.
const NOT_PLURAL: &[&str] = &[
    "is",
    "was",
    "has",
    "does",
    "this",
    "its",
    "his",
    "us",
    "as",
    "yes",
    "thus",
    "plus",
    "minus",
    "versus",
    "always",
    "perhaps",
    "unless",
    "whereas",
    "towards",
    "afterwards",
    "besides",
    "sometimes",
    "nevertheless",
    "across",
    "less",
    "ours",
    "yours",
    "theirs",
    "hers",
    "various",
    "previous",
    "serious",
    "famous",
    "news",
    "series",
    "species",
    "means",
];

/// Counted nouns that are plural without a final "s", and units that may be singular.
const COUNT_WORDS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "police",
    "personnel",
    "staff",
    "feet",
    "sheep",
    "cattle",
    "troops",
    "aircraft",
    "km",
    "kilometre",
    "kilometer",
    "mile",
    "metre",
    "meter",
    "cm",
    "mm",
    "kg",
    "kilogram",
    "tonne",
    "ton",
    "lb",
    "litre",
    "liter",
    "gallon",
    "barrel",
    "acre",
    "hectare",
    "mph",
    "km/h",
    "sq",
    "square",
    "foot",
    "inch",
    "degree",
    "kilometres",
    "kilometers",
    "gigawatts",
    "megawatts",
    "mw",
    "gw",
    "kw",
    "kwh",
];

/// Units: a bare four-digit number before them is a measure, not a year.
const UNITS: &[&str] = &[
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "cm",
    "mm",
    "kg",
    "kilograms",
    "tonnes",
    "tons",
    "litres",
    "liters",
    "gallons",
    "barrels",
    "acres",
    "hectares",
    "mph",
    "km/h",
    "feet",
    "inches",
    "degrees",
    "mw",
    "gw",
];

fn is_counted_noun(w: &str) -> bool {
    if COUNT_WORDS.contains(&w) {
        return true;
    }
    w.len() >= 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("ous")
        && !NOT_PLURAL.contains(&w)
}

fn quantity(text: &str, c: &regex::Captures) -> Option<NumericMention> {
    let m = c.get(0)?;
    let num = c.name("num")?;
    if cut_from_number(text, m.start(), num.end()) {
        return None;
    }
    // "one" counts singular things, which cannot be told from other words: leave it.
    if num.as_str().eq_ignore_ascii_case("one") {
        return None;
    }
    let w1 = c.name("w1")?;
    let end = if is_counted_noun(w1.as_str()) {
        w1.end()
    } else {
        // One adjective before the noun: "three armoured brigades".
        let w2 = c.name("w2")?;
        if !is_counted_noun(w2.as_str())
            || w1.as_str().ends_with("ly")
            || is_function_word(w1.as_str())
        {
            return None;
        }
        w2.end()
    };
    let noun = text.get(w1.start()..end)?;
    let digits = num.as_str();
    // A bare plausible year before a noun is a date unless the noun is a unit or a qualifier
    // such as "about" says it is a count ("in 2025 troops were sent").
    if plausible_bare_year(digits) && c.name("scale").is_none() && !UNITS.contains(&w1.as_str()) {
        let prev = prev_word(text, m.start()).to_ascii_lowercase();
        if !matches!(
            prev.as_str(),
            "about"
                | "around"
                | "some"
                | "nearly"
                | "almost"
                | "over"
                | "than"
                | "least"
                | "roughly"
                | "approximately"
                | "estimated"
                | "the"
                | "all"
        ) {
            return None;
        }
    }
    let value = number_value(if digits.ends_with(" of") { "" } else { digits }).map(|x| {
        let x = c
            .name("scale")
            .and_then(|s| scale_value(s.as_str()))
            .map_or(x, |s| x * s);
        format!("{} {}", format_number(x), noun.to_lowercase())
    });
    Some(NumericMention {
        span: Span::new(m.start(), end),
        kind: EntityKind::Quantity,
        value,
    })
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "from"
            | "by"
            | "with"
            | "more"
            | "than"
            | "were"
            | "are"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "per"
            | "that"
            | "which"
            | "who"
    )
}

fn plausible_bare_year(s: &str) -> bool {
    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
}

/// The word just before byte `i` (letters, digits, dots), or "".
fn prev_word(text: &str, i: usize) -> &str {
    let head = text.get(..i).unwrap_or("").trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '.' || *c == '#')
        .last()
        .map_or(head.len(), |(j, _)| j);
    head.get(start..).unwrap_or("")
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.trim_end_matches('.').to_ascii_lowercase();
    let key = m.get(..3)?;
    Some(match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn calendar(text: &str, c: &regex::Captures) -> Option<NumericMention> {
    let m = c.get(0)?;
    if cut_from_number(text, m.start(), m.end()) {
        return None;
    }
    let get = |n: &str| c.name(n).map(|x| x.as_str());
    let value = if let (Some(y), Some(mo), Some(d)) = (get("iy"), get("im"), get("id")) {
        let (mo, d): (u32, u32) = (mo.parse().ok()?, d.parse().ok()?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
            return None;
        }
        Some(format!("{y}-{mo:02}-{d:02}"))
    } else {
        let month = get("m1")
            .or(get("m2"))
            .or(get("m3"))
            .and_then(month_number)?;
        let day: Option<u32> = get("d1").or(get("d2")).and_then(|d| d.parse().ok());
        if day.is_some_and(|d| !(1..=31).contains(&d)) {
            return None;
        }
        let year = get("y1").or(get("y2")).or(get("y3"));
        if year.is_some_and(|y| !y.parse::<u32>().is_ok_and(|y| (1000..=2199).contains(&y))) {
            return None;
        }
        // "May 5" alone is too often "may" + a number; keep it only with a year or a weekday.
        if month == 5 && year.is_none() && get("wd").is_none() && get("m1") == Some("May") {
            let before = prev_word(text, m.start());
            if !matches!(before, "on" | "On" | "since" | "until" | "by" | "from") {
                return None;
            }
        }
        Some(match (year, day) {
            (Some(y), Some(d)) => format!("{y}-{month:02}-{d:02}"),
            (Some(y), None) => format!("{y}-{month:02}"),
            (None, Some(d)) => format!("XXXX-{month:02}-{d:02}"),
            (None, None) => return None,
        })
    };
    Some(NumericMention {
        span: Span::new(m.start(), m.end()),
        kind: EntityKind::Date,
        value,
    })
}

fn decade(text: &str, c: &regex::Captures) -> Option<NumericMention> {
    let m = c.get(0)?;
    if cut_from_number(text, m.start(), m.end()) {
        return None;
    }
    let mut start = m.start();
    // "the 1990s" is written as "1990s" in news annotation, "the sixties" keeps its "the".
    if c.name("dec").is_some_and(|d| d.as_str().len() == 4) || c.name("short").is_some() {
        let s = m.as_str();
        if s.len() > 4 && s[..4].eq_ignore_ascii_case("the ") {
            start += 4;
        }
    }
    let value = if let Some(d) = c.name("dec") {
        let d = d.as_str();
        if d.len() == 2 && d != "00" {
            // "80s" without an apostrophe is as often an age ("in their 80s") as a decade.
            let the = m.as_str().to_ascii_lowercase().starts_with("the ");
            if !the {
                return None;
            }
            Some(format!("{d}s"))
        } else if d.len() == 4 {
            Some(format!("{d}s"))
        } else {
            return None;
        }
    } else if let Some(s) = c.name("short") {
        Some(format!("{}s", s.as_str()))
    } else if let Some(n) = c.name("cent") {
        let n: u32 = n.as_str().parse().ok()?;
        if !(1..=22).contains(&n) {
            return None;
        }
        Some(format!("century {n}"))
    } else {
        // "the sixties": only with "the", else it is someone's age.
        if !m.as_str().to_ascii_lowercase().starts_with("the ") {
            return None;
        }
        None
    };
    Some(NumericMention {
        span: Span::new(start, m.end()),
        kind: EntityKind::Date,
        value,
    })
}

/// A holiday at `start..end`, with its month and day where fixed, and the "last", "next",
/// "this" or "coming" before it ("last Christmas", a date relative to the article's).
fn holiday(text: &str, start: usize, end: usize) -> Option<NumericMention> {
    let before = text.get(..start)?;
    // "Father Christmas" is a figure, not a day.
    if before.ends_with("Father ") {
        return None;
    }
    let mut value = holiday_value(text.get(start..end)?)?.map(|md| format!("XXXX-{md}"));
    let mut start = start;
    if let Some(word) = before.strip_suffix(' ') {
        let from = word.rfind(' ').map_or(0, |i| i + 1);
        let w = &word[from..];
        if ["last", "next", "this", "coming"]
            .iter()
            .any(|r| w.eq_ignore_ascii_case(r))
        {
            start = from;
            value = None;
        }
    }
    Some(NumericMention {
        span: Span::new(start, end),
        kind: EntityKind::Date,
        value,
    })
}

fn relative(text: &str, c: &regex::Captures) -> Option<NumericMention> {
    let m = c.get(0)?;
    if cut_from_number(text, m.start(), m.end()) {
        return None;
    }
    let mut start = m.start();
    let mut value = None;
    // "in March": the preposition only licenses the month; it is not part of the date.
    if let (Some(prep), Some(month)) = (c.name("prep"), c.name("month")) {
        let p = prep.as_str().to_ascii_lowercase();
        if !matches!(p.as_str(), "early" | "late" | "mid") {
            start = month.start();
        }
        value = month_number(month.as_str()).map(|n| format!("XXXX-{n:02}"));
    }
    let s = text.get(start..m.end())?;
    let lower = s.to_ascii_lowercase();
    // "the last days", "the next years": a plural unit needs a count ("the past 30 days").
    let words: Vec<&str> = lower.split(' ').collect();
    if words.len() <= 3
        && words
            .last()
            .is_some_and(|w| w.ends_with('s') && !w.ends_with("ies"))
        && words.iter().any(|w| {
            matches!(
                *w,
                "last" | "next" | "past" | "coming" | "previous" | "following" | "this" | "current"
            )
        })
        && !words.iter().any(|w| {
            matches!(*w, "few" | "several")
                || w.starts_with(|c: char| c.is_ascii_digit())
                || number_value(w).is_some()
        })
    {
        return None;
    }
    if let Some(year) = lower
        .strip_prefix("early ")
        .or(lower.strip_prefix("late "))
        .or(lower.strip_prefix("mid-"))
        .or(lower.strip_prefix("mid "))
    {
        if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
            value = Some(year.to_string());
        }
    }
    Some(NumericMention {
        span: Span::new(start, m.end()),
        kind: EntityKind::Date,
        value,
    })
}

/// Words before a number that make it a label, not a year ("Room 101", "Flight 2025").
const LABEL_WORDS: &[&str] = &[
    "room",
    "no.",
    "no",
    "number",
    "#",
    "page",
    "pages",
    "p.",
    "pp.",
    "flight",
    "route",
    "bus",
    "line",
    "platform",
    "gate",
    "article",
    "chapter",
    "section",
    "resolution",
    "highway",
    "interstate",
    "road",
    "model",
    "version",
    "level",
    "grade",
    "channel",
    "code",
    "apartment",
    "suite",
    "unit",
    "box",
    "seat",
    "row",
    "track",
    "episode",
    "vol.",
    "volume",
    "issue",
    "figure",
    "table",
    "rule",
    "paragraph",
    "clause",
    "bill",
    "act",
    "hr",
    "h.r.",
    "s.",
];

fn year(text: &str, start: usize, end: usize) -> Option<NumericMention> {
    if cut_from_number(text, start, end) {
        return None;
    }
    let s = text.get(start..end)?;
    let y: u32 = s.parse().ok()?;
    // Not part of money, a percentage, a time or a measure: "$2025", "2025%", "20:25".
    let before = char_before(text, start);
    if before
        .is_some_and(|c| matches!(c, '$' | '£' | '€' | '¥' | '#' | ':' | '/' | '-' | '+' | '−'))
    {
        return None;
    }
    let after = char_at(text, end);
    if after.is_some_and(|c| matches!(c, '%' | ':' | '/' | '°' | '-')) {
        return None;
    }
    let prev = prev_word(text, start).to_ascii_lowercase();
    if LABEL_WORDS.contains(&prev.as_str()) {
        return None;
    }
    let date_context = matches!(
        prev.as_str(),
        "in" | "since"
            | "until"
            | "till"
            | "from"
            | "by"
            | "of"
            | "during"
            | "before"
            | "after"
            | "year"
            | "circa"
            | "c."
            | "early"
            | "late"
            | "mid"
            | "spring"
            | "summer"
            | "autumn"
            | "winter"
            | "fall"
            | "through"
            | "between"
            | "and"
    );
    if !((1900..=2099).contains(&y) || (date_context && (1000..=2099).contains(&y))) {
        return None;
    }
    Some(NumericMention {
        span: Span::new(start, end),
        kind: EntityKind::Date,
        value: Some(s.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, kind, value) of every numeric mention.
    fn all(text: &str) -> Vec<(String, EntityKind, Option<String>)> {
        find(text)
            .into_iter()
            .map(|m| (m.span.text(text).to_string(), m.kind, m.value))
            .collect()
    }

    fn one(text: &str, kind: EntityKind) -> (String, Option<String>) {
        let found: Vec<_> = all(text)
            .into_iter()
            .filter(|(_, k, _)| *k == kind)
            .collect();
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        let (t, _, v) = found.into_iter().next().unwrap();
        (t, v)
    }

    fn none_of(text: &str, kind: EntityKind) {
        let found: Vec<_> = all(text)
            .into_iter()
            .filter(|(_, k, _)| *k == kind)
            .collect();
        assert!(
            found.is_empty(),
            "{text:?} should have no {kind:?}: {found:?}"
        );
    }

    #[test]
    fn money_with_signs_codes_and_words() {
        for (text, span, value) in [
            (
                "an additional £225 million in aid",
                "£225 million",
                "GBP 225000000",
            ),
            ("a $3.5bn deal", "$3.5bn", "USD 3500000000"),
            ("worth €40m.", "€40m", "EUR 40000000"),
            ("just US$5 each", "US$5", "USD 5"),
            ("about 5 million euros", "5 million euros", "EUR 5000000"),
            ("a £2.5bn package", "£2.5bn", "GBP 2500000000"),
            ("fined 50 cents", "50 cents", "USD 0.5"),
            ("cost twenty dollars", "twenty dollars", "USD 20"),
            ("EUR 1,200 fee", "EUR 1,200", "EUR 1200"),
        ] {
            let (t, v) = one(text, EntityKind::Money);
            assert_eq!((t.as_str(), v.as_deref()), (span, Some(value)), "{text}");
        }
    }

    #[test]
    fn money_must_not_match() {
        for text in [
            "he scored 225 points",
            "5 million people",
            "a 40m-long ship",
            "BUS$5",
            "pounds of flour",
            "the $ sign",
        ] {
            none_of(text, EntityKind::Money);
        }
    }

    #[test]
    fn percentages() {
        for (text, span, value) in [
            ("rose 2.5 per cent", "2.5 per cent", "2.5%"),
            ("by 30% in May", "30%", "30%"),
            ("fell 12 percent.", "12 percent", "12%"),
            ("up five percentage points", "five percentage points", "5%"),
        ] {
            let (t, v) = one(text, EntityKind::Percent);
            assert_eq!((t.as_str(), v.as_deref()), (span, Some(value)), "{text}");
        }
        for text in ["per cent of nothing", "30 people", "100percentage", "A5%"] {
            none_of(text, EntityKind::Percent);
        }
    }

    #[test]
    fn quantities() {
        for (text, span, value) in [
            ("it holds 14,000 books.", "14,000 books", "14000 books"),
            ("sent two battalions", "two battalions", "2 battalions"),
            ("killing 107 people", "107 people", "107 people"),
            ("a 3 km walk", "3 km", "3 km"),
            ("some 2,025 troops", "2,025 troops", "2025 troops"),
            (
                "three armoured brigades",
                "three armoured brigades",
                "3 armoured brigades",
            ),
            (
                "about 2 million refugees",
                "2 million refugees",
                "2000000 refugees",
            ),
            ("a dozen eggs", "a dozen eggs", "12 eggs"),
            ("led it for 12 years", "12 years", "12 years"),
            ("twenty five people", "twenty five people", "25 people"),
        ] {
            let (t, v) = one(text, EntityKind::Quantity);
            assert_eq!((t.as_str(), v.as_deref()), (span, Some(value)), "{text}");
        }
        // A vague count is a quantity without a value, not zero of them.
        let (t, v) = one("dozens of rounds were fired", EntityKind::Quantity);
        assert_eq!((t.as_str(), v), ("dozens of rounds", None));
        for text in [
            "Room 101 was empty",
            "one of several options",
            "in 2025 troops were sent",
            "the 107 is late",
            "two of them",
            "at 5 was",
        ] {
            none_of(text, EntityKind::Quantity);
        }
    }

    #[test]
    fn calendar_dates() {
        for (text, span, value) in [
            ("on 5 March 2024,", "5 March 2024", Some("2024-03-05")),
            ("on March 5, 2024 he", "March 5, 2024", Some("2024-03-05")),
            (
                "Friday, July 21, 2017",
                "Friday, July 21, 2017",
                Some("2017-07-21"),
            ),
            ("in September 2021", "September 2021", Some("2021-09")),
            ("on January 23 the", "January 23", Some("XXXX-01-23")),
            ("dated 2024-03-05.", "2024-03-05", Some("2024-03-05")),
            ("the 5th of March", "5th of March", Some("XXXX-03-05")),
        ] {
            let (t, v) = one(text, EntityKind::Date);
            assert_eq!((t.as_str(), v.as_deref()), (span, value), "{text}");
        }
    }

    #[test]
    fn years_only_in_date_like_places() {
        assert_eq!(
            one("as it looks to 2025 and beyond", EntityKind::Date).0,
            "2025"
        );
        assert_eq!(
            one("As 2025 approaches", EntityKind::Date).1.as_deref(),
            Some("2025")
        );
        assert_eq!(one("built in 1450", EntityKind::Date).0, "1450");
        for text in [
            "2,025 troops",
            "Room 101",
            "Room 2025",
            "$2025",
            "20:25",
            "12025",
            "a 1450 score",
            "page 1999",
            "2025%",
            "1,999 people",
        ] {
            none_of(text, EntityKind::Date);
        }
    }

    #[test]
    fn holidays_are_dates() {
        for (text, span, value) in [
            (
                "sales before Christmas rose",
                "Christmas",
                Some("XXXX-12-25"),
            ),
            ("on Christmas Eve,", "Christmas Eve", Some("XXXX-12-24")),
            ("the Boxing Day sales", "Boxing Day", Some("XXXX-12-26")),
            ("by New Year’s Eve.", "New Year’s Eve", Some("XXXX-12-31")),
            ("during Ramadan.", "Ramadan", None),
            ("at Eid al-Fitr", "Eid al-Fitr", None),
            ("we met last Christmas.", "last Christmas", None),
        ] {
            let (t, v) = one(text, EntityKind::Date);
            assert_eq!((t.as_str(), v.as_deref()), (span, value), "{text}");
        }
        none_of("Father Christmas came.", EntityKind::Date);
        none_of("the christmas tree", EntityKind::Date);
        assert!(is_holiday("Christmas") && is_holiday("New Year’s Day"));
        assert!(!is_holiday("Christmas Island"));
    }

    #[test]
    fn relative_dates_and_decades() {
        for (text, span) in [
            ("met last Tuesday.", "last Tuesday"),
            ("in the coming year.", "the coming year"),
            ("in the mid-2020s", "mid-2020s"),
            ("It rained yesterday.", "yesterday"),
            ("see you next week", "next week"),
            ("earlier this year,", "this year"),
            ("popular in the 1990s.", "1990s"),
            ("two years ago", "two years ago"),
            ("on Friday morning", "Friday"),
            ("since March the", "March"),
            ("the 20th century", "the 20th century"),
            ("in the sixties", "the sixties"),
            ("a decade ago", "a decade ago"),
            ("This past week", "This past week"),
            ("by the end of the decade.", "the end of the decade"),
            ("until the end of June,", "end of June"),
            ("in the early 2000s", "early 2000s"),
        ] {
            assert_eq!(one(text, EntityKind::Date).0, span, "{text}");
        }
        for text in [
            "May I ask",
            "the next phase",
            "the march was long",
            "a man in his 80s",
            "she is in her sixties",
            "the last days",
            "this one",
        ] {
            none_of(text, EntityKind::Date);
        }
    }

    #[test]
    fn overlaps_keep_the_longest() {
        let found = all("On Friday, July 21, 2017, 30% of 107 people paid £5 million.");
        let texts: Vec<&str> = found.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["Friday, July 21, 2017", "30%", "107 people", "£5 million"]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "£",
            "$.",
            "1,",
            "2025-13-45",
            "é2025é",
            "’90s",
            "٢٠٢٥",
            "5 per",
        ] {
            let _ = find(s);
        }
    }
}
