//! The analysis worker: a module Web Worker (`worker.js`) that loads this same wasm and runs
//! `analyze` off the main thread, so the page never blocks while a long text is analysed.
//!
//! Requests are `{id, text}`; replies carry the `Analysis` as JSON parts (byte spans, the
//! core's own types). Dropping an `AnalysisWorker` terminates it, which is how a long run is cancelled.

use super::events::Listener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// What the worker said.
pub enum Reply {
    /// The wasm is loaded and warmed up.
    Ready,
    /// The analysis of request `id`, as `api::analyze_wire`'s (key, JSON) parts.
    Done {
        id: u32,
        parts: Vec<(String, String)>,
    },
    /// Request `id` failed; `None` means the worker itself is broken (failed to load).
    Failed { id: Option<u32>, error: String },
}

pub struct AnalysisWorker {
    worker: Worker,
    _listeners: [Listener; 2],
}

impl AnalysisWorker {
    /// Starts a worker on the wasm the page itself loaded (named on boot.js's script tag).
    /// `None` where module workers or the tag are missing: the caller analyses in place.
    pub fn start(doc: &Document, on_reply: impl Fn(Reply) + 'static) -> Option<AnalysisWorker> {
        let tag = doc.query_selector("script[data-glue]").ok().flatten()?;
        let base = doc.base_uri().ok().flatten()?;
        let resolve = |attr: &str| {
            let rel = tag.get_attribute(attr)?;
            web_sys::Url::new_with_base(&rel, &base)
                .ok()
                .map(|u| u.href())
        };
        let (glue, wasm) = (resolve("data-glue")?, resolve("data-wasm")?);
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("worker.js", &opts).ok()?;
        let on_reply = std::rc::Rc::new(on_reply);
        let reply = on_reply.clone();
        let on_message = Listener::new(&worker, "message", move |e: Event| {
            if let Some(m) = e.dyn_ref::<MessageEvent>() {
                reply(parse_reply(&m.data()));
            }
        });
        let on_error = Listener::new(&worker, "error", move |e: Event| {
            e.prevent_default();
            on_reply(Reply::Failed {
                id: None,
                error: "the analysis worker could not start".into(),
            });
        });
        let init = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&init, &"glue".into(), &glue.into());
        let _ = js_sys::Reflect::set(&init, &"wasm".into(), &wasm.into());
        worker.post_message(&init).ok()?;
        Some(AnalysisWorker {
            worker,
            _listeners: [on_message, on_error],
        })
    }

    /// Asks for the analysis of `text`.
    pub fn post(&self, id: u32, text: &str) -> Result<(), JsValue> {
        let msg = js_sys::Object::new();
        js_sys::Reflect::set(&msg, &"id".into(), &id.into())?;
        js_sys::Reflect::set(&msg, &"text".into(), &text.into())?;
        self.worker.post_message(&msg)
    }
}

impl AnalysisWorker {
    /// Stops the worker at once (its listeners go when it is dropped).
    pub fn terminate(&self) {
        self.worker.terminate();
    }
}

impl Drop for AnalysisWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn parse_reply(data: &JsValue) -> Reply {
    let get = |key: &str| js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let id = get("id").as_f64().filter(|&i| i >= 0.0).map(|i| i as u32);
    if get("ready").is_truthy() {
        Reply::Ready
    } else if let (Some(id), Some(parts)) = (id, get("parts").dyn_into::<js_sys::Array>().ok()) {
        let flat: Vec<String> = parts.iter().filter_map(|p| p.as_string()).collect();
        let parts = flat
            .chunks_exact(2)
            .map(|kv| (kv[0].clone(), kv[1].clone()))
            .collect();
        Reply::Done { id, parts }
    } else {
        Reply::Failed {
            id,
            error: get("error")
                .as_string()
                .unwrap_or_else(|| "no answer".into()),
        }
    }
}
