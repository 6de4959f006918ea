//! Browser tests of the DOM layer (wasm-bindgen-test in headless Chromium): render an
//! `Analysis` into a detached container and check the DOM it builds.
//! Run: `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use article_explorer::entities::{Entity, EntityKind};
use article_explorer::facts::{Arg, Fact, FactKind};
use article_explorer::web::view::{Output, ViewState};
use article_explorer::{analyze, Analysis, Span};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect(needle);
    Span::new(start, start + needle.len())
}

/// The core's analysis plus one hand-made person and quote, so the view is tested whatever
/// the extractors find today.
fn sample(text: &str) -> Analysis {
    let mut analysis = analyze(text);
    let healey = span_of(text, "Healey");
    analysis.entities = vec![Entity {
        id: 0,
        name: "John Healey".into(),
        kind: EntityKind::Person,
        salience: 1.0,
        roles: vec!["Defence Secretary".into()],
        mentions: vec![healey],
        country: None,
        value: None,
    }];
    let sentence = analysis.doc.sentences[0];
    analysis.facts = vec![Fact {
        kind: FactKind::Quote,
        subject: Some(Arg {
            span: healey,
            entity: Some(0),
            value: None,
        }),
        predicate: "say".into(),
        object: None,
        qualifiers: vec![],
        evidence: sentence,
        section: 0,
    }];
    analysis
}

fn render(text: &str, analysis: &Analysis, state: &ViewState) -> Output {
    let out = Output::new(&document());
    out.render_all(text, analysis, state);
    out
}

