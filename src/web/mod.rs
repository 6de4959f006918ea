//! The page (wasm32 only): start-up and the panic hook; the DOM layer is split by role.
//!
//! - `view`: renders an `&Analysis` into elements, never reads state back from the DOM;
//! - `controller`: owns the text, the analysis and the view state, turns events into messages;
//! - `store`: keeps the text and preferences in `localStorage`;
//! - `events`, `element`: listener/timer ownership and small DOM helpers;
//! - `worker`: runs the analysis in a Web Worker so the page never blocks;
//! - `api`: the JavaScript API (`analyze(text)`).

pub mod api;
pub mod controller;
pub mod element;
pub mod events;
pub mod store;
pub mod view;
pub mod worker;

use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated: installs the panic hook and, on the app's page,
/// wires it up. Elsewhere (the test runner, a worker, someone's own page) it does nothing else.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    std::panic::set_hook(Box::new(controller::panic_hook));
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return Ok(());
    };
    controller::mount(&doc)
}
