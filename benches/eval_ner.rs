//! Evaluation of name extraction: per-type exact-span P/R/F1 on CoNLL-2003 dev, on the
//! Wikinews sidecars and on UNER English Web Treebank dev (web text, sentence by sentence),
//! for the tagger alone and for the whole entity stage (tagger + rules,
//! what the product shows), with the stage's errors listed by kind and cause; the model's
//! size; speed on BBC News text.
//! `cargo bench --bench eval_ner` (data from ../shared/data or $SHARED_DATA; skipped without).
//! By default the Wikinews errors of the stage are listed grouped by the words they spell;
//! `EVAL_NER_ERRORS=grouped` adds CoNLL's, `EVAL_NER_ERRORS=all` lists every error of both
//! in its context. `EVAL_NER_MODEL=path` scores that model file instead of the embedded one
//! (to compare training runs without rebuilding the crate).

use article_explorer::entities::features;
use article_explorer::entities::tagger::{self, TYPES};
use article_explorer::entities::train::{self, Counts, Scheme};
use article_explorer::entities::{self, EntityKind};
use article_explorer::sections::structure;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

/// The model scored: `EVAL_NER_MODEL`'s file, else the embedded one.
static MODEL: LazyLock<Option<tagger::Model>> =
    LazyLock::new(|| match std::env::var_os("EVAL_NER_MODEL") {
        Some(p) => {
            let bytes = std::fs::read(&p).expect("EVAL_NER_MODEL: readable file");
            let m = tagger::Model::from_bytes(&bytes).expect("EVAL_NER_MODEL: a model file");
            Some(m)
        }
        None => tagger::model()
            .map(|_| tagger::Model::from_bytes(MODEL_BYTES).expect("the embedded model parses")),
    });

static MODEL_BYTES: &[u8] = include_bytes!("../src/entities/ner.model");

fn model_bytes() -> Vec<u8> {
    match std::env::var_os("EVAL_NER_MODEL") {
        Some(p) => std::fs::read(p).unwrap_or_default(),
        None => MODEL_BYTES.to_vec(),
    }
}

fn tag(text: &str, doc: &article_explorer::sections::Document) -> tagger::Tagged {
    MODEL
        .as_ref()
        .map_or_else(Default::default, |m| tagger::tag_with(m, text, doc))
}

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

/// `TYPES` index of a name kind (PER ORG LOC NAT); `None` for numbers.
fn kind_index(kind: EntityKind) -> Option<usize> {
    match kind {
        EntityKind::Person => Some(0),
        EntityKind::Organization => Some(1),
        EntityKind::Location => Some(2),
        EntityKind::Nationality => Some(3),
        _ => None,
    }
}

/// Index of a gold type that is scored nowhere: it only explains a false positive
/// ("the stage called a gold Misc name an organisation").
const OTHER: usize = 4;

/// A name span in byte offsets with its `TYPES` index.
type Labelled = (usize, usize, usize);

/// Why a prediction or a gold name did not match.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cause {
    /// The same span with another type on the other side.
    Type,
    /// Overlaps a name on the other side, but the span differs.
    Span,
    /// Nothing overlaps it (for a false positive: not a name of the gold, or a gold Misc/date).
    Alone,
}

impl Cause {
    fn as_str(self) -> &'static str {
        match self {
            Cause::Type => "wrong type",
            Cause::Span => "wrong span",
            Cause::Alone => "no overlap",
        }
    }
}

struct Error {
    /// Document number and byte span, to compare the errors of two sources.
    at: (usize, usize, usize),
    fp: bool,
    ty: usize,
    cause: Cause,
    /// The other side's type or text, when it overlaps.
    other: String,
    text: String,
    context: String,
}

/// Counts and errors of one source of predictions on one corpus.
#[derive(Default)]
struct Score {
    counts: [Counts; 5],
    errors: Vec<Error>,
    n_docs: usize,
}

fn context(text: &str, s: usize, e: usize) -> String {
    let mut a = s.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}[{}]{}", &text[a..s], &text[s..e], &text[e..b]).replace('\n', "⏎")
}

