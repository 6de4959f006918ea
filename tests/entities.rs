//! The entity stage end to end: data-driven fixtures (`tests/data/entities/<case>.txt` +
//! `<case>.expected`, rewritten with `UPDATE_EXPECT=1`), the rules on the sample article with
//! hand-made tagger mentions, and the acceptance list of issue 4 on the sample article.

use article_explorer::entities::{extract, extract_from, Entity, EntityKind, Mention};
use article_explorer::sections::structure;
use article_explorer::Span;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/entities")
}

fn sample() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/uk-troops-ukraine.txt");
    std::fs::read_to_string(path).expect("the sample article is committed")
}

/// A readable dump: one entity per line, grouped by kind, with roles, mention count, value
/// or country.
fn dump(text: &str, entities: &[Entity]) -> String {
    let mut sorted: Vec<&Entity> = entities.iter().collect();
    sorted.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(a.mentions.first().cmp(&b.mentions.first()))
    });
    let mut out = String::new();
    for e in sorted {
        let _ = write!(out, "{:<12} {}", e.kind.as_str(), e.name);
        if !e.roles.is_empty() {
            let _ = write!(out, " [{}]", e.roles.join("; "));
        }
        let _ = write!(out, " x{}", e.mentions.len());
        if let Some(v) = &e.value {
            let _ = write!(out, " = {v}");
        }
        if let Some(c) = &e.country {
            let _ = write!(out, " -> {c}");
        }
        let texts: Vec<&str> = e.mentions.iter().map(|m| m.text(text)).collect();
        let distinct: Vec<&str> = texts
            .iter()
            .enumerate()
            .filter(|(i, t)| !texts[..*i].contains(t))
            .map(|(_, t)| *t)
            .collect();
        if distinct.len() > 1 || distinct.first() != Some(&e.name.as_str()) {
            let _ = write!(out, "  ({})", distinct.join(" | "));
        }
        out.push('\n');
    }
    out
}

#[test]
fn fixtures() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("tests/data/entities exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in cases {
        let text = std::fs::read_to_string(&case).unwrap();
        let got = dump(&text, &extract(&text, &structure(&text)));
        let expected_path = case.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}--- got\n{got}",
                case.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(UPDATE_EXPECT=1 rewrites the expected files)",
        failures.join("\n")
    );
}

fn find<'a>(es: &'a [Entity], kind: EntityKind, name: &str) -> &'a Entity {
    es.iter()
        .find(|e| e.kind == kind && e.name == name)
        .unwrap_or_else(|| {
            let names: Vec<String> = es
                .iter()
                .map(|e| format!("{}:{}", e.kind.as_str(), e.name))
                .collect();
            panic!("no {kind:?} {name:?} in {names:?}")
        })
}

/// Mentions a middling tagger would give on the sample: each name once or twice, some with
/// titles leaked in, the subheadings' first words tagged, "Secretary John" split from
/// "Healey". The rules must turn this into the acceptance list.
#[test]
fn rules_on_the_sample_with_a_sloppy_tagger() {
    let text = sample();
    let doc = structure(&text);
    let raw = [
        ("UK", EntityKind::Location),
        ("Ministry of Defence", EntityKind::Organization),
        ("British", EntityKind::Nationality),
        ("Ukraine", EntityKind::Location),
        ("Russian", EntityKind::Nationality),
        ("Secretary John", EntityKind::Person),
        ("Healey", EntityKind::Person),
        ("Kyiv", EntityKind::Location),
        ("Enhancing", EntityKind::Organization),
        ("BBC", EntityKind::Organization),
        ("Ukrainian", EntityKind::Location),
        ("[Vladimir] Putin", EntityKind::Person),
        ("British Army", EntityKind::Organization),
        ("Russia", EntityKind::Location),
        ("NATO", EntityKind::Organization),
        ("Brussels", EntityKind::Location),
        ("Foreign Secretary David Lammy", EntityKind::Person),
        ("Volodymyr Zelensky", EntityKind::Person),
        ("EU", EntityKind::Organization),
        ("Lammy", EntityKind::Person),
        ("US", EntityKind::Location),
        ("Donald Trump", EntityKind::Person),
        ("Sir Keir Starmer", EntityKind::Person),
        ("Downing Street", EntityKind::Organization),
        ("Balancing", EntityKind::Person),
    ];
    let mut from = 0;
    let mentions: Vec<Mention> = raw
        .iter()
        .map(|(s, kind)| {
            let start = from + text[from..].find(s).expect("in the sample");
            from = start + s.len();
            Mention {
                span: Span::new(start, start + s.len()),
                kind: *kind,
            }
        })
        .collect();
    let es = extract_from(&text, &doc, &mentions);
    check_acceptance(&text, &es);
}

