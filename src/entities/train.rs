//! Training and evaluation of the name tagger (native only): CoNLL-style corpus reading, the
//! averaged structured perceptron, pruning + quantisation into the `ner.model` format, and
//! exact-span precision / recall / F1.
//!
//! Training is deterministic: sentences are visited in an order drawn from a fixed-seed
//! generator, features get rows in first-seen order, and the output is sorted by feature
//! hash, so the same data and settings give the same bytes.

use super::features::{self, PreparedDoc};
use super::tagger::{self, label_index, label_spans, Model, LABELS, N_LABELS, TYPES};
use super::titles;
use crate::gazetteer::{self, KeyMap};
use std::ops::Range;

/// One annotated sentence: words and their label indices (`tagger::LABELS`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub labels: Vec<u8>,
    /// Types (bit k = `TYPES[k]`) the corpus does not mark: a predicted span of one of them
    /// over words labelled O is not counted as a mistake (GMB marks few products or events
    /// and no religions or ethnic groups, which CoNLL calls MISC).
    pub unmarked: u8,
}

/// A document: sentences that share document-level features.
pub type Doc = Vec<Sentence>;

/// How a corpus writes the start of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Every entity starts with B- (CoNLL++ files here).
    Iob2,
    /// B- only between two adjacent entities of one type (original CoNLL, wikigold).
    Iob1,
}

/// Whether a MISC span is a nationality or people word ("German", "West Indian", "Britons").
pub fn is_nationality(words: &[&str]) -> bool {
    if words.is_empty() {
        return false;
    }
    let joined = words.join(" ");
    gazetteer::is_demonym(&joined) || words.iter().all(|w| gazetteer::is_demonym(w))
}

/// Reads a CoNLL-style file: one token per line, label in the last column, blank lines
/// between sentences, `-DOCSTART-` lines between documents. MISC spans that are
/// nationalities become NAT.
pub fn read_conll(text: &str, scheme: Scheme) -> Vec<Doc> {
    let mut docs: Vec<Doc> = vec![Vec::new()];
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    let flush = |docs: &mut Vec<Doc>, words: &mut Vec<String>, tags: &mut Vec<String>| {
        if !words.is_empty() {
            let labels = normalise_tags(words, tags, scheme);
            if let Some(d) = docs.last_mut() {
                d.push(Sentence {
                    words: std::mem::take(words),
                    labels,
                    unmarked: 0,
                });
            }
        }
        tags.clear();
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            flush(&mut docs, &mut words, &mut tags);
            if docs.last().is_some_and(|d| !d.is_empty()) {
                docs.push(Vec::new());
            }
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            flush(&mut docs, &mut words, &mut tags);
            continue;
        }
        let mut cols = line.split_whitespace();
        let (Some(word), Some(tag)) = (cols.next(), line.split_whitespace().last()) else {
            continue;
        };
        words.push(word.to_string());
        tags.push(tag.to_string());
    }
    flush(&mut docs, &mut words, &mut tags);
    docs.retain(|d| !d.is_empty());
    docs
}

fn normalise_tags(words: &[String], tags: &[String], _scheme: Scheme) -> Vec<u8> {
    // First to IOB2 type names per token.
    let mut iob2: Vec<(char, String)> = Vec::with_capacity(tags.len());
    let mut prev_type: Option<String> = None;
    for tag in tags {
        let (p, ty) = match tag.split_once('-') {
            Some((p, ty)) if p == "B" || p == "I" => (p.chars().next().unwrap_or('O'), ty),
            _ => {
                iob2.push(('O', String::new()));
                prev_type = None;
                continue;
            }
        };
        let ty = match ty {
            "PER" | "PERSON" | "person" => "PER",
            // WNUT-17's corporations and groups (bands, teams, parties) are organisations.
            "ORG" | "ORGANIZATION" | "corporation" | "group" => "ORG",
            "LOC" | "LOCATION" | "GPE" | "location" => "LOC",
            _ => "MISC",
        }
        .to_string();
        // IOB1 and IOB2 alike: an I- after another type or after O starts an entity.
        let starts = p == 'B' || prev_type.as_deref() != Some(&ty);
        iob2.push((if starts { 'B' } else { 'I' }, ty.clone()));
        prev_type = Some(ty);
    }
    // Then MISC spans that are nationalities to NAT.
    let mut labels = vec![0u8; tags.len()];
    let mut i = 0;
    while i < iob2.len() {
        if iob2[i].0 != 'B' {
            i += 1;
            continue;
        }
        let ty = iob2[i].1.clone();
        let mut e = i + 1;
        while e < iob2.len() && iob2[e].0 == 'I' && iob2[e].1 == ty {
            e += 1;
        }
        let ws: Vec<&str> = words[i..e].iter().map(String::as_str).collect();
        let ty = if ty == "MISC" && is_nationality(&ws) {
            "NAT".to_string()
        } else {
            ty
        };
        labels[i] = label_index(&format!("B-{ty}")).unwrap_or(0);
        for l in &mut labels[i + 1..e] {
            *l = label_index(&format!("I-{ty}")).unwrap_or(0);
        }
        i = e;
    }
    labels
}

