//! Evaluates the structure pass on the shared data: heading precision/recall and title
//! accuracy on the Wikinews articles, sentence-boundary precision/recall/F1 on corpora rebuilt
//! from UNER EWT, CoNLL-2003 and Wikigold, and throughput on BBC News. Prints figures; asserts nothing.
//!
//! Data: `../shared/data` relative to the crate root, or `SHARED_DATA`. Missing data is
//! reported as "skipped" and the bench exits 0.
//!
//! Sentence test, made fair: the gold sentences of each document are joined with one space
//! into paragraphs; a gold sentence that does not end in `.`, `?`, `!` or `…` (a headline, a
//! table row, an unpunctuated web post) ends its paragraph, because no reader could find that
//! boundary inside running text and pasted text has a line break there. Only boundaries
//! inside paragraphs are scored. Sentences that start in lower case are kept in (and counted
//! separately): they are real misses.

use article_explorer::sections::{split_sentences, structure};
use article_explorer::Span;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn data_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    dir.is_dir().then_some(dir)
}

fn main() {
    let Some(dir) = data_dir() else {
        println!("skipped: shared data not found (../shared/data or SHARED_DATA)");
        return;
    };
    headings(&dir.join("articles/wikinews"));
    let ewt = ["dev", "test"]
        .iter()
        .flat_map(|s| ewt_docs(&dir.join(format!("ner/uner-ewt/{s}.iob2"))))
        .collect::<Vec<_>>();
    sentences("UNER EWT dev+test (web text)", &ewt);
    let conll = ["dev", "train"]
        .iter()
        .flat_map(|s| conll_docs(&dir.join(format!("ner/conll2003/{s}.iob2"))))
        .collect::<Vec<_>>();
    sentences("CoNLL-2003 train+dev (Reuters news, detokenised)", &conll);
    let wikigold = conll_docs(&dir.join("ner/wikigold/wikigold.conll.txt"));
    sentences("Wikigold (Wikipedia, detokenised)", &wikigold);
    speed(&dir.join("news/bbc"));
}

/// Code point offset -> byte offset in `text`.
fn byte_offset(text: &str, cp: usize) -> usize {
    text.char_indices().nth(cp).map_or(text.len(), |(b, _)| b)
}

fn headings(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("headings: skipped: {} not found", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let (mut tp, mut n_pred, mut n_gold, mut titles_ok) = (0, 0, 0, 0);
    let mut errors = Vec::new();
    for path in &paths {
        let (Ok(json), Ok(text)) = (
            std::fs::read_to_string(path),
            std::fs::read_to_string(path.with_extension("txt")),
        ) else {
            continue;
        };
        let Ok(meta) = serde_json::from_str::<serde_json::Value>(&json) else {
            continue;
        };
        let doc = structure(&text);
        let gold: HashSet<Span> = meta["headings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| {
                let s = byte_offset(&text, h["start"].as_u64()? as usize);
                let e = byte_offset(&text, h["end"].as_u64()? as usize);
                Some(Span::new(s, e))
            })
            .collect();
        let pred: HashSet<Span> = doc
            .sections
            .iter()
            .filter_map(|s| s.heading.as_ref().map(|h| h.span))
            .collect();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        for s in pred.difference(&gold) {
            errors.push(format!("  {name}: extra heading {:?}", s.text(&text)));
        }
        for s in gold.difference(&pred) {
            errors.push(format!("  {name}: missed heading {:?}", s.text(&text)));
        }
        tp += pred.intersection(&gold).count();
        n_pred += pred.len();
        n_gold += gold.len();
        let title = doc.title.as_ref().map(|t| t.span.text(&text));
        if title == meta["title"].as_str() {
            titles_ok += 1;
        } else {
            errors.push(format!("  {name}: title {title:?}"));
        }
    }
    let (p, r, f) = prf(tp, n_pred, n_gold);
    println!(
        "Wikinews headings ({} articles): P {p:.3} R {r:.3} F1 {f:.3} ({tp} of {n_pred} predicted, {n_gold} gold); titles {titles_ok}/{}",
        paths.len(),
        paths.len()
    );
    for e in errors {
        println!("{e}");
    }
    layouts(&paths);
}

/// Hard-wraps each line of `text` at `width` chars, like a mail client.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut n = 0;
        for (k, word) in line.split_whitespace().enumerate() {
            let len = word.chars().count();
            if k > 0 && n + 1 + len > width {
                out.push('\n');
                n = 0;
            } else if k > 0 {
                out.push(' ');
                n += 1;
            }
            out.push_str(word);
            n += len;
        }
        out.push('\n');
    }
    out
}

/// Turns an article into another layout of the same text.
type Reshape = fn(&str) -> String;

