//! Linearity bench for the fact stage: generated article-like text of ~100 KB and ~1 MB
//! (plus 1 MB as one paragraph), timed through the whole pipeline and through
//! `facts::extract` alone with hand-made entities. MB/s that holds steady from 100 KB to
//! 1 MB means no quadratic path. Prints figures; asserts nothing about time.

use article_explorer::entities::{self, EntityKind};
use article_explorer::facts::{self, testing};
use article_explorer::sections;
use std::time::Instant;

const PEOPLE: &[&str] = &[
    "Ana Reyes",
    "Tom Reed",
    "Lena Hart",
    "Omar Said",
    "Jon Berg",
    "Ruth Imbo",
    "Kofi Mensah",
    "Nadia Osei",
    "Pavel Drozd",
    "Greta Holm",
];
const ORGS: &[&str] = &["Norvik Bank", "Coastal Authority", "Acme Group", "Velto"];
const PLACES: &[&str] = &["Lima", "Quito", "Oslo", "Bergen", "Kyiv", "Brussels"];
const OFFICES: &[&str] = &[
    "Finance Minister",
    "Defence Secretary",
    "President",
    "Governor",
];

/// A small deterministic generator (no dependency, same text every run).
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        xs[(self.0 >> 33) as usize % xs.len()]
    }
    fn n(&mut self, m: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % m
    }
}

fn sentence(r: &mut Lcg) -> String {
    let p = r.pick(PEOPLE);
    let q = r.pick(PEOPLE);
    let o = r.pick(ORGS);
    let c = r.pick(PLACES);
    match r.n(9) {
        0 => format!("“We will not let the people of {c} down,” {p} said on Monday."),
        1 => format!(
            "{} {p} announced an additional £{} million in flood relief, which includes boats, pumps and tents.",
            r.pick(OFFICES),
            r.n(900) + 1
        ),
        2 => format!("{p}, chief executive of {o}, met {q} in {c} on {} March {}.", r.n(28) + 1, 2000 + r.n(30)),
        3 => format!("{p}’s visit to {c} coincided with talks in Brussels."),
        4 => "“The detail will have to remain, let’s say, unavailable,” he stated.".to_string(),
        5 => format!("A {o} spokesperson said: “The figures speak for themselves.”"),
        6 => format!("{p} highlighted the importance of allies stepping up their contributions."),
        7 => format!("The plan was reviewed by officials, who said it would cost {} per cent more.", r.n(40)),
        _ => format!("As {} approaches, the region faces the challenge of rebuilding.", 2000 + r.n(30)),
    }
}

/// About `bytes` of text: paragraphs of 3-5 sentences, a heading every 8 paragraphs; or all
/// of it in one paragraph.
fn article(bytes: usize, one_paragraph: bool) -> String {
    let mut r = Lcg(42);
    let mut text = String::with_capacity(bytes + 512);
    let mut n_para = 0;
    while text.len() < bytes {
        if !one_paragraph && n_para % 8 == 7 {
            text.push_str("Further Developments In The Region\n");
        }
        for k in 0..3 + r.n(3) {
            if k > 0 {
                text.push(' ');
            }
            text.push_str(&sentence(&mut r));
        }
        text.push(if one_paragraph { ' ' } else { '\n' });
        n_para += 1;
    }
    text
}

fn entity_specs() -> Vec<(String, EntityKind, Vec<String>)> {
    let mut specs = Vec::new();
    for p in PEOPLE {
        let last = p.rsplit(' ').next().unwrap_or(p);
        specs.push((
            p.to_string(),
            EntityKind::Person,
            vec![p.to_string(), last.to_string()],
        ));
    }
    for o in ORGS {
        specs.push((o.to_string(), EntityKind::Organization, vec![o.to_string()]));
    }
    for c in PLACES {
        specs.push((c.to_string(), EntityKind::Location, vec![c.to_string()]));
    }
    specs
}

/// CPU time this thread has run, from Linux's schedstat (nanoseconds): on a shared machine
/// wall time mostly measures the other processes. `None` elsewhere.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn mb_per_s(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs.max(1e-9)
}

fn main() {
    let specs = entity_specs();
    let surfaces: Vec<Vec<&str>> = specs
        .iter()
        .map(|s| s.2.iter().map(String::as_str).collect())
        .collect();
    let spec_refs: Vec<testing::Spec> = specs
        .iter()
        .zip(&surfaces)
        .map(|(s, v)| (s.0.as_str(), s.1, v.as_slice()))
        .collect();
    println!(
        "facts_linear: fact stage throughput (native, release profile when run by cargo bench)"
    );
    println!(
        "{:<22} {:>9} {:>7} {:>9} {:>11} {:>9} {:>10} {:>9} {:>9}",
        "input",
        "bytes",
        "facts",
        "wall ms",
        "wall MB/s",
        "cpu ms",
        "cpu MB/s",
        "all ms",
        "all MB/s"
    );
    for (name, bytes, one) in [
        ("article 100 KB", 100_000, false),
        ("article 1 MB", 1_000_000, false),
        ("one paragraph 1 MB", 1_000_000, true),
        ("article 4 MB", 4_000_000, false),
    ] {
        let text = article(bytes, one);
        let doc = sections::structure(&text);
        let ents = testing::entities_from_surfaces(&text, &spec_refs);
        // Best of 3 runs: the figure is the cost of the stage, not of a cold cache.
        let mut best = f64::MAX;
        let mut best_cpu = f64::MAX;
        let mut n_facts = 0;
        for _ in 0..3 {
            let cpu = thread_cpu_secs();
            let t = Instant::now();
            let facts = facts::extract(&text, &doc, &ents);
            best = best.min(t.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (cpu, thread_cpu_secs()) {
                best_cpu = best_cpu.min(b - a);
            }
            n_facts = facts.len();
        }
        let cpu_cols = if best_cpu < f64::MAX {
            format!(
                "{:>9.1} {:>10.1}",
                best_cpu * 1e3,
                mb_per_s(text.len(), best_cpu)
            )
        } else {
            format!("{:>9} {:>10}", "-", "-")
        };
        // The whole pipeline as the page runs it (entity stage as it is on this build).
        let t = Instant::now();
        let doc2 = sections::structure(&text);
        let real = entities::extract(&text, &doc2);
        let all = facts::extract(&text, &doc2, &real);
        let all_secs = t.elapsed().as_secs_f64();
        std::hint::black_box(all);
        println!(
            "{:<22} {:>9} {:>7} {:>9.1} {:>11.1} {cpu_cols} {:>9.1} {:>9.1}",
            name,
            text.len(),
            n_facts,
            best * 1e3,
            mb_per_s(text.len(), best),
            all_secs * 1e3,
            mb_per_s(text.len(), all_secs)
        );
    }
}
