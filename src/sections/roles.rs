//! What a paragraph is for the reader, decided from its own text: byline, dateline, date line,
//! photo caption or web debris. Position-dependent roles (lede, captions before the lede) are
//! decided in `mod.rs`, which sees the whole document.
//!
//! Every test here looks at short paragraphs only, so the cost stays constant per paragraph.

use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// Longest paragraph (bytes) that can be a caption; captions are a sentence or two.
const MAX_CAPTION_BYTES: usize = 400;
/// Longest paragraph (bytes) that can be any other metadata line.
const MAX_META_BYTES: usize = 160;

/// A dateline opening a paragraph: "LONDON (Reuters) - ", "NEW YORK, March 3 (AP) — ",
/// "Kyiv, Ukraine (CNN) — ", "PARIS — ". Either the place is in capitals, or a news agency
/// in brackets follows it; then a dash and a space (or the end of the text).
const DATELINE_PATTERN: &str = r"^(?:(?:[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]*)*)(?:, [A-Z][\p{L}.]*(?: [\p{L}\d.]+){0,3})?(?: ?\([A-Z][\p{L} .&/\-]{0,30}\))?|[A-Z][\p{L}'’.\-]+(?: [A-Z][\p{L}'’.\-]+)*(?:, [A-Z\d][\p{L}\d.]*(?: [\p{L}\d.]+){0,3})? ?\([A-Z][\p{L} .&/\-]{0,30}\)) ?(?:--?|—|–)(?:\s+|$)";

/// `DATELINE_PATTERN` exactly. Its bracket's `{0,30}` copies a Unicode class thirty times
/// in each branch, which made it the costliest regex of the app to compile (~80% of all
/// regex building, paid by every process and page on its first dateline-like paragraph), so
/// it is only built for the rare dateline whose bracket is longer (see `find_dateline`).
static DATELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(DATELINE_PATTERN).expect("dateline regex"));

/// `DATELINE_PATTERN` with the bracket unbounded (`*`): the same matches wherever the
/// bracket it takes holds at most `DATELINE_BRACKET_CHARS`.
static DATELINE_LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&DATELINE_PATTERN.replace("{0,30}", "*")).expect("loose dateline regex")
});

/// Most characters inside a dateline's bracket: a capital and up to 30 more.
const DATELINE_BRACKET_CHARS: usize = 31;

/// A dateline's match as `DATELINE` finds it, through `DATELINE_LOOSE` when it can. Every
/// match of `DATELINE` matches the loose regex, which tries the same paths in the same order,
/// so the loose match is `DATELINE`'s unless its bracket is too long for `DATELINE`. No part
/// before the bracket can hold "(", so the first "(" of a match opens its bracket.
fn find_dateline(head: &str) -> Option<regex::Match<'_>> {
    let m = DATELINE_LOOSE.find(head)?;
    let fits = m.as_str().split_once('(').is_none_or(|(_, rest)| {
        rest.split(')').next().unwrap_or("").chars().count() <= DATELINE_BRACKET_CHARS
    });
    if fits {
        Some(m)
    } else {
        DATELINE.find(head)
    }
}

/// A photo credit or caption marker: "Image: NASA.", "Photo: Getty Images",
/// "Picture by Jane Doe", "Image caption". The credit must start with a capital so that
/// "Photo by photo, the album grew" is not one.
static CAPTION_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s(\[])(?:Image|Images|Photo|Photos|Photograph|Photography|Picture|Pic|Illustration|Credit|Photo credit|Image credit|Image source|Source|Graphic|Video)(?:\s*:\s*|\s+by\s+)[\p{Lu}\d]|^(?:Image|Media) caption\b|\(\s*(?:AP |AFP |Reuters )?(?:Photo|Image|Picture)s?\b[^)]*\)\s*$|\b(?:AP Photo|REUTERS|AFP|EPA)/\p{Lu}|\bGetty Images\.?\s*$",
    )
    .expect("caption regex")
});

/// The words one of which every `CAPTION_MARKER` match contains. Most paragraphs have none,
/// and this scan is much cheaper than running the regex on each of them.
static CAPTION_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new([
        "Image",
        "Photo",
        "Picture",
        "Pic",
        "Illustration",
        "Credit",
        "Source",
        "Graphic",
        "Video",
        "caption",
        "REUTERS",
        "AFP",
        "EPA",
        "Getty",
    ])
    .expect("caption words")
});

pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The byte length of a dateline opening `s` (dash and following space included), if any.
pub(crate) fn dateline_len(s: &str) -> Option<usize> {
    // Datelines are short; looking further is wasted work on long paragraphs.
    let head = prefix(s, 80);
    // Every dateline has a dash; most paragraphs' openings have none.
    if !head.contains(['-', '—', '–']) {
        return None;
    }
    // And it starts with a capital followed by another capital or mark (the capitals'
    // branch) or it has an agency in brackets (the other branch). The regex is too large for
    // its lazy DFA and runs as a backtracker that clears a bitset of states x bytes for every
    // call, so these exact necessary conditions save most of its calls.
    let mut chars = head.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    let capitals = chars
        .next()
        .is_some_and(|c| c.is_ascii_uppercase() || matches!(c, '\'' | '’' | '.' | '-'));
    if !first_ok || !(capitals || head.contains('(')) {
        return None;
    }
    let m = find_dateline(head)?;
    let place = m.as_str();
    // "I -" or "A -" is not a place.
    (place.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(m.end())
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// "By Jane Smith", "By JANE SMITH and JOHN DOE, BBC News", "Reporting by Jane Smith;
/// Editing by John Doe". Every word after "By" is capitalised or a connector, so
/// "By the end of the year" and "By Monday evening, ..." are not bylines.
pub(crate) fn is_byline(s: &str) -> bool {
    if s.len() > MAX_META_BYTES {
        return false;
    }
    let rest = if let Some(r) = strip_prefix_ci(s, "by ") {
        r
    } else if let Some(i) = find_ci(s, " by ") {
        let lead = &s[..i];
        let lead_lc = lead.to_ascii_lowercase();
        if !matches!(
            lead_lc.as_str(),
            "reporting" | "additional reporting" | "written" | "words" | "story" | "text"
        ) {
            return false;
        }
        &s[i + 4..]
    } else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 {
        return false;
    }
    if !words[0].chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    words.iter().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || matches!(
                w,
                "and"
                    | "in"
                    | "for"
                    | "of"
                    | "de"
                    | "van"
                    | "von"
                    | "der"
                    | "da"
                    | "la"
                    | "le"
                    | "by"
                    | "at"
                    | "the"
                    | "with"
                    | "editing"
                    | "reporting"
            )
    }) && !s.trim_end().ends_with([',', ':'])
}

fn strip_prefix_ci<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let head = s.get(..p.len())?;
    head.eq_ignore_ascii_case(p).then(|| &s[p.len()..])
}

fn find_ci(s: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    let b = s.as_bytes();
    (0..b.len().saturating_sub(n - 1).min(40))
        .find(|&i| b[i..i + n].eq_ignore_ascii_case(needle.as_bytes()))
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const DATE_FILLERS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "first",
    "date",
    "on",
    "at",
    "of",
    "the",
    "modified",
    "hour",
    "hours",
    "minute",
    "minutes",
    "min",
    "mins",
    "day",
    "days",
    "week",
    "weeks",
];
/// Words that make a number a time: "1945 GMT", "10:45 am", "3 hours ago".
const TIME_WORDS: &[&str] = &[
    "am", "pm", "a.m", "p.m", "gmt", "bst", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst",
    "pdt", "et", "pt", "cet", "cest", "ist", "aest", "aedt", "jst", "ago",
];

/// A publication date line: "Friday, July 21, 2017", "21 July 2017 10:45 BST",
/// "Published: 3 March 2024", "Updated 3 hours ago", "2017-07-21". Every word is a date word
/// and there is a number, so a heading "Friday" is not a date.
pub(crate) fn is_date_line(s: &str) -> bool {
    if s.len() > 80 || word_count(s) > 12 {
        return false;
    }
    let mut has_number = false;
    let mut has_date_word = false;
    let mut has_time_word = false;
    for word in s.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '/' | '·' | '•' | '-' | '–' | '—' | '(' | ')')
    }) {
        let w = word.trim_matches(|c: char| matches!(c, '.' | ':' | ','));
        if w.is_empty() {
            continue;
        }
        let lower = w.to_ascii_lowercase();
        let digits = w.bytes().filter(u8::is_ascii_digit).count();
        if digits > 0 {
            // "21", "2017", "21st", "10:45", "10.45", "10:45am"
            let rest_ok = w
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.')
                .to_ascii_lowercase();
            if !matches!(
                rest_ok.as_str(),
                "" | "st" | "nd" | "rd" | "th" | "am" | "pm" | "h"
            ) {
                return false;
            }
            has_number = true;
        } else if WEEKDAYS.contains(&lower.as_str()) || MONTHS.contains(&lower.as_str()) {
            has_date_word = true;
        } else if TIME_WORDS.contains(&lower.as_str()) {
            has_time_word = true;
        } else if !DATE_FILLERS.contains(&lower.as_str()) {
            return false;
        }
    }
    has_number && (has_date_word || has_time_word || s.contains(['-', '/', ':']))
}

