//! The JavaScript API of the wasm module, for people who embed the core in their own pages.
//!
//! ```js
//! import init, { analyze } from "./article-explorer-<hash>.js";
//! await init();
//! const result = analyze("LONDON (Reuters) - ...");
//! result.entities[0].name; // the most salient entity
//! ```
//! On the app's own page the module is also at `window.wasmBindings`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `analyze(text)`: the analysis of `text` as a plain JS object, the same object
/// `article-explorer analyze` prints as JSON (`title`, `sections`, `entities`, `facts`,
/// `stats`, `diagnostics`; offsets in code points). Throws only if serialisation fails.
#[wasm_bindgen(js_name = analyze)]
pub fn analyze_js(text: &str) -> Result<JsValue, JsValue> {
    let analysis = crate::analyze(text);
    crate::export::export(text, &analysis)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// `analyzeJson(text)`: the same analysis as a JSON string, byte for byte what the CLI prints.
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(text: &str) -> String {
    serde_json::to_string(&crate::analyze_to_json(text)).unwrap_or_default()
}

/// `htmlToText(html)`: the text the page keeps from pasted HTML.
#[wasm_bindgen(js_name = htmlToText)]
pub fn html_to_text(html: &str) -> String {
    crate::html::to_text(html)
}
