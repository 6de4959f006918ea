//! HTML-to-text fixtures: `tests/data/html/<case>.html` beside `<case>.expected`; the env var
//! `UPDATE_EXPECT=1` rewrites the expected files (review the diff).

use article_explorer::html::to_text;
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/html")
}

/// Compares `actual` with the expected file, or rewrites it under `UPDATE_EXPECT=1`.
fn check(expected_path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected_path, actual).expect("write expected file");
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_else(|_| {
        panic!(
            "missing {}; run with UPDATE_EXPECT=1 to create it",
            expected_path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "{} differs (UPDATE_EXPECT=1 rewrites it)",
        expected_path.display()
    );
}

/// What must hold for any page, whatever the expected file says.
fn assert_clean(name: &str, text: &str) {
    for bad in [
        "<script", "alert(", "onerror", "</", "<p", "&amp;", "&nbsp;", "&#",
    ] {
        assert!(!text.contains(bad), "{name}: output contains {bad:?}");
    }
    assert!(!text.contains("\n\n\n"), "{name}: more than one blank line");
    assert_eq!(text.trim(), text, "{name}: surrounding whitespace");
}

#[test]
fn fixtures() {
    let mut n_cases = 0;
    let mut entries: Vec<_> = std::fs::read_dir(data_dir())
        .expect("tests/data/html")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    entries.sort();
    for path in entries {
        let html = std::fs::read_to_string(&path).expect("read fixture");
        let text = to_text(&html);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        assert_clean(&name, &text);
        check(&path.with_extension("expected"), &text);
        n_cases += 1;
    }
    assert!(n_cases >= 3, "fixtures went missing: {n_cases}");
}

#[test]
fn news_page_keeps_the_article_and_drops_the_furniture() {
    let html = std::fs::read_to_string(data_dir().join("news_page.html")).expect("fixture");
    let text = to_text(&html);
    assert!(text.starts_with("# Harbour town votes to rebuild sea wall\n\n"));
    assert!(text.contains("\n\n## Why now?\n\n"));
    assert!(text.contains("£4.2m"));
    assert!(
        text.contains("town’s Victorian"),
        "newlines inside a paragraph collapse"
    );
    for gone in [
        "Skip to main content",
        "The Coastal Courier",
        "Sport",
        "cookies",
        "Share on",
        "Copy link",
        "Photo: Tom Price",
        "Advertisement",
        "iframe fallback",
        "Related stories",
        "Sign up",
        "Most read",
        "template text",
        "icon",
        "commented out",
        "injected",
        "dataLayer",
        "ld+json",
        "headline\"",
    ] {
        assert!(!text.contains(gone), "{gone:?} survived:\n{text}");
    }
}

#[test]
fn html_output_analyses_with_headings_as_sections() {
    let html = std::fs::read_to_string(data_dir().join("news_page.html")).expect("fixture");
    let text = to_text(&html);
    let json = article_explorer::analyze_to_json(&text);
    let stats = &json["stats"];
    assert!(stats["paragraphs"].as_u64().unwrap_or(0) >= 5, "{stats}");
    // Whatever the structure pass makes of it, no span may carry markup.
    let s = json.to_string();
    assert!(!s.contains("<script") && !s.contains("alert("));
}

#[test]
fn script_iframe_and_onerror_never_reach_the_text() {
    let attacks = [
        "<script>alert(1)</script>safe",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>safe",
        "<img src=x onerror=alert(1)>safe",
        "<iframe src=\"javascript:alert(1)\"></iframe>safe",
        "<iframe srcdoc=\"<script>alert(1)</script>\">alert(1)</iframe>safe",
        "<svg onload=alert(1)><script>alert(1)</script></svg>safe",
        "<a href=\"javascript:alert(1)\">safe</a>",
        "<body onload=alert(1)>safe",
        "<style>@import 'x'; body{background:url(javascript:alert(1))}</style>safe",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>safe",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">safe",
    ];
    for html in attacks {
        let text = to_text(html);
        assert!(!text.contains("alert"), "{html:?} -> {text:?}");
        assert!(text.ends_with("safe"), "{html:?} -> {text:?}");
    }
}
