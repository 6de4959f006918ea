//! Invariants every analysis must satisfy whatever the input, shared by the property tests
//! (`tests/robustness.rs`) and the bad-input suite (`tests/bad_inputs.rs`).
//!
//! Checked on both sides of the edge: the internal byte spans (on char boundaries, inside the
//! text, ordered, sections partitioning paragraphs) and the exported JSON (code point offsets
//! whose slice equals the `text` field).

#![allow(dead_code)] // Each test binary uses its own subset.

use article_explorer::{analyze, Analysis, Span};
use serde_json::Value;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Analyses `text`, checks every invariant, returns the analysis and its JSON.
pub fn check(text: &str) -> (Analysis, Value) {
    let analysis = analyze(text);
    check_byte_spans(text, &analysis);
    let json = article_explorer::export::to_json(text, &analysis);
    check_export(text, &json);
    (analysis, json)
}

/// Runs `f` on a thread and fails (instead of hanging the suite) when it takes longer than
/// `limit`: a quadratic stage on a big input shows up as this failure.
pub fn within<T: Send + 'static>(
    what: &str,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(what.to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn");
    match rx.recv_timeout(limit) {
        Ok(v) => {
            eprintln!("{what}: {:.2?}", start.elapsed());
            v
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: still running after {limit:?} (quadratic path?)")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: {span:?} reversed");
    assert!(
        span.end as usize <= text.len(),
        "{what}: {span:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
        "{what}: {span:?} not on char boundaries"
    );
}

/// Internal byte spans: valid, ordered, and structurally consistent.
pub fn check_byte_spans(text: &str, a: &Analysis) {
    let doc = &a.doc;
    if let Some(t) = &doc.title {
        assert_span(text, t.span, "title");
        assert_span(text, t.line, "title line");
    }
    let mut prev_end = 0;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        assert_span(text, p.span, "paragraph");
        assert!(
            p.span.start >= prev_end,
            "paragraph {i} overlaps the one before"
        );
        prev_end = p.span.end;
        let sentences = doc
            .sentences
            .get(p.sentences.clone())
            .unwrap_or_else(|| panic!("paragraph {i}: sentence range {:?}", p.sentences));
        for s in sentences {
            assert_span(text, *s, "sentence");
            assert!(
                p.span.contains(*s),
                "sentence {s:?} outside its paragraph {:?}",
                p.span
            );
        }
    }
    let mut prev_end = 0;
    for s in &doc.sentences {
        assert!(s.start >= prev_end, "sentences overlap or are out of order");
        prev_end = s.end;
    }
    // Sections partition the paragraphs: consecutive ranges, from 0 to the end.
    let mut next = 0;
    for (i, s) in doc.sections.iter().enumerate() {
        assert_span(text, s.span, "section");
        assert_eq!(
            s.paragraphs.start, next,
            "section {i} does not start where the last ended"
        );
        assert!(s.paragraphs.end >= s.paragraphs.start);
        next = s.paragraphs.end;
        if let Some(h) = &s.heading {
            assert_span(text, h.span, "heading");
            assert_span(text, h.line, "heading line");
        }
        for p in doc.paragraphs.get(s.paragraphs.clone()).unwrap_or(&[]) {
            assert!(s.span.contains(p.span), "paragraph outside its section {i}");
        }
    }
    assert_eq!(
        next,
        doc.paragraphs.len(),
        "sections do not cover every paragraph"
    );
    for pair in doc.sections.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "sections overlap");
    }
    for (i, e) in a.entities.iter().enumerate() {
        assert_eq!(e.id, i, "entity ids are their index");
        assert!(!e.mentions.is_empty(), "entity {} without mentions", e.name);
        for m in &e.mentions {
            assert_span(text, *m, "mention");
            assert!(!m.is_empty(), "empty mention of {}", e.name);
        }
        assert!(
            e.mentions.windows(2).all(|w| w[0].start <= w[1].start),
            "mentions of {} not in text order",
            e.name
        );
        assert!(
            e.salience.is_finite(),
            "salience of {} is {}",
            e.name,
            e.salience
        );
    }
    for f in &a.facts {
        assert_span(text, f.evidence, "evidence");
        let args = f
            .subject
            .iter()
            .chain(&f.object)
            .chain(f.qualifiers.iter().map(|(_, arg)| arg));
        for arg in args {
            assert_span(text, arg.span, "fact argument");
            if let Some(id) = arg.entity {
                assert!(id < a.entities.len(), "fact points at entity {id}");
            }
        }
        assert!(
            f.section < a.doc.sections.len().max(1),
            "fact in section {}",
            f.section
        );
    }
    assert!(a.stats.reading_minutes.is_finite());
}