/// A photo caption or credit: a short paragraph carrying a credit marker near its end or at
/// its start ("Image: NASA.", "Belle Image: Nick Moreau.", "(Photo by Jane Doe/Getty)").
pub(crate) fn is_caption(s: &str) -> bool {
    if s.len() > MAX_CAPTION_BYTES || word_count(s) > 60 {
        return false;
    }
    if !CAPTION_WORDS.is_match(s) {
        return false;
    }
    let Some(m) = CAPTION_MARKER.find(s) else {
        return false;
    };
    // The credit runs to the end: a marker in the middle of a long paragraph is prose.
    m.start() == 0 || word_count(&s[m.start()..]) <= 10
}

/// Exact debris lines, compared lower-cased with trailing punctuation removed.
const DEBRIS_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this page",
    "share article",
    "share story",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "copy link",
    "link copied",
    "save",
    "save article",
    "follow",
    "read more",
    "more",
    "related",
    "related articles",
    "related stories",
    "related topics",
    "related content",
    "most read",
    "most popular",
    "top stories",
    "recommended",
    "recommended stories",
    "more on this story",
    "you may also like",
    "you might also like",
    "skip advertisement",
    "continue reading",
    "continue reading the main story",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "listen to this article",
    "back to top",
    "see also",
    "watch",
    "loading",
    "image",
    "getty images",
];

/// Prefixes that make a short line debris whatever follows: "Share on Facebook",
/// "Sign up for our newsletter", "Read more: ...".
const DEBRIS_PREFIXES: &[&str] = &[
    "share on ",
    "share via ",
    "share with ",
    "share this ",
    "sign up ",
    "sign up:",
    "subscribe to ",
    "subscribe now",
    "subscribe for ",
    "read more:",
    "read more ",
    "read next:",
    "read next ",
    "related:",
    "see also:",
    "follow us ",
    "follow us:",
    "click here ",
    "click to ",
    "continue reading",
    "download the ",
    "get the latest ",
    "listen to this ",
    "watch:",
    "watch the video",
    "more from ",
    "more stories ",
    "skip to ",
    "newsletter",
    "this article is more than ",
    "we use cookies",
];

