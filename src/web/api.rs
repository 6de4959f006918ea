//! The JavaScript API of the wasm module, for people who embed the core in their own pages.
//!
//! ```js
//! import init, { analyze } from "./article-explorer-<hash>.js";
//! await init();
//! const result = analyze("LONDON (Reuters) - ...");
//! result.entities[0].name; // the most salient entity
//! ```
//! On the app's own page the module is also at `window.wasmBindings`.

use wasm_bindgen::prelude::*;

/// `analyze(text)`: the analysis of `text` as a plain JS object, the same object
/// `article-explorer analyze` prints as JSON (`title`, `sections`, `entities`, `facts`,
/// `stats`, `diagnostics`; offsets in code points). Built by parsing `analyzeJson`'s output,
/// so numbers are exactly the CLI's (an f32 salience of 0.8 stays 0.8, not 0.800000011920929).
#[wasm_bindgen(js_name = analyze)]
pub fn analyze_js(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&analyze_json(text))
}

/// `analyzeJson(text)`: the same analysis as a JSON string, byte for byte what the CLI prints.
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(text: &str) -> String {
    json(text, &crate::analyze(text), false)
}

/// The CLI's JSON for `analysis` of `text`, compact or indented.
pub fn json(text: &str, analysis: &crate::Analysis, pretty: bool) -> String {
    let export = crate::export::export(text, analysis);
    let out = if pretty {
        serde_json::to_string_pretty(&export)
    } else {
        serde_json::to_string(&export)
    };
    out.unwrap_or_default()
}

/// `htmlToText(html)`: the text the page keeps from pasted HTML.
#[wasm_bindgen(js_name = htmlToText)]
pub fn html_to_text(html: &str) -> String {
    crate::html::to_text(html)
}