/// Reads Universal NER files (`index token tag - annotator` columns, `# newdoc` lines between
/// documents) into documents.
pub fn read_uner(text: &str) -> Vec<Doc> {
    let mut conll = String::with_capacity(text.len());
    for line in text.lines() {
        if line.starts_with("# newdoc") {
            conll.push_str("-DOCSTART-\n\n");
        } else if line.starts_with('#') || line.trim().is_empty() {
            conll.push('\n');
        } else {
            let mut cols = line.split('\t');
            if let (Some(_), Some(word), Some(tag)) = (cols.next(), cols.next(), cols.next()) {
                conll.push_str(word);
                conll.push(' ');
                conll.push_str(tag);
                conll.push('\n');
            }
        }
    }
    read_conll(&conll, Scheme::Iob2)
}

/// One CSV record's fields (RFC 4180 quoting: `"10,000"`, `""""` for a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(f) = out.last_mut() {
                    f.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => {
                if let Some(f) = out.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    out
}

/// Reads the GMB NER CSV (`Sentence #,Word,POS,Tag`; a new sentence where the first column
/// is filled) into documents of `sentences_per_doc` consecutive sentences (the file keeps
/// the corpus order but has no document marks). GMB's types become ours: per -> PER with
/// the titles it includes taken off ("President Bush", "Mr. Bush" are Bush in CoNLL), org ->
/// ORG, geo -> LOC, gpe -> NAT for demonyms ("British") else LOC ("Iran"), art / eve ->
/// MISC; tim (dates) and nat (storms, diseases) are not names here.
pub fn read_gmb(csv: &str, sentences_per_doc: usize) -> Vec<Doc> {
    let mut sentences: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for line in csv.lines().skip(1) {
        let f = csv_fields(line);
        let [first, word, _, tag] = f.as_slice() else {
            continue;
        };
        if !first.is_empty() || sentences.is_empty() {
            sentences.push((Vec::new(), Vec::new()));
        }
        if let Some((ws, ts)) = sentences.last_mut() {
            ws.push(word.clone());
            ts.push(tag.clone());
        }
    }
    let mut docs: Vec<Doc> = Vec::new();
    for (i, (words, tags)) in sentences.into_iter().enumerate() {
        if i % sentences_per_doc.max(1) == 0 {
            docs.push(Vec::new());
        }
        let labels = gmb_labels(&words, &tags);
        if let Some(d) = docs.last_mut() {
            d.push(Sentence {
                words,
                labels,
                unmarked: 1 << 3 | 1 << 4,
            });
        }
    }
    docs
}

fn gmb_labels(words: &[String], tags: &[String]) -> Vec<u8> {
    let mut labels = vec![0u8; words.len()];
    let mut i = 0;
    while i < tags.len() {
        let Some(ty) = tags[i].strip_prefix("B-").or(tags[i].strip_prefix("I-")) else {
            i += 1;
            continue;
        };
        let mut next = i + 1;
        while next < tags.len() && tags[next].strip_prefix("I-") == Some(ty) {
            next += 1;
        }
        let (mut s, mut end) = (i, next);
        // CoNLL's conventions: no lower-case word first ("southern Iraq", "the Netherlands";
        // "al-Qaida" has a capital), no possessive at either end ("VOA 's").
        let no_capital = |w: &str| !w.chars().any(char::is_uppercase);
        while s < end && (no_capital(&words[s]) || words[s] == "'s") {
            s += 1;
        }
        while end > s && words[end - 1] == "'s" {
            end -= 1;
        }
        if ty == "per" {
            while s < end && (titles::is_title_word(&words[s]) || titles::is_honorific(&words[s])) {
                s += 1;
            }
        }
        let (e, ws) = (
            end,
            words[s..end].iter().map(String::as_str).collect::<Vec<_>>(),
        );
        let ours = match ty {
            "per" => "PER",
            "org" => "ORG",
            "geo" => "LOC",
            "gpe" if is_nationality(&ws) => "NAT",
            "gpe" => "LOC",
            "art" | "eve" => "MISC",
            _ => "",
        };
        // A span left empty ("Mr.", "prime") is no name.
        if !ours.is_empty() && s < e {
            labels[s] = label_index(&format!("B-{ours}")).unwrap_or(0);
            for l in &mut labels[s + 1..e] {
                *l = label_index(&format!("I-{ours}")).unwrap_or(0);
            }
        }
        i = next;
    }
    labels
}

