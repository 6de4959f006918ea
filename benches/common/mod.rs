//! Inputs shared by the benches: the sample article (in the repo) and 1 MB / 10 MB texts
//! built from the BBC corpus in `../shared/data/news/bbc/` (or `$SHARED_DATA/news/bbc/`).

#![allow(dead_code)] // each bench uses its own subset

use std::path::PathBuf;

/// The sample article committed as a test fixture.
pub fn sample() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/uk-troops-ukraine.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Where the shared data lives: `$SHARED_DATA`, else `../shared/data` from the crate root.
pub fn shared_data() -> PathBuf {
    std::env::var_os("SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"))
}

/// Every BBC article, decoded (one file is Latin-1 on purpose), in a stable order; `None`
/// with a printed "skipped" line when the corpus is not there.
pub fn bbc_articles() -> Option<Vec<String>> {
    let root = shared_data().join("news/bbc");
    let Ok(categories) = std::fs::read_dir(&root) else {
        println!(
            "skipped: BBC corpus not found at {} (set SHARED_DATA)",
            root.display()
        );
        return None;
    };
    let mut paths: Vec<PathBuf> = categories
        .flatten()
        .filter(|e| e.path().is_dir())
        .flat_map(|dir| {
            std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| article_explorer::decode::decode(&b).text)
        .filter(|t| !t.trim().is_empty())
        .collect();
    if texts.is_empty() {
        println!("skipped: no BBC articles under {}", root.display());
        return None;
    }
    // A fixed shuffle (a stride coprime with the count) so that every prefix, hence the 1 MB
    // and the 10 MB inputs alike, mixes the five categories: the 10 MB / 1 MB time ratio then
    // measures size, not a change of content.
    let n = texts.len();
    let stride = (n / 3..n)
        .chain(1..n)
        .find(|&s| gcd(s, n) == 1)
        .unwrap_or(1);
    Some((0..n).map(|i| texts[i * stride % n].clone()).collect())
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// One text of at least `n_bytes` made of whole articles separated by blank lines, cycling
/// through the corpus when it is smaller than asked.
pub fn corpus_text(articles: &[String], n_bytes: usize) -> String {
    let mut text = String::with_capacity(n_bytes + 64 * 1024);
    if articles.iter().all(|a| a.trim().is_empty()) {
        return text;
    }
    for article in articles.iter().cycle() {
        if text.len() >= n_bytes {
            break;
        }
        text.push_str(article.trim_end());
        text.push_str("\n\n");
    }
    text
}

pub const MB: usize = 1_000_000;
