//! The trained name tagger: the embedded model loads and finds names in the usual news
//! shapes, training is reproducible, hashing is stable, the decoder keeps BIO valid.

// A vector of one sentence range is what `prepare` takes, not a mistaken `0..n` vector.
#![allow(clippy::single_range_in_vec_init)]

use article_explorer::entities::features;
use article_explorer::entities::tagger::{self, allowed, label_index, viterbi, Model, N_LABELS};
use article_explorer::entities::train::{self, Scheme, TrainConfig};
use article_explorer::entities::EntityKind;
use article_explorer::gazetteer;
use article_explorer::sections::structure;
use proptest::prelude::*;

fn names(text: &str) -> Vec<(String, EntityKind)> {
    let doc = structure(text);
    tagger::tag(text, &doc)
        .into_iter()
        .map(|m| (m.span.text(text).to_string(), m.kind))
        .collect()
}

#[test]
fn embedded_model_loads() {
    let m = tagger::model().expect("ner.model parses");
    assert!(m.n_features > 1000, "{} features", m.n_features);
    assert!(m.scale > 0.0);
    assert!(tagger::model_size() > 0);
}

#[test]
fn title_is_not_part_of_the_person() {
    let found = names("Defence Secretary John Healey visited Kyiv.");
    assert!(
        found.contains(&("John Healey".into(), EntityKind::Person)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Kyiv".into(), EntityKind::Location)),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(n, _)| n.contains("Secretary")),
        "{found:?}"
    );
}

#[test]
fn possessive_and_article_stay_outside() {
    let found = names("The government said Healey’s plan for the United Nations was sound.");
    for (n, _) in &found {
        assert!(!n.ends_with("’s") && !n.ends_with("'s"), "{found:?}");
        assert!(
            !n.starts_with("the ") && !n.starts_with("The "),
            "{found:?}"
        );
    }
    assert!(found.iter().any(|(n, _)| n == "Healey"), "{found:?}");
}

#[test]
fn nationalities_are_their_own_kind() {
    let found = names("British and Ukrainian officials met Russian diplomats in Brussels.");
    for n in ["British", "Ukrainian", "Russian"] {
        assert!(
            found.contains(&(n.into(), EntityKind::Nationality)),
            "{n}: {found:?}"
        );
    }
}

#[test]
fn title_case_subheadings_are_not_names() {
    let text = "Ministers met on Monday.\nEnhancing Ukraine’s Military Readiness\nThey agreed to \
                keep enhancing the army and balancing the budget.\nBalancing The Books\n";
    let found = names(text);
    assert!(
        !found
            .iter()
            .any(|(n, _)| n.starts_with("Enhancing") || n.starts_with("Balancing")),
        "{found:?}"
    );
}

#[test]
fn odd_text_never_panics() {
    for text in [
        "",
        " ",
        "’s",
        "A",
        "\u{0}\u{1}",
        "É.",
        "١٢٣ مرحبا",
        "THE END",
        "a\n\nb",
    ] {
        let found = names(text);
        for (n, _) in found {
            assert!(!n.is_empty());
        }
    }
}

#[test]
fn runs_of_capitals_do_not_become_giant_names() {
    for unit in [
        "Alpha Beta Gamma Delta ",
        "A. ",
        "Mr. Dr. St. U.S. U.K. Inc. ",
    ] {
        let text = unit.repeat(2_000);
        for (n, _) in names(&text) {
            assert!(n.len() <= 160, "{} bytes", n.len());
        }
    }
}

fn tiny_corpus() -> Vec<train::Doc> {
    let text = "-DOCSTART- O\n\nJohn B-PER\nSmith I-PER\nvisited O\nParis B-LOC\n. O\n\n\
                The O\nGerman B-MISC\nbank O\nDeutsche B-ORG\nBank I-ORG\ngrew O\n. O\n\n\
                -DOCSTART- O\n\nMary B-PER\nJones I-PER\nleft O\nBerlin B-LOC\n. O\n";
    train::read_conll(text, Scheme::Iob2)
}

#[test]
fn reading_conll_maps_nationalities() {
    let docs = tiny_corpus();
    assert_eq!(docs.len(), 2);
    let german = &docs[0][1];
    assert_eq!(german.words[1], "German");
    assert_eq!(german.labels[1], label_index("B-NAT").unwrap());
    assert_eq!(german.labels[3], label_index("B-ORG").unwrap());
    // IOB1 starts an entity with I-.
    let docs = train::read_conll("Bill I-PER\nGates I-PER\nsaid O\n", Scheme::Iob1);
    assert_eq!(
        docs[0][0].labels[..2],
        [label_index("B-PER").unwrap(), label_index("I-PER").unwrap()]
    );
}

#[test]
fn training_is_deterministic() {
    let docs = tiny_corpus();
    let cfg = TrainConfig {
        epochs: 5,
        min_weight: 1,
        ..TrainConfig::default()
    };
    let a = train::train(&docs, &cfg, |_, _| {});
    let b = train::train(&docs, &cfg, |_, _| {});
    assert_eq!(a.bytes, b.bytes);
    let other = train::train(
        &docs,
        &TrainConfig {
            seed: 7,
            ..cfg.clone()
        },
        |_, _| {},
    );
    assert!(other.n_features_kept > 0);
    // The model it writes parses and has learnt its own training data.
    let m = Model::from_bytes(&a.bytes).expect("parses");
    let counts = train::evaluate(&m, &docs, false);
    assert!(
        train::overall_f1(&counts) > 0.9,
        "{}",
        train::report(&counts)
    );
}

#[test]
fn hashes_do_not_drift() {
    // The committed model stores feature hashes: these must be the same on every platform
    // and every build, or the model silently stops matching its features.
    assert_eq!(gazetteer::word_key("Kyiv"), gazetteer::word_key("KYIV"));
    assert_eq!(gazetteer::word_key("Kyiv"), 0xeda9_e779_0a39_d5b1);
    let doc = features::prepare(&["John", "Healey"], vec![0..2]);
    let (mut f, mut s) = (Vec::new(), Vec::new());
    features::sentence_features(&doc, 0, &mut f, &mut s);
    assert_eq!(s.len(), 3);
    assert_eq!(
        f[features::N_LEXICAL],
        0xcbeb_ef44,
        "bias feature hash changed: retrain or restore"
    );
}

proptest! {
    #[test]
    fn decoder_never_opens_with_inside(emit in prop::collection::vec(-10.0f32..10.0, 0..(8 * N_LABELS)),
                                        trans in prop::collection::vec(-5.0f32..5.0, (N_LABELS + 1) * N_LABELS)) {
        let n = emit.len() / N_LABELS;
        let mut out = Vec::new();
        viterbi(&emit[..n * N_LABELS], &trans, &mut out);
        prop_assert_eq!(out.len(), n);
        let mut prev = None;
        for &l in &out {
            prop_assert!(allowed(prev, l), "{:?} -> {}", prev, l);
            prev = Some(l);
        }
    }
}
