//! Property tests: whatever the text, the analysis keeps its span invariants, is deterministic,
//! and does not depend on line-ending style.
//!
//! Two generators: arbitrary Unicode (biased towards the characters the passes split on) and
//! article-like text (capitalised names, quotes, numbers, headings, blank lines). Cases per
//! property: `PROPTEST_CASES` (default 48, so the suite takes seconds); raise it for a longer
//! hunt, e.g. `PROPTEST_CASES=5000 cargo test --release --test robustness`.

mod invariants;

use proptest::prelude::*;
use proptest::sample::select;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    ProptestConfig {
        cases,
        // Failures are reported with their minimal input; no files written into tests/.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Characters that matter to the passes, mixed with anything at all.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        3 => select(vec![
            ' ', '\n', '\n', '\r', '\t', '.', ',', '"', '\'', '“', '”', '‘', '’', '(', ')', '-',
            '—', '#', '£', '$', '%', '0', '7', 'A', 'M', 'r', 'U', 'S', 'é', '\u{301}', '\u{200D}',
            '\u{A0}', '\u{0}', '\u{FEFF}', '\u{202E}', '👍', '🏽', '中', 'ا', '…', ':', '?', '!',
        ]),
        3 => proptest::char::range('a', 'z'),
    ]
}

fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..400).prop_map(|v| v.into_iter().collect())
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => select(vec![
            "the", "a", "of", "in", "and", "to", "on", "said", "met", "visited", "announced",
            "told", "reporters", "government", "minister", "plan", "would", "cost", "was", "by",
            "with", "after", "talks", "president", "chief", "executive", "of", "at", "on",
            "Tuesday", "he", "she", "it", "they", "£2.5bn", "$40m", "45%", "1,200", "12",
            "3 May 2025", "last year", "in 2024", "U.S.", "Mr.", "Dr.", "St.", "e.g.", "No. 10",
        ])
        .prop_map(str::to_string),
        3 => select(vec![
            "Keir Starmer", "Angela Merkel", "Zoë Martínez", "Jean-Luc Picard", "Sean O'Brien",
            "Kyiv", "London", "New York", "São Paulo", "the United Nations", "BBC", "Reuters",
            "Microsoft Corp.", "McDonald's", "NATO", "the European Union", "Ukraine’s",
            "Defence Secretary John Healey", "Apple Inc", "J. R. R. Tolkien", "Al-Assad",
        ])
        .prop_map(str::to_string),
        1 => "[a-z]{1,12}".prop_map(|s| s),
        1 => "[A-Z][a-z]{1,10}".prop_map(|s| s),
    ]
}

/// The space between two words: mostly a space, sometimes whitespace wider than a byte
/// (NBSP, NEL, line separator, ideographic space) or a tab or line break.
fn gap() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        12 => Just(" "),
        1 => select(vec!["\u{A0}", "\u{85}", "\u{2028}", "\u{3000}", "\u{2009}", "\t", "\n", "  "]),
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((word(), gap()), 2..18),
        select(vec![".", ".", ".", "?", "!", "…", ":", ""]),
        select(vec!["", "", "", "quote", "paren"]),
    )
        .prop_map(|(words, stop, wrap)| {
            let mut s = String::new();
            for (i, (w, gap)) in words.iter().enumerate() {
                if i > 0 {
                    s.push_str(gap);
                }
                s.push_str(w);
            }
            if let Some(first) = s.get(..1) {
                let upper = first.to_uppercase();
                s.replace_range(..1, &upper);
            }
            match wrap {
                "quote" => format!("“{s},” said Jane Smith{stop}"),
                "paren" => format!("{s} (AP){stop}"),
                _ => format!("{s}{stop}"),
            }
        })
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(sentence(), 1..5).prop_map(|s| s.join(" ")),
        1 => (select(vec!["# ", "## ", "### ", "", "1. ", "II. "]), "[A-Z][a-z]{2,9}( [A-Za-z][a-z]{1,8}){0,4}")
            .prop_map(|(mark, title)| format!("{mark}{title}")),
        1 => select(vec![
            "By Jane Smith", "LONDON (Reuters) -", "Advertisement", "Share this article",
            "Photo: Getty Images", "Friday, July 21, 2017", "BACKGROUND", "- a list item",
        ])
        .prop_map(str::to_string),
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(block(), 0..12),
        prop::collection::vec(select(vec!["\n\n", "\n\n", "\n", "\n\n\n", " \n \n"]), 12),
        select(vec!["", "\n", "  \n\n"]),
    )
        .prop_map(|(blocks, seps, lead)| {
            let mut s = lead.to_string();
            for (i, b) in blocks.iter().enumerate() {
                s.push_str(b);
                s.push_str(seps[i % seps.len()]);
            }
            s
        })
}

fn all_properties(text: &str) {
    let (analysis, json) = invariants::check(text);
    invariants::check_deterministic(text, &json);
    let lf = text.replace('\r', "");
    let lf_analysis = if lf == text {
        analysis
    } else {
        invariants::check(&lf).0
    };
    invariants::check_crlf(&lf, &lf_analysis);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_unicode_keeps_the_invariants(text in unicode_text()) {
        all_properties(&text);
    }

    #[test]
    fn article_like_text_keeps_the_invariants(text in article_text()) {
        all_properties(&text);
    }

    #[test]
    fn html_to_text_then_analysis_keeps_the_invariants(
        parts in prop::collection::vec(
            prop_oneof![
                3 => select(vec![
                    "<p>", "</p>", "<h2>", "</h2>", "<br>", "<li>", "<ul>", "</ul>",
                    "<script>", "</script>", "<!--", "-->", "<div class=\"ad\">", "</div>",
                    "&amp;", "&#8217;", "&nbsp;", "&#x1F600;", "<", ">", "&", "<pre>", "</pre>",
                    "<nav>", "</nav>", "<img src=x onerror=alert(1)>", "\"", "'", "=",
                ]).prop_map(str::to_string),
                2 => sentence(),
                1 => unicode_text(),
            ],
            0..30,
        )
    ) {
        let html = parts.concat();
        let text = article_explorer::html::to_text(&html);
        // The only "alert(1)" in the input is inside a tag; tags never become text.
        prop_assert!(!text.contains("alert(1)"));
        prop_assert!(!text.contains("\n\n\n"));
        all_properties(&text);
    }

    #[test]
    fn decode_never_loses_valid_utf8_and_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300), text in unicode_text()) {
        let d = article_explorer::decode::decode(&bytes);
        if let Ok(s) = std::str::from_utf8(&bytes) {
            if !s.starts_with('\u{FEFF}') && d.encoding == "UTF-8" {
                prop_assert_eq!(d.text.as_str(), s);
            }
        }
        let without_bom = text.trim_start_matches('\u{FEFF}');
        let d = article_explorer::decode::decode(without_bom.as_bytes());
        // Valid UTF-8 comes back unchanged unless it reads as BOM-less UTF-16 (NUL-heavy).
        if d.encoding == "UTF-8" {
            prop_assert_eq!(d.text.as_str(), without_bom);
        }
        invariants::check(&d.text);
    }
}
