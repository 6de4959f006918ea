//! Checks shared by the fuzz targets: the analysis of any text keeps its spans inside the text
//! and on char boundaries (a silent "" from `Span::text` would hide a bad span), and exports.

use article_explorer::{analyze, export, Span};

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        text.get(span.range()).is_some(),
        "{what} {span:?} is not a slice of the text ({} bytes)",
        text.len()
    );
}

/// Analyses `text`, checks every span, exports to JSON.
pub fn analyze_and_check(text: &str) {
    let a = analyze(text);
    for p in &a.doc.paragraphs {
        check_span(text, p.span, "paragraph");
        assert!(
            a.doc.sentences.get(p.sentences.clone()).is_some(),
            "sentence range"
        );
    }
    for s in &a.doc.sentences {
        check_span(text, *s, "sentence");
    }
    let mut next = 0;
    for s in &a.doc.sections {
        check_span(text, s.span, "section");
        assert_eq!(
            s.paragraphs.start, next,
            "sections must partition the paragraphs"
        );
        next = s.paragraphs.end;
    }
    assert_eq!(
        next,
        a.doc.paragraphs.len(),
        "sections must cover the paragraphs"
    );
    for e in &a.entities {
        for m in &e.mentions {
            check_span(text, *m, "mention");
        }
    }
    for f in &a.facts {
        check_span(text, f.evidence, "evidence");
        for arg in f.subject.iter().chain(&f.object) {
            check_span(text, arg.span, "fact argument");
        }
        for (_, arg) in &f.qualifiers {
            check_span(text, arg.span, "qualifier");
        }
    }
    let json = export::to_json(text, &a);
    assert!(!json.is_null(), "export failed");
}
