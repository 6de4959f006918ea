//! Trains the name tagger and writes `src/entities/ner.model`:
//! `cargo run --release --example train_ner [-- --epochs N --no-wikigold --out PATH]`.
//!
//! Corpora (from `../shared/data/ner`, or `$SHARED_DATA/ner`): CoNLL-2003 train (CoNLL++
//! corrections; Reuters research licence: weights only, the text is never shipped) and
//! wikigold (CC BY 4.0). CoNLL dev is held out for the printed scores. Same data + same
//! command = same bytes.

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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cfg = TrainConfig::default();
    let mut wikigold = true;
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
    let n_sentences: usize = docs.iter().map(Vec::len).sum();
    let n_tokens: usize = docs.iter().flatten().map(|s| s.words.len()).sum();
    println!(
        "training on {} documents ({} CoNLL train{}), {n_sentences} sentences, {n_tokens} tokens; {cfg:?}",
        docs.len(),
        n_conll,
        if wikigold { " + wikigold" } else { "" }
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
