//! The statistical name tagger (person / organization / location / nationality): an averaged
//! perceptron over hashed features (`features.rs`) with a BIO Viterbi decoder that only
//! allows valid transitions (no I- without a B- of the same type before it).
//!
//! The weights are trained by `cargo run --release --example train_ner` (see `train.rs`) and
//! embedded as `ner.model`: the top `KEY_BITS` bits of the sorted feature hashes (Rice-coded
//! gaps), a label mask per feature and i8 weights with one scale. The model is parsed once, on
//! first use. A missing or corrupt model makes `tag` find nothing rather than fail.

use super::features::{self, PreparedDoc, SentenceCase, TokenFacts};
use super::{EntityKind, Mention};
use crate::gazetteer::WordMap;
use crate::sections::Document;
use crate::span::Span;
use crate::token::{tokenize_span_into, Token};
use std::ops::Range;
use std::sync::LazyLock;

/// The BIO labels, in model order. MISC is kept for training and CoNLL evaluation; `tag`
/// drops it (the JSON has no misc kind).
pub const LABELS: [&str; 11] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-NAT", "I-NAT", "B-MISC", "I-MISC",
];
pub const N_LABELS: usize = LABELS.len();
/// Entity types, in label order (type k has labels B = 1 + 2k, I = 2 + 2k).
pub const TYPES: [&str; 5] = ["PER", "ORG", "LOC", "NAT", "MISC"];

const MAGIC: &[u8; 6] = b"AENER2";

/// How many bits of a feature hash the model keeps. The full 32 bits cost 2.8 bytes a
/// feature in the file and half its gzipped size (the gaps between sorted random hashes do
/// not compress); 26 bits, Rice-coded, cost 1.5, and the dist is 52 KB smaller gzipped. The
/// price: a feature the model lacks matches one it has about once in 1,300 absent lookups
/// (~50,000 of 2^26 keys), and the ~20 pairs of model features that share their top bits
/// keep the stronger row. Whole-stage F1 on CoNLL dev, Wikinews and UNER EWT is unchanged to
/// four places, and 3 of the 2,225 BBC analyses change. At 24 bits 52 of them did ("World"
/// lost its row to a namesake: "September World Trade Centre").
pub const KEY_BITS: u32 = 26;

static MODEL_BYTES: &[u8] = include_bytes!("ner.model");
static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_bytes(MODEL_BYTES));

/// The embedded model, parsed on first use; `None` if the file is missing or corrupt.
pub fn model() -> Option<&'static Model> {
    MODEL.as_ref()
}

/// Size of the embedded model file in bytes.
pub fn model_size() -> usize {
    MODEL_BYTES.len()
}

/// Label index of "B-type" / "I-type" for a type name, if known.
pub fn label_index(label: &str) -> Option<u8> {
    LABELS.iter().position(|l| *l == label).map(|i| i as u8)
}

/// Type index (into `TYPES`) of a label; `None` for O.
pub fn label_type(label: u8) -> Option<usize> {
    (label > 0 && (label as usize) < N_LABELS).then(|| (label as usize - 1) / 2)
}

/// Whether label `to` may follow label `from` (`None` = sentence start) in BIO.
pub fn allowed(from: Option<u8>, to: u8) -> bool {
    let is_inside = to > 0 && to.is_multiple_of(2);
    if !is_inside {
        return true;
    }
    matches!(from, Some(f) if f > 0 && label_type(f) == label_type(to))
}

/// A trained model: feature hash -> row of `N_LABELS` weights, plus transition scores.
pub struct Model {
    /// Open-addressing table of features in buckets of four, one cache line each: a feature
    /// hashes to a bucket and is in it or, when that bucket filled up, in the next ones
    /// (rare at the table's load of at most one half). So a lookup loads one line and
    /// decides without a branch on whether the feature is there (about 78% of lookups on
    /// BBC text find it, too few for the branch to predict).
    buckets: Vec<Bucket>,
    /// `buckets.len() - 1`; the length is a power of two.
    mask: usize,
    /// `(N_LABELS + 1) * N_LABELS`: row `N_LABELS` is the sentence start.
    trans: Vec<f32>,
    /// Multiply an i32 sum of weights by this to get a float score.
    pub scale: f32,
    pub n_features: usize,
    /// Distinct for every model built in this process (`WordRows` is per model; an address
    /// could be reused by the next model).
    id: u64,
}

static NEXT_MODEL_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Width of a weight row as summed: `N_LABELS` padded to 16 lanes.
const ROW: usize = 16;
/// Width of a stored weight row: `N_LABELS` padded to 12 bytes, so a bucket is 64.
const SLOT_ROW: usize = 12;
/// Features per bucket.
const BUCKET: usize = 4;

/// A word's `neighbour_weights`: what it adds to the token at each of `NEIGHBOUR_AT` from it.
type Neighbours = [[i16; ROW]; NEIGHBOURS];
const NEIGHBOURS: usize = features::NEIGHBOUR_AT.len();

/// Four features (hash, 0 = empty) and their weights in one 64-byte cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Bucket {
    keys: [u32; BUCKET],
    rows: [[i8; SLOT_ROW]; BUCKET],
}

const _: () = assert!(N_LABELS <= SLOT_ROW && std::mem::size_of::<Bucket>() == 64);

