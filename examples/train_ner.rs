//! Trains the name tagger and writes `src/entities/ner.model`:
//! `cargo run --release --example train_ner [-- --epochs N --no-wikigold --out PATH ...]`.
//!
//! Corpora (from `../shared/data/ner`, or `$SHARED_DATA/ner`): CoNLL-2003 train (CoNLL++
//! corrections; Reuters research licence: weights only, the text is never shipped) and
//! wikigold (CC BY 4.0). CoNLL dev is held out for the printed scores. Same data + same
//! command = same bytes.
//!
//! For experiments only (the shipped model uses none of them; see README): `--gmb SHARE`
//! adds that share of GMB's documents, `--wnut` WNUT-17 train, `--uner` UNER EWT dev
//! (CC BY-SA: weights trained on it would be share-alike); `--seed N`, `--dropout P`,
//! `--epochs N`, `--min-weight N`, `--quantile Q` change the run; `TRAIN_NER_DUMP=1`
//! prints a sample of the converted sentences.

use article_explorer::entities::tagger::{Model, N_LABELS};
use article_explorer::entities::train::{self, Scheme, TrainConfig};
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

/// The one file of a zip archive (GMB ships as one), inflated.
fn unzip_single(zip: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let u16_at = |i: usize| Some(u16::from_le_bytes(zip.get(i..i + 2)?.try_into().ok()?));
    if zip.get(0..4)? != b"PK\x03\x04" || u16_at(8)? != 8 {
        return None;
    }
    let start = 30 + u16_at(26)? as usize + u16_at(28)? as usize;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(zip.get(start..)?)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// Every `share` of `docs`, spread evenly (deterministic).
fn subsample<T>(docs: Vec<T>, share: f64) -> Vec<T> {
    docs.into_iter()
        .enumerate()
        .filter(|(i, _)| ((*i + 1) as f64 * share).floor() > (*i as f64 * share).floor())
        .map(|(_, d)| d)
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cfg = TrainConfig::default();
    let mut wikigold = true;
    let (mut gmb, mut wnut, mut uner) = (0.0f64, false, false);
    let mut out = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/entities/ner.model");
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--epochs" => {
                i += 1;
                cfg.epochs = args
                    .get(i)
                    .and_then(|s| s.parse().ok())
                    .expect("--epochs N");
            }
            "--min-weight" => {
                i += 1;
                cfg.min_weight = args
                    .get(i)
                    .and_then(|s| s.parse().ok())
                    .expect("--min-weight N");
            }
            "--quantile" => {
                i += 1;
                cfg.scale_quantile = args
                    .get(i)
                    .and_then(|s| s.parse().ok())
                    .expect("--quantile Q");
            }
            "--dropout" => {
                i += 1;
                cfg.lexical_dropout = args
                    .get(i)
                    .and_then(|s| s.parse().ok())
                    .expect("--dropout P");
            }
            "--gmb" => {
                i += 1;
                gmb = args
                    .get(i)
                    .and_then(|s| s.parse().ok())
                    .expect("--gmb SHARE");
            }
            "--seed" => {
                i += 1;
                cfg.seed = args.get(i).and_then(|s| s.parse().ok()).expect("--seed N");
            }
            "--wnut" => wnut = true,
            "--uner" => uner = true,
            "--no-wikigold" => wikigold = false,
            "--out" => {
                i += 1;
                out = PathBuf::from(args.get(i).expect("--out PATH"));
            }
            other => panic!("unknown argument {other}"),
        }
        i += 1;
    }
    let ner = data_root().join("ner");
    let train_path = ner.join("conll2003/train.iob2");
    let Ok(train_text) = std::fs::read_to_string(&train_path) else {
        println!(
            "skipped: {} not found (set SHARED_DATA)",
            train_path.display()
        );
        return;
    };
    let mut docs = train::read_conll(&train_text, Scheme::Iob2);
    let n_conll = docs.len();
    if wikigold {
        if let Ok(t) = std::fs::read_to_string(ner.join("wikigold/wikigold.conll.txt")) {
            docs.extend(train::read_conll(&t, Scheme::Iob1));
        }
    }
    let mut used = vec!["CoNLL train"];
    if wikigold {
        used.push("wikigold");
    }
    if gmb > 0.0 {
        let zip = std::fs::read(ner.join("gmb/ner_dataset.csv.zip")).expect("GMB zip");
        let csv = unzip_single(&zip).expect("GMB zip: one deflated file");
        // Latin-1: every byte is the code point of the same number.
        let csv: String = csv.iter().map(|&b| b as char).collect();
        docs.extend(subsample(train::read_gmb(&csv, 20), gmb));
        used.push("GMB");
    }
    if wnut {
        let t = std::fs::read_to_string(ner.join("wnut17/wnut17train.conll")).expect("WNUT-17");
        // Posts are unrelated to each other: one document each.
        // WNUT marks no nationalities ("argentinian" is O there).
        let posts = train::read_conll(&t, Scheme::Iob2).into_iter().flatten();
        docs.extend(posts.map(|s| {
            vec![train::Sentence {
                unmarked: 1 << 3,
                ..s
            }]
        }));
        used.push("WNUT-17");
    }
    if uner {
        let t = std::fs::read_to_string(ner.join("uner-ewt/dev.iob2")).expect("UNER EWT dev");
        // UNER marks persons, organisations and places only.
        let mut u = train::read_uner(&t);
        u.iter_mut()
            .flatten()
            .for_each(|s| s.unmarked = 1 << 3 | 1 << 4);
        docs.extend(u);
        used.push("UNER EWT dev");
    }
    if std::env::var_os("TRAIN_NER_DUMP").is_some() {
        for s in docs.iter().flatten().step_by(997) {
            let shown: Vec<String> = s
                .words
                .iter()
                .zip(&s.labels)
                .map(|(w, &l)| match l {
                    0 => w.clone(),
                    l => format!("[{w}/{}]", train::label_name(l)),
                })
                .collect();
            println!("{}", shown.join(" "));
        }
    }
    let n_sentences: usize = docs.iter().map(Vec::len).sum();
    let n_tokens: usize = docs.iter().flatten().map(|s| s.words.len()).sum();
    println!(
        "training on {} documents ({n_conll} CoNLL; {}), {n_sentences} sentences, {n_tokens} tokens; {cfg:?}",
        docs.len(),
        used.join(" + ")
    );
    let t0 = Instant::now();
    let trained = train::train(&docs, &cfg, |epoch, mistakes| {
        println!(
            "  epoch {epoch:>2}: {mistakes} sentences wrong ({:.1} s)",
            t0.elapsed().as_secs_f64()
        );
    });
    println!(
        "trained in {:.1} s: {} features seen, {} kept ({} labels)",
        t0.elapsed().as_secs_f64(),
        trained.n_features_seen,
        trained.n_features_kept,
        N_LABELS
    );
    println!(
        "model: {} bytes, {} gzipped",
        trained.bytes.len(),
        gzipped_len(&trained.bytes)
    );
    let model = Model::from_bytes(&trained.bytes).expect("the model just written parses");
    if let Ok(dev) = std::fs::read_to_string(ner.join("conll2003/dev.iob2")) {
        let dev_docs = train::read_conll(&dev, Scheme::Iob2);
        let counts = train::evaluate(&model, &dev_docs, true);
        println!("CoNLL dev (exact span + type, NAT counted as MISC):");
        print!("{}", train::report(&counts));
    }
    std::fs::write(&out, &trained.bytes).expect("write model");
    println!("wrote {}", out.display());
}