fn count(out: &Output, selector: &str) -> u32 {
    out.root.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
fn renders_sections_entities_and_facts() {
    let text = "Healey visited Kyiv on Tuesday.\nHe announced more aid.\n";
    let analysis = sample(text);
    let out = render(text, &analysis, &ViewState::default());
    assert_eq!(
        count(&out, "details.section[open]") as usize,
        analysis.doc.sections.len()
    );
    assert_eq!(
        count(&out, "#sections p[data-p]") as usize,
        analysis.doc.paragraphs.len()
    );
    let entity = out
        .root
        .query_selector("[data-entity-kind=\"person\"][data-entity-name=\"John Healey\"]")
        .unwrap()
        .expect("entity element");
    assert!(entity.text_content().unwrap().contains("Defence Secretary"));
    assert_eq!(
        count(&out, "table#facts tbody tr[data-fact-kind=\"quote\"]"),
        1
    );
    let mark = out
        .root
        .query_selector("mark[data-e=\"0\"]")
        .unwrap()
        .unwrap();
    assert_eq!(mark.text_content().as_deref(), Some("Healey"));
    // The text pane holds the article's text exactly (paragraph by paragraph).
    let shown = out
        .root
        .query_selector("#sections")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(shown.contains("Healey visited Kyiv on Tuesday."));
    assert!(shown.contains("He announced more aid."));
}

#[wasm_bindgen_test]
fn markup_in_the_text_stays_text() {
    let text = "Healey wrote <script>alert(1)</script> and <img src=x onerror=alert(2)>.\n";
    let analysis = sample(text);
    let out = render(text, &analysis, &ViewState::default());
    assert_eq!(count(&out, "script, img"), 0);
    let shown = out.root.text_content().unwrap();
    assert!(shown.contains("<script>alert(1)</script>"));
    assert!(shown.contains("<img src=x onerror=alert(2)>"));
}

#[wasm_bindgen_test]
fn selection_marks_mentions_and_filters_facts() {
    let text = "Healey visited Kyiv.\nNobody else spoke.\n";
    let mut analysis = sample(text);
    analysis.facts.push(Fact {
        kind: FactKind::Event,
        subject: None,
        predicate: "speak".into(),
        object: None,
        qualifiers: vec![],
        evidence: analysis.doc.sentences[1],
        section: 0,
    });
    let state = ViewState {
        selected: Some(0),
        ..ViewState::default()
    };
    let out = render(text, &analysis, &state);
    assert_eq!(count(&out, "mark.selected[data-e=\"0\"]"), 1);
    assert_eq!(
        count(&out, "[data-entity-id=\"0\"][aria-pressed=\"true\"]"),
        1
    );
    // Only the fact involving the selected entity is listed.
    assert_eq!(count(&out, "table#facts tbody tr[data-fact]"), 1);
    assert_eq!(count(&out, "tr[data-fact-kind=\"quote\"]"), 1);
    let all = render(text, &analysis, &ViewState::default());
    assert_eq!(count(&all, "table#facts tbody tr[data-fact]"), 2);
}

#[wasm_bindgen_test]
fn progressive_rendering_draws_every_paragraph_in_order() {
    let text: String = (0..1200)
        .map(|i| format!("Paragraph number {i} has words.\n\n"))
        .collect();
    let analysis = analyze(&text);
    assert_eq!(analysis.doc.paragraphs.len(), 1200);
    let out = Output::new(&document());
    let mut renderer = out.render(&text, &analysis, &ViewState::default());
    let mut steps = 0;
    while !renderer.step(&out, &text, &analysis, &ViewState::default(), 100) {
        steps += 1;
    }
    assert!(steps >= 10, "rendered in {steps} steps");
    let paras = out.root.query_selector_all("#sections p[data-p]").unwrap();
    assert_eq!(paras.length() as usize, analysis.doc.paragraphs.len());
    let last = paras.item(paras.length() - 1).unwrap();
    assert_eq!(
        last.text_content().as_deref(),
        Some("Paragraph number 1199 has words.")
    );
}

#[wasm_bindgen_test]
fn staged_rendering_puts_every_section_in_the_page_in_order() {
    let text: String = (0..60)
        .map(|i| {
            format!(
                "Part {i}\n\nThe first paragraph of part {i} has words.\n\nThe second paragraph of part {i} ends it.\n\n"
            )
        })
        .collect();
    let analysis = analyze(&text);
    let n = analysis.doc.paragraphs.len();
    assert!(
        analysis.doc.sections.len() >= 60,
        "{} sections",
        analysis.doc.sections.len()
    );
    let state = ViewState::default();
    let out = Output::new(&document());
    let mut renderer = out.render(&text, &analysis, &state);
    assert!(!renderer.step(&out, &text, &analysis, &state, 10));
    let first = count(&out, "#sections p[data-p]");
    renderer.stage(&out);
    assert!(!renderer.step(&out, &text, &analysis, &state, 40));
    // Drawn, but outside the page until flushed.
    assert!(count(&out, "#sections p[data-p]") < first + 40);
    renderer.flush(&out);
    assert_eq!(count(&out, "#sections p[data-p]"), first + 40);
    while !renderer.step(&out, &text, &analysis, &state, 25) {}
    renderer.flush(&out);
    let paras = out.root.query_selector_all("#sections p[data-p]").unwrap();
    assert_eq!(paras.length() as usize, n);
    for i in 0..paras.length() {
        let p = paras
            .item(i)
            .unwrap()
            .dyn_into::<web_sys::Element>()
            .unwrap();
        assert_eq!(p.get_attribute("data-p"), Some(i.to_string()));
        let span = analysis.doc.paragraphs[i as usize].span;
        assert_eq!(p.text_content().unwrap(), span.text(&text));
    }
    let details = out
        .root
        .query_selector_all("#sections details.section")
        .unwrap();
    assert_eq!(details.length() as usize, analysis.doc.sections.len());
}

#[wasm_bindgen_test]
fn a_crash_shows_a_readable_error_as_text() {
    let doc = document();
    let error = doc.create_element("p").unwrap();
    error.set_id("error");
    error.set_attribute("hidden", "").unwrap();
    doc.body().unwrap().append_child(&error).unwrap();
    article_explorer::web::controller::show_fatal_error("index out of bounds <script>x()</script>");
    assert!(!error.has_attribute("hidden"));
    let shown = error.text_content().unwrap();
    assert!(shown.contains("<script>x()</script>"), "{shown}");
    assert!(shown.contains("Your text is still in the box"));
    assert_eq!(error.child_element_count(), 0);
    error.remove();
}

/// Opened files that are not UTF-8 are read as Windows-1252 by the browser's TextDecoder:
/// every byte gives the character encoding_rs (the CLI's decoder) gives, with the notice.
#[wasm_bindgen_test]
fn opened_windows_1252_files_decode_as_the_cli_does() {
    use article_explorer::decode::WINDOWS_1252_NOTICE;
    use article_explorer::web::controller::decode_file;
    let d = decode_file(b"It cost \xA3225 \x96 a \x93deal\x94.");
    assert_eq!(d.text, "It cost £225 – a “deal”.");
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.notice.as_deref(), Some(WINDOWS_1252_NOTICE));
    let every_byte: Vec<u8> = (0x80..=0xFFu8).flat_map(|b| [b'x', b]).collect();
    let (want, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&every_byte);
    assert_eq!(decode_file(&every_byte).text, want);
    // UTF-8 and UTF-16 never reach the fallback.
    assert_eq!(decode_file("Zoë".as_bytes()).text, "Zoë");
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Zoë".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(decode_file(&le).text, "Zoë");
}
