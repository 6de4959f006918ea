//! Evaluation of the name tagger: per-type exact-span P/R/F1 on CoNLL-2003 dev and on the
//! Wikinews sidecars, the model's size, and tagging speed on BBC News text.
//! `cargo bench --bench eval_ner` (data from ../shared/data or $SHARED_DATA; skipped without).

use article_explorer::entities::tagger::{self, TYPES};
use article_explorer::entities::train::{self, Counts, Scheme};
use article_explorer::entities::{self, EntityKind};
use article_explorer::sections::structure;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn data_root() -> PathBuf {
    std::env::var_os("SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}

fn gzipped_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("gzip in memory");
    enc.finish().expect("gzip in memory").len()
}

fn conll_dev(root: &Path) {
    let Ok(text) = std::fs::read_to_string(root.join("ner/conll2003/dev.iob2")) else {
        println!("CoNLL dev: skipped: ner/conll2003/dev.iob2 not found");
        return;
    };
    let docs = train::read_conll(&text, Scheme::Iob2);
    let mut counts = [Counts::default(); 5];
    let t0 = Instant::now();
    let mut n_tokens = 0;
    for doc in &docs {
        let (words, ranges, gold) = train::flatten(doc);
        n_tokens += words.len();
        let pred = tagger::tag_words(&words, ranges.clone());
        for r in ranges {
            train::score_labels(&gold[r.clone()], &pred[r], true, &mut counts);
        }
    }
    println!(
        "CoNLL-2003 dev ({} docs, {n_tokens} tokens, {:.2} s; exact span + type, nationality counted as MISC):",
        docs.len(),
        t0.elapsed().as_secs_f64()
    );
    print!("{}", train::report(&counts));
}

fn kind_index(kind: EntityKind) -> Option<usize> {
    match kind {
        EntityKind::Person => Some(0),
        EntityKind::Organization => Some(1),
        EntityKind::Location => Some(2),
        EntityKind::Nationality => Some(3),
        _ => None,
    }
}

fn wikinews(root: &Path) {
    let dir = root.join("articles/wikinews");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("Wikinews: skipped: {} not found", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut counts = [Counts::default(); 5];
    let mut misses: Vec<String> = Vec::new();
    for json_path in &paths {
        let (Ok(json), Ok(text)) = (
            std::fs::read_to_string(json_path),
            std::fs::read_to_string(json_path.with_extension("txt")),
        ) else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&json) else {
            continue;
        };
        let mut gold: Vec<(usize, usize, usize)> = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let ty = match e["type"].as_str() {
                Some("Person") => 0,
                Some("Organisation") => 1,
                Some("Location") => 2,
                Some("Nationality") => 3,
                _ => continue,
            };
            if let (Some(s), Some(end)) = (e["start"].as_u64(), e["end"].as_u64()) {
                gold.push((s as usize, end as usize, ty));
            }
        }
        // Byte offsets -> code points, as the sidecars count.
        let mut cp_at = vec![0usize; text.len() + 1];
        let mut n = 0;
        for (b, c) in text.char_indices() {
            cp_at[b] = n;
            n += 1;
            for k in 1..c.len_utf8() {
                cp_at[b + k] = n;
            }
        }
        cp_at[text.len()] = n;
        let doc = structure(&text);
        let pred: Vec<(usize, usize, usize)> = tagger::tag(&text, &doc)
            .into_iter()
            .filter_map(|m| {
                let k = kind_index(m.kind)?;
                Some((cp_at[m.span.start as usize], cp_at[m.span.end as usize], k))
            })
            .collect();
        for p in &pred {
            if gold.contains(p) {
                counts[p.2].tp += 1;
            } else {
                counts[p.2].fp += 1;
            }
        }
        let chars: Vec<char> = text.chars().collect();
        for g in &gold {
            if !pred.contains(g) {
                counts[g.2].fn_ += 1;
                if misses.len() < 25 {
                    let s: String = chars.get(g.0..g.1).unwrap_or(&[]).iter().collect();
                    misses.push(format!("{}:{s}", TYPES[g.2]));
                }
            }
        }
    }
    println!(
        "Wikinews sidecars ({} articles; exact span + type, code points):",
        paths.len()
    );
    print!("{}", train::report(&counts));
    println!("  some misses: {}", misses.join(" | "));
}

fn bbc_text(root: &Path) -> Option<String> {
    let dir = root.join("news/bbc");
    let mut files = Vec::new();
    for topic in std::fs::read_dir(&dir).ok()? {
        let topic = topic.ok()?.path();
        if !topic.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&topic).ok()? {
            files.push(f.ok()?.path());
        }
    }
    files.sort();
    let mut text = String::new();
    for f in files {
        if let Ok(bytes) = std::fs::read(&f) {
            text.push_str(&String::from_utf8_lossy(&bytes));
            text.push_str("\n\n");
        }
    }
    Some(text)
}

fn speed(root: &Path) {
    let Some(text) = bbc_text(root) else {
        println!("speed: skipped: news/bbc not found");
        return;
    };
    let mb = text.len() as f64 / 1e6;
    let doc = structure(&text);
    let _ = tagger::tag("Warm up.", &structure("Warm up."));
    let t0 = Instant::now();
    let mentions = tagger::tag(&text, &doc);
    let tag_s = t0.elapsed().as_secs_f64();
    println!(
        "speed: tagger {:.1} MB/s ({mb:.1} MB of BBC News, {} name mentions, {tag_s:.2} s, one core)",
        mb / tag_s,
        mentions.len()
    );
    // The whole entity stage, article by article as the page runs it.
    let articles: Vec<&str> = text.split("\n\n\n").collect();
    let t0 = Instant::now();
    let mut n = 0;
    for a in &articles {
        let d = structure(a);
        n += entities::extract(a, &d).len();
    }
    let s = t0.elapsed().as_secs_f64();
    println!(
        "speed: structure + entities::extract {:.1} MB/s ({} articles, {n} entities)",
        mb / s,
        articles.len()
    );
}

fn sizes() {
    let model = include_bytes!("../src/entities/ner.model");
    println!(
        "model: {} bytes raw, {} gzipped, {} features",
        model.len(),
        gzipped_len(model),
        tagger::model().map_or(0, |m| m.n_features)
    );
    let gaz_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gazetteers");
    let mut all = Vec::new();
    for name in [
        "countries.tsv",
        "places.tsv",
        "first-names.txt",
        "surnames.txt",
        "org-suffixes.txt",
    ] {
        all.extend(std::fs::read(gaz_dir.join(name)).unwrap_or_default());
    }
    println!(
        "gazetteers: {} bytes raw, {} gzipped; model + gazetteers {} gzipped",
        all.len(),
        gzipped_len(&all),
        gzipped_len(&all) + gzipped_len(model)
    );
}

fn main() {
    let root = data_root();
    sizes();
    if !root.exists() {
        println!("skipped: {} not found (set SHARED_DATA)", root.display());
        return;
    }
    conll_dev(&root);
    wikinews(&root);
    speed(&root);
}