/// Bit j set where `keys[j] == key`, and where `keys[j] == 0`: SSE2 compares on x86-64
/// (part of its baseline), four compares elsewhere.
#[cfg(target_arch = "x86_64")]
#[inline]
fn match_keys(keys: &[u32; BUCKET], key: u32) -> (u32, u32) {
    use std::arch::x86_64::*;
    let [a, b, c, d] = keys.map(|k| k as i32);
    // SAFETY: SSE2 is part of the x86-64 baseline, so every x86-64 CPU has these
    // instructions; they read and write only their register arguments.
    let (hit, empty) = unsafe {
        let lanes = _mm_set_epi32(d, c, b, a);
        let is = |x| _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(lanes, x)));
        (is(_mm_set1_epi32(key as i32)), is(_mm_setzero_si128()))
    };
    (hit as u32, empty as u32)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn match_keys(keys: &[u32; BUCKET], key: u32) -> (u32, u32) {
    let (mut hit, mut empty) = (0u32, 0u32);
    for (j, &k) in keys.iter().enumerate() {
        hit |= ((k == key) as u32) << j;
        empty |= ((k == 0) as u32) << j;
    }
    (hit, empty)
}

/// The row a missing feature adds.
static ZERO_ROW: [i8; SLOT_ROW] = [0; SLOT_ROW];

/// Feature hash 0 marks an empty slot, so it is moved to 1 both when storing and probing.
#[inline]
pub fn nonzero(f: u32) -> u32 {
    f.max(1)
}

/// The key a feature hash has in the model: its top `KEY_BITS` bits, never 0.
#[inline]
fn key_of(f: u32) -> u32 {
    nonzero(f >> (32 - KEY_BITS))
}

fn read_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Appends `v` as a LEB128 varint.
pub fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        } else {
            out.push(b | 0x80);
        }
    }
}