/// Exported spans: code point offsets inside the text whose slice is the `text` field.
pub fn check_export(text: &str, json: &Value) {
    let chars: Vec<char> = text.chars().collect();
    let mut n_spans = 0;
    walk(json, &mut |obj| {
        let (Some(start), Some(end)) = (obj.get("start"), obj.get("end")) else {
            return;
        };
        let (start, end) = (
            start.as_u64().expect("start is a number") as usize,
            end.as_u64().expect("end is a number") as usize,
        );
        assert!(start <= end, "exported span {start}..{end} reversed");
        assert!(
            end <= chars.len(),
            "exported span {start}..{end} past {}",
            chars.len()
        );
        if let Some(t) = obj.get("text") {
            let slice: String = chars[start..end].iter().collect();
            assert_eq!(t.as_str(), Some(slice.as_str()), "exported text != slice");
        }
        n_spans += 1;
    });
    let sections = json["sections"].as_array().expect("sections array");
    for pair in sections.windows(2) {
        assert!(pair[0]["end"].as_u64() <= pair[1]["start"].as_u64());
    }
    assert_eq!(
        json["stats"]["characters"].as_u64(),
        Some(chars.len() as u64),
        "stats.characters"
    );
    // The JSON must survive a round trip through text (NULs, lone controls, RTL marks).
    let s = serde_json::to_string(json).expect("serialise");
    let back: Value = serde_json::from_str(&s).expect("parse back");
    assert!(
        same_json(&back, json),
        "JSON changed in a round trip through text"
    );
    let _ = n_spans;
}

/// Equal JSON values, floats within a relative 1e-12: serde_json's default float parser is
/// not exact in the last digit (JavaScript's is), and that is not the export's fault.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn walk(v: &Value, f: &mut impl FnMut(&serde_json::Map<String, Value>)) {
    match v {
        Value::Object(m) => {
            f(m);
            m.values().for_each(|x| walk(x, f));
        }
        Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

/// The same text with CRLF line endings gives the same entity mentions at mapped offsets.
/// `text` must not contain '\r'.
pub fn check_crlf(text: &str, lf: &Analysis) {
    let crlf_text = text.replace('\n', "\r\n");
    let crlf = analyze(&crlf_text);
    check_byte_spans(&crlf_text, &crlf);
    // Sorted prefix sums of newline counts keep the mapping linear.
    let mut nl_before = Vec::with_capacity(text.len() + 1);
    let mut n = 0u32;
    for &c in text.as_bytes() {
        nl_before.push(n);
        n += u32::from(c == b'\n');
    }
    nl_before.push(n);
    let map = |b: u32| b + nl_before.get(b as usize).copied().unwrap_or(n);
    let mentions = |a: &Analysis, m: &dyn Fn(u32) -> u32| {
        let mut v: Vec<(String, u32, u32)> = a
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(move |s| (e.kind.as_str().to_string(), m(s.start), m(s.end)))
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        mentions(lf, &map),
        mentions(&crlf, &|b| b),
        "CRLF changes the entity mentions"
    );
    assert_eq!(
        lf.doc.paragraphs.len(),
        crlf.doc.paragraphs.len(),
        "CRLF changes the paragraphs"
    );
    assert_eq!(
        lf.doc.sections.len(),
        crlf.doc.sections.len(),
        "CRLF changes the sections"
    );
}

/// Analysing twice gives the same JSON.
pub fn check_deterministic(text: &str, json: &Value) {
    let again = article_explorer::analyze_to_json(text);
    assert_eq!(&again, json, "analysis is not deterministic");
}

/// The char at byte offset `b`, if any.
pub fn char_at(text: &str, b: u32) -> Option<char> {
    text.get(b as usize..).and_then(|s| s.chars().next())
}

/// The char ending at byte offset `b`, if any.
pub fn char_before(text: &str, b: u32) -> Option<char> {
    text.get(..b as usize).and_then(|s| s.chars().next_back())
}
