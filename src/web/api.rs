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
    // The JSON is about six times the text: one buffer that size instead of a dozen
    // doublings, each copying everything written so far.
    let mut out = Vec::with_capacity(text.len().saturating_mul(6).saturating_add(1024));
    let written = if pretty {
        serde_json::to_writer_pretty(&mut out, &export)
    } else {
        serde_json::to_writer(&mut out, &export)
    };
    match written {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// `analyzeWire(text)`: the internal `Analysis` (byte offsets) for the page's own Web Worker
/// (`worker.js`), as a flat array of `key, json` pairs: "rest" (everything not sent in parts;
/// always first), "doc" (the document without its paragraphs and sentences), then chunks of
/// "paragraphs", "sentences", "entities" and "facts". Chunks let the page decode a big
/// analysis in short steps. Not a stable API.
#[wasm_bindgen(js_name = analyzeWire)]
pub fn analyze_wire(text: &str) -> js_sys::Array {
    let mut analysis = crate::analyze(text);
    let mut chunks: Vec<(&str, String)> = Vec::new();
    for c in analysis.doc.paragraphs.chunks(WIRE_CHUNK) {
        chunks.push(("paragraphs", to_json(&c)));
    }
    for c in analysis.doc.sentences.chunks(WIRE_CHUNK) {
        chunks.push(("sentences", to_json(&c)));
    }
    for c in analysis.entities.chunks(WIRE_CHUNK) {
        chunks.push(("entities", to_json(&c)));
    }
    for c in analysis.facts.chunks(WIRE_CHUNK) {
        chunks.push(("facts", to_json(&c)));
    }
    analysis.doc.paragraphs = Vec::new();
    analysis.doc.sentences = Vec::new();
    analysis.entities = Vec::new();
    analysis.facts = Vec::new();
    let doc = to_json(&analysis.doc);
    analysis.doc = Default::default();
    let out = js_sys::Array::new();
    for (key, value) in [("rest", to_json(&analysis)), ("doc", doc)]
        .into_iter()
        .chain(chunks)
    {
        out.push(&JsValue::from_str(key));
        out.push(&JsValue::from_str(&value));
    }
    out
}

/// Items per chunk of `analyzeWire`: a chunk decodes in a few milliseconds.
const WIRE_CHUNK: usize = 500;

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Adds one `analyzeWire` part to `analysis` ("rest" replaces the whole value, so it comes
/// first). Returns false when the part does not decode.
pub fn decode_wire_part(analysis: &mut crate::Analysis, key: &str, json: &str) -> bool {
    use serde_json::from_str;
    match key {
        "rest" => from_str(json).map(|a| *analysis = a).is_ok(),
        "doc" => from_str(json).map(|d| analysis.doc = d).is_ok(),
        "paragraphs" => from_str(json)
            .map(|v: Vec<crate::sections::Paragraph>| analysis.doc.paragraphs.extend(v))
            .is_ok(),
        "sentences" => from_str(json)
            .map(|v: Vec<crate::Span>| analysis.doc.sentences.extend(v))
            .is_ok(),
        "entities" => from_str(json)
            .map(|v: Vec<crate::entities::Entity>| analysis.entities.extend(v))
            .is_ok(),
        "facts" => from_str(json)
            .map(|v: Vec<crate::facts::Fact>| analysis.facts.extend(v))
            .is_ok(),
        _ => false,
    }
}

/// `htmlToText(html)`: the text the page keeps from pasted HTML.
#[wasm_bindgen(js_name = htmlToText)]
pub fn html_to_text(html: &str) -> String {
    crate::html::to_text(html)
}