impl Model {
    /// Builds a model from feature hashes and their weight rows. Of hashes that share their
    /// model key (`key_of`), the first with the largest sum of absolute weights is kept.
    pub fn new(features: &[(u32, [i8; N_LABELS])], trans: Vec<f32>, scale: f32) -> Model {
        // At most half full, so few buckets overflow into the next.
        let cap = (features.len() * 2 / BUCKET).next_power_of_two().max(4);
        let mut m = Model {
            buckets: vec![
                Bucket {
                    keys: [0; BUCKET],
                    rows: [[0; SLOT_ROW]; BUCKET],
                };
                cap
            ],
            mask: cap - 1,
            trans,
            scale,
            // Counted once the table is filled: hashes that share a key are one feature.
            n_features: 0,
            id: NEXT_MODEL_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        for (key, w) in features {
            let key = key_of(*key);
            let mut b = slot_of(key) & m.mask;
            loop {
                let bucket = &mut m.buckets[b];
                if let Some(j) = bucket.keys.iter().position(|&k| k == key || k == 0) {
                    if bucket.keys[j] == 0 || strength(w) > strength(&bucket.rows[j]) {
                        bucket.keys[j] = key;
                        bucket.rows[j] = [0; SLOT_ROW];
                        bucket.rows[j][..N_LABELS].copy_from_slice(w);
                    }
                    break;
                }
                b = (b + 1) & m.mask;
            }
        }
        m.n_features = m
            .buckets
            .iter()
            .flat_map(|b| b.keys)
            .filter(|&k| k != 0)
            .count();
        m
    }

    /// The row of feature `f`, or `ZERO_ROW`: found without a branch on the answer when
    /// `f`'s bucket holds it or has room (the common case), else by walking on.
    #[inline]
    fn padded_row(&self, f: u32) -> &[i8; SLOT_ROW] {
        let key = key_of(f);
        let mut b = slot_of(key) & self.mask;
        // Every bucket is tried at most once, so a full table cannot loop.
        for _ in 0..self.buckets.len() {
            let Some(bucket) = self.buckets.get(b) else {
                break;
            };
            let (hit, empty) = match_keys(&bucket.keys, key);
            // No hit: index BUCKET, which selects the zero row.
            let j = (hit | 1 << BUCKET).trailing_zeros() as usize;
            let row = bucket.rows.get(j).unwrap_or(&ZERO_ROW);
            if hit | empty != 0 {
                return row;
            }
            b = (b + 1) & self.mask;
        }
        &ZERO_ROW
    }

    /// Loads the bucket of each feature, with no branch between the loads, so their cache
    /// misses overlap instead of each waiting behind the last one. The table is several MB;
    /// most of the tagger's time was these misses.
    #[inline]
    fn touch(&self, feats: &[u32]) {
        let mut sum = 0u32;
        for &f in feats {
            let b = slot_of(key_of(f)) & self.mask;
            sum = sum.wrapping_add(self.buckets.get(b).map_or(0, |s| s.keys[0]));
        }
        std::hint::black_box(sum);
    }

    /// The weight row of a feature, if the model has one.
    #[inline]
    pub fn row(&self, f: u32) -> Option<&[i8]> {
        let row = self.padded_row(f);
        (!std::ptr::eq(row, &ZERO_ROW)).then(|| &row[..N_LABELS])
    }

    /// Transition scores, `(N_LABELS + 1) * N_LABELS`, last row = sentence start.
    pub fn transitions(&self) -> &[f32] {
        &self.trans
    }

    /// Parses the file format written by `to_bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let version = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?);
        if version != features::FEATURE_VERSION || *rest.get(4)? as usize != N_LABELS {
            return None;
        }
        let scale = f32::from_le_bytes(rest.get(5..9)?.try_into().ok()?);
        let mut pos = 9;
        let n_trans = (N_LABELS + 1) * N_LABELS;
        let mut trans = Vec::with_capacity(n_trans);
        for _ in 0..n_trans {
            let q = i16::from_le_bytes(rest.get(pos..pos + 2)?.try_into().ok()?);
            trans.push(q as f32 * scale);
            pos += 2;
        }
        let n = read_varint(rest, &mut pos)? as usize;
        if n > rest.len() {
            return None;
        }
        let k = *rest.get(pos)? as u32;
        if k > KEY_BITS {
            return None;
        }
        pos += 1;
        let mut gaps = BitReader::new(rest.get(pos..)?);
        let mut keys = Vec::with_capacity(n);
        let mut key = 0u64;
        for _ in 0..n {
            key = key.checked_add(gaps.rice(k)?)?;
            // Stored keys are the top bits of a hash: back in place, `key_of` gives them again.
            keys.push(u32::try_from(key).ok()?.checked_mul(1 << (32 - KEY_BITS))?);
        }
        pos += gaps.bytes_read();
        let mut masks = Vec::with_capacity(n);
        for _ in 0..n {
            masks.push(read_varint(rest, &mut pos)? as u32);
        }
        let mut features = Vec::with_capacity(n);
        for (key, mask) in keys.into_iter().zip(masks) {
            let mut w = [0i8; N_LABELS];
            for (l, slot) in w.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    *slot = *rest.get(pos)? as i8;
                    pos += 1;
                }
            }
            features.push((key, w));
        }
        Some(Model::new(&features, trans, scale))
    }

    /// Serialises a model: header, transitions, then columns (Rice-coded gaps between the
    /// sorted keys, masks, weights) because columns compress better than rows. `features`
    /// are full hashes; those that share a key (`key_of`) keep the strongest row, as in `new`.
    pub fn to_bytes(features: &[(u32, [i8; N_LABELS])], trans_q: &[i16], scale: f32) -> Vec<u8> {
        let mut keyed: Vec<(u32, [i8; N_LABELS])> =
            features.iter().map(|(f, w)| (key_of(*f), *w)).collect();
        // Stable: equal keys stay in input order, and the first strongest row wins.
        keyed.sort_by_key(|&(k, w)| (k, std::cmp::Reverse(strength(&w))));
        keyed.dedup_by_key(|f| f.0);
        let features = &keyed[..];
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&features::FEATURE_VERSION.to_le_bytes());
        out.push(N_LABELS as u8);
        out.extend_from_slice(&scale.to_le_bytes());
        for q in trans_q {
            out.extend_from_slice(&q.to_le_bytes());
        }
        write_varint(&mut out, features.len() as u64);
        // Rice parameter near log2 of the mean gap, which is about optimal for the gaps
        // between uniform random keys.
        let mean_gap = (1u64 << KEY_BITS) / (features.len() as u64 + 1);
        let k = (mean_gap * 69 / 100).max(1).ilog2();
        out.push(k as u8);
        let mut gaps = BitWriter::default();
        let mut prev = 0u64;
        for (key, _) in features {
            gaps.rice(*key as u64 - prev, k);
            prev = *key as u64;
        }
        out.extend(gaps.finish());
        for (_, w) in features {
            let mask = w
                .iter()
                .enumerate()
                .filter(|(_, &x)| x != 0)
                .fold(0u64, |m, (l, _)| m | 1 << l);
            write_varint(&mut out, mask);
        }
        for (_, w) in features {
            out.extend(w.iter().filter(|&&x| x != 0).map(|&x| x as u8));
        }
        out
    }

    /// The summed weights of a token's `features::token_features`, the part of its emission
    /// scores that is the same wherever the word occurs; `scratch` is reused across calls.
    fn token_weights(&self, t: &TokenFacts, scratch: &mut Vec<u32>) -> [i16; ROW] {
        scratch.clear();
        features::token_features(t, scratch);
        let mut acc = [0i16; ROW];
        self.touch(scratch);
        self.add_rows(scratch, &mut acc);
        acc
    }

    /// The summed weights of the `features::neighbour_features` that word `t` gives the token
    /// at each place from it (`t` = `None`: the padding past a sentence's edge).
    fn neighbour_weights(&self, t: Option<&TokenFacts>, scratch: &mut Vec<u32>) -> Neighbours {
        let mut rows = [[0i16; ROW]; NEIGHBOURS];
        for (place, acc) in rows.iter_mut().enumerate() {
            scratch.clear();
            features::neighbour_features(t, place, scratch);
            self.add_rows(scratch, acc);
        }
        rows
    }

    /// Adds the weight rows of `feats` to `acc`. i16 cannot overflow: at most a few hundred
    /// features of |w| <= 127 per token (and the adds wrap, so their order never matters).
    #[inline]
    fn add_rows(&self, feats: &[u32], acc: &mut [i16; ROW]) {
        for &f in feats {
            for (a, &x) in acc.iter_mut().zip(self.padded_row(f)) {
                *a = a.wrapping_add(x as i16);
            }
        }
    }

    /// `emissions` for tokens whose per-word weights are summed already (`base`, one per
    /// token: `word_weights`) and whose `feats` are only their context features.
    fn emissions_with(
        &self,
        base: impl Iterator<Item = [i16; ROW]>,
        feats: &[u32],
        starts: &[u32],
        out: &mut Vec<f32>,
    ) {
        out.clear();
        self.touch(feats);
        for (w, mut acc) in starts.windows(2).zip(base) {
            self.add_rows(
                feats.get(w[0] as usize..w[1] as usize).unwrap_or(&[]),
                &mut acc,
            );
            out.extend(acc[..N_LABELS].iter().map(|&a| a as f32 * self.scale));
        }
    }

    /// Emission scores of every token of one sentence: `n * N_LABELS` floats.
    pub fn emissions(&self, feats: &[u32], starts: &[u32], out: &mut Vec<f32>) {
        out.clear();
        self.touch(feats);
        for w in starts.windows(2) {
            // i16 cannot overflow: at most a few hundred features of |w| <= 127 per token.
            let mut acc = [0i16; ROW];
            self.add_rows(
                feats.get(w[0] as usize..w[1] as usize).unwrap_or(&[]),
                &mut acc,
            );
            out.extend(acc[..N_LABELS].iter().map(|&a| a as f32 * self.scale));
        }
    }
}

