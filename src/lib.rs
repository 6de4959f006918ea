//! article-explorer: take a news article apart — sections, entities, facts — in plain Rust
//! that runs natively (CLI, tests, benches) and in the browser (wasm32, `web`).
//!
//! The core is a pipeline of free functions over byte `Span`s:
//! `sections::structure` -> `entities::extract` -> `facts::extract`, tied together by
//! `analyze`. It never panics and never touches the DOM; `export` turns an `Analysis` into
//! the JSON people see, converting offsets to code points once.

pub mod analysis;
pub mod decode;
pub mod entities;
pub mod export;
pub mod facts;
pub mod gazetteer;
pub mod html;
pub mod report;
pub mod sections;
pub mod span;
pub mod token;
pub mod word_set;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use analysis::{analyze, Analysis, MAX_INPUT_BYTES};
pub use span::Span;

/// Analyses `text` and returns the exported JSON value (the CLI's `analyze` output).
pub fn analyze_to_json(text: &str) -> serde_json::Value {
    export::to_json(text, &analyze(text))
}
