//! Evaluation bench of the entity stage around the tagger: per-kind precision / recall / F1
//! (exact span and type, plus overlap) on the Wikinews sidecars, dates included, and the
//! speed of each part (structure, tagger, rules) on the BBC news texts.
//!
//! Run: `cargo bench --bench entities`. Reads `../shared/data` (or `$SHARED_DATA`); prints
//! "skipped" and exits 0 when the data is not there. Prints figures; asserts nothing.

use article_explorer::entities::{extract_from, tagger, Entity, EntityKind};
use article_explorer::sections::structure;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn data_root() -> PathBuf {
    std::env::var_os("SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}

/// Gold type names of the sidecars for our kinds (numbers other than dates are not annotated).
fn gold_type(kind: EntityKind) -> Option<&'static str> {
    Some(match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organisation",
        EntityKind::Location => "Location",
        EntityKind::Nationality => "Nationality",
        EntityKind::Date => "Temporal",
        _ => return None,
    })
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    overlap_tp: usize,
}

fn f1(c: &Counts) -> (f64, f64, f64) {
    let p = c.tp as f64 / (c.tp + c.fp).max(1) as f64;
    let r = c.tp as f64 / (c.tp + c.fn_).max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Byte offset of every code point offset of `text` (and of its end).
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// Which predictions to score: the whole stage, or the tagger's raw mentions (to see what the
/// rules add or cost).
#[derive(Clone, Copy, PartialEq)]
enum Source {
    Stage,
    TaggerOnly,
}

fn wikinews(root: &Path, source: Source) {
    let dir = root.join("articles/wikinews");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} not found (set SHARED_DATA)", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut counts: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(json) = std::fs::read_to_string(path.with_extension("json")) else {
            continue;
        };
        let Ok(side) = serde_json::from_str::<serde_json::Value>(&json) else {
            continue;
        };
        let offsets = byte_offsets(&text);
        let mut gold: Vec<(usize, usize, String)> = Vec::new();
        for e in side["entities"].as_array().into_iter().flatten() {
            let (Some(s), Some(t), Some(ty)) =
                (e["start"].as_u64(), e["end"].as_u64(), e["type"].as_str())
            else {
                continue;
            };
            if let (Some(&a), Some(&b)) = (offsets.get(s as usize), offsets.get(t as usize)) {
                gold.push((a, b, ty.to_string()));
            }
        }
        let doc = structure(&text);
        let names = tagger::tag(&text, &doc);
        let mut pred: Vec<(usize, usize, &'static str)> = Vec::new();
        if source == Source::TaggerOnly {
            for m in &names {
                if let Some(ty) = gold_type(m.kind) {
                    pred.push((m.span.start as usize, m.span.end as usize, ty));
                }
            }
        } else {
            let entities: Vec<Entity> = extract_from(&text, &doc, &names);
            for e in &entities {
                if let Some(ty) = gold_type(e.kind) {
                    for m in &e.mentions {
                        pred.push((m.start as usize, m.end as usize, ty));
                    }
                }
            }
        }
        for ty in [
            "Person",
            "Organisation",
            "Location",
            "Nationality",
            "Temporal",
        ] {
            let c = counts.entry(ty).or_default();
            let g: Vec<_> = gold.iter().filter(|x| x.2 == ty).collect();
            let p: Vec<_> = pred.iter().filter(|x| x.2 == ty).collect();
            for x in &p {
                if g.iter().any(|y| y.0 == x.0 && y.1 == x.1) {
                    c.tp += 1;
                } else {
                    c.fp += 1;
                    misses.push(format!("  fp {ty}: {:?}", &text[x.0..x.1]));
                }
                if g.iter().any(|y| y.0 < x.1 && x.0 < y.1) {
                    c.overlap_tp += 1;
                }
            }
            for y in &g {
                if !p.iter().any(|x| y.0 == x.0 && y.1 == x.1) {
                    c.fn_ += 1;
                    misses.push(format!("  fn {ty}: {:?}", &text[y.0..y.1]));
                }
            }
        }
    }
    println!(
        "Wikinews sidecars ({} articles), exact span + type:",
        paths.len()
    );
    println!(
        "  {:<13} {:>6} {:>6} {:>6}   {:>5} {:>5} {:>5}",
        "type", "P", "R", "F1", "tp", "fp", "fn"
    );
    let mut all = Counts::default();
    for (ty, c) in &counts {
        let (p, r, f) = f1(c);
        println!(
            "  {ty:<13} {p:>6.3} {r:>6.3} {f:>6.3}   {:>5} {:>5} {:>5}   (overlapping predictions {})",
            c.tp, c.fp, c.fn_, c.overlap_tp
        );
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
    }
    let (p, r, f) = f1(&all);
    println!("  {:<13} {p:>6.3} {r:>6.3} {f:>6.3}", "all");
    if source == Source::Stage && std::env::var_os("SHOW_MISSES").is_some() {
        for m in misses {
            println!("{m}");
        }
    }
}

