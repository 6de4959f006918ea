//! Fact extraction tests: data-driven fixtures (`tests/data/facts/<case>.txt`, the entities
//! in `<case>.entities`, the expected dump in `<case>.expected`; `UPDATE_EXPECT=1` rewrites
//! them) and targeted checks of each fact kind with hand-made entity lists.

use article_explorer::entities::{Entity, EntityKind};
use article_explorer::facts::testing::entities_from_surfaces;
use article_explorer::facts::{self, Fact, FactKind};
use article_explorer::sections;
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/facts")
}

fn kind(s: &str) -> Option<EntityKind> {
    EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
}

/// Reads a `.entities` file: `kind | name | surface; surface | country`.
fn load_entities(text: &str, spec: &str) -> Vec<Entity> {
    let mut rows: Vec<(String, EntityKind, Vec<String>, Option<String>)> = Vec::new();
    for line in spec.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        let k = kind(cols[0]).unwrap_or_else(|| panic!("unknown kind in {line:?}"));
        let surfaces = cols[2].split(';').map(|s| s.trim().to_string()).collect();
        let country = cols.get(3).map(|c| c.to_string());
        rows.push((cols[1].to_string(), k, surfaces, country));
    }
    let surface_refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.2.iter().map(String::as_str).collect())
        .collect();
    let specs: Vec<(&str, EntityKind, &[&str])> = rows
        .iter()
        .zip(&surface_refs)
        .map(|(r, s)| (r.0.as_str(), r.1, s.as_slice()))
        .collect();
    let mut entities = entities_from_surfaces(text, &specs);
    for (e, r) in entities.iter_mut().zip(&rows) {
        e.country = r.3.clone();
    }
    entities
}

/// Facts of a text with the given entities (the real entity stage when `spec` is None).
fn run(text: &str, spec: Option<&str>) -> (Vec<Entity>, Vec<Fact>) {
    let doc = sections::structure(text);
    let entities = match spec {
        Some(s) => load_entities(text, s),
        None => article_explorer::entities::extract(text, &doc),
    };
    let facts = facts::extract(text, &doc, &entities);
    (entities, facts)
}

#[test]
fn fixtures() {
    let mut failures = Vec::new();
    let mut n_cases = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data_dir())
        .expect("tests/data/facts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        n_cases += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let spec = std::fs::read_to_string(path.with_extension("entities")).ok();
        let (entities, facts) = run(&text, spec.as_deref());
        let got = facts::dump(&text, &entities, &facts);
        let expected_path = path.with_extension("expected");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}: got\n{got}\n(rerun with UPDATE_EXPECT=1 and review the diff)",
                path.display()
            ));
        }
    }
    assert!(n_cases >= 6, "fixtures missing");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Facts of `text` with entities given as (name, kind, surfaces).
fn facts_of(text: &str, specs: &[(&str, EntityKind, &[&str])]) -> (Vec<Entity>, Vec<Fact>) {
    let doc = sections::structure(text);
    let entities = entities_from_surfaces(text, specs);
    let facts = facts::extract(text, &doc, &entities);
    (entities, facts)
}

fn of_kind(facts: &[Fact], k: FactKind) -> Vec<&Fact> {
    facts.iter().filter(|f| f.kind == k).collect()
}

fn subject_text<'a>(text: &'a str, f: &Fact) -> Option<&'a str> {
    f.subject.as_ref().map(|a| a.span.text(text))
}

fn object_text<'a>(text: &'a str, f: &Fact) -> Option<&'a str> {
    f.object.as_ref().map(|a| a.span.text(text))
}

fn qualifier<'a>(text: &'a str, f: &Fact, key: &str) -> Vec<&'a str> {
    f.qualifiers
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, a)| a.span.text(text))
        .collect()
}

use EntityKind::{Location, Money, Organization, Percent, Person};

#[test]
fn quote_with_speaker_after_before_and_inverted() {
    let text = "“We will not retreat,” Maria Lopez said on Monday.\n\
                Lopez told reporters: “The budget is safe.”\n\
                “It is a good day for the city,” said Tom Reed, the council leader.";
    let (_, facts) = facts_of(
        text,
        &[
            ("Maria Lopez", Person, &["Maria Lopez", "Lopez"]),
            ("Tom Reed", Person, &["Tom Reed"]),
        ],
    );
    let quotes = of_kind(&facts, FactKind::Quote);
    assert_eq!(quotes.len(), 3, "{facts:#?}");
    assert_eq!(subject_text(text, quotes[0]), Some("Maria Lopez"));
    assert_eq!(quotes[0].predicate, "say");
    assert_eq!(object_text(text, quotes[0]), Some("We will not retreat,"));
    assert_eq!(subject_text(text, quotes[1]), Some("Lopez"));
    assert_eq!(quotes[1].predicate, "tell");
    assert_eq!(subject_text(text, quotes[2]), Some("Tom Reed"));
    for q in &quotes {
        assert!(q.subject.as_ref().and_then(|a| a.entity).is_some());
    }
}