/// Web debris: share buttons, advertisement markers, newsletter prompts.
pub(crate) fn is_debris(s: &str) -> bool {
    if s.len() > MAX_META_BYTES || word_count(s) > 16 {
        return false;
    }
    let mut buf = [0u8; 64];
    let head = prefix(s, 64);
    let n = head.len();
    buf[..n].copy_from_slice(head.as_bytes());
    buf[..n].make_ascii_lowercase();
    let lower = std::str::from_utf8(&buf[..n]).unwrap_or("");
    let bare = lower.trim_end_matches(['.', ':', '!', '>', '›', '»', ' ', '→']);
    if s.len() <= 64 && DEBRIS_LINES.contains(&bare) {
        return true;
    }
    DEBRIS_PREFIXES.iter().any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_matches_agency_and_capital_places() {
        for (s, head) in [
            (
                "LONDON (Reuters) - The Bank of England",
                "LONDON (Reuters) - ",
            ),
            ("WASHINGTON (AP) — Senators agreed", "WASHINGTON (AP) — "),
            (
                "NEW YORK, March 3 (Reuters) - Stocks fell",
                "NEW YORK, March 3 (Reuters) - ",
            ),
            (
                "Kyiv, Ukraine (CNN) — Russian forces",
                "Kyiv, Ukraine (CNN) — ",
            ),
            ("PARIS — The French government", "PARIS — "),
            ("LONDON (Reuters) -", "LONDON (Reuters) -"),
        ] {
            assert_eq!(dateline_len(s), Some(head.len()), "{s}");
        }
    }

    #[test]
    fn dateline_prefilter_only_skips_what_the_regex_rejects() {
        let by_regex = |s: &str| {
            let head = prefix(s, 80);
            let m = DATELINE.find(head)?;
            (m.as_str().chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(m.end())
        };
        let alphabet: Vec<char> = "AZaz'’.-( )—–,é1".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 14) {
                s.push(alphabet[((seed >> (4 * k)) % alphabet.len() as u64) as usize]);
            }
            assert_eq!(dateline_len(&s), by_regex(&s), "{s:?}");
        }
    }

    #[test]
    fn the_loose_dateline_regex_finds_what_the_exact_one_finds() {
        // Datelines built from parts, with brackets from empty to well over the exact
        // regex's 31 characters, names that end in a dash, and what follows them.
        let names = [
            "PARIS",
            "AB-",
            "NEW YORK",
            "Kyiv",
            "São Paulo",
            "A",
            "X-Y",
            "ÉIRE",
        ];
        let places = ["", ", Ukraine", ", March 3", ", Texas 2024 x y z"];
        let dashes = [" - ", " — ", "-", " -- ", " –x", " ", "- "];
        let fill: Vec<char> = "Abcé .&/-xZ".chars().collect();
        let odd = ['(', ')', '1', ','];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut long, mut matched, mut differs) = (0, 0, 0);
        for _ in 0..20_000 {
            let mut s = String::new();
            s.push_str(names[(next() % names.len() as u64) as usize]);
            s.push_str(places[(next() % places.len() as u64) as usize]);
            if next() % 4 != 0 {
                s.push_str([" (", "(", " - ("][(next() % 3) as usize]);
                let n = next() % 45;
                long += usize::from(n > 31);
                for k in 0..n {
                    let r = if k == 0 { next() % 2 } else { next() };
                    if next() % 40 == 0 {
                        s.push(odd[(r % odd.len() as u64) as usize]);
                    } else {
                        s.push(fill[(r % fill.len() as u64) as usize]);
                    }
                }
                s.push(')');
            }
            s.push_str(dashes[(next() % dashes.len() as u64) as usize]);
            s.push_str(["The", "", "Police said"][(next() % 3) as usize]);
            let exact = DATELINE.find(&s).map(|m| m.range());
            let loose = DATELINE_LOOSE.find(&s).map(|m| m.range());
            matched += usize::from(exact.is_some());
            differs += usize::from(loose != exact);
            assert_eq!(find_dateline(&s).map(|m| m.range()), exact, "{s:?}");
        }
        // The cases that matter were made: datelines, long brackets, and loose matches that
        // are not the exact regex's.
        assert!(
            matched > 1000 && long > 1000 && differs > 50,
            "{matched} {long} {differs}"
        );
    }

    #[test]
    fn dateline_does_not_match_prose() {
        for s in [
            "The minister - who was absent - said",
            "US-China talks resumed",
            "London is the capital - of course",
            "A - B testing",
            "NATO members met on Tuesday",
            "Boris Johnson said - again - that",
        ] {
            assert_eq!(dateline_len(s), None, "{s}");
        }
    }

    #[test]
    fn bylines() {
        for s in [
            "By Jane Smith",
            "By JANE SMITH and JOHN DOE",
            "By Jane Smith, BBC News",
            "by Jane Smith | Reuters",
            "Reporting by Jane Smith; Editing by John Doe",
        ] {
            assert!(is_byline(s), "{s}");
        }
        for s in [
            "By the end of the year, prices had doubled.",
            "By Monday evening the roads were clear",
            "Standby power was cut",
            "By contrast,",
        ] {
            assert!(!is_byline(s), "{s}");
        }
    }

    #[test]
    fn date_lines() {
        for s in [
            "Friday, July 21, 2017",
            "21 July 2017",
            "Published: 3 March 2024, 10:45 GMT",
            "Updated 3 hours ago",
            "2017-07-21",
            "Mon 21 Jul 2017 10.45 BST",
            "1945 GMT",
        ] {
            assert!(is_date_line(s), "{s}");
        }
        for s in [
            "Friday",
            "July 2017 was the hottest month on record.",
            "Group F — Sweden 1 – 0 Korea Republic",
            "10 Downing Street",
            "The 2017 budget",
        ] {
            assert!(!is_date_line(s), "{s}");
        }
    }

    #[test]
    fn captions() {
        for s in [
            "Image: NASA.",
            "Photo: Getty Images",
            "Belle Image: Nick Moreau.",
            "The far end of part of the convention floor, shortly after opening Friday. Image: Nick Moreau.",
            "Protesters gather outside parliament (Photo by Jane Doe/Getty Images)",
            "Firefighters at the scene. REUTERS/Peter Nicholls",
            "Image caption, The bridge was closed on Monday",
        ] {
            assert!(is_caption(s), "{s}");
        }
        for s in [
            "Photo by photo, the album grew into a record of the town.",
            "The image shows a man standing by a car.",
            "Source: a person familiar with the matter said the talks had stalled, and that a deal was unlikely before the end of the month when the current agreement expires and both sides would need to return to the table.",
        ] {
            assert!(!is_caption(s), "{s}");
        }
    }

    #[test]
    fn debris() {
        for s in [
            "Advertisement",
            "ADVERTISEMENT",
            "Share this article",
            "Share on Facebook",
            "Read more: Why the bridge matters",
            "Sign up for our morning newsletter",
            "Story continues below advertisement",
        ] {
            assert!(is_debris(s), "{s}");
        }
        for s in [
            "Share prices fell sharply on Monday after the announcement.",
            "Readers wrote in to complain.",
            "More than 100 people were hurt.",
            "Print media is in decline",
        ] {
            assert!(!is_debris(s), "{s}");
        }
    }
}