fn speed(root: &Path) {
    let dir = root.join("news/bbc");
    let Ok(cats) = std::fs::read_dir(&dir) else {
        println!("skipped: {} not found (set SHARED_DATA)", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for c in cats.filter_map(Result::ok) {
        if let Ok(files) = std::fs::read_dir(c.path()) {
            paths.extend(files.filter_map(|f| f.ok().map(|f| f.path())));
        }
    }
    paths.sort();
    // Articles one by one, as the page sees them; bytes that are not UTF-8 are replaced.
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let n_bytes: usize = texts.iter().map(String::len).sum();
    let (mut t_structure, mut t_tag, mut t_rules) = (0.0, 0.0, 0.0);
    let mut n_entities = 0;
    let start = Instant::now();
    for text in &texts {
        let t0 = cpu_seconds(start);
        let doc = structure(text);
        let t1 = cpu_seconds(start);
        let names = tagger::tag(text, &doc);
        let t2 = cpu_seconds(start);
        let es = extract_from(text, &doc, &names);
        let t3 = cpu_seconds(start);
        n_entities += es.len();
        t_structure += t1 - t0;
        t_tag += t2 - t1;
        t_rules += t3 - t2;
    }
    let mb = n_bytes as f64 / 1e6;
    println!(
        "BBC news: {} articles, {mb:.2} MB, {n_entities} entities, CPU time of one core:",
        texts.len()
    );
    println!("  structure      {:>8.1} MB/s", mb / t_structure.max(1e-9));
    println!("  tagger         {:>8.1} MB/s", mb / t_tag.max(1e-9));
    println!("  rules (ours)   {:>8.1} MB/s", mb / t_rules.max(1e-9));
    println!(
        "  entity stage   {:>8.1} MB/s (tagger + rules)",
        mb / (t_tag + t_rules).max(1e-9)
    );
    // One long text too: the rules must stay linear when an article is huge.
    let long: String = texts
        .iter()
        .take(400)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n\n");
    let doc = structure(&long);
    let names = tagger::tag(&long, &doc);
    let t = Instant::now();
    let t0 = cpu_seconds(t);
    let es = extract_from(&long, &doc, &names);
    let secs = cpu_seconds(t) - t0;
    println!(
        "  rules on one {:.2} MB text: {:.1} MB/s ({} entities)",
        long.len() as f64 / 1e6,
        long.len() as f64 / 1e6 / secs.max(1e-9),
        es.len()
    );
}

/// Seconds this thread has spent on a CPU (Linux), else wall-clock seconds: the machines
/// these benches run on are shared, and wall-clock speed would measure the neighbours.
fn cpu_seconds(since: Instant) -> f64 {
    match std::fs::read_to_string("/proc/thread-self/schedstat") {
        Ok(s) => s
            .split_whitespace()
            .next()
            .and_then(|ns| ns.parse::<f64>().ok())
            .map_or_else(|| since.elapsed().as_secs_f64(), |ns| ns / 1e9),
        Err(_) => since.elapsed().as_secs_f64(),
    }
}

/// `PROFILE_RULES=1`: only the rules, over and over, for a profiler.
fn profile_rules(root: &Path) {
    let dir = root.join("news/bbc/politics");
    let Ok(files) = std::fs::read_dir(&dir) else {
        return;
    };
    let texts: Vec<String> = files
        .filter_map(|f| std::fs::read(f.ok()?.path()).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let doc = structure(t);
            let names = tagger::tag(t, &doc);
            (doc, names)
        })
        .collect();
    let t = Instant::now();
    let t0 = cpu_seconds(t);
    let mut n = 0;
    for _ in 0..10 {
        for (text, (doc, names)) in texts.iter().zip(&prepared) {
            n += extract_from(text, doc, names).len();
        }
    }
    let mb = 10.0 * texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "rules only: {n} entities, {:.1} MB/s",
        mb / (cpu_seconds(t) - t0)
    );
}

fn main() {
    let root = data_root();
    if std::env::var_os("PROFILE_RULES").is_some() {
        profile_rules(&root);
        return;
    }
    if !root.exists() {
        println!("skipped: {} not found (set SHARED_DATA)", root.display());
        return;
    }
    wikinews(&root, Source::TaggerOnly);
    wikinews(&root, Source::Stage);
    speed(&root);
}