/// How much a row weighs, to choose between features that share a key.
fn strength(w: &[i8]) -> u32 {
    w.iter().map(|x| x.unsigned_abs() as u32).sum()
}

/// Bits written least significant first into bytes, for the Rice-coded key gaps.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    n_bits: usize,
}

impl BitWriter {
    fn bit(&mut self, b: bool) {
        if self.n_bits.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if b {
            if let Some(last) = self.bytes.last_mut() {
                *last |= 1 << (self.n_bits % 8);
            }
        }
        self.n_bits += 1;
    }

    /// `v >> k` in unary (ones, then a zero), then the low `k` bits of `v`.
    fn rice(&mut self, v: u64, k: u32) {
        for _ in 0..v >> k {
            self.bit(true);
        }
        self.bit(false);
        for i in 0..k {
            self.bit(v >> i & 1 == 1);
        }
    }

    fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads what `BitWriter` wrote; `None` past the end, so a cut file cannot loop or panic.
struct BitReader<'a> {
    bytes: &'a [u8],
    n_bits: usize,
}

impl<'a> BitReader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        BitReader { bytes, n_bits: 0 }
    }

    fn bit(&mut self) -> Option<bool> {
        let byte = *self.bytes.get(self.n_bits / 8)?;
        let b = byte >> (self.n_bits % 8) & 1 == 1;
        self.n_bits += 1;
        Some(b)
    }

    fn rice(&mut self, k: u32) -> Option<u64> {
        let mut q = 0u64;
        while self.bit()? {
            q += 1;
            // No gap between 32-bit keys is this long: the file is corrupt.
            if q > 1 << 32 {
                return None;
            }
        }
        let mut v = 0u64;
        for i in 0..k {
            v |= (self.bit()? as u64) << i;
        }
        Some(q << k | v)
    }

    /// Whole bytes taken, the last one partly.
    fn bytes_read(&self) -> usize {
        self.n_bits.div_ceil(8)
    }
}

#[inline]
fn slot_of(key: u32) -> usize {
    // Feature hashes are already uniform; a multiply spreads their low bits anyway.
    (key.wrapping_mul(0x9e37_79b1) >> 7) as usize
}

/// Transition scores with the BIO constraints folded in (-inf where not allowed), as
/// fixed-size rows so the decoder's inner loop has no bounds checks or branches.
fn constrained(trans: &[f32]) -> [[f32; N_LABELS]; N_LABELS + 1] {
    let mut t = [[f32::NEG_INFINITY; N_LABELS]; N_LABELS + 1];
    for (p, row) in t.iter_mut().enumerate() {
        let from = (p < N_LABELS).then_some(p as u8);
        for (l, x) in row.iter_mut().enumerate() {
            if allowed(from, l as u8) {
                *x = trans.get(p * N_LABELS + l).copied().unwrap_or(0.0);
            }
        }
    }
    t
}

/// Best label sequence under BIO constraints. `emit` is `n * N_LABELS`, `trans` is
/// `(N_LABELS + 1) * N_LABELS` with the start row last. Linear in `n`.
pub fn viterbi(emit: &[f32], trans: &[f32], out: &mut Vec<u8>) {
    let mut back = Vec::new();
    viterbi_with(emit, &constrained(trans), out, &mut back);
}

fn viterbi_with(
    emit: &[f32],
    trans: &[[f32; N_LABELS]; N_LABELS + 1],
    out: &mut Vec<u8>,
    back: &mut Vec<[u8; N_LABELS]>,
) {
    out.clear();
    back.clear();
    let mut rows = emit.chunks_exact(N_LABELS);
    let Some(first) = rows.next() else {
        return;
    };
    let mut prev = [0f32; N_LABELS];
    for l in 0..N_LABELS {
        prev[l] = trans[N_LABELS][l] + first[l];
    }
    back.push([0; N_LABELS]);
    for e in rows {
        let mut cur = [f32::NEG_INFINITY; N_LABELS];
        let mut arg = [0u8; N_LABELS];
        // The best predecessor of each label, the first in label order on ties. O and B-
        // may follow anything; I-X only B-X or I-X (labels l - 1 and l): the other
        // transitions are -inf and could never win, so they are not tried.
        for l in 0..N_LABELS {
            let from = if l > 0 && l % 2 == 0 {
                l - 1..l + 1
            } else {
                0..N_LABELS
            };
            for p in from {
                let s = prev[p] + trans[p][l];
                if s > cur[l] {
                    cur[l] = s;
                    arg[l] = p as u8;
                }
            }
        }
        for l in 0..N_LABELS {
            cur[l] += e[l];
        }
        back.push(arg);
        prev = cur;
    }
    let mut last = 0u8;
    let mut best = f32::NEG_INFINITY;
    for (l, &s) in prev.iter().enumerate() {
        if s > best {
            best = s;
            last = l as u8;
        }
    }
    let n = back.len();
    out.resize(n, 0);
    out[n - 1] = last;
    for t in (1..n).rev() {
        last = back[t][last as usize];
        out[t - 1] = last;
    }
}

