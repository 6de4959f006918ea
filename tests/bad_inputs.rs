//! The bad-input suite: what people really paste or open (empty, huge, binary, legacy
//! encodings, other scripts, control characters, HTML attacks, pattern stressors), each with
//! asserted results, not only "did not panic".
//!
//! Small inputs are files in `tests/data/bad/` (see its README); big ones are built here.
//! Every analysis runs under a time limit so a quadratic stage fails instead of hanging; the
//! times themselves are printed by `benches/bad_inputs.rs`.

mod invariants;

use article_explorer::decode::{decode, WINDOWS_1252_NOTICE};
use article_explorer::{analyze, Analysis, MAX_INPUT_BYTES};
use invariants::{char_at, char_before, check, within};
use std::path::PathBuf;
use std::time::Duration;

/// Generous: a debug build on a shared 2-core machine. Linear stages take a few seconds on
/// the biggest input; a quadratic one takes hours.
const LIMIT: Duration = Duration::from_secs(240);

fn bad(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bad_text(name: &str) -> String {
    String::from_utf8(bad(name)).expect("fixture is UTF-8")
}

/// `check` on a thread with the time limit.
fn checked(what: &str, text: String) -> (Analysis, serde_json::Value, String) {
    within(what, LIMIT, move || {
        let (a, j) = check(&text);
        (a, j, text)
    })
}

fn has_diagnostic(a: &Analysis, code: &str) -> bool {
    a.diagnostics.iter().any(|d| d.code == code)
}

fn assert_nothing_found(a: &Analysis) {
    assert!(a.doc.sections.is_empty(), "sections: {:?}", a.doc.sections);
    assert!(a.doc.paragraphs.is_empty());
    assert!(a.doc.sentences.is_empty());
    assert!(a.doc.title.is_none());
    assert!(a.entities.is_empty());
    assert!(a.facts.is_empty());
    assert_eq!(a.stats.n_words, 0);
}

/// No span may cut a grapheme: no boundary right before a combining mark, a ZWJ, a variation
/// selector or a skin-tone modifier, nor right after a ZWJ.
fn assert_no_cut_graphemes(text: &str, a: &Analysis) {
    let joins_previous = |c: char| {
        matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
            | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0x200D | 0xE0020..=0xE007F)
    };
    let spans = a
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().copied())
        .chain(a.doc.sentences.iter().copied())
        .chain(a.doc.paragraphs.iter().map(|p| p.span));
    for s in spans {
        for b in [s.start, s.end] {
            assert!(
                !char_at(text, b).is_some_and(joins_previous),
                "span {s:?} ({:?}) cuts before a joining character",
                s.text(text)
            );
            assert!(
                char_before(text, b) != Some('\u{200D}'),
                "span {s:?} cuts after a ZWJ"
            );
        }
    }
}

/// Paragraphs, headings and the title: the blocks the structure pass found.
fn n_found(a: &Analysis) -> usize {
    a.doc.paragraphs.len()
        + usize::from(a.doc.title.is_some())
        + a.doc
            .sections
            .iter()
            .filter(|s| s.heading.is_some())
            .count()
}

fn n_blocks(text: &str) -> usize {
    text.split("\n\n").filter(|b| !b.trim().is_empty()).count()
}

#[test]
fn empty_and_whitespace_only() {
    for text in [
        "",
        " ",
        "\n",
        "\r\n\r\n",
        " \t \n\n  \u{A0}\u{2003}\u{3000}\n",
    ] {
        let (a, json, _) = checked("empty", text.to_string());
        assert!(has_diagnostic(&a, "empty"), "{text:?}: {:?}", a.diagnostics);
        assert_nothing_found(&a);
        assert_eq!(json["sections"].as_array().map(Vec::len), Some(0));
        assert_eq!(json["stats"]["characters"], text.chars().count());
    }
}

