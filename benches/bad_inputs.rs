//! Times `analyze`, stage by stage, on every bad input, at two sizes, so a quadratic path
//! shows: a linear stage takes ~4× as long on 4× the input, a quadratic one ~16×.
//!
//! `cargo bench --bench bad_inputs` (release build). Prints a table; never asserts on time.
//! `BAD_INPUTS_MB=4` changes the base size (default 1 MB; the 4× run uses four times that).
//! `BAD_INPUTS_ONLY=percent` runs the inputs whose name contains that word.

use article_explorer::{entities, facts, html, sections};
use std::time::{Duration, Instant};

/// One generated input of about `n` bytes.
type Make = fn(usize) -> String;

fn fill(unit: &str, n: usize) -> String {
    unit.repeat(n / unit.len().max(1) + 1)
}

fn inputs() -> Vec<(&'static str, Make)> {
    vec![
        ("article text", |n| {
            fill(
                "Defence Secretary John Healey told MPs in London on 3 March 2025 that the UK \
                 would spend £2.5bn, or 12% more, on drones for Ukraine. \"We will not waver,\" \
                 he said. NATO officials in Brussels welcomed the plan, Reuters reported.\n\n",
                n,
            )
        }),
        ("one paragraph", |n| {
            fill(
                "Angela Merkel met Emmanuel Macron in Paris on Monday, officials said. ",
                n,
            )
        }),
        ("line without spaces", |n| fill("abcdefghij", n)),
        ("punctuation-joined words", |n| {
            fill("Aa-Bb.Cc,Dd'Ee’Ff/", n)
        }),
        ("blank lines", |n| fill("\n", n)),
        ("blank lines around two paragraphs", |n| {
            format!("One.{}Two.", fill("\n \n", n))
        }),
        ("A. A. A.", |n| fill("A. ", n)),
        ("capitalised words", |n| fill("Alpha Beta Gamma Delta ", n)),
        ("capitalised words, short lines", |n| {
            fill("Alpha Beta\n", n)
        }),
        ("abbreviations", |n| fill("Mr. Dr. St. U.S. U.K. Inc. ", n)),
        ("digits", |n| fill("1234567890", n)),
        ("spaced digits", |n| fill("1 2 3 ", n)),
        ("thousands separators", |n| fill("1,000,", n)),
        ("money", |n| fill("£1.5bn $2m €3 ", n)),
        ("percent", |n| fill("5% ", n)),
        ("dates", |n| {
            fill("3 May 2025, January 1, 2020 and 2021-2022 ", n)
        }),
        ("straight quotes", |n| fill("\"", n)),
        ("curly quotes unbalanced", |n| fill("“a ", n)),
        ("quoted speech", |n| fill("“We will,” said Smith. ", n)),
        ("open brackets", |n| fill("(", n)),
        ("mixed brackets", |n| fill("([{<", n)),
        ("dashes", |n| fill("- — – ", n)),
        ("said clauses", |n| fill("said Smith, ", n)),
        ("ellipses", |n| fill("... ", n)),
        ("heading lines", |n| fill("## A\n", n)),
        ("list lines", |n| fill("- A\n", n)),
        ("one-letter lines", |n| fill("A\n", n)),
        ("all caps", |n| fill("BREAKING NEWS ", n)),
        ("apostrophes", |n| fill("O'Brien's ", n)),
        ("crlf paragraphs", |n| fill("x\r\n\r\n", n)),
        ("nul", |n| fill("\0", n)),
        ("cjk", |n| fill("国务院总理李强在北京会见了德国总理。", n)),
        ("arabic", |n| {
            fill("قال الرئيس محمد عبد الله إن الحكومة ستبني مدرسة. ", n)
        }),
        ("emoji zwj", |n| fill("👩‍👩‍👧‍👦 🏳️‍🌈 ", n)),
        ("combining marks", |n| {
            fill("Zoe\u{308} Martine\u{301}z ", n)
        }),
    ]
}