/// Labels for every token of a prepared document, sentence by sentence.
pub fn tag_prepared(model: &Model, doc: &PreparedDoc) -> Vec<u8> {
    let mut labels = vec![0u8; doc.tokens.len()];
    let (mut feats, mut starts, mut emit, mut out) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut back = Vec::new();
    let trans = constrained(model.transitions());
    for (s, range) in doc.sentences.iter().enumerate() {
        feats.clear();
        starts.clear();
        features::sentence_features(doc, s, &mut feats, &mut starts);
        model.emissions(&feats, &starts, &mut emit);
        viterbi_with(&emit, &trans, &mut out, &mut back);
        if let Some(dst) = labels.get_mut(range.clone()) {
            for (d, &l) in dst.iter_mut().zip(&out) {
                *d = l;
            }
        }
    }
    labels
}

/// Labels for a document given as words and sentence ranges (CoNLL evaluation, training).
/// All O without a model.
pub fn tag_words<S: AsRef<str>>(words: &[S], sentences: Vec<Range<usize>>) -> Vec<u8> {
    let doc = features::prepare(words, sentences);
    match model() {
        Some(m) => tag_prepared(m, &doc),
        None => vec![0; words.len()],
    }
}

/// Spans of entities in a label sequence: (first token, end token, type index). An I- label
/// that does not continue an entity of its type starts one (the decoder never makes these,
/// corpora sometimes do).
pub fn label_spans(labels: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let ty = label_type(l);
        let continues = l > 0 && l.is_multiple_of(2) && open.is_some_and(|(_, t)| Some(t) == ty);
        if continues {
            continue;
        }
        if let Some((s, t)) = open.take() {
            out.push((s, i, t));
        }
        open = ty.map(|k| (i, k));
    }
    if let Some((s, t)) = open {
        out.push((s, labels.len(), t));
    }
    out
}

fn kind_of(ty: usize) -> Option<EntityKind> {
    match ty {
        0 => Some(EntityKind::Person),
        1 => Some(EntityKind::Organization),
        2 => Some(EntityKind::Location),
        3 => Some(EntityKind::Nationality),
        _ => None,
    }
}

/// Longest name kept, in tokens and bytes ("United Kingdom of Great Britain and Northern
/// Ireland" is 8 tokens): a longer run is the model misreading a list or a repeated pattern.
const MAX_NAME_TOKENS: usize = 12;
pub(crate) const MAX_NAME_BYTES: usize = 160;

/// Text spans to tag: the sentences, plus the title and the section headings where no
/// sentence covers them ("Sweden v Korea Republic" names two teams, and no paragraph holds
/// it; a one-line dateline or results line can be a heading too).
fn spans_to_tag(doc: &Document) -> Vec<Span> {
    let sentences = &doc.sentences;
    let covered = |h: Span| {
        // Sentences are in text order: only the first one ending after `h` starts can overlap.
        let i = sentences.partition_point(|s| s.end <= h.start);
        sentences.get(i).is_some_and(|s| s.overlaps(h))
    };
    let headings = doc
        .title
        .iter()
        .chain(doc.sections.iter().filter_map(|s| s.heading.as_ref()));
    let mut spans = sentences.clone();
    spans.extend(headings.map(|h| h.span).filter(|&h| !covered(h)));
    spans.sort_by_key(|s| (s.start, s.end));
    // Overlapping spans would tag the same words twice.
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last() {
            Some(l) if l.end > s.start => {}
            _ => out.push(s),
        }
    }
    out
}

/// What the tagger found in a text, in text order, not overlapping: name mentions, and the
/// spans of its miscellaneous names (products, events, works: "Internet Explorer", "Hajj"),
/// which have no kind in the JSON but tell the document vote that a form is no name of ours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tagged {
    pub names: Vec<Mention>,
    pub misc: Vec<Span>,
}

/// Name mentions in `text`, sentence by sentence, in text order, not overlapping.
pub fn tag(text: &str, doc: &Document) -> Vec<Mention> {
    tag_all(text, doc).names
}

/// Names and miscellaneous names in `text` (see `Tagged`); nothing without a model.
pub fn tag_all(text: &str, doc: &Document) -> Tagged {
    match model() {
        Some(model) => tag_with(model, text, doc),
        None => Tagged::default(),
    }
}