impl Score {
    /// Scores `pred` against `gold` (gold of type `OTHER` is never expected, only explains).
    fn add(&mut self, text: &str, gold: &[Labelled], pred: &[Labelled]) {
        let doc = self.n_docs;
        self.n_docs += 1;
        let overlap = |a: &Labelled, b: &Labelled| a.0 < b.1 && b.0 < a.1;
        for p in pred {
            if gold.contains(p) {
                self.counts[p.2].tp += 1;
                continue;
            }
            self.counts[p.2].fp += 1;
            let (cause, other) = match gold.iter().find(|g| (g.0, g.1) == (p.0, p.1)) {
                Some(g) => (Cause::Type, gold_name(g.2)),
                None => match gold.iter().find(|g| overlap(g, p)) {
                    Some(g) if g.2 == OTHER => (Cause::Alone, "gold Misc".to_string()),
                    Some(g) => (Cause::Span, format!("{}:{}", TYPES[g.2], &text[g.0..g.1])),
                    None => (Cause::Alone, String::new()),
                },
            };
            self.errors.push(Error {
                at: (doc, p.0, p.1),
                fp: true,
                ty: p.2,
                cause,
                other,
                text: text[p.0..p.1].to_string(),
                context: context(text, p.0, p.1),
            });
        }
        for g in gold.iter().filter(|g| g.2 != OTHER) {
            if pred.contains(g) {
                continue;
            }
            self.counts[g.2].fn_ += 1;
            let (cause, other) = match pred.iter().find(|p| (p.0, p.1) == (g.0, g.1)) {
                Some(p) => (Cause::Type, TYPES[p.2].to_string()),
                None => match pred.iter().find(|p| overlap(g, p)) {
                    Some(p) => (Cause::Span, format!("{}:{}", TYPES[p.2], &text[p.0..p.1])),
                    None => (Cause::Alone, String::new()),
                },
            };
            self.errors.push(Error {
                at: (doc, g.0, g.1),
                fp: false,
                ty: g.2,
                cause,
                other,
                text: text[g.0..g.1].to_string(),
                context: context(text, g.0, g.1),
            });
        }
    }

    /// Per-type table plus ALL, and ALL without NAT (news gold often has no nationalities).
    fn report(&self) -> String {
        let mut out = train::report(&self.counts);
        let mut all = Counts::default();
        for (i, c) in self.counts.iter().enumerate() {
            if i != 3 {
                all.add(*c);
            }
        }
        out.push_str(&format!(
            "  ALL without NAT  P {:.4}  R {:.4}  F1 {:.4}\n",
            all.precision(),
            all.recall(),
            all.f1()
        ));
        out
    }

    /// The errors of `self` that `base` does not make (what the rules broke), and those of
    /// `base` that `self` does not (what they fixed).
    fn delta<'a>(&'a self, base: &'a Score) -> (Vec<&'a Error>, Vec<&'a Error>) {
        let key = |e: &Error| (e.at, e.ty, e.fp);
        let mine: std::collections::HashSet<_> = self.errors.iter().map(key).collect();
        let theirs: std::collections::HashSet<_> = base.errors.iter().map(key).collect();
        (
            self.errors
                .iter()
                .filter(|e| !theirs.contains(&key(e)))
                .collect(),
            base.errors
                .iter()
                .filter(|e| !mine.contains(&key(e)))
                .collect(),
        )
    }

    /// Prints what the rules broke and fixed compared with the tagger alone.
    fn print_delta(&self, base: &Score, every: bool) {
        let (broke, fixed) = self.delta(base);
        println!(
            "  rules made {} errors the tagger alone does not make:",
            broke.len()
        );
        print_errors(&broke, every);
        println!("  rules fixed {} errors of the tagger alone:", fixed.len());
        print_errors(&fixed, every);
    }

    fn print_errors(&self, every: bool) {
        print_errors(&self.errors.iter().collect::<Vec<_>>(), every);
    }
}

/// Errors by kind, side and cause; each group as distinct texts with counts, or every error in
/// its context when `every`.
fn print_errors(errors: &[&Error], every: bool) {
    let mut groups: BTreeMap<(usize, bool, Cause), Vec<&Error>> = BTreeMap::new();
    for e in errors.iter().copied() {
        groups.entry((e.ty, !e.fp, e.cause)).or_default().push(e);
    }
    for ((ty, miss, cause), errs) in groups {
        let side = if miss { "missed" } else { "false positive" };
        println!(
            "  {} {side}, {} ({}):",
            TYPES[ty],
            cause.as_str(),
            errs.len()
        );
        if every {
            for e in errs {
                let other = if e.other.is_empty() {
                    String::new()
                } else {
                    format!("  <{}>", e.other)
                };
                println!("      {}{other}", e.context);
            }
            continue;
        }
        let mut by_text: BTreeMap<String, usize> = BTreeMap::new();
        for e in errs {
            let key = if e.other.is_empty() {
                e.text.clone()
            } else {
                format!("{} <{}>", e.text, e.other)
            };
            *by_text.entry(key).or_default() += 1;
        }
        let mut list: Vec<(String, usize)> = by_text.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let shown: Vec<String> = list
            .iter()
            .map(|(t, n)| {
                if *n > 1 {
                    format!("{t} x{n}")
                } else {
                    t.clone()
                }
            })
            .collect();
        println!("      {}", shown.join(" | "));
    }
}