#[test]
fn hundred_thousand_blank_lines() {
    let blank = "\n".repeat(100_000);
    let (a, _, _) = checked("100k blank lines", blank);
    assert!(has_diagnostic(&a, "empty"));
    assert_nothing_found(&a);

    let text = format!(
        "The council met on Monday.{}The vote was close.\n",
        "\n \n".repeat(50_000)
    );
    let (a, _, text) = checked("two paragraphs, 100k blank lines between", text);
    assert_eq!(a.doc.paragraphs.len(), 2);
    assert_eq!(a.doc.paragraphs[1].span.text(&text), "The vote was close.");
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
}

/// Article-like text of about `n_bytes`, paragraphs separated by blank lines.
fn big_article(n_bytes: usize) -> String {
    let paragraph = "Defence Secretary John Healey told MPs in London on 3 March 2025 that \
        the UK would spend £2.5bn, or 12% more, on drones for Ukraine. \"We will not waver,\" \
        he said. NATO officials in Brussels welcomed the plan, Reuters reported.\n\n";
    paragraph.repeat(n_bytes / paragraph.len() + 1)
}

#[test]
fn ten_megabytes_of_text() {
    let text = big_article(10 * 1024 * 1024);
    let n_paragraphs = n_blocks(&text);
    assert!(text.len() >= 10 * 1024 * 1024 && text.len() < MAX_INPUT_BYTES);
    let (a, _, text) = checked("10 MB", text);
    assert!(!has_diagnostic(&a, "too_large"));
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert_eq!(a.doc.paragraphs.len(), n_paragraphs);
    assert!(a.stats.n_words > 1_500_000, "{} words", a.stats.n_words);
    assert_eq!(a.stats.n_chars, text.chars().count());
}

#[test]
fn over_the_limit_is_refused_with_a_message() {
    let text = "word ".repeat(MAX_INPUT_BYTES / 5 + 10);
    let (a, json, _) = checked("over the limit", text);
    let d = a
        .diagnostics
        .iter()
        .find(|d| d.code == "too_large")
        .expect("too_large diagnostic");
    assert!(d.message.contains("MB"), "{}", d.message);
    assert_nothing_found(&a);
    assert_eq!(json["diagnostics"][0]["code"], "too_large");
}

#[test]
fn one_megabyte_line_without_spaces() {
    let text = "abcdefghij".repeat(100_000);
    let (a, _, text) = checked("1 MB line, letters", text);
    assert_eq!(a.doc.paragraphs.len(), 1);
    assert_eq!(a.doc.paragraphs[0].span.len(), text.len());
    assert_eq!(a.doc.sections.len(), 1);
    assert!(a.stats.n_words <= 1, "{} words", a.stats.n_words);

    // Same length in punctuation-joined capitalised words: every pattern gets a go at it.
    let text = "Aa-Bb.Cc,Dd'Ee’Ff/".repeat(1_000_000 / 19);
    let (a, _, _) = checked("1 MB line, punctuation", text);
    assert_eq!(a.doc.paragraphs.len(), 1);
}

#[test]
fn binary_image_through_decode_and_analysis() {
    let png = bad("image.png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let d = decode(&png);
    let notice = d.notice.clone().expect("a notice for binary data");
    assert!(notice.contains("does not look like text"), "{notice}");
    // Nothing is lost: Windows-1252 maps every byte (undefined ones to C1 controls).
    assert_eq!(d.text.chars().count(), png.len());
    let (a, _, text) = checked("png", d.text);
    assert_eq!(a.stats.n_chars, text.chars().count());
}

#[test]
fn windows_1252_file() {
    let bytes = bad("windows1252.txt");
    assert!(bytes.contains(&0xA3) && std::str::from_utf8(&bytes).is_err());
    let d = decode(&bytes);
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.notice.as_deref(), Some(WINDOWS_1252_NOTICE));
    assert!(d.text.contains("cost £225, up from £199"), "{}", d.text);
    assert!(d
        .text
        .contains("Fans’ groups called the rise “unacceptable” – and"));
    assert!(d.text.contains("Café owners") && d.text.contains("Renée Müller"));
    assert!(!d.text.contains('\u{FFFD}'));
    let (a, _, text) = checked("windows-1252", d.text);
    assert_eq!(n_found(&a), n_blocks(&text));
    // Whatever the entity pass finds, a money mention keeps its pound sign.
    for e in &a.entities {
        for m in &e.mentions {
            assert!(!m.text(&text).contains('\u{FFFD}'));
        }
    }
}

