//! Event listeners that are removed when dropped (the ownership gloo's `EventListener` has),
//! and one-shot timers, so no closure is leaked with `forget()`.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// A listener on `target` for `kind`; dropping it removes it.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub fn new(target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) -> Self {
        Listener::with_capture(target, kind, false, f)
    }

    /// A listener in the capture phase, for events that do not bubble (`toggle`).
    pub fn capture(
        target: &EventTarget,
        kind: &'static str,
        f: impl FnMut(Event) + 'static,
    ) -> Self {
        Listener::with_capture(target, kind, true, f)
    }

    fn with_capture(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        f: impl FnMut(Event) + 'static,
    ) -> Self {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        let _ = target.add_event_listener_with_callback_and_bool(
            kind,
            closure.as_ref().unchecked_ref(),
            capture,
        );
        Listener {
            capture,
            target: target.clone(),
            kind,
            closure,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.closure.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// A callback that can be scheduled with `setTimeout` again and again; scheduling it again
/// cancels the pending call (debouncing).
pub struct Timer {
    closure: Closure<dyn FnMut()>,
    handle: std::cell::Cell<Option<i32>>,
}

impl Timer {
    pub fn new(f: impl FnMut() + 'static) -> Self {
        Timer {
            closure: Closure::<dyn FnMut()>::new(f),
            handle: std::cell::Cell::new(None),
        }
    }

    /// Runs the callback after `ms`, replacing any pending run.
    pub fn schedule(&self, ms: i32) {
        self.cancel();
        if let Some(w) = web_sys::window() {
            let handle = w
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    self.closure.as_ref().unchecked_ref(),
                    ms,
                )
                .ok();
            self.handle.set(handle);
        }
    }

    pub fn cancel(&self) {
        if let (Some(h), Some(w)) = (self.handle.take(), web_sys::window()) {
            w.clear_timeout_with_handle(h);
        }
    }

    /// Whether a run is pending. The callback should call `fired` first thing.
    pub fn is_pending(&self) -> bool {
        self.handle.get().is_some()
    }

    /// Marks the pending run as started.
    pub fn fired(&self) {
        self.handle.set(None);
    }
}