fn gold_name(ty: usize) -> String {
    if ty == OTHER {
        "gold Misc".to_string()
    } else {
        TYPES[ty].to_string()
    }
}

/// Name spans the whole entity stage reports (every mention of every name entity).
fn stage_names(text: &str) -> Vec<Labelled> {
    let doc = structure(text);
    let mut out = Vec::new();
    for e in entities::extract_tagged(text, &doc, &tag(text, &doc)) {
        let Some(k) = kind_index(e.kind) else {
            continue;
        };
        out.extend(
            e.mentions
                .iter()
                .map(|m| (m.start as usize, m.end as usize, k)),
        );
    }
    out.sort();
    out
}

/// Name spans of the tagger alone on plain text.
fn tagger_names(text: &str) -> Vec<Labelled> {
    let doc = structure(text);
    tag(text, &doc)
        .names
        .into_iter()
        .filter_map(|m| {
            Some((
                m.span.start as usize,
                m.span.end as usize,
                kind_index(m.kind)?,
            ))
        })
        .collect()
}

/// `EVAL_NER_SHOW=words`: for each text holding `words`, the tagger's and the stage's names
/// around each occurrence, to see which rule did what.
fn show(text: &str, tagged: &[Labelled], stage: &[Labelled]) {
    let Some(needle) = std::env::var("EVAL_NER_SHOW")
        .ok()
        .filter(|n| !n.is_empty())
    else {
        return;
    };
    for (at, _) in text.match_indices(needle.as_str()) {
        let near = |l: &&Labelled| l.1 + 200 > at && l.0 < at + 200;
        let spell = |ls: &[Labelled]| -> String {
            ls.iter()
                .filter(near)
                .map(|l| format!("{}:{}", TYPES[l.2], &text[l.0..l.1]))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        println!("SHOW {}", context(text, at, at + needle.len()));
        println!("  tagger: {}", spell(tagged));
        println!("  stage:  {}", spell(stage));
    }
}

fn every_error() -> bool {
    std::env::var("EVAL_NER_ERRORS").is_ok_and(|v| v == "all")
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
        let pred = match MODEL.as_ref() {
            Some(m) => tagger::tag_prepared(m, &features::prepare(&words, ranges.clone())),
            None => vec![0; words.len()],
        };
        for r in ranges {
            train::score_labels(&gold[r.clone()], &pred[r], true, &mut counts);
        }
    }
    println!(
        "CoNLL-2003 dev, tagger on the given tokens ({} docs, {n_tokens} tokens, {:.2} s; exact span + type, nationality counted as MISC):",
        docs.len(),
        t0.elapsed().as_secs_f64()
    );
    print!("{}", train::report(&counts));

    // The same documents as plain text (tokens joined by spaces, one sentence per
    // paragraph, the first as the headline), through the product: names only, gold MISC
    // other than nationalities not expected.
    let (mut tagged, mut stage) = (Score::default(), Score::default());
    for doc in &docs {
        let mut text = String::new();
        let mut gold: Vec<Labelled> = Vec::new();
        for s in doc {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let mut at = Vec::with_capacity(s.words.len());
            for (i, w) in s.words.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                at.push((text.len(), text.len() + w.len()));
                text.push_str(w);
            }
            for (a, b, ty) in tagger::label_spans(&s.labels) {
                gold.push((at[a].0, at[b - 1].1, ty));
            }
        }
        let (t, st) = (tagger_names(&text), stage_names(&text));
        show(&text, &t, &st);
        tagged.add(&text, &gold, &t);
        stage.add(&text, &gold, &st);
    }
    println!("CoNLL-2003 dev as plain text, tagger alone (PER ORG LOC NAT; MISC not scored):");
    print!("{}", tagged.report());
    println!("CoNLL-2003 dev as plain text, whole entity stage:");
    print!("{}", stage.report());
    println!("CoNLL-2003 dev as plain text, the rules against the tagger alone:");
    stage.print_delta(&tagged, every_error());
    if std::env::var_os("EVAL_NER_ERRORS").is_some() {
        println!("CoNLL-2003 dev errors of the whole entity stage:");
        stage.print_errors(every_error());
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
    let (mut tagged, mut stage) = (Score::default(), Score::default());
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
        // Code points (as the sidecars count) -> bytes.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_at.push(text.len());
        let mut gold: Vec<Labelled> = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let ty = match e["type"].as_str() {
                Some("Person") => 0,
                Some("Organisation") => 1,
                Some("Location") => 2,
                Some("Nationality") => 3,
                _ => OTHER,
            };
            let (Some(s), Some(end)) = (e["start"].as_u64(), e["end"].as_u64()) else {
                continue;
            };
            if let (Some(&a), Some(&b)) = (byte_at.get(s as usize), byte_at.get(end as usize)) {
                gold.push((a, b, ty));
            }
        }
        let (t, st) = (tagger_names(&text), stage_names(&text));
        show(&text, &t, &st);
        tagged.add(&text, &gold, &t);
        stage.add(&text, &gold, &st);
    }
    println!(
        "Wikinews sidecars ({} articles; exact span + type), tagger alone:",
        paths.len()
    );
    print!("{}", tagged.report());
    println!("Wikinews sidecars, whole entity stage:");
    print!("{}", stage.report());
    println!("Wikinews, the rules against the tagger alone:");
    stage.print_delta(&tagged, every_error());
    println!("Wikinews errors of the whole entity stage:");
    stage.print_errors(every_error());
}