#[test]
fn utf16_with_bom_both_byte_orders() {
    let expected = bad_text("utf16_source.txt");
    for (file, encoding) in [
        ("utf16le_bom.txt", "UTF-16LE"),
        ("utf16be_bom.txt", "UTF-16BE"),
    ] {
        let d = decode(&bad(file));
        assert_eq!(d.encoding, encoding);
        assert_eq!(d.notice, None);
        assert_eq!(d.text, expected, "{file}");
        let (a, _, text) = checked(file, d.text);
        assert_eq!(a.doc.paragraphs.len(), 2);
        assert!(a.doc.paragraphs[1].span.text(&text).contains("Łódź"));
    }
}

#[test]
fn right_to_left_scripts() {
    let (a, json, text) = checked("rtl", bad_text("rtl.txt"));
    assert_eq!(a.doc.paragraphs.len(), 4);
    assert!(a.diagnostics.is_empty());
    // Arabic and Hebrew words are words.
    assert!(a.stats.n_words > 40, "{} words", a.stats.n_words);
    let first = json["sections"][0]["paragraphs"][0]["text"]
        .as_str()
        .unwrap_or("");
    assert!(first.starts_with("قال الرئيس"), "{first}");
    assert_no_cut_graphemes(&text, &a);
}

#[test]
fn cjk_without_spaces() {
    let (a, _, text) = checked("cjk", bad_text("cjk.txt"));
    assert_eq!(a.doc.paragraphs.len(), 4);
    assert!(a.diagnostics.is_empty());
    assert!(a.stats.n_words >= 4);
    // The sentence pass may or may not split on "。", but never mid-character.
    for s in &a.doc.sentences {
        assert!(!s.text(&text).is_empty());
    }
    assert_no_cut_graphemes(&text, &a);
}

#[test]
fn emoji_zwj_sequences() {
    let (a, _, text) = checked("emoji", bad_text("emoji.txt"));
    assert_eq!(a.doc.paragraphs.len(), 4);
    assert_no_cut_graphemes(&text, &a);
    // Emoji are not words.
    let third = a.doc.paragraphs[2].span;
    assert_eq!(
        article_explorer::sections::count_words(third.text(&text)),
        0
    );
}

#[test]
fn combining_marks() {
    let (a, _, text) = checked("combining", bad_text("combining.txt"));
    assert_eq!(a.doc.paragraphs.len(), 3);
    assert_no_cut_graphemes(&text, &a);
    // "Zoë" written as e + U+0308 is still one word.
    assert_eq!(
        article_explorer::sections::count_words("Zoe\u{308} Martine\u{301}z"),
        2
    );
}

#[test]
fn nul_and_control_characters() {
    let text = bad_text("control.txt");
    assert!(text.contains('\0') && text.contains('\u{1b}'));
    let (a, json, text) = checked("control", text);
    // The text is kept as given, NULs included.
    assert_eq!(a.stats.n_chars, text.chars().count());
    assert!(a.doc.paragraphs.len() >= 3, "{:?}", a.doc.paragraphs);
    assert!(a.diagnostics.is_empty());
    let s = serde_json::to_string(&json).expect("serialise");
    assert!(s.contains("\\u0000"), "NUL is escaped in JSON");
    for e in &a.entities {
        assert!(
            !e.name.contains(['\0', '\u{7}', '\u{1b}']),
            "entity name {:?}",
            e.name
        );
    }
}

