//! Fuzz target: any bytes -> text (lossy UTF-8, and the file decoder) -> analysis + export.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let decoded = article_explorer::decode::decode(data);
    assert!(decoded.encoding.len() > 1);
    let text = String::from_utf8_lossy(data);
    common::analyze_and_check(&text);
});