/// `tag_all` with a given model (the training tools compare model files with it).
pub fn tag_with(model: &Model, text: &str, doc: &Document) -> Tagged {
    let mut tokens: Vec<Token> = Vec::new();
    let mut sentences = Vec::new();
    for span in spans_to_tag(doc) {
        let start = tokens.len();
        tokenize_span_into(text, span, &mut tokens);
        if tokens.len() > start {
            sentences.push(start..tokens.len());
        }
    }
    let labels = label_tokens(model, text, &tokens, &sentences);
    let mut out = Tagged::default();
    for range in &sentences {
        let Some(ls) = labels.get(range.clone()) else {
            continue;
        };
        for (s, e, ty) in label_spans(ls) {
            let (mut s, e) = (range.start + s, range.start + e);
            // News convention: no leading article, even when the model took it in.
            while s + 1 < e
                && tokens
                    .get(s)
                    .is_some_and(|t| t.span.text(text).eq_ignore_ascii_case("the"))
            {
                s += 1;
            }
            let (Some(first), Some(last)) = (tokens.get(s), tokens.get(e - 1)) else {
                continue;
            };
            let span = Span::new(first.span.start as usize, last.span.end as usize);
            if e - s > MAX_NAME_TOKENS || span.len() > MAX_NAME_BYTES {
                continue;
            }
            match kind_of(ty) {
                Some(kind) => out.names.push(Mention { span, kind }),
                None => out.misc.push(span),
            }
        }
    }
    out
}

/// Each word's `token_facts` and `token_weights` depend on the word and the model alone, and
/// most words of an article were in the articles before it: a batch run looks them up here
/// instead of computing them again (about 3% of its instructions). Per thread, for one
/// model at a time, and bounded: emptied when full, so a 10 MB text of fresh words costs
/// no more memory than `CACHE_WORDS` entries.
#[derive(Default)]
struct WordRows {
    /// `Model::id` of the model the rows were computed with (0: none yet).
    model: u64,
    rows: WordMap<Box<str>, WordWeights>,
}

/// What the tagger knows of a word wherever it occurs: its facts, its `token_weights` and
/// its `neighbour_weights`.
#[derive(Clone, Copy)]
struct WordWeights {
    facts: TokenFacts,
    own: [i16; ROW],
    neighbours: Neighbours,
}

impl WordWeights {
    fn new(model: &Model, word: &str, lower: &mut Vec<char>, scratch: &mut Vec<u32>) -> Self {
        let facts = features::token_facts(word, lower);
        WordWeights {
            facts,
            own: model.token_weights(&facts, scratch),
            neighbours: model.neighbour_weights(Some(&facts), scratch),
        }
    }
}

/// Most entries `WordRows` holds (a `WordWeights`, about 220 bytes, and its key each).
const CACHE_WORDS: usize = 20_000;
/// Longer words (rare, and mostly one-offs: URLs, numbers) are not kept.
const CACHE_WORD_BYTES: usize = 24;

impl WordRows {
    fn use_model(&mut self, model: &Model) {
        if self.model != model.id {
            self.rows.clear();
            self.model = model.id;
        }
    }

    fn get_or_insert(&mut self, word: &str, compute: impl FnOnce() -> WordWeights) -> WordWeights {
        if let Some(row) = self.rows.get(word) {
            return *row;
        }
        let row = compute();
        if word.len() <= CACHE_WORD_BYTES {
            if self.rows.len() >= CACHE_WORDS {
                self.rows.clear();
            }
            self.rows.insert(word.into(), row);
        }
        row
    }
}

thread_local! {
    static WORD_ROWS: std::cell::RefCell<WordRows> = std::cell::RefCell::new(WordRows::default());
}

/// The part of the emission scores of token `i` of a sentence (`ids`: its words, indices into
/// `words`) that `WordWeights` hold: its own, and what its neighbours give it (`edge` past the
/// sentence's ends).
#[inline]
fn word_weights(words: &[WordWeights], ids: &[u32], i: usize, edge: &Neighbours) -> [i16; ROW] {
    let word = |j: usize| ids.get(j).and_then(|&k| words.get(k as usize));
    let mut acc = word(i).map_or([0; ROW], |w| w.own);
    for (place, &at) in features::NEIGHBOUR_AT.iter().enumerate() {
        let neighbour = i.checked_add_signed(at).and_then(word);
        let row = neighbour.map_or(&edge[place], |w| &w.neighbours[place]);
        for (a, &x) in acc.iter_mut().zip(row) {
            *a = a.wrapping_add(x);
        }
    }
    acc
}