/// Settings of one training run.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Weights are stored as `round(w / scale)` in i8, `scale = quantile(|w|) / 127`: this is
    /// the quantile, so a few huge weights do not flatten all the others.
    pub scale_quantile: f64,
    /// Quantised weights with a smaller magnitude are dropped (pruning).
    pub min_weight: i8,
    /// Probability of hiding a token's word-identity features in one training pass, so
    /// gazetteer, shape and context features learn to tag unseen words ("Kyiv").
    pub lexical_dropout: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            seed: 0x5eed_1234,
            scale_quantile: 0.9999,
            min_weight: 9,
            lexical_dropout: 0.2,
        }
    }
}

/// Result of training: the serialised model plus figures for the report.
pub struct Trained {
    pub bytes: Vec<u8>,
    pub n_features_seen: usize,
    pub n_features_kept: usize,
}

/// xorshift64*: a tiny deterministic generator for the visiting order.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

struct Example {
    /// Row index of each feature (features are mapped to rows once, before training).
    feats: Vec<u32>,
    starts: Vec<u32>,
    gold: Vec<u8>,
    unmarked: u8,
}

/// `gold` with the predicted spans of unmarked types that cover only O words taken in: what
/// the corpus would have said had it marked those types.
fn completed_gold(gold: &[u8], pred: &[u8], unmarked: u8, out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(gold);
    if unmarked == 0 {
        return;
    }
    for (s, e, ty) in label_spans(pred) {
        // The word after is O or starts a name (gold starts names with B-), so the result is
        // still valid BIO.
        if unmarked & (1 << ty) != 0 && gold[s..e].iter().all(|&g| g == 0) {
            out[s..e].copy_from_slice(&pred[s..e]);
        }
    }
}

/// Turns a document into words + sentence ranges, the form `features::prepare` takes.
pub fn flatten(doc: &Doc) -> (Vec<&str>, Vec<Range<usize>>, Vec<u8>) {
    let mut words = Vec::new();
    let mut ranges = Vec::new();
    let mut labels = Vec::new();
    for s in doc {
        let start = words.len();
        words.extend(s.words.iter().map(String::as_str));
        labels.extend_from_slice(&s.labels);
        ranges.push(start..words.len());
    }
    (words, ranges, labels)
}