/// Universal NER English Web Treebank dev: 2,001 sentences of web text (reviews, mail,
/// forums, blogs), each analysed as a document of its own, PER/ORG/LOC gold aligned to the
/// raw sentence. Our nationalities have no gold here: read "ALL without NAT".
fn uner_ewt(root: &Path) {
    let path = root.join("ner/uner-ewt/dev.iob2");
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("UNER EWT: skipped: {} not found", path.display());
        return;
    };
    let (mut tagged, mut stage) = (Score::default(), Score::default());
    for block in data.split("\n\n") {
        let mut text = None;
        let mut gold: Vec<Labelled> = Vec::new();
        let mut open: Option<Labelled> = None;
        let mut at = 0;
        for line in block.lines() {
            if let Some(t) = line.strip_prefix("# text = ") {
                text = Some(t);
                continue;
            }
            let (Some(t), false) = (text, line.starts_with('#')) else {
                continue;
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(&word), Some(&tag)) = (cols.get(1), cols.get(2)) else {
                continue;
            };
            let start = t
                .get(at..)
                .and_then(|r| r.find(word))
                .map_or(at, |i| at + i);
            let end = (start + word.len()).min(t.len());
            at = end;
            let ty = match tag.get(2..) {
                Some("PER") => Some(0),
                Some("ORG") => Some(1),
                Some("LOC") => Some(2),
                _ => None,
            };
            match (tag.as_bytes().first(), ty, open.as_mut()) {
                (Some(b'I'), Some(ty), Some(o)) if o.2 == ty => o.1 = end,
                (Some(b'B' | b'I'), Some(ty), _) => {
                    gold.extend(open.take());
                    open = Some((start, end, ty));
                }
                _ => gold.extend(open.take()),
            }
        }
        gold.extend(open);
        let Some(text) = text else { continue };
        tagged.add(text, &gold, &tagger_names(text));
        stage.add(text, &gold, &stage_names(text));
    }
    println!(
        "UNER English Web Treebank dev ({} sentences, one document each; exact span + type), tagger alone:",
        stage.n_docs
    );
    print!("{}", tagged.report());
    println!("UNER EWT dev, whole entity stage:");
    print!("{}", stage.report());
    if every_error() {
        println!("UNER EWT errors of the whole entity stage:");
        stage.print_errors(true);
    }
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

/// Seconds this thread has spent on a CPU (Linux), else wall-clock seconds: the machine is
/// shared, and wall-clock speed would measure the neighbours.
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

fn speed(root: &Path) {
    let Some(text) = bbc_text(root) else {
        println!("speed: skipped: news/bbc not found");
        return;
    };
    let mb = text.len() as f64 / 1e6;
    let doc = structure(&text);
    let _ = tag("Warm up.", &structure("Warm up."));
    let clock = Instant::now();
    let t0 = cpu_seconds(clock);
    let mentions = tag(&text, &doc).names;
    let tag_s = cpu_seconds(clock) - t0;
    println!(
        "speed (CPU time of one core): tagger {:.1} MB/s ({mb:.1} MB of BBC News, {} name mentions, {tag_s:.2} s)",
        mb / tag_s,
        mentions.len()
    );
    // The whole entity stage, article by article as the page runs it.
    let articles: Vec<&str> = text.split("\n\n\n").collect();
    let docs: Vec<_> = articles.iter().map(|a| structure(a)).collect();
    let t0 = cpu_seconds(clock);
    let mut n = 0;
    for (a, d) in articles.iter().zip(&docs) {
        n += entities::extract_tagged(a, d, &tag(a, d)).len();
    }
    let s = cpu_seconds(clock) - t0;
    println!(
        "speed (CPU time of one core): entities::extract {:.1} MB/s ({} articles, {n} entities)",
        mb / s,
        articles.len()
    );
}

fn sizes() {
    let model = &model_bytes();
    println!(
        "model: {} bytes raw, {} gzipped, {} features",
        model.len(),
        gzipped_len(model),
        MODEL.as_ref().map_or(0, |m| m.n_features)
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
    uner_ewt(&root);
    speed(&root);
}
