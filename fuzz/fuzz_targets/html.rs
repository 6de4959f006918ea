//! Fuzz target: any bytes as HTML -> `html::to_text` -> analysis + export.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let text = article_explorer::html::to_text(&html);
    // Blocks are separated by one blank line; the text never starts or ends with whitespace.
    assert!(!text.contains("\n\n\n"), "more than one blank line");
    assert_eq!(text.trim_end().len(), text.len(), "trailing whitespace");
    common::analyze_and_check(&text);
});