#[test]
fn pronoun_speaker_resolves_to_last_person_outside_quotes() {
    let text = "Anna Berg spoke to the press. “Nobody asked President Kurt Vahl,” she stated.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Anna Berg", Person, &["Anna Berg"]),
            ("Kurt Vahl", Person, &["Kurt Vahl"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 1);
    let s = q[0].subject.as_ref().unwrap();
    assert_eq!(s.span.text(text), "she");
    assert_eq!(s.entity, Some(entities[0].id));
    assert_eq!(s.value.as_deref(), Some("Anna Berg"));
    assert_eq!(q[0].predicate, "state");
}

#[test]
fn office_speaker_is_not_the_person() {
    let text = "“The claims are false,” Mr Smith's office said.\n\
                A Downing Street spokesperson stated, “The talks went well.”";
    let (_, facts) = facts_of(
        text,
        &[
            ("John Smith", Person, &["Smith"]),
            ("Downing Street", Organization, &["Downing Street"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 2, "{facts:#?}");
    assert_eq!(subject_text(text, q[0]), Some("Mr Smith's office"));
    assert_eq!(q[0].subject.as_ref().unwrap().entity, None);
    assert_eq!(
        subject_text(text, q[1]),
        Some("A Downing Street spokesperson")
    );
    assert_eq!(q[1].subject.as_ref().unwrap().entity, None);
}

#[test]
fn reported_speech_is_not_a_quote_and_unattributed_quotes_have_no_speaker() {
    let text = "Lopez said the budget was safe.\n\
                The sign read: \"Closed until further notice for repairs.\"";
    let (_, facts) = facts_of(text, &[("Maria Lopez", Person, &["Lopez"])]);
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 1, "{facts:#?}");
    assert_eq!(q[0].subject, None);
    assert_eq!(
        object_text(text, q[0]),
        Some("Closed until further notice for repairs.")
    );
}

#[test]
fn quote_standing_alone_takes_the_speaker_of_the_sentence_before() {
    let text = "Lopez said: \n“We will rebuild.” Later that day the rain stopped.";
    let text = text.replace(" \n", " ");
    let (_, facts) = facts_of(&text, &[("Maria Lopez", Person, &["Lopez"])]);
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 1);
    assert_eq!(subject_text(&text, q[0]), Some("Lopez"));
    let text2 = "“We will rebuild,” Lopez said. “Nothing will stop us.”";
    let (_, facts) = facts_of(text2, &[("Maria Lopez", Person, &["Lopez"])]);
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 2, "{facts:#?}");
    assert_eq!(subject_text(text2, q[1]), Some("Lopez"));
    assert!(q[1].evidence.text(text2).starts_with("“We will rebuild,”"));
}

#[test]
fn roles_before_after_and_who_heads() {
    let text = "Health Minister Sara Quist visited the clinic. \
                Ben Ode, chief executive of Acme, disagreed. \
                Jo Park, who heads Zeta Bank, declined to comment. \
                Ukrainian President Ivan Dor arrived.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Sara Quist", Person, &["Sara Quist"]),
            ("Ben Ode", Person, &["Ben Ode"]),
            ("Acme", Organization, &["Acme"]),
            ("Jo Park", Person, &["Jo Park"]),
            ("Zeta Bank", Organization, &["Zeta Bank"]),
            ("Ivan Dor", Person, &["Ivan Dor"]),
            ("Ukrainian", EntityKind::Nationality, &["Ukrainian"]),
        ],
    );
    let roles = of_kind(&facts, FactKind::Role);
    let rows: Vec<(&str, &str, Vec<&str>)> = roles
        .iter()
        .map(|f| {
            (
                subject_text(text, f).unwrap(),
                object_text(text, f).unwrap(),
                qualifier(text, f, "of"),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Sara Quist", "Health Minister", vec![]),
            ("Ben Ode", "chief executive", vec!["Acme"]),
            ("Jo Park", "heads", vec!["Zeta Bank"]),
            ("Ivan Dor", "President", vec!["Ukrainian"]),
        ]
    );
    assert_eq!(
        roles[2].object.as_ref().unwrap().value.as_deref(),
        Some("head")
    );
    assert_eq!(roles[3].qualifiers[0].1.entity, Some(entities[6].id));
}