/// Issue 4's acceptance list, whatever produced the entities.
fn check_acceptance(text: &str, es: &[Entity]) {
    use EntityKind::*;
    let healey = find(es, Person, "John Healey");
    assert_eq!(healey.mentions.len(), 5, "{healey:?}");
    assert!(
        healey.roles.iter().any(|r| r == "Defence Secretary"),
        "{healey:?}"
    );
    let lammy = find(es, Person, "David Lammy");
    assert_eq!(lammy.mentions.len(), 2);
    assert!(lammy.roles.iter().any(|r| r == "Foreign Secretary"));
    assert!(find(es, Person, "Keir Starmer")
        .roles
        .iter()
        .any(|r| r == "Prime Minister"));
    let trump = find(es, Person, "Donald Trump");
    assert_eq!(trump.mentions.len(), 2);
    assert!(trump.roles.iter().any(|r| r == "President-elect"));
    assert!(find(es, Person, "Volodymyr Zelensky")
        .roles
        .iter()
        .any(|r| r == "President"));
    let putin = find(es, Person, "Vladimir Putin");
    assert!(putin
        .mentions
        .iter()
        .all(|m| m.text(text).ends_with("Putin")));
    for org in ["Ministry of Defence", "BBC", "EU", "British Army"] {
        find(es, Organization, org);
    }
    assert_eq!(find(es, Organization, "NATO").mentions.len(), 3);
    assert!(es
        .iter()
        .any(|e| e.name == "Downing Street" && matches!(e.kind, Organization | Location)));
    for loc in ["Ukraine", "UK", "Russia", "Brussels", "US"] {
        find(es, Location, loc);
    }
    assert_eq!(find(es, Location, "Kyiv").mentions.len(), 2);
    for (nat, country) in [
        ("British", "United Kingdom"),
        ("Ukrainian", "Ukraine"),
        ("Russian", "Russia"),
    ] {
        assert_eq!(find(es, Nationality, nat).country.as_deref(), Some(country));
    }
    assert_eq!(
        find(es, Money, "£225 million").value.as_deref(),
        Some("GBP 225000000")
    );
    assert_eq!(find(es, Date, "2025").mentions.len(), 2);
    find(es, Date, "the coming year");
    for bad in [
        "Secretary John",
        "Healey’s",
        "Enhancing",
        "Balancing",
        "Healey",
    ] {
        assert!(
            !es.iter().any(|e| e.name == bad),
            "unexpected entity {bad:?}"
        );
    }
    for (i, e) in es.iter().enumerate() {
        assert_eq!(e.id, i);
        assert!(e.mentions.windows(2).all(|w| w[0].end <= w[1].start));
        for m in &e.mentions {
            let s = m.text(text);
            assert!(!s.starts_with("the ") || e.kind == Date, "{s:?}");
            assert!(!s.ends_with("’s") && !s.ends_with("'s"), "{s:?}");
        }
    }
    assert!(es.windows(2).all(|w| w[0].salience >= w[1].salience));
}

/// The acceptance list with the trained tagger.
#[test]
fn sample_article_acceptance() {
    let text = sample();
    let es = extract(&text, &structure(&text));
    check_acceptance(&text, &es);
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        " ",
        "[",
        "]]] [[[",
        "£",
        "Mr.",
        "Sir",
        "’s",
        "The (NATO)",
        "é\u{301}2025",
        "Healey’s’s",
        "\n\n\nJohn\n",
    ] {
        let doc = structure(text);
        let all = |kind| Mention {
            span: Span::new(0, text.len()),
            kind,
        };
        for kind in EntityKind::ALL {
            let _ = extract_from(text, &doc, &[all(kind)]);
        }
        let _ = extract(text, &doc);
    }
}