/// Trains a model on `docs`. `progress` is called after each epoch with the epoch number
/// and the number of training mistakes (sentences whose best path was wrong).
pub fn train(docs: &[Doc], cfg: &TrainConfig, mut progress: impl FnMut(usize, usize)) -> Trained {
    let mut index: KeyMap<u32> = KeyMap::default();
    let mut keys: Vec<u32> = Vec::new();
    let mut examples = Vec::new();
    let (mut raw, mut starts) = (Vec::new(), Vec::new());
    for doc in docs {
        let (words, ranges, labels) = flatten(doc);
        let prepared: PreparedDoc = features::prepare(&words, ranges.clone());
        for (s, r) in ranges.iter().enumerate() {
            raw.clear();
            starts.clear();
            features::sentence_features(&prepared, s, &mut raw, &mut starts);
            let feats = raw
                .iter()
                .map(|&f| {
                    let f = tagger::nonzero(f);
                    *index.entry(f as u64).or_insert_with(|| {
                        keys.push(f);
                        (keys.len() - 1) as u32
                    })
                })
                .collect();
            examples.push(Example {
                feats,
                starts: starts.clone(),
                gold: labels[r.clone()].to_vec(),
                unmarked: doc[s].unmarked,
            });
        }
    }
    let n_rows = keys.len();
    let n_trans = (N_LABELS + 1) * N_LABELS;
    let mut w = vec![0f32; n_rows * N_LABELS];
    let mut u = vec![0f64; n_rows * N_LABELS];
    let mut tw = vec![0f32; n_trans];
    let mut tu = vec![0f64; n_trans];
    let mut c = 1f64;
    let mut rng = Rng(cfg.seed | 1);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let (mut emit, mut pred, mut drop, mut gold) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let threshold = (cfg.lexical_dropout.clamp(0.0, 1.0) * u32::MAX as f64) as u64;
    // The features of token `t`, without its lexical ones when dropped this time.
    let token_feats = |ex: &Example, t: usize, dropped: bool| -> Range<usize> {
        let (s, e) = (ex.starts[t] as usize, ex.starts[t + 1] as usize);
        if dropped && e - s >= features::N_LEXICAL {
            s + features::N_LEXICAL..e
        } else {
            s..e
        }
    };
    for epoch in 0..cfg.epochs {
        // Fisher-Yates with the fixed-seed generator.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut mistakes = 0;
        for &e in &order {
            let ex = &examples[e];
            drop.clear();
            drop.extend((0..ex.gold.len()).map(|_| (rng.next() >> 32) < threshold));
            emit.clear();
            for (t, &dropped) in drop.iter().enumerate() {
                let mut acc = [0f32; N_LABELS];
                for &r in &ex.feats[token_feats(ex, t, dropped)] {
                    let row = &w[r as usize * N_LABELS..(r as usize + 1) * N_LABELS];
                    for (a, x) in acc.iter_mut().zip(row) {
                        *a += x;
                    }
                }
                emit.extend_from_slice(&acc);
            }
            tagger::viterbi(&emit, &tw, &mut pred);
            completed_gold(&ex.gold, &pred, ex.unmarked, &mut gold);
            if pred != gold {
                mistakes += 1;
                for t in 0..gold.len() {
                    let (g, p) = (gold[t] as usize, pred[t] as usize);
                    if g != p {
                        for &r in &ex.feats[token_feats(ex, t, drop[t])] {
                            let base = r as usize * N_LABELS;
                            w[base + g] += 1.0;
                            u[base + g] += c;
                            w[base + p] -= 1.0;
                            u[base + p] -= c;
                        }
                    }
                    let gp = if t == 0 {
                        N_LABELS
                    } else {
                        gold[t - 1] as usize
                    };
                    let pp = if t == 0 {
                        N_LABELS
                    } else {
                        pred[t - 1] as usize
                    };
                    if (gp, g) != (pp, p) {
                        tw[gp * N_LABELS + g] += 1.0;
                        tu[gp * N_LABELS + g] += c;
                        tw[pp * N_LABELS + p] -= 1.0;
                        tu[pp * N_LABELS + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        progress(epoch + 1, mistakes);
    }
    // Averaged weights: w - u / c (Daumé's trick, exact).
    let avg: Vec<f32> = w
        .iter()
        .zip(&u)
        .map(|(&w, &u)| (w as f64 - u / c) as f32)
        .collect();
    let tavg: Vec<f32> = tw
        .iter()
        .zip(&tu)
        .map(|(&w, &u)| (w as f64 - u / c) as f32)
        .collect();
    let mut mags: Vec<f32> = avg.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
    mags.sort_by(f32::total_cmp);
    let q = mags
        .get(((mags.len() as f64 - 1.0) * cfg.scale_quantile) as usize)
        .copied()
        .unwrap_or(1.0)
        .max(1e-6);
    let scale = q / 127.0;
    let mut features: Vec<(u32, [i8; N_LABELS])> = Vec::new();
    for (r, &key) in keys.iter().enumerate() {
        let mut row = [0i8; N_LABELS];
        let mut any = false;
        for l in 0..N_LABELS {
            let x = (avg[r * N_LABELS + l] / scale).round().clamp(-127.0, 127.0) as i8;
            if x.unsigned_abs() >= cfg.min_weight.unsigned_abs().max(1) {
                row[l] = x;
                any = true;
            }
        }
        if any {
            features.push((key, row));
        }
    }
    features.sort_by_key(|f| f.0);
    let trans_q: Vec<i16> = tavg
        .iter()
        .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    Trained {
        bytes: Model::to_bytes(&features, &trans_q, scale),
        n_features_seen: n_rows,
        n_features_kept: features.len(),
    }
}

/// Exact-span counts for one entity type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-type counts (index = `TYPES` index) comparing predicted and gold labels of one
/// sentence, with `merge_nat` counting NAT as MISC (CoNLL has no NAT type).
pub fn score_labels(gold: &[u8], pred: &[u8], merge_nat: bool, counts: &mut [Counts; 5]) {
    let norm = |(s, e, t): (usize, usize, usize)| (s, e, if merge_nat && t == 3 { 4 } else { t });
    let g: Vec<_> = label_spans(gold).into_iter().map(norm).collect();
    let p: Vec<_> = label_spans(pred).into_iter().map(norm).collect();
    for x in &p {
        if g.contains(x) {
            counts[x.2].tp += 1;
        } else {
            counts[x.2].fp += 1;
        }
    }
    for x in &g {
        if !p.contains(x) {
            counts[x.2].fn_ += 1;
        }
    }
}

/// Tags `docs` with `model` and scores every sentence.
pub fn evaluate(model: &Model, docs: &[Doc], merge_nat: bool) -> [Counts; 5] {
    let mut counts = [Counts::default(); 5];
    for doc in docs {
        let (words, ranges, gold) = flatten(doc);
        let prepared = features::prepare(&words, ranges.clone());
        let pred = tagger::tag_prepared(model, &prepared);
        for r in ranges {
            score_labels(&gold[r.clone()], &pred[r], merge_nat, &mut counts);
        }
    }
    counts
}

/// A printable table of per-type and overall scores.
pub fn report(counts: &[Counts; 5]) -> String {
    let mut out = String::new();
    let mut all = Counts::default();
    for (ty, c) in TYPES.iter().zip(counts) {
        if c.tp + c.fp + c.fn_ == 0 {
            continue;
        }
        all.add(*c);
        out.push_str(&format!(
            "  {ty:<5} P {:.4}  R {:.4}  F1 {:.4}  (gold {})\n",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp + c.fn_
        ));
    }
    out.push_str(&format!(
        "  ALL   P {:.4}  R {:.4}  F1 {:.4}\n",
        all.precision(),
        all.recall(),
        all.f1()
    ));
    out
}

/// Overall micro F1 of per-type counts.
pub fn overall_f1(counts: &[Counts; 5]) -> f64 {
    let mut all = Counts::default();
    for c in counts {
        all.add(*c);
    }
    all.f1()
}

/// Label names, for messages.
pub fn label_name(l: u8) -> &'static str {
    LABELS.get(l as usize).copied().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(s: &Sentence) -> Vec<(String, &'static str)> {
        label_spans(&s.labels)
            .into_iter()
            .map(|(a, b, t)| (s.words[a..b].join(" "), TYPES[t]))
            .collect()
    }

    #[test]
    fn gmb_titles_off_persons_demonyms_to_nationalities() {
        let csv = "Sentence #,Word,POS,Tag\n\
            Sentence: 1,Israeli,JJ,B-gpe\n,Prime,NNP,B-per\n,Minister,NNP,I-per\n\
            ,Ehud,NNP,I-per\n,Olmert,NNP,I-per\n,met,VBD,O\n,\"10,000\",CD,O\n\
            ,in,IN,O\n,southern,JJ,B-geo\n,Iraq,NNP,I-geo\n,Tuesday,NNP,B-tim\n\
            ,with,IN,O\n,Mr.,NNP,B-per\n,\"\"\"\",``,O\n";
        let docs = read_gmb(csv, 20);
        let s = &docs[0][0];
        assert_eq!(s.words[6], "10,000");
        assert_eq!(s.words[13], "\"");
        assert_eq!(
            spans(s),
            [
                ("Israeli".to_string(), "NAT"),
                ("Ehud Olmert".to_string(), "PER"),
                ("Iraq".to_string(), "LOC"),
            ]
        );
        assert_eq!(s.unmarked, 1 << 3 | 1 << 4);
    }

    #[test]
    fn unmarked_types_are_no_mistakes_over_o_words() {
        let l = |s: &str| label_index(s).unwrap();
        let gold = [l("B-PER"), 0, 0, 0];
        let pred = [l("B-PER"), 0, l("B-MISC"), l("I-MISC")];
        let mut out = Vec::new();
        completed_gold(&gold, &pred, 1 << 4, &mut out);
        assert_eq!(out, pred);
        completed_gold(&gold, &pred, 0, &mut out);
        assert_eq!(out, gold);
        // A predicted MISC over a gold name stays a mistake.
        completed_gold(&gold, &[l("B-MISC"), 0, 0, 0], 1 << 4, &mut out);
        assert_eq!(out, gold);
    }
}