#[test]
fn no_role_from_lists_or_sentence_openers() {
    let text = "However Sara Quist left. The meeting, Ben Ode and Jo Park agreed, was short.";
    let (_, facts) = facts_of(
        text,
        &[
            ("Sara Quist", Person, &["Sara Quist"]),
            ("Ben Ode", Person, &["Ben Ode"]),
            ("Jo Park", Person, &["Jo Park"]),
        ],
    );
    assert!(of_kind(&facts, FactKind::Role).is_empty(), "{facts:#?}");
}

#[test]
fn amount_with_agent_purpose_and_items() {
    let text = "During the summit, Ana Reyes pledged $40 million in flood relief, \
                which includes boats, water pumps and tents.";
    let (_, facts) = facts_of(
        text,
        &[
            ("Ana Reyes", Person, &["Ana Reyes"]),
            ("$40 million", Money, &["$40 million"]),
        ],
    );
    let a = of_kind(&facts, FactKind::Amount);
    assert_eq!(a.len(), 1, "{facts:#?}");
    assert_eq!(subject_text(text, a[0]), Some("$40 million"));
    assert_eq!(a[0].predicate, "pledge");
    assert_eq!(qualifier(text, a[0], "by"), ["Ana Reyes"]);
    assert_eq!(qualifier(text, a[0], "purpose"), ["flood relief"]);
    assert_eq!(
        qualifier(text, a[0], "includes"),
        ["boats", "water pumps", "tents"]
    );
}

#[test]
fn events_clause_and_nominal() {
    let text = "Ana Reyes met Tom Reed in Lima on 5 March 2024. \
                Reed's visit to Quito ended early. \
                The storm damaged Lima.";
    let (_, facts) = facts_of(
        text,
        &[
            ("Ana Reyes", Person, &["Ana Reyes"]),
            ("Tom Reed", Person, &["Tom Reed", "Reed"]),
            ("Lima", Location, &["Lima"]),
            ("Quito", Location, &["Quito"]),
            ("5 March 2024", EntityKind::Date, &["5 March 2024"]),
        ],
    );
    let ev = of_kind(&facts, FactKind::Event);
    assert_eq!(ev.len(), 2, "{facts:#?}");
    assert_eq!(subject_text(text, ev[0]), Some("Ana Reyes"));
    assert_eq!(ev[0].predicate, "meet");
    assert_eq!(object_text(text, ev[0]), Some("Tom Reed"));
    assert_eq!(qualifier(text, ev[0], "location"), ["Lima"]);
    let date = ev[0].qualifiers.iter().find(|(k, _)| k == "date").unwrap();
    assert_eq!(date.1.value.as_deref(), Some("2024-03-05"));
    assert_eq!(ev[1].predicate, "visit");
    assert_eq!(subject_text(text, ev[1]), Some("Reed"));
    assert_eq!(qualifier(text, ev[1], "location"), ["Quito"]);
}

#[test]
fn dates_are_resolved_and_tied_to_their_verb() {
    let text = "The bridge opened in 2019. Work will resume on March 3, 2025.";
    let (_, facts) = facts_of(
        text,
        &[("dates", EntityKind::Date, &["2019", "March 3, 2025"])],
    );
    let d = of_kind(&facts, FactKind::Date);
    assert_eq!(d.len(), 2, "{facts:#?}");
    assert_eq!(
        d[0].subject.as_ref().unwrap().value.as_deref(),
        Some("2019")
    );
    assert_eq!(d[0].predicate, "open");
    assert_eq!(
        d[1].subject.as_ref().unwrap().value.as_deref(),
        Some("2025-03-03")
    );
    assert_eq!(d[1].predicate, "resume");
}

