//! Plain throughput report (no criterion): MB/s per stage on the sample article and on
//! 1 MB / 10 MB BBC texts, the 10 MB / 1 MB time ratio (linearity), peak heap per input
//! size, and documents per second over the whole BBC corpus on one core and on all cores.
//!
//! `cargo bench --bench throughput`. Prints figures, asserts nothing. The corpus parts are
//! skipped with a message when `../shared/data` (or `$SHARED_DATA`) is missing.

mod common;

use article_explorer::{analyze, entities, export, facts, sections};
use mimalloc::MiMalloc;
use rayon::prelude::*;
use std::alloc::{GlobalAlloc, Layout};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes and their high-water mark while `peak_heap` runs, so a run's peak
/// can be measured on its own (VmHWM only ever grows over the whole process). Over mimalloc,
/// as in the CLI. Outside `peak_heap` it only reads one flag: the timed runs pay no shared
/// counters (two threads updating them on every allocation slowed the all-cores figure).
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
/// Signed: a block allocated before the window may be freed inside it.
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grew(n: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        let n = n as isize;
        let now = LIVE.fetch_add(n, Ordering::Relaxed) + n;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

fn shrank(n: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        LIVE.fetch_sub(n as isize, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to mimalloc, the CLI's allocator (src/main.rs);
// only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { MiMalloc.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { MiMalloc.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(ptr, layout) };
        shrank(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Heap bytes at the top of `f` above what was live before it (one thread: `f` runs on
/// this one and nothing else allocates meanwhile).
fn peak_heap(f: impl FnOnce()) -> usize {
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::SeqCst);
    f();
    COUNTING.store(false, Ordering::SeqCst);
    PEAK.load(Ordering::Relaxed).max(0) as usize
}

/// Best time of repeated runs of `f`: at least 3 runs and about a second in all. The best,
/// not the mean, because on a shared machine noise only ever adds time.
fn best_seconds(mut f: impl FnMut()) -> f64 {
    let mut best = f64::INFINITY;
    let started = Instant::now();
    let mut runs = 0;
    while runs < 3 || (started.elapsed().as_secs_f64() < 1.0 && runs < 10_000) {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
        runs += 1;
    }
    best
}

const STAGES: [&str; 6] = [
    "structure",
    "entities",
    "facts",
    "export_json",
    "analyze",
    "analyze+json",
];

/// Seconds per stage for one text, in `STAGES` order.
fn stage_times(text: &str) -> Vec<f64> {
    let doc = sections::structure(text);
    let found = entities::extract(text, &doc);
    let analysis = analyze(text);
    vec![
        best_seconds(|| drop(black_box(sections::structure(black_box(text))))),
        best_seconds(|| drop(black_box(entities::extract(black_box(text), &doc)))),
        best_seconds(|| drop(black_box(facts::extract(black_box(text), &doc, &found)))),
        best_seconds(|| drop(black_box(to_json(text, &analysis)))),
        best_seconds(|| drop(black_box(analyze(black_box(text))))),
        best_seconds(|| drop(black_box(analyze_json(text)))),
    ]
}

fn to_json(text: &str, analysis: &article_explorer::Analysis) -> Vec<u8> {
    serde_json::to_vec(&export::export(text, analysis)).unwrap_or_default()
}

fn analyze_json(text: &str) -> Vec<u8> {
    to_json(text, &analyze(black_box(text)))
}

fn mb_per_s(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds.max(1e-12)
}

fn vm_hwm_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters like criterion would, so
    // `cargo bench -- sample` does not run this.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !filter.is_empty() && !filter.iter().any(|f| "throughput".contains(f.as_str())) {
        return;
    }
    let mut inputs = vec![("sample".to_string(), common::sample())];
    let articles = common::bbc_articles();
    if let Some(articles) = &articles {
        inputs.push(("bbc_1mb".into(), common::corpus_text(articles, common::MB)));
        inputs.push((
            "bbc_10mb".into(),
            common::corpus_text(articles, 10 * common::MB),
        ));
    }

    println!("throughput, MB/s (best of repeated runs, one core)");
    print!("{:<10} {:>11}", "input", "bytes");
    for s in STAGES {
        print!(" {s:>12}");
    }
    println!();
    let mut times = Vec::new();
    for (name, text) in &inputs {
        let t = stage_times(text);
        print!("{name:<10} {:>11}", text.len());
        for &s in &t {
            print!(" {:>12.2}", mb_per_s(text.len(), s));
        }
        println!();
        times.push(t);
    }

    if let (Some(t1), Some(t10)) = (times.get(1), times.get(2)) {
        let size_ratio = inputs[2].1.len() as f64 / inputs[1].1.len() as f64;
        println!("\nlinearity: time(10 MB) / time(1 MB), input ratio {size_ratio:.2} (goal <= 11)");
        for (i, s) in STAGES.iter().enumerate() {
            println!("  {s:<13} {:.2}", t10[i] / t1[i]);
        }
    }

    println!("\npeak heap during analyze+json, relative to the input (goal <= 20x)");
    for (name, text) in &inputs {
        let peak = peak_heap(|| drop(black_box(analyze_json(text))));
        let json_len = analyze_json(text).len();
        println!(
            "  {name:<10} input {:>10} B  peak {:>12} B  = {:>5.1}x input  (JSON out {:.1}x input)",
            text.len(),
            peak,
            peak as f64 / text.len() as f64,
            json_len as f64 / text.len() as f64,
        );
    }

    if let Some(articles) = &articles {
        let bytes: usize = articles.iter().map(String::len).sum();
        let n = articles.len();
        let started = Instant::now();
        for a in articles {
            black_box(analyze_json(a));
        }
        let one = started.elapsed().as_secs_f64();
        let started = Instant::now();
        articles.par_iter().for_each(|a| {
            black_box(analyze_json(a));
        });
        let all = started.elapsed().as_secs_f64();
        println!(
            "\nBBC corpus, one document at a time: {n} docs, {:.1} MB",
            bytes as f64 / 1e6
        );
        println!(
            "  1 core:   {:>8.0} docs/s  {:>6.2} MB/s",
            n as f64 / one,
            mb_per_s(bytes, one)
        );
        println!(
            "  {} cores:  {:>8.0} docs/s  {:>6.2} MB/s",
            rayon::current_num_threads(),
            n as f64 / all,
            mb_per_s(bytes, all)
        );
    }
    if let Some(kb) = vm_hwm_kb() {
        println!(
            "\nprocess VmHWM (whole run, inputs included): {:.1} MB",
            kb as f64 / 1e3
        );
    }
}
