//! Entity lists built by hand for tests and benches of the fact stage: each entity is a name,
//! a kind and the surface strings that mention it, found in the text as whole words.
//!
//! This lets the fact patterns be tested apart from the entity stage's accuracy.

use crate::entities::{Entity, EntityKind};
use crate::span::Span;
use aho_corasick::{AhoCorasick, MatchKind};

/// One hand-made entity: name, kind, surface strings.
pub type Spec<'a> = (&'a str, EntityKind, &'a [&'a str]);

/// Entities whose mentions are every whole-word, non-overlapping occurrence of their surface
/// strings (longest first). Ids follow the order of `specs`. Linear in the text length.
pub fn entities_from_surfaces(text: &str, specs: &[Spec]) -> Vec<Entity> {
    let mut patterns = Vec::new();
    let mut owner = Vec::new();
    for (i, (_, _, surfaces)) in specs.iter().enumerate() {
        for s in surfaces.iter() {
            patterns.push(*s);
            owner.push(i);
        }
    }
    let mut entities: Vec<Entity> = specs
        .iter()
        .enumerate()
        .map(|(i, (name, kind, _))| Entity {
            id: i,
            name: name.to_string(),
            kind: *kind,
            salience: 0.0,
            roles: Vec::new(),
            mentions: Vec::new(),
            country: None,
            value: None,
        })
        .collect();
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return entities;
    };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    for m in ac.find_iter(text) {
        let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
        let after = text.get(m.end()..).and_then(|s| s.chars().next());
        if word(before) || word(after) {
            continue;
        }
        let i = owner[m.pattern().as_usize()];
        entities[i].mentions.push(Span::new(m.start(), m.end()));
    }
    entities
}

/// Sets an entity's country (for nationalities: "Ukrainian" -> "Ukraine").
pub fn with_country(mut entities: Vec<Entity>, name: &str, country: &str) -> Vec<Entity> {
    for e in &mut entities {
        if e.name == name {
            e.country = Some(country.to_string());
        }
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_longest_first() {
        let text = "John Healey met Healeyson. Healey left.";
        let e = entities_from_surfaces(
            text,
            &[(
                "John Healey",
                EntityKind::Person,
                &["John Healey", "Healey"],
            )],
        );
        let got: Vec<&str> = e[0].mentions.iter().map(|s| s.text(text)).collect();
        assert_eq!(got, ["John Healey", "Healey"]);
    }
}