#[test]
fn every_fact_has_evidence_covering_its_arguments_and_a_valid_section() {
    let text = std::fs::read_to_string(data_dir().join("sample-uk-troops.txt")).unwrap();
    let spec = std::fs::read_to_string(data_dir().join("sample-uk-troops.entities")).unwrap();
    let doc = sections::structure(&text);
    let (_, facts) = run(&text, Some(&spec));
    assert!(facts.len() > 10);
    for f in &facts {
        assert!(f.section < doc.sections.len().max(1));
        assert!(!f.evidence.is_empty());
        for a in f.subject.iter().chain(f.object.iter()) {
            assert!(f.evidence.contains(a.span), "{f:#?}");
        }
    }
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "“",
        "”",
        "\"\"\"",
        "‘’‘",
        "“unclosed quote that never ends",
        "he said",
        "“a,” said",
        "said “",
        "£ million in , which includes , and .",
        "’s visit to",
    ] {
        let (_, _) = facts_of(text, &[("x", Person, &["a", "he"]), ("m", Money, &["£"])]);
    }
}

fn speakers<'a>(text: &'a str, facts: &[Fact]) -> Vec<Option<&'a str>> {
    of_kind(facts, FactKind::Quote)
        .iter()
        .map(|f| subject_text(text, f))
        .collect()
}

#[test]
fn speaker_before_a_verbless_apposition() {
    let text = "Senior researcher Mu Li, of the University of Kent, said \"It is reasonable to assume so.\"\n\
                Civil Defence director Ali Amr, in remarks to state television, said \"All the wounded have been taken to hospital.\"";
    let (_, facts) = facts_of(
        text,
        &[
            ("Mu Li", Person, &["Mu Li"]),
            ("University of Kent", Organization, &["University of Kent"]),
            ("Ali Amr", Person, &["Ali Amr"]),
        ],
    );
    assert_eq!(speakers(text, &facts), [Some("Mu Li"), Some("Ali Amr")]);
}

#[test]
fn the_listener_and_a_prepositional_object_are_not_speakers() {
    let text =
        "Ken Obi left the station, and then told the police, \"I did everything by the book.\"\n\
                A leaked letter seen by Sky News says \"failure to reply may end the claim\".";
    let (_, facts) = facts_of(
        text,
        &[
            ("Ken Obi", Person, &["Ken Obi"]),
            ("Sky News", Organization, &["Sky News"]),
        ],
    );
    let s = speakers(text, &facts);
    assert_eq!(s.len(), 2, "{facts:#?}");
    assert!(!s.contains(&Some("the police")), "{s:?}");
    assert!(!s.contains(&Some("Sky News")), "{s:?}");
}

#[test]
fn titles_in_quotes_are_not_quotes() {
    let text = "Microsoft launched \"The Internet Explorer Six Countdown\" on Monday.";
    let (_, facts) = facts_of(text, &[("Microsoft", Organization, &["Microsoft"])]);
    assert!(of_kind(&facts, FactKind::Quote).is_empty(), "{facts:#?}");
}