/// The labels `tag_prepared` gives the tokens of `text` (sentences are ranges of `tokens`),
/// computed without a `PreparedDoc` of the whole text: each distinct word's facts and
/// `token_weights` once, then sentence by sentence. Per token it keeps only an index into
/// the distinct words and its phrase bits, which keeps the tagger's memory (the peak of the
/// whole analysis) several times smaller than a `TokenFacts` per token.
fn label_tokens(
    model: &Model,
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
) -> Vec<u8> {
    // Sized for the usual share of distinct words (about a third of the tokens of an
    // article), so the map seldom grows while it fills.
    let distinct = tokens.len() / 3 + 16;
    let mut index: WordMap<&str, u32> =
        WordMap::with_capacity_and_hasher(distinct, Default::default());
    let mut spellings: Vec<&str> = Vec::with_capacity(distinct);
    let word_of: Vec<u32> = tokens
        .iter()
        .map(|t| {
            let w = t.span.text(text);
            *index.entry(w).or_insert_with(|| {
                spellings.push(w);
                spellings.len() as u32 - 1
            })
        })
        .collect();
    drop(index);
    // Exactly one `WordWeights` (about 220 bytes) per distinct word: allocated once the
    // words are counted, as the largest table of the tagger is best not guessed.
    let (mut lower, mut scratch) = (Vec::new(), Vec::new());
    let words: Vec<WordWeights> = WORD_ROWS.with_borrow_mut(|cache| {
        cache.use_model(model);
        let mut weights = |w: &&str| {
            cache.get_or_insert(w, || WordWeights::new(model, w, &mut lower, &mut scratch))
        };
        spellings.iter().map(&mut weights).collect()
    });
    drop(spellings);
    let facts_of = |range: &Range<usize>, into: &mut Vec<TokenFacts>| {
        into.clear();
        let ids = word_of.get(range.clone()).unwrap_or(&[]);
        into.extend(ids.iter().map(|&k| words[k as usize].facts));
    };
    // First pass: each sentence's case and phrases, and the document's word facts.
    let mut toks: Vec<TokenFacts> = Vec::new();
    let mut phrase = vec![0u8; tokens.len()];
    let mut cases: Vec<SentenceCase> = Vec::with_capacity(sentences.len());
    let mut doc_words = features::DocWords::with_capacity_and_hasher(distinct, Default::default());
    for range in sentences {
        facts_of(range, &mut toks);
        let case = features::sentence_facts(&mut toks);
        features::note_doc_words(&toks, case, &mut doc_words);
        cases.push(case);
        if let Some(dst) = phrase.get_mut(range.clone()) {
            for (d, t) in dst.iter_mut().zip(&toks) {
                *d = t.phrase;
            }
        }
    }
    // Second pass: features, emissions and the best labels of each sentence.
    let mut labels = vec![0u8; tokens.len()];
    let (mut feats, mut starts, mut emit, mut out, mut back) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let trans = constrained(model.transitions());
    // What the padding past a sentence's start or end adds, at each place.
    let edge = model.neighbour_weights(None, &mut scratch);
    for (range, &case) in sentences.iter().zip(&cases) {
        facts_of(range, &mut toks);
        for (t, &p) in toks
            .iter_mut()
            .zip(phrase.get(range.clone()).unwrap_or(&[]))
        {
            t.phrase = p;
        }
        feats.clear();
        starts.clear();
        features::sentence_context_features(&toks, case, &doc_words, &mut feats, &mut starts);
        let ids = word_of.get(range.clone()).unwrap_or(&[]);
        let base = (0..ids.len()).map(|i| word_weights(&words, ids, i, &edge));
        model.emissions_with(base, &feats, &starts, &mut emit);
        viterbi_with(&emit, &trans, &mut out, &mut back);
        if let Some(dst) = labels.get_mut(range.clone()) {
            for (d, &l) in dst.iter_mut().zip(&out) {
                *d = l;
            }
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagging_by_distinct_words_gives_the_prepared_labels() {
        let text = include_str!("../../tests/data/uk-troops-ukraine.txt");
        let doc = crate::sections::structure(text);
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        for span in spans_to_tag(&doc) {
            let start = tokens.len();
            tokenize_span_into(text, span, &mut tokens);
            if tokens.len() > start {
                sentences.push(start..tokens.len());
            }
        }
        let model = model().expect("embedded model");
        let words: Vec<&str> = tokens.iter().map(|t| t.span.text(text)).collect();
        let prepared = features::prepare(&words, sentences.clone());
        let expected = tag_prepared(model, &prepared);
        assert!(expected.iter().any(|&l| l != 0));
        assert_eq!(label_tokens(model, text, &tokens, &sentences), expected);
    }

    #[test]
    fn cached_word_rows_belong_to_their_model() {
        let text = include_str!("../../tests/data/uk-troops-ukraine.txt");
        let doc = crate::sections::structure(text);
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        for span in spans_to_tag(&doc) {
            let start = tokens.len();
            tokenize_span_into(text, span, &mut tokens);
            if tokens.len() > start {
                sentences.push(start..tokens.len());
            }
        }
        let model = model().expect("embedded model");
        let first = label_tokens(model, text, &tokens, &sentences);
        assert!(first.iter().any(|&l| l != 0));
        // Again, from the rows cached by the first run.
        assert_eq!(label_tokens(model, text, &tokens, &sentences), first);
        // A model without features labels everything O, whatever the cache holds; and the
        // embedded model's rows are computed afresh after it.
        let empty = Model::new(&[], vec![0.0; (N_LABELS + 1) * N_LABELS], 1.0);
        let none = label_tokens(&empty, text, &tokens, &sentences);
        assert!(none.iter().all(|&l| l == 0));
        assert_eq!(label_tokens(model, text, &tokens, &sentences), first);
    }

    #[test]
    fn transitions_follow_bio() {
        let b_per = label_index("B-PER").unwrap();
        let i_per = label_index("I-PER").unwrap();
        let i_org = label_index("I-ORG").unwrap();
        assert!(allowed(None, b_per));
        assert!(!allowed(None, i_per));
        assert!(allowed(Some(b_per), i_per));
        assert!(allowed(Some(i_per), i_per));
        assert!(!allowed(Some(b_per), i_org));
        assert!(!allowed(Some(0), i_per));
    }

    #[test]
    fn inside_labels_follow_only_their_own_type() {
        // What the decoder relies on when it skips predecessors of I- labels.
        for l in (2..N_LABELS).step_by(2) {
            for p in 0..N_LABELS {
                assert_eq!(allowed(Some(p as u8), l as u8), p + 1 == l || p == l);
            }
        }
    }

    #[test]
    fn viterbi_never_starts_inside() {
        // Emissions that prefer I-PER everywhere must still give B-PER first.
        let i_per = label_index("I-PER").unwrap() as usize;
        let mut emit = vec![0.0f32; 3 * N_LABELS];
        for t in 0..3 {
            emit[t * N_LABELS + i_per] = 5.0;
        }
        let trans = vec![0.0f32; (N_LABELS + 1) * N_LABELS];
        let mut out = Vec::new();
        viterbi(&emit, &trans, &mut out);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0], label_index("B-PER").unwrap());
        assert_eq!(&out[1..], &[i_per as u8, i_per as u8]);
        viterbi(&[], &trans, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn spans_from_labels() {
        let l = |s: &str| label_index(s).unwrap();
        let labels = [
            l("B-PER"),
            l("I-PER"),
            0,
            l("B-LOC"),
            l("B-LOC"),
            l("I-LOC"),
        ];
        assert_eq!(label_spans(&labels), [(0, 2, 0), (3, 4, 2), (4, 6, 2)]);
    }

    /// A full feature hash whose model key is `key`.
    fn hash_with_key(key: u32) -> u32 {
        key << (32 - KEY_BITS) | 1
    }

    /// The bits of a hash the model does not keep.
    const DROPPED: u32 = (1 << (32 - KEY_BITS)) - 1;

    #[test]
    fn every_feature_is_found_even_in_buckets_that_overflowed() {
        // Keys that share a bucket fill it and spill into the next ones; keys spread over
        // the table leave room. Both must be found, and absent keys must add nothing.
        let n = 4000u32;
        // 64 keys of bucket 3 of the 2,048 this table has.
        let crowded = (1..).filter(|&k| slot_of(k) & 2047 == 3).take(64);
        let spread = (1..n).map(|k| k.wrapping_mul(2_654_435_761) >> (32 - KEY_BITS));
        let mut keys: Vec<u32> = crowded.chain(spread).filter(|&k| k > 0).collect();
        keys.sort_unstable();
        keys.dedup();
        let features: Vec<(u32, [i8; N_LABELS])> = keys
            .iter()
            .map(|&k| (hash_with_key(k), [(k % 251) as i8; N_LABELS]))
            .collect();
        let m = Model::new(&features, vec![0.0; (N_LABELS + 1) * N_LABELS], 1.0);
        assert_eq!(m.mask, 2047);
        assert_eq!(m.n_features, features.len());
        let overflowed = m.buckets.iter().filter(|b| !b.keys.contains(&0)).count();
        assert!(overflowed >= 16, "the test must fill a run of buckets");
        for (f, w) in &features {
            assert_eq!(m.row(*f), Some(&w[..]), "feature {f}");
            // Only the top bits count: the rest of the hash may be anything.
            assert_eq!(m.row(*f ^ DROPPED), Some(&w[..]), "feature {f}");
        }
        for k in (1..20_000u32).filter(|k| keys.binary_search(k).is_err()) {
            assert_eq!(m.row(hash_with_key(k)), None, "key {k}");
        }
        let mut acc = [0i16; ROW];
        m.add_rows(&[hash_with_key(20_001), features[5].0], &mut acc);
        assert_eq!(acc[0], features[5].1[0] as i16);
    }

    #[test]
    fn model_bytes_round_trip() {
        let mut w = [0i8; N_LABELS];
        w[1] = 5;
        w[3] = -7;
        let weak = [1i8; N_LABELS];
        let features = vec![
            (0u32, w),
            (hash_with_key(17), weak),
            // Shares key 17 and weighs more than `weak`: it is the one kept.
            (hash_with_key(17) + 1, [-3; N_LABELS]),
            (u32::MAX, w),
        ];
        let trans_q = vec![3i16; (N_LABELS + 1) * N_LABELS];
        let bytes = Model::to_bytes(&features, &trans_q, 0.5);
        let m = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m.n_features, 3);
        assert_eq!(m.row(0).unwrap(), &w);
        assert_eq!(m.row(hash_with_key(17)).unwrap(), &[-3; N_LABELS]);
        assert_eq!(m.row(u32::MAX).unwrap(), &w);
        assert!(m.row(hash_with_key(18)).is_none());
        assert_eq!(m.transitions()[0], 1.5);
        // The in-memory model built from the same rows agrees.
        let direct = Model::new(&features, vec![0.0; (N_LABELS + 1) * N_LABELS], 1.0);
        assert_eq!(direct.row(hash_with_key(17)).unwrap(), &[-3; N_LABELS]);
        for cut in [1, 2, 5, bytes.len() / 2] {
            assert!(
                Model::from_bytes(&bytes[..bytes.len() - cut]).is_none(),
                "cut {cut}"
            );
        }
        assert!(Model::from_bytes(b"junk").is_none());
    }

    #[test]
    fn rice_codes_round_trip() {
        let values = [0u64, 1, 2, 255, 256, 1 << 20, 7, 1000];
        for k in [0, 3, 8, 15] {
            let mut w = BitWriter::default();
            for &v in &values {
                w.rice(v, k);
            }
            let bytes = w.finish();
            let mut r = BitReader::new(&bytes);
            for &v in &values {
                assert_eq!(r.rice(k), Some(v), "k {k}");
            }
            assert_eq!(r.bytes_read(), bytes.len());
            // Past the end: None, not a panic or a loop.
            let mut cut = BitReader::new(&bytes[..bytes.len() - 1]);
            assert!(values.iter().any(|_| cut.rice(k).is_none()));
        }
    }
}