/// The same articles pasted in other layouts: headings compared by their words, since the
/// offsets move.
fn layouts(paths: &[PathBuf]) {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let shapes: [(&str, Reshape); 3] = [
        ("wrapped at 72", |t| wrap(t, 72)),
        ("one line per paragraph, no blank lines", |t| {
            t.replace("\n\n", "\n")
        }),
        ("wrapped at 60, CRLF", |t| wrap(t, 60).replace('\n', "\r\n")),
    ];
    for (name, reshape) in shapes {
        let (mut tp, mut n_pred, mut n_gold, mut titles_ok) = (0, 0, 0, 0);
        for path in paths {
            let (Ok(json), Ok(text)) = (
                std::fs::read_to_string(path),
                std::fs::read_to_string(path.with_extension("txt")),
            ) else {
                continue;
            };
            let Ok(meta) = serde_json::from_str::<serde_json::Value>(&json) else {
                continue;
            };
            let gold: HashSet<String> = meta["headings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|h| h["text"].as_str().map(flat))
                .collect();
            let text = reshape(&text);
            let doc = structure(&text);
            let pred: HashSet<String> = doc
                .sections
                .iter()
                .filter_map(|s| s.heading.as_ref().map(|h| flat(h.span.text(&text))))
                .collect();
            tp += pred.intersection(&gold).count();
            n_pred += pred.len();
            n_gold += gold.len();
            if std::env::var_os("SHOW_LAYOUT_ERRORS").is_some() {
                for extra in pred.difference(&gold) {
                    println!("    {name}: extra heading {extra:?}");
                }
            }
            let title = doc.title.as_ref().map(|t| flat(t.span.text(&text)));
            titles_ok += usize::from(title.as_deref() == meta["title"].as_str());
        }
        let (p, r, f) = prf(tp, n_pred, n_gold);
        println!(
            "  {name}: headings P {p:.3} R {r:.3} F1 {f:.3}; titles {titles_ok}/{}",
            paths.len()
        );
    }
}

fn prf(tp: usize, n_pred: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_pred == 0 {
        1.0
    } else {
        tp as f64 / n_pred as f64
    };
    let r = if n_gold == 0 {
        1.0
    } else {
        tp as f64 / n_gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// One document: its sentences in order.
type Doc = Vec<String>;

fn ewt_docs(path: &Path) -> Vec<Doc> {
    let Ok(data) = std::fs::read_to_string(path) else {
        println!("sentences: skipped {}: not found", path.display());
        return Vec::new();
    };
    let mut docs: Vec<Doc> = Vec::new();
    for line in data.lines() {
        if line.starts_with("# newdoc") {
            docs.push(Vec::new());
        } else if let Some(text) = line.strip_prefix("# text = ") {
            if docs.is_empty() {
                docs.push(Vec::new());
            }
            if let Some(d) = docs.last_mut() {
                d.push(text.trim().to_string());
            }
        }
    }
    docs
}

fn conll_docs(path: &Path) -> Vec<Doc> {
    let Ok(data) = std::fs::read_to_string(path) else {
        println!("sentences: skipped {}: not found", path.display());
        return Vec::new();
    };
    let mut docs: Vec<Doc> = Vec::new();
    let mut tokens: Vec<&str> = Vec::new();
    let flush = |tokens: &mut Vec<&str>, docs: &mut Vec<Doc>| {
        if !tokens.is_empty() {
            if docs.is_empty() {
                docs.push(Vec::new());
            }
            if let Some(d) = docs.last_mut() {
                d.push(detokenise(tokens));
            }
            tokens.clear();
        }
    };
    for line in data.lines() {
        if line.starts_with("-DOCSTART-") {
            flush(&mut tokens, &mut docs);
            docs.push(Vec::new());
        } else if line.trim().is_empty() {
            flush(&mut tokens, &mut docs);
        } else if let Some(tok) = line.split(' ').next() {
            tokens.push(tok);
        }
    }
    flush(&mut tokens, &mut docs);
    docs
}

/// Penn-style tokens back to running text: no space before closing punctuation and clitics,
/// none after opening brackets and currency signs, straight quotes alternate open/close.
fn detokenise(tokens: &[&str]) -> String {
    let mut out = String::new();
    let mut no_space_next = true;
    let mut quote_open = false;
    for (i, &t) in tokens.iter().enumerate() {
        // A quote right after a stop or at the end of a sentence closes a quotation opened in an
        // earlier sentence (CoNLL splits quotations into sentences).
        if t == "\"" && !quote_open {
            let after_stop = i > 0 && matches!(tokens[i - 1], "." | "," | "!" | "?" | ";" | ":");
            if after_stop || i + 1 == tokens.len() {
                quote_open = true;
            }
        }
        let attach_left = matches!(
            t,
            "." | ","
                | ";"
                | ":"
                | "!"
                | "?"
                | "%"
                | ")"
                | "]"
                | "}"
                | "'s"
                | "'S"
                | "n't"
                | "'re"
                | "'ve"
                | "'ll"
                | "'d"
                | "'m"
                | "'"
                | "..."
        ) || (t == "\"" && quote_open);
        if !no_space_next && !attach_left {
            out.push(' ');
        }
        out.push_str(t);
        no_space_next =
            matches!(t, "(" | "[" | "{" | "$" | "US$" | "£" | "#") || (t == "\"" && !quote_open);
        if t == "\"" {
            quote_open = !quote_open;
        }
    }
    out
}

fn ends_with_stop(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '\'', '’', '”', ')', ']'])
        .ends_with(['.', '?', '!', '…'])
}

fn sentences(name: &str, docs: &[Doc]) {
    if docs.is_empty() {
        println!("{name}: skipped: no data");
        return;
    }
    let (mut tp, mut n_pred, mut n_gold, mut n_lower) = (0usize, 0usize, 0usize, 0usize);
    let (mut tp_cased, mut n_pred_cased) = (0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    let mut extras: Vec<String> = Vec::new();
    for doc in docs {
        // Paragraphs of this document, each a list of gold sentences.
        let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
        for s in doc {
            if s.is_empty() {
                continue;
            }
            if let Some(p) = paragraphs.last_mut() {
                p.push(s);
            }
            if !ends_with_stop(s) {
                paragraphs.push(Vec::new());
            }
        }
        for p in paragraphs.iter().filter(|p| !p.is_empty()) {
            let mut text = String::new();
            let mut gold = HashSet::new();
            for (k, s) in p.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                    gold.insert(text.len());
                    if s.starts_with(char::is_lowercase) {
                        n_lower += 1;
                    }
                }
                text.push_str(s);
            }
            let pred: HashSet<usize> = split_sentences(&text, Span::new(0, text.len()))
                .iter()
                .skip(1)
                .map(|s| s.start as usize)
                .collect();
            tp += pred.intersection(&gold).count();
            n_pred += pred.len();
            n_gold += gold.len();
            let cased = |&&at: &&usize| !text[at..].starts_with(char::is_lowercase);
            tp_cased += pred.intersection(&gold).filter(cased).count();
            n_pred_cased += pred.iter().filter(cased).count();
            let context = |at: usize| {
                let lo = (at.saturating_sub(40)..at)
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(at);
                let hi = (at + 30..=text.len().min(at + 34))
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                format!(
                    "{}|{}",
                    &text[lo..at],
                    text.get(at..hi.max(at)).unwrap_or("")
                )
            };
            for &g in gold.difference(&pred) {
                if text[g..].starts_with(char::is_lowercase) {
                    continue;
                }
                misses.push(context(g));
            }
            for &e in pred.difference(&gold) {
                extras.push(context(e));
            }
        }
    }
    let (p, r, f) = prf(tp, n_pred, n_gold);
    println!(
        "{name}: {} docs, sentence boundaries P {p:.4} R {r:.4} F1 {f:.4} ({tp} of {n_pred} predicted, {n_gold} gold; {n_lower} gold sentences start in lower case)",
        docs.len()
    );
    // Boundaries before a lower-case word are mostly invisible to a splitter for edited
    // English; this is the figure on the boundaries before a capital, digit or sign.
    let (p2, r2, f2) = prf(tp_cased, n_pred_cased, n_gold - n_lower);
    println!("  boundaries before a capital, digit or sign only: P {p2:.4} R {r2:.4} F1 {f2:.4}");
    let show = std::env::var("SHOW_ERRORS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8usize);
    for m in misses.iter().take(show) {
        println!("  missed: {m:?}");
    }
    for e in extras.iter().take(show) {
        println!("  extra:  {e:?}");
    }
}

fn speed(dir: &Path) {
    let mut texts = Vec::new();
    let Ok(cats) = std::fs::read_dir(dir) else {
        println!("speed: skipped: {} not found", dir.display());
        return;
    };
    for cat in cats.flatten() {
        for f in std::fs::read_dir(cat.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(bytes) = std::fs::read(f.path()) {
                texts.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let n_bytes: usize = texts.iter().map(String::len).sum();
    let mut n_sentences = 0;
    let t = Instant::now();
    for _ in 0..3 {
        for text in &texts {
            n_sentences += structure(text).sentences.len();
        }
    }
    let secs = t.elapsed().as_secs_f64() / 3.0;
    println!(
        "structure speed on BBC News ({} articles, {:.1} MB): {:.1} MB/s ({} sentences per pass)",
        texts.len(),
        n_bytes as f64 / 1e6,
        n_bytes as f64 / 1e6 / secs,
        n_sentences / 3
    );
    // One big paste: all articles as one text.
    let all = texts.join("\n\n");
    let t = Instant::now();
    let doc = structure(&all);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "structure speed on one {:.1} MB paste: {:.1} MB/s ({} paragraphs)",
        all.len() as f64 / 1e6,
        all.len() as f64 / 1e6 / secs,
        doc.paragraphs.len()
    );
    // A single paragraph of 5 MB with no punctuation at all.
    let flat = "word ".repeat(1_000_000);
    let t = Instant::now();
    let doc = structure(&flat);
    println!(
        "structure speed on 5 MB without punctuation: {:.1} MB/s ({} sentences)",
        flat.len() as f64 / 1e6 / t.elapsed().as_secs_f64(),
        doc.sentences.len()
    );
}