#[test]
fn it_added_and_and_said_reuse_the_speaker() {
    let text = "“We are ready,” said the Acme Group. “Prices will fall,” it added.\n\
                Yvette Cooper said her party had backed the idea \"for months\", and said it was \"damning that nothing has been done\".";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Acme Group", Organization, &["Acme Group"]),
            ("Yvette Cooper", Person, &["Yvette Cooper"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 4, "{facts:#?}");
    assert_eq!(q[1].subject.as_ref().unwrap().entity, Some(entities[0].id));
    assert_eq!(q[1].subject.as_ref().unwrap().span.text(text), "it");
    assert_eq!(q[2].subject.as_ref().unwrap().entity, Some(entities[1].id));
    assert_eq!(q[3].subject.as_ref().unwrap().entity, Some(entities[1].id));
    assert_eq!(q[3].predicate, "say");
}

#[test]
fn a_statement_hands_speech_to_the_next_sentence() {
    let text = "Senator Jo Park, Republican from Ohio, issued a statement on the vote. \"I am disappointed with the decision of the board.\"";
    let (_, facts) = facts_of(text, &[("Jo Park", Person, &["Jo Park"])]);
    assert_eq!(speakers(text, &facts), [Some("Jo Park")]);
}

#[test]
fn passive_clauses_say_so_in_the_predicate() {
    let text = "Omar Said was charged with fraud. Omar Said has charged his phone.";
    let (_, facts) = facts_of(text, &[("Omar Said", Person, &["Omar Said"])]);
    let preds: Vec<&str> = of_kind(&facts, FactKind::Event)
        .iter()
        .map(|f| f.predicate.as_str())
        .collect();
    assert_eq!(preds, ["be charged", "charge"]);
}

mod never_panics {
    use super::*;
    use article_explorer::Span;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "Ana Reyes",
        "Reyes",
        "Acme",
        "Lima",
        "£5m",
        "2025",
        "5 March 2024",
        "said",
        "told",
        "he",
        "she",
        "it",
        "they",
        "according",
        "to",
        "who",
        "heads",
        "the",
        "a",
        "of",
        "’s",
        "'s",
        "visit",
        "phone call",
        "with",
        "during",
        "which",
        "includes",
        "including",
        "and",
        "President",
        "Secretary",
        "chief",
        "executive",
        "announced",
        "was",
        "charged",
        ",",
        ".",
        ":",
        ";",
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "(",
        ")",
        "\n",
        "\n\n",
        "Mr",
        "office",
        "spokesperson",
        "é",
        "👩‍👩‍👧",
        "in",
        "by",
        "for",
    ];

    fn article() -> impl Strategy<Value = String> {
        prop::collection::vec(0..PIECES.len(), 0..120).prop_map(|ix| {
            ix.into_iter()
                .map(|i| PIECES[i])
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn with_entities_found_in_the_text(text in article()) {
            let (_, facts) = facts_of(&text, &[
                ("Ana Reyes", Person, &["Ana Reyes", "Reyes"]),
                ("Acme", Organization, &["Acme"]),
                ("Lima", Location, &["Lima"]),
                ("£5m", Money, &["£5m"]),
                ("dates", EntityKind::Date, &["2025", "5 March 2024"]),
            ]);
            for f in &facts {
                prop_assert!(text.get(f.evidence.range()).is_some());
                for a in f.subject.iter().chain(f.object.iter()).chain(f.qualifiers.iter().map(|q| &q.1)) {
                    prop_assert!(text.get(a.span.range()).is_some());
                }
            }
        }

        #[test]
        fn with_arbitrary_mention_spans(text in article(), spans in prop::collection::vec((0usize..400, 0usize..40), 0..20)) {
            // Spans out of range, off char boundaries, overlapping, unsorted.
            let doc = sections::structure(&text);
            let mut entities = entities_from_surfaces(&text, &[("x", Person, &["Reyes"])]);
            for (k, (start, len)) in spans.into_iter().enumerate() {
                let kind = EntityKind::ALL[k % EntityKind::ALL.len()];
                entities.push(Entity {
                    id: entities.len(),
                    name: format!("e{k}"),
                    kind,
                    salience: 0.0,
                    roles: vec!["President".into()],
                    mentions: vec![Span::new(start, start + len)],
                    country: None,
                    value: Some("20".into()),
                });
            }
            let _ = facts::extract(&text, &doc, &entities);
        }
    }
}

/// Issue 5's acceptance list on the sample article, through the whole pipeline (real
/// structure and entity stages).
#[test]
fn sample_article_full_pipeline() {
    let text = std::fs::read_to_string(data_dir().join("sample-uk-troops.txt")).unwrap();
    let a = article_explorer::analyze(&text);
    let name = |id: Option<usize>| id.and_then(|i| a.entities.get(i)).map(|e| e.name.as_str());
    let dump = facts::dump(&text, &a.entities, &a.facts);
    let quotes = of_kind(&a.facts, FactKind::Quote);
    let quote_by = |start: &str| {
        quotes
            .iter()
            .find(|f| object_text(&text, f).is_some_and(|o| o.starts_with(start)))
            .copied()
    };
    let healey = quote_by("The detail of our joint Ukrainian plan").expect(&dump);
    assert_eq!(
        object_text(&text, healey),
        Some("The detail of our joint Ukrainian plan will have to remain, let’s say, unavailable to [Russian] President [Vladimir] Putin,")
    );
    assert_eq!(
        name(healey.subject.as_ref().and_then(|s| s.entity)),
        Some("John Healey"),
        "{dump}"
    );
    let spokesperson = quote_by("The Prime Minister reiterated the need for allies").expect(&dump);
    assert_eq!(
        subject_text(&text, spokesperson)
            .map(str::to_lowercase)
            .as_deref(),
        Some("a downing street spokesperson")
    );
    let roles = of_kind(&a.facts, FactKind::Role);
    let has_role = |person: &str, office: &str, of: Option<&str>| {
        roles.iter().any(|f| {
            name(f.subject.as_ref().and_then(|s| s.entity)) == Some(person)
                && object_text(&text, f) == Some(office)
                && of.is_none_or(|country| {
                    f.qualifiers.iter().any(|(k, q)| {
                        k == "of"
                            && (q.value.as_deref() == Some(country)
                                || name(q.entity)
                                    .is_some_and(|n| n == country || country.contains(n))
                                || q.span.text(&text) == country)
                    })
                })
        })
    };
    assert!(has_role("John Healey", "Defence Secretary", None), "{dump}");
    assert!(
        has_role("David Lammy", "Foreign Secretary", Some("UK")),
        "{dump}"
    );
    assert!(
        has_role("Keir Starmer", "Prime Minister", Some("UK")),
        "{dump}"
    );
    assert!(has_role("Donald Trump", "President-elect", None), "{dump}");
    assert!(
        has_role("Volodymyr Zelensky", "President", Some("Ukraine")),
        "{dump}"
    );
    let amount = of_kind(&a.facts, FactKind::Amount)
        .into_iter()
        .find(|f| subject_text(&text, f) == Some("£225 million"))
        .expect(&dump);
    assert_eq!(amount.predicate, "announce");
    assert_eq!(qualifier(&text, amount, "purpose"), ["military aid"]);
    let by: Vec<_> = amount
        .qualifiers
        .iter()
        .filter(|(k, _)| k == "by")
        .map(|(_, q)| name(q.entity))
        .collect();
    assert_eq!(by, [Some("John Healey")], "{dump}");
    assert_eq!(
        qualifier(&text, amount, "includes"),
        ["drones", "artillery shells", "air defense systems"]
    );
    let events = of_kind(&a.facts, FactKind::Event);
    assert!(
        events.iter().any(|f| f.predicate == "visit"
            && name(f.subject.as_ref().and_then(|s| s.entity)) == Some("John Healey")
            && f.qualifiers
                .iter()
                .any(|(k, q)| k == "location" && q.span.text(&text) == "Kyiv")),
        "{dump}"
    );
    assert!(
        events.iter().any(|f| f.predicate == "phone call"
            && name(f.subject.as_ref().and_then(|s| s.entity)) == Some("Keir Starmer")
            && name(f.object.as_ref().and_then(|s| s.entity)) == Some("Donald Trump")),
        "{dump}"
    );
}

#[test]
fn speakers_in_news_agency_shapes() {
    let text = "The Shadow Secretary for the Family, Theresa May, said: \"These plans were announced in December.\"\n\
                \"Our performance was strong,\" chairman and chief executive Richard Parsons said.\n\
                Tom Reed warned his supporters, saying: \"It is a fight for the future of our country.\"\n\
                Sarah Teather, the most recent MP to be elected, told researchers: \"It feels like a public school.\"\n\
                Patricia Hewitt said the cost of the proposals was being evaluated, but it was an \"increasingly high priority\".";
    let (_, facts) = facts_of(
        text,
        &[
            ("Theresa May", Person, &["Theresa May"]),
            ("Richard Parsons", Person, &["Richard Parsons"]),
            ("Tom Reed", Person, &["Tom Reed"]),
            ("Sarah Teather", Person, &["Sarah Teather"]),
            ("Patricia Hewitt", Person, &["Patricia Hewitt"]),
        ],
    );
    assert_eq!(
        speakers(text, &facts),
        [
            Some("Theresa May"),
            Some("Richard Parsons"),
            Some("Tom Reed"),
            Some("Sarah Teather"),
            Some("Patricia Hewitt")
        ]
    );
}

#[test]
fn plural_nouns_after_a_name_are_not_verbs() {
    let text = "Allied Domecq shares in London rose 4%. Allied Domecq plans to sell its wine arm.";
    let (_, facts) = facts_of(text, &[("Allied Domecq", Organization, &["Allied Domecq"])]);
    let preds: Vec<&str> = of_kind(&facts, FactKind::Event)
        .iter()
        .map(|f| f.predicate.as_str())
        .collect();
    assert_eq!(preds, ["plan to sell"]);
}

#[test]
fn pronouns_pass_over_people_of_the_other_gender() {
    let text =
        "Mr Tom Reed met Ms Ana Reyes. “It went well,” she said. “We agreed on a lot,” he added.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Tom Reed", Person, &["Tom Reed"]),
            ("Ana Reyes", Person, &["Ana Reyes"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 2, "{facts:#?}");
    assert_eq!(q[0].subject.as_ref().unwrap().entity, Some(entities[1].id));
    assert_eq!(q[1].subject.as_ref().unwrap().entity, Some(entities[0].id));
}

#[test]
fn a_pronoun_is_not_the_object_of_a_preposition_before_it_in_its_clause() {
    // "he" after "next to Lars Holm" / "with Mr Holm" is the earlier speaker; but a new
    // clause ("and he", "who has said she") may start with the person just named.
    let text = "Omar Sadiq spoke in Oslo. Standing next to Prime Minister Lars Holm, he added \
                that “the talks were useful”. Speaking with Mr Holm on radio, he said “We will \
                meet again.” The prize went to Lars Holm and he said “I am grateful.” It was \
                hard for Ines Moreau, who has said she “never liked the training”.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Omar Sadiq", Person, &["Omar Sadiq"]),
            ("Lars Holm", Person, &["Lars Holm", "Holm"]),
            ("Ines Moreau", Person, &["Ines Moreau"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    let who: Vec<Option<usize>> = q
        .iter()
        .map(|f| f.subject.as_ref().and_then(|s| s.entity))
        .collect();
    let [omar, lars, ines] = [0, 1, 2].map(|i| Some(entities[i].id));
    assert_eq!(who, [omar, omar, lars, ines], "{facts:#?}");
}

#[test]
fn pronouns_pass_over_people_whose_first_name_says_the_other_sex() {
    // No honorific: the census first names tell that "Tom" is a man and "Mary" a woman.
    let text =
        "Mary Hollis thanked Tom Reed. “It went well,” she said. “We agreed on a lot,” he added.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Mary Hollis", Person, &["Mary Hollis"]),
            ("Tom Reed", Person, &["Tom Reed"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 2, "{facts:#?}");
    assert_eq!(q[0].subject.as_ref().unwrap().entity, Some(entities[0].id));
    assert_eq!(q[1].subject.as_ref().unwrap().entity, Some(entities[1].id));
}

#[test]
fn a_first_name_of_either_sex_leaves_the_nearest_person() {
    // "Jordan" is borne by men and women alike: no guess, so "she" is the last person named.
    let text = "Mary Hollis thanked Jordan Reed. “It went well,” she said.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Mary Hollis", Person, &["Mary Hollis"]),
            ("Jordan Reed", Person, &["Jordan Reed"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 1, "{facts:#?}");
    assert_eq!(q[0].subject.as_ref().unwrap().entity, Some(entities[1].id));
}

#[test]
fn a_speaker_after_the_quote_may_carry_where_they_are_from() {
    let text = "“Everything is going digital,” Kirsten Pfeifer from the Consumer Electronics \
                Association, told the BBC.\n\n\
                “Prices will rise,” John Smith of Acme Corp told reporters.\n\n\
                “We wanted a second opinion,” director of rugby Nigel Melville told BBC Sport.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Kirsten Pfeifer", Person, &["Kirsten Pfeifer"]),
            (
                "Consumer Electronics Association",
                Organization,
                &["Consumer Electronics Association"],
            ),
            ("John Smith", Person, &["John Smith"]),
            ("Acme Corp", Organization, &["Acme Corp"]),
            ("Nigel Melville", Person, &["Nigel Melville"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 3, "{facts:#?}");
    let speakers: Vec<Option<usize>> = q
        .iter()
        .map(|f| f.subject.as_ref().and_then(|a| a.entity))
        .collect();
    assert_eq!(
        speakers,
        [
            Some(entities[0].id),
            Some(entities[2].id),
            Some(entities[4].id)
        ]
    );
    assert!(q.iter().all(|f| f.predicate == "tell"));
}

#[test]
fn an_unnamed_speaker_is_the_phrase_that_names_them() {
    let text = "“The shares should be above $10,” said one trader.\n\n\
                “It will not last,” one Bombay broker said this week.\n\n\
                “He can never be replaced,” said the radio station.";
    let (_, facts) = facts_of(text, &[]);
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 3, "{facts:#?}");
    assert_eq!(subject_text(text, q[0]), Some("one trader"));
    assert_eq!(subject_text(text, q[1]), Some("one Bombay broker"));
    assert_eq!(subject_text(text, q[2]), Some("the radio station"));
    assert!(q
        .iter()
        .all(|f| f.subject.as_ref().unwrap().entity.is_none()));
}

#[test]
fn a_paragraph_of_quotation_goes_on_quoting_the_last_speaker() {
    let text = "“We will not give up,” said Maria Lopez, the mayor.\n\n\
                “The city has waited long enough for this bridge. It will be built.”\n\n\
                Officials were less sure.\n\n\
                “Nobody knows what the bridge will cost in the end.”";
    let (entities, facts) = facts_of(text, &[("Maria Lopez", Person, &["Maria Lopez"])]);
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 3, "{facts:#?}");
    assert_eq!(q[0].subject.as_ref().unwrap().entity, Some(entities[0].id));
    // The next paragraph is all quotation: the same speaker.
    assert_eq!(q[1].subject.as_ref().unwrap().entity, Some(entities[0].id));
    // After a paragraph of narration, an unattributed quote has no known speaker.
    assert!(q[2].subject.is_none(), "{:?}", q[2]);
}

#[test]
fn a_participle_after_an_opening_phrase_takes_the_subject_after_it() {
    let text = "However, Arsene Wenger tried to play down the incidents, adding: “There was \
                nothing that I have not seen in derbies before.”\n\n\
                On Monday, Maria Lopez left the meeting early, saying: “We have nothing more \
                to discuss with them.”";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Arsene Wenger", Person, &["Arsene Wenger"]),
            ("Maria Lopez", Person, &["Maria Lopez"]),
            ("Monday", EntityKind::Date, &["Monday"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 2, "{facts:#?}");
    assert_eq!(q[0].subject.as_ref().unwrap().entity, Some(entities[0].id));
    assert_eq!(q[0].predicate, "add");
    assert_eq!(q[1].subject.as_ref().unwrap().entity, Some(entities[1].id));
}

#[test]
fn he_or_she_before_the_speech_verb_is_its_subject_whatever_precedes() {
    let text = "Gordon Brown spoke in Brighton.\n\n\
                Asked if he would welcome BNP voters he told the BBC: “I do not want anybody \
                to vote for these extremist parties.”\n\n\
                Laying into the record of the government he said: “Britain will never return \
                to those mistakes.”";
    let (entities, facts) = facts_of(text, &[("Gordon Brown", Person, &["Gordon Brown"])]);
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 2, "{facts:#?}");
    for f in &q {
        let s = f.subject.as_ref().expect("a speaker");
        assert_eq!(s.span.text(text), "he");
        assert_eq!(s.entity, Some(entities[0].id));
    }
    assert_eq!(
        (q[0].predicate.as_str(), q[1].predicate.as_str()),
        ("tell", "say")
    );
}

#[test]
fn naming_verbs_quote_their_subject_only_in_the_active_voice() {
    let text = "Maeve Sherlock called the plans “dangerous, ill thought-out and hugely \
                irresponsible”.\n\n\
                Raj Buhecha was called “one of the biggest pirates in the country” by the \
                sentencing judge.\n\n\
                “It has taken a lot of work and a lot of fighting in my mind,” Sherlock revealed.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("Maeve Sherlock", Person, &["Maeve Sherlock", "Sherlock"]),
            ("Raj Buhecha", Person, &["Raj Buhecha"]),
        ],
    );
    let q = of_kind(&facts, FactKind::Quote);
    assert_eq!(q.len(), 3, "{facts:#?}");
    assert_eq!(q[0].subject.as_ref().unwrap().entity, Some(entities[0].id));
    assert_eq!(q[0].predicate, "call");
    // Passive: the person named is not the one speaking, and the speaker is not a name.
    assert!(q[1].subject.is_none(), "{:?}", q[1]);
    assert_eq!(q[2].subject.as_ref().unwrap().entity, Some(entities[0].id));
    assert_eq!(q[2].predicate, "reveal");
}

#[test]
fn a_share_is_of_a_whole_that_ends_before_a_verb_of_saying_and_keeps_a_range() {
    let text = "A survey for the charity suggests 69% of pensioners say they always vote. \
                Its report suggests 30% of Brightwell Homes was sold in 2023. \
                Research suggests 81% of 16 to 20-year-olds feel strongly about crime.";
    let (entities, facts) = facts_of(
        text,
        &[
            ("69%", Percent, &["69%"]),
            ("30%", Percent, &["30%"]),
            ("81%", Percent, &["81%"]),
            ("Brightwell Homes", Organization, &["Brightwell Homes"]),
        ],
    );
    let of: Vec<(&str, Option<usize>)> = of_kind(&facts, FactKind::Amount)
        .iter()
        .flat_map(|f| f.qualifiers.iter())
        .filter(|(k, _)| k == "of")
        .map(|(_, a)| (a.span.text(text), a.entity))
        .collect();
    assert_eq!(
        of,
        [
            ("pensioners", None),
            ("Brightwell Homes", Some(entities[3].id)),
            ("16 to 20-year-olds", None)
        ],
        "{facts:#?}"
    );
}