#[test]
fn html_with_script_iframe_and_onerror() {
    let html = bad_text("attack.html");
    let text = article_explorer::html::to_text(&html);
    for gone in [
        "alert",
        "document.cookie",
        "onerror",
        "javascript:",
        "iframe text",
        "<",
    ] {
        assert!(!text.contains(gone), "{gone:?} in {text:?}");
    }
    assert!(text.starts_with("# Storm hits coast\n\n"), "{text}");
    assert!(text.contains("Waves reached 8 metres in Cornwall."));
    assert!(text.contains("The Met Office issued a warning."));
    let (a, json, _) = checked("attack.html", text);
    assert!(a.doc.paragraphs.len() >= 3);
    assert!(!json.to_string().contains("alert"));
    // The raw HTML analysed as text is only text: it keeps every character.
    let (a, _, raw) = checked("attack.html as text", html);
    assert_eq!(a.stats.n_chars, raw.chars().count());
}

#[test]
fn initials_repeated_a_hundred_thousand_times() {
    let text = "A. ".repeat(100_000);
    let (a, _, text) = checked("A. x 100k", text);
    assert_eq!(a.doc.paragraphs.len(), 1);
    // Not one person with 100,000 initials: a mention is at most a name's length.
    for e in &a.entities {
        for m in &e.mentions {
            assert!(m.len() < 200, "mention of {} bytes", m.len());
        }
    }
    assert!(!a.doc.sentences.is_empty());
    assert!(a.doc.sentences.iter().all(|s| s.end as usize <= text.len()));
}

/// Inputs that stress one pattern each, ~300 KB apiece.
fn stressors() -> Vec<(&'static str, String)> {
    let n = 300_000;
    let fill = |unit: &str| unit.repeat(n / unit.len().max(1));
    vec![
        ("capitalised words", fill("Alpha Beta Gamma Delta ")),
        (
            "capitalised run with dots",
            fill("Mr. Dr. St. U.S. U.K. Inc. "),
        ),
        ("digits", fill("1234567890")),
        ("spaced digits", fill("1 2 3 ")),
        ("thousands separators", fill("1,000,")),
        ("money", fill("£1.5bn $2m €3 ")),
        ("percent", fill("5% ")),
        ("dates", fill("3 May 2025, January 1, 2020 and 2021-2022 ")),
        ("straight quotes", fill("\"")),
        ("curly quotes unbalanced", fill("“a ")),
        ("quotes nested", fill("“‘\"'")),
        ("open brackets", fill("(")),
        ("mixed brackets", fill("([{<")),
        ("hyphens and dashes", fill("- — – ")),
        ("said clauses", fill("said Smith, ")),
        ("ellipses", fill("... ")),
        ("hashes", fill("# ")),
        ("heading lines", fill("## A\n")),
        ("list lines", fill("- A\n")),
        ("all caps", fill("BREAKING NEWS ")),
        ("apostrophes", fill("O'Brien's ")),
        ("one-letter lines", fill("A\n")),
        ("crlf blank lines", fill("x\r\n\r\n")),
        ("tabs", fill("\t")),
        ("nul", fill("\0")),
    ]
}

#[test]
fn pattern_stressors() {
    for (what, text) in stressors() {
        let len = text.len();
        let (a, _, text) = checked(what, text);
        assert_eq!(a.stats.n_chars, text.chars().count(), "{what}");
        let covered: usize = a.doc.paragraphs.iter().map(|p| p.span.len()).sum();
        assert!(covered <= len, "{what}");
        for e in &a.entities {
            for m in &e.mentions {
                // A runaway pattern shows up as a giant mention.
                assert!(m.len() <= 2_000, "{what}: mention of {} bytes", m.len());
            }
        }
    }
}

#[test]
fn same_input_twice_gives_the_same_answer() {
    let text = big_article(50_000);
    assert_eq!(analyze(&text), analyze(&text));
}