/// HTML inputs, timed through `html::to_text` and then the analysis.
fn html_inputs() -> Vec<(&'static str, Make)> {
    vec![
        ("html page", |n| {
            fill(
                "<div class=\"ad\"><script>var a = 1 < 2;</script></div><h2>Head</h2>\
                 <p>Waves hit <b>Cornwall</b> &amp; Devon&#8217;s coast.<img src=x onerror=alert(1)></p>\
                 <nav><a>Home</a></nav><!-- note -->\n",
                n,
            )
        }),
        ("html deep nesting", |n| {
            let k = n / 12;
            "<div>".repeat(k) + "x" + &"</span>".repeat(k)
        }),
        ("html unclosed comment", |n| {
            format!("<p>a<!--{}", fill("x", n))
        }),
        ("html unclosed script", |n| {
            format!("<script>{}", fill("<p>x</p", n))
        }),
        ("html many lt", |n| fill("< ", n)),
        ("html many entities", |n| fill("&amp;&#8217;&bogus;&", n)),
    ]
}

struct Times {
    html: Duration,
    structure: Duration,
    entities: Duration,
    facts: Duration,
    total: Duration,
}

fn run(text: &str, is_html: bool) -> Times {
    let t = Instant::now();
    let converted;
    let text = if is_html {
        converted = html::to_text(text);
        converted.as_str()
    } else {
        text
    };
    let html = t.elapsed();
    let t = Instant::now();
    let doc = sections::structure(text);
    let structure = t.elapsed();
    let t = Instant::now();
    let ents = entities::extract(text, &doc);
    let entities = t.elapsed();
    let t = Instant::now();
    let fs = facts::extract(text, &doc, &ents);
    let facts = t.elapsed();
    std::hint::black_box(&fs);
    // The whole pipeline as users call it (includes stats and diagnostics).
    let t = Instant::now();
    std::hint::black_box(article_explorer::analyze(text));
    let total = t.elapsed() + html;
    Times {
        html,
        structure,
        entities,
        facts,
        total,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo bench` passes "--bench"; a filter argument is not supported.
    let mb: f64 = std::env::var("BAD_INPUTS_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1.0);
    let only = std::env::var("BAD_INPUTS_ONLY").unwrap_or_default();
    let base = (mb * 1024.0 * 1024.0) as usize;
    println!(
        "bad inputs: time of each stage at {mb} MB and at {} MB; x4 = time ratio (linear ~4, quadratic ~16)",
        mb * 4.0
    );
    println!(
        "{:<34} {:>8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>6}",
        "input", "MB", "html ms", "struct ms", "ents ms", "facts ms", "total ms", "MB/s", "x4"
    );
    let all = inputs()
        .into_iter()
        .map(|(n, f)| (n, f, false))
        .chain(html_inputs().into_iter().map(|(n, f)| (n, f, true)));
    let mut slowest: Vec<(f64, &str)> = Vec::new();
    for (name, make, is_html) in all {
        if !only.is_empty() && !name.contains(&only) {
            continue;
        }
        let mut first_total = None;
        for size in [base, base * 4] {
            let text = make(size);
            let times = run(&text, is_html);
            let mb_s = text.len() as f64 / 1e6 / times.total.as_secs_f64().max(1e-9);
            let ratio = first_total.map_or(String::new(), |t: Duration| {
                format!(
                    "{:.1}",
                    times.total.as_secs_f64() / t.as_secs_f64().max(1e-9)
                )
            });
            println!(
                "{:<34} {:>8.2} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8.1} {:>6}",
                name,
                text.len() as f64 / 1e6,
                ms(times.html),
                ms(times.structure),
                ms(times.entities),
                ms(times.facts),
                ms(times.total),
                mb_s,
                ratio
            );
            if first_total.is_some() {
                slowest.push((mb_s, name));
            }
            first_total = Some(times.total);
        }
    }
    slowest.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("\nslowest (MB/s at the larger size):");
    for (mb_s, name) in slowest.iter().take(5) {
        println!("  {mb_s:>8.2}  {name}");
    }
}
