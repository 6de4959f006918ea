//! Criterion benches of each pipeline stage (structure, entities, facts, JSON export) and of
//! the whole analysis, on the sample article and on 1 MB / 10 MB texts built from the BBC
//! corpus; throughput in decimal bytes, so criterion prints MB/s.
//!
//! `cargo bench --bench pipeline` (add `-- sample` etc. to filter). The corpus inputs are
//! skipped with a message when `../shared/data` (or `$SHARED_DATA`) is missing.

mod common;

use article_explorer::{analyze, entities, export, facts, sections};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn stages(c: &mut Criterion, name: &str, text: &str) {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    if text.len() >= common::MB {
        // One call takes long enough to time on its own: a fixed, small number of calls
        // instead of criterion's 5 050-iteration linear ramp.
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(5));
    }
    let doc = sections::structure(text);
    let found = entities::extract(text, &doc);
    let analysis = analyze(text);
    group.bench_function("structure", |b| {
        b.iter(|| sections::structure(black_box(text)))
    });
    group.bench_function("entities", |b| {
        b.iter(|| entities::extract(black_box(text), &doc))
    });
    group.bench_function("facts", |b| {
        b.iter(|| facts::extract(black_box(text), &doc, &found))
    });
    group.bench_function("export_json", |b| {
        b.iter(|| serde_json::to_vec(&export::export(black_box(text), &analysis)))
    });
    group.bench_function("analyze", |b| b.iter(|| analyze(black_box(text))));
    group.bench_function("analyze_json", |b| {
        b.iter(|| {
            let a = analyze(black_box(text));
            serde_json::to_vec(&export::export(text, &a))
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    stages(c, "sample", &common::sample());
    if let Some(articles) = common::bbc_articles() {
        stages(c, "bbc_1mb", &common::corpus_text(&articles, common::MB));
        stages(
            c,
            "bbc_10mb",
            &common::corpus_text(&articles, 10 * common::MB),
        );
    }
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
