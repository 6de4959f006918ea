//! The page's controller: owns the text, its `Analysis` and the `ViewState`, turns DOM events
//! into `Msg`s, and asks the view to redraw what a message changed.
//!
//! Events are delegated from the document (one listener per event type); every listener and
//! timer is owned by the `App` and removed when it is dropped.

use super::element::{attr, by_id, class, find};
use super::events::{Listener, Timer};
use super::store::{self, Prefs};
use super::view::{self, Output, SectionsRenderer, ViewState};
use super::worker::{AnalysisWorker, Reply};
use crate::analysis::{Analysis, MAX_INPUT_BYTES};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    ClipboardEvent, Document, DragEvent, Element, Event, FileReader, HtmlElement, HtmlInputElement,
    HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent, Window,
};

/// The bundled sample article ("Try the sample").
pub const SAMPLE: &str = include_str!("../../assets/sample.txt");

/// How long typing must pause before the text is analysed again.
const DEBOUNCE_MS: i32 = 150;
/// Performance API names: a mark when an analysis is requested (paste, typing, file, sample)
/// and a measure from it to the moment all three panes are drawn.
pub const ANALYZE_MARK: &str = "article-explorer:analyze";
pub const RENDERED_MEASURE: &str = "article-explorer:analyze-to-rendered";
/// Marks on the way from `ANALYZE_MARK` to `RENDERED_MEASURE`, for seeing where the time of
/// a big paste goes: the worker's answer arrived, it is decoded, the entity and fact panes
/// are drawn (the sections' text follows in slices).
pub const STAGE_MARKS: [&str; 3] = [
    "article-explorer:answered",
    "article-explorer:decoded",
    "article-explorer:panes-drawn",
];
/// How long one slice of progressive rendering may take, so input stays responsive.
const RENDER_SLICE_MS: f64 = 30.0;
/// Texts from this size on show a progress bar with a cancel button while analysed, and a
/// newer text replaces (rather than queues behind) their analysis.
const BIG_TEXT_BYTES: usize = 200_000;
/// Worker answers up to this many bytes of JSON are decoded in one step (well under 10 ms).
const DECODE_IN_ONE_GO: usize = 300_000;

/// What can happen on the page.
pub enum Msg {
    /// The text changed by typing.
    Input,
    Paste(ClipboardEvent),
    /// Analyse the text now.
    Analyze,
    Sample,
    OpenFile(web_sys::File),
    FileLoaded(String, Vec<u8>),
    Clear,
    SelectEntity(usize, usize),
    ClearSelection,
    /// Move to the next (true) or previous mention of the selected entity.
    Step(bool),
    EntityQuery(String),
    FactKind(String),
    Sort(usize),
    ShowFact(usize),
    GoToSection(usize),
    ExpandAll(bool),
    SectionToggled(usize, bool),
    Download(Export),
    Copy(Export),
    CopyDone(bool),
    CycleTheme,
    Help(Option<bool>),
    RenderStep,
    DecodeStep,
    Worker(Reply),
    Cancel,
}

/// The download and copy formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Json,
    EntitiesCsv,
    FactsCsv,
    Markdown,
}

impl Export {
    fn parse(s: &str) -> Export {
        match s {
            "entities-csv" => Export::EntitiesCsv,
            "facts-csv" => Export::FactsCsv,
            "markdown" => Export::Markdown,
            _ => Export::Json,
        }
    }

    fn file(self) -> (&'static str, &'static str) {
        match self {
            Export::Json => ("article-analysis.json", "application/json"),
            Export::EntitiesCsv => ("entities.csv", "text/csv"),
            Export::FactsCsv => ("facts.csv", "text/csv"),
            Export::Markdown => ("article-report.md", "text/markdown"),
        }
    }
}

/// A file being read and its `onload` callback (kept alive until the read ends).
type PendingRead = (FileReader, Closure<dyn FnMut(Event)>);

struct State {
    text: String,
    analysis: Analysis,
    view: ViewState,
    renderer: Option<SectionsRenderer>,
    /// A plain-text paste is under way: analyse on the next input event without waiting.
    paste_pending: bool,
    theme: String,
    /// The file being read; dropping it cancels the read's callback.
    reader: Option<PendingRead>,
    /// The analysis worker (`None` before the first analysis and after a cancel).
    worker: Option<AnalysisWorker>,
    /// Workers cannot run here: analyse on the main thread.
    no_worker: bool,
    /// The current worker has loaded the analyser.
    worker_ready: bool,
    next_id: u32,
    /// The request whose answer the page is waiting for.
    pending: Option<Pending>,
    /// A big answer being decoded, one part per task.
    decoding: Option<Decoding>,
}

/// The worker's answer, decoded part by part so no step blocks the page for long.
struct Decoding {
    pending: Pending,
    parts: Vec<(String, String)>,
    next: usize,
    /// Small answers are decoded and shown in one step.
    in_one_go: bool,
    analysis: Analysis,
}

/// An analysis under way in the worker.
struct Pending {
    id: u32,
    text: String,
    selected: Option<(String, String)>,
    big: bool,
}

/// The running page.
pub struct App {
    this: Weak<App>,
    doc: Document,
    window: Window,
    input: HtmlTextAreaElement,
    out: Output,
    input_notice: Element,
    live: Element,
    state: RefCell<State>,
    listeners: RefCell<Vec<Listener>>,
    debounce: Timer,
    render_timer: Timer,
    decode_timer: Timer,
    copy_done: Closure<dyn FnMut(JsValue)>,
    /// Swallows a failed service worker registration: the page works without one.
    ignore: Closure<dyn FnMut(JsValue)>,
}

thread_local! {
    /// The page's one `App`, alive as long as the page.
    static APP: RefCell<Option<Rc<App>>> = const { RefCell::new(None) };
}

/// Wires the page if it has the app's input box (it does not under the test runner).
pub fn mount(doc: &Document) -> Result<(), JsValue> {
    let Some(input) = by_id::<HtmlTextAreaElement>(doc, "article-input") else {
        return Ok(());
    };
    let window = web_sys::window().ok_or("no window")?;
    let out = Output::new(doc);
    let slot = doc
        .get_element_by_id("output-slot")
        .ok_or("no #output-slot")?;
    slot.replace_with_with_node_1(&out.root)?;
    let input_notice = doc
        .get_element_by_id("input-notice")
        .ok_or("no #input-notice")?;
    let live = doc.get_element_by_id("live").ok_or("no #live")?;
    let prefs = store::load_prefs();
    let app = Rc::new_cyclic(|this: &Weak<App>| {
        let w = this.clone();
        let debounce = Timer::new(move || send(&w, Msg::Analyze));
        let w = this.clone();
        let render_timer = Timer::new(move || send(&w, Msg::RenderStep));
        let w = this.clone();
        let decode_timer = Timer::new(move || send(&w, Msg::DecodeStep));
        let w = this.clone();
        let copy_done = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            send(&w, Msg::CopyDone(v.is_undefined()))
        });
        App {
            this: this.clone(),
            doc: doc.clone(),
            window,
            input,
            out,
            input_notice,
            live,
            state: RefCell::new(State {
                text: String::new(),
                analysis: Analysis::default(),
                view: ViewState {
                    entity_query: prefs.entity_query.clone(),
                    fact_kind: prefs.fact_kind.clone(),
                    sort: prefs.sort,
                    collapsed: prefs.collapsed.clone(),
                    ..ViewState::default()
                },
                renderer: None,
                paste_pending: false,
                theme: prefs.theme.clone(),
                reader: None,
                worker: None,
                no_worker: false,
                worker_ready: false,
                next_id: 0,
                pending: None,
                decoding: None,
            }),
            listeners: RefCell::new(Vec::new()),
            debounce,
            render_timer,
            decode_timer,
            copy_done,
            ignore: Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {}),
        }
    });
    app.wire();
    app.apply_theme();
    if let Some(text) = store::load_text() {
        app.input.set_value(&text);
    }
    app.analyze_now(prefs.selected);
    app.register_service_worker();
    APP.with(|a| *a.borrow_mut() = Some(app));
    Ok(())
}

fn send(app: &Weak<App>, msg: Msg) {
    if let Some(app) = app.upgrade() {
        app.update(msg);
    }
}

impl App {
    fn wire(&self) {
        let target: &web_sys::EventTarget = &self.doc;
        let mut ls = Vec::new();
        let on = |kind: &'static str, f: fn(&App, Event)| {
            let w = self.this.clone();
            Listener::new(target, kind, move |e| {
                if let Some(app) = w.upgrade() {
                    f(&app, e)
                }
            })
        };
        ls.push(on("click", App::on_click));
        ls.push(on("keydown", App::on_keydown));
        ls.push(on("input", App::on_input));
        ls.push(on("change", App::on_change));
        ls.push(on("paste", App::on_paste));
        ls.push(on("dragover", App::on_dragover));
        ls.push(on("dragleave", App::on_dragleave));
        ls.push(on("drop", App::on_drop));
        // `toggle` does not bubble: listen in the capture phase.
        let w = self.this.clone();
        ls.push(Listener::capture(target, "toggle", move |e| {
            if let Some(app) = w.upgrade() {
                app.on_toggle(e)
            }
        }));
        *self.listeners.borrow_mut() = ls;
    }

    fn on_click(&self, e: Event) {
        let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let hit = t
            .closest(
                "[data-action],[data-entity-id],[data-sort],[data-fact],a[data-section],mark[data-e],a.skip",
            )
            .ok()
            .flatten();
        let Some(hit) = hit else { return };
        if hit.class_list().contains("skip") {
            // Skip links move the keyboard focus, not only the scroll position.
            let id = hit.get_attribute("href").unwrap_or_default();
            if let Some(target) = by_id::<HtmlElement>(&self.doc, id.trim_start_matches('#')) {
                e.prevent_default();
                let _ = target.focus();
            }
            return;
        }
        let data = |name: &str| hit.get_attribute(name);
        let num = |name: &str| data(name).and_then(|v| v.parse::<usize>().ok());
        if let Some(action) = data("data-action") {
            let format = || {
                by_id::<HtmlSelectElement>(&self.doc, "export-format")
                    .map(|s| Export::parse(&s.value()))
                    .unwrap_or(Export::Json)
            };
            let msg = match action.as_str() {
                "sample" => Msg::Sample,
                "open-file" => {
                    if let Some(f) = by_id::<HtmlInputElement>(&self.doc, "file-input") {
                        f.click();
                    }
                    return;
                }
                "clear" => Msg::Clear,
                "download" => Msg::Download(format()),
                "copy" => Msg::Copy(format()),
                "download-facts-csv" => Msg::Download(Export::FactsCsv),
                "expand-all" => Msg::ExpandAll(true),
                "collapse-all" => Msg::ExpandAll(false),
                "clear-selection" => Msg::ClearSelection,
                "theme" => Msg::CycleTheme,
                "help" => Msg::Help(None),
                "close-help" => Msg::Help(Some(false)),
                "cancel" => Msg::Cancel,
                _ => return,
            };
            self.update(msg);
        } else if let Some(id) = num("data-entity-id") {
            self.update(Msg::SelectEntity(id, 0));
        } else if let (Some(id), Some(m)) = (num("data-e"), num("data-m")) {
            self.update(Msg::SelectEntity(id, m));
        } else if let Some(col) = num("data-sort") {
            self.update(Msg::Sort(col));
        } else if let Some(i) = num("data-fact") {
            self.update(Msg::ShowFact(i));
        } else if let Some(i) = num("data-section") {
            e.prevent_default();
            self.update(Msg::GoToSection(i));
        }
    }

    fn on_keydown(&self, e: Event) {
        let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if k.ctrl_key() || k.meta_key() || k.alt_key() {
            return;
        }
        let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
        let tag = target.as_ref().map(|t| t.tag_name()).unwrap_or_default();
        let typing = matches!(tag.as_str(), "TEXTAREA" | "INPUT" | "SELECT");
        let key = k.key();
        if key == "Escape" {
            self.update(Msg::Help(Some(false)));
            if !typing {
                self.update(Msg::ClearSelection);
            }
            return;
        }
        if typing {
            return;
        }
        // Enter on a focused fact row or timeline item shows its evidence.
        if key == "Enter" {
            let fact = target
                .as_ref()
                .filter(|t| matches!(t.tag_name().as_str(), "TR" | "LI"))
                .and_then(|t| t.get_attribute("data-fact"))
                .and_then(|v| v.parse().ok());
            if let Some(i) = fact {
                e.prevent_default();
                self.update(Msg::ShowFact(i));
            }
            return;
        }
        let msg = match key.as_str() {
            "?" => Msg::Help(None),
            "n" | "j" => Msg::Step(true),
            "p" | "k" => Msg::Step(false),
            "e" => Msg::ExpandAll(true),
            "c" => Msg::ExpandAll(false),
            "/" => {
                e.prevent_default();
                let _ = self.out.entity_filter.focus();
                return;
            }
            "i" => {
                e.prevent_default();
                let _ = self.input.focus();
                return;
            }
            _ => return,
        };
        e.prevent_default();
        self.update(msg);
    }

    fn on_input(&self, e: Event) {
        let id = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .map(|t| t.id())
            .unwrap_or_default();
        match id.as_str() {
            "article-input" => self.update(Msg::Input),
            "entity-filter" => self.update(Msg::EntityQuery(self.out.entity_filter.value())),
            _ => {}
        }
    }

    fn on_change(&self, e: Event) {
        let Some(t) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        match t.id().as_str() {
            "fact-kind" => self.update(Msg::FactKind(self.out.fact_kind.value())),
            "file-input" => {
                let input: HtmlInputElement = t.unchecked_into();
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    self.update(Msg::OpenFile(file));
                }
                // Let the same file be chosen again.
                input.set_value("");
            }
            _ => {}
        }
    }

    fn on_paste(&self, e: Event) {
        let is_input = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|t| t.id() == "article-input");
        if let (true, Ok(p)) = (is_input, e.dyn_into::<ClipboardEvent>()) {
            self.update(Msg::Paste(p));
        }
    }

    fn on_dragover(&self, e: Event) {
        let has_files = e
            .dyn_ref::<DragEvent>()
            .and_then(|d| d.data_transfer())
            .is_some_and(|dt| dt.types().includes(&JsValue::from_str("Files"), 0));
        if has_files {
            e.prevent_default();
            if let Some(body) = self.doc.body() {
                class(&body, "dropping", true);
            }
        }
    }

    fn on_dragleave(&self, _e: Event) {
        if let Some(body) = self.doc.body() {
            class(&body, "dropping", false);
        }
    }

    fn on_drop(&self, e: Event) {
        if let Some(body) = self.doc.body() {
            class(&body, "dropping", false);
        }
        let file = e
            .dyn_ref::<DragEvent>()
            .and_then(|d| d.data_transfer())
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            e.prevent_default();
            self.update(Msg::OpenFile(file));
        }
    }

    fn on_toggle(&self, e: Event) {
        let Some(d) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        else {
            return;
        };
        if let Some(i) = d.get_attribute("data-section").and_then(|v| v.parse().ok()) {
            self.update(Msg::SectionToggled(i, d.open()));
        }
    }

    /// Handles one message. Never called re-entrantly: DOM calls made here do not fire our
    /// listeners synchronously.
    pub fn update(&self, msg: Msg) {
        if !matches!(msg, Msg::RenderStep | Msg::DecodeStep | Msg::Worker(_)) {
            // Whatever the reader does next sees (and may change) every section drawn so far.
            // try_borrow: flushing is an optimisation, never worth a borrow panic.
            if let Ok(st) = self.state.try_borrow() {
                if let Some(r) = &st.renderer {
                    r.flush(&self.out);
                }
            }
        }
        match msg {
            Msg::Input => {
                let pasted = std::mem::take(&mut self.state.borrow_mut().paste_pending);
                if pasted {
                    self.analyze_now(None);
                } else {
                    self.debounce.schedule(DEBOUNCE_MS);
                }
            }
            Msg::Paste(e) => self.paste(e),
            Msg::Analyze => {
                self.debounce.fired();
                self.analyze_now(None);
            }
            Msg::Sample => {
                self.input.set_value(SAMPLE);
                self.say(&self.input_notice, "Loaded the sample article.");
                self.analyze_now(None);
            }
            Msg::OpenFile(file) => self.open_file(file),
            Msg::FileLoaded(name, bytes) => self.file_loaded(&name, &bytes),
            Msg::Clear => {
                self.input.set_value("");
                store::clear();
                {
                    let mut st = self.state.borrow_mut();
                    st.view = ViewState::default();
                }
                self.save_prefs();
                self.say(&self.input_notice, "Cleared the text and the saved copy.");
                self.analyze_now(None);
                let _ = self.input.focus();
            }
            Msg::SelectEntity(id, m) => {
                let same = {
                    let st = self.state.borrow();
                    st.view.selected == Some(id) && m == 0
                };
                if same {
                    self.update(Msg::ClearSelection);
                    return;
                }
                {
                    let mut st = self.state.borrow_mut();
                    if id >= st.analysis.entities.len() {
                        return;
                    }
                    st.view.selected = Some(id);
                    st.view.cursor = m;
                }
                self.after_selection();
                self.show_mention();
            }
            Msg::ClearSelection => {
                {
                    let mut st = self.state.borrow_mut();
                    if st.view.selected.is_none() {
                        return;
                    }
                    st.view.selected = None;
                    st.view.cursor = 0;
                }
                self.after_selection();
            }
            Msg::Step(forward) => {
                {
                    let mut st = self.state.borrow_mut();
                    let Some(id) = st.view.selected else { return };
                    let n = st.analysis.entities.get(id).map_or(0, |e| e.mentions.len());
                    if n == 0 {
                        return;
                    }
                    st.view.cursor = if forward {
                        (st.view.cursor + 1) % n
                    } else {
                        (st.view.cursor + n - 1) % n
                    };
                }
                self.show_mention();
            }
            Msg::EntityQuery(q) => {
                {
                    let st = &mut *self.state.borrow_mut();
                    st.view.entity_query = q;
                    self.out.render_entities(&st.analysis, &st.view);
                }
                self.save_prefs();
            }
            Msg::FactKind(k) => {
                {
                    let st = &mut *self.state.borrow_mut();
                    st.view.fact_kind = k;
                    self.out.render_facts(&st.text, &st.analysis, &st.view);
                }
                self.save_prefs();
            }
            Msg::Sort(col) => {
                {
                    let st = &mut *self.state.borrow_mut();
                    st.view.sort = match st.view.sort {
                        Some((c, false)) if c == col => Some((col, true)),
                        Some((c, true)) if c == col => None,
                        _ => Some((col, false)),
                    };
                    self.out.render_facts(&st.text, &st.analysis, &st.view);
                }
                self.save_prefs();
            }
            Msg::ShowFact(i) => self.show_fact(i),
            Msg::GoToSection(i) => {
                let first = {
                    let st = self.state.borrow();
                    st.analysis.doc.sections.get(i).map(|s| s.paragraphs.start)
                };
                let Some(first) = first else { return };
                self.ensure_rendered(first);
                if let Some(d) = self.out.section_element(i) {
                    d.set_open(true);
                    scroll_to(&d);
                    if let Some(s) = find(&d, "summary") {
                        if let Ok(s) = s.dyn_into::<HtmlElement>() {
                            let _ = s.focus();
                        }
                    }
                }
            }
            Msg::ExpandAll(open) => {
                let n = self.state.borrow().analysis.doc.sections.len();
                {
                    let mut st = self.state.borrow_mut();
                    st.view.collapsed = if open { Vec::new() } else { (0..n).collect() };
                }
                for d in super::element::find_all(&self.out.sections, "details.section") {
                    if let Ok(d) = d.dyn_into::<web_sys::HtmlDetailsElement>() {
                        d.set_open(open);
                    }
                }
                self.save_prefs();
            }
            Msg::SectionToggled(i, open) => {
                let changed = {
                    let mut st = self.state.borrow_mut();
                    let was_open = !st.view.collapsed.contains(&i);
                    st.view.collapsed.retain(|&c| c != i);
                    if !open {
                        st.view.collapsed.push(i);
                    }
                    was_open != open
                };
                // Every section drawn open fires a toggle too: only a real change is saved.
                if changed {
                    self.save_prefs();
                }
            }
            Msg::Download(format) => {
                let content = self.export(format);
                let (name, mime) = format.file();
                if let Err(e) = download(&self.doc, name, mime, &content) {
                    let msg = format!("The download failed: {}", js_error(&e));
                    self.say(&self.input_notice, &msg);
                }
            }
            Msg::Copy(format) => {
                let content = self.export(format);
                if let Err(e) = self.copy(&content) {
                    let msg = format!("Copying failed: {}", js_error(&e));
                    self.say(&self.input_notice, &msg);
                }
            }
            Msg::CopyDone(ok) => {
                let msg = if ok {
                    "Copied to the clipboard."
                } else {
                    "The browser refused to copy; use Download instead."
                };
                self.say(&self.input_notice, msg);
            }
            Msg::CycleTheme => {
                {
                    let mut st = self.state.borrow_mut();
                    st.theme = match st.theme.as_str() {
                        "dark" => "light",
                        "light" => "auto",
                        _ => "dark",
                    }
                    .to_string();
                }
                self.apply_theme();
                self.save_prefs();
            }
            Msg::Help(show) => {
                let Some(help) = self.doc.get_element_by_id("help") else {
                    return;
                };
                let open = show.unwrap_or(help.has_attribute("hidden"));
                let _ = help.toggle_attribute_with_force("hidden", !open);
                if let Some(b) = self.doc.get_element_by_id("help-button") {
                    attr(&b, "aria-expanded", if open { "true" } else { "false" });
                }
            }
            Msg::RenderStep => {
                self.render_timer.fired();
                self.render_slice();
            }
            Msg::Worker(reply) => self.on_worker(reply),
            Msg::DecodeStep => {
                self.decode_timer.fired();
                if !self.decode_step() {
                    self.decode_timer.schedule(0);
                }
            }
            Msg::Cancel => {
                {
                    let mut st = self.state.borrow_mut();
                    let decoding = st.decoding.take();
                    if st.pending.take().is_none() && decoding.is_none() {
                        return;
                    }
                    // Terminating is the only way to stop a running wasm call.
                    st.worker = None;
                }
                self.progress(None);
                self.say(
                    &self.input_notice,
                    "Analysis cancelled. Edit the text to analyse it again.",
                );
            }
        }
    }

    /// Analyses the textarea's text and redraws everything. `selected` re-selects an entity
    /// by (kind, name) after a reload.
    fn analyze_now(&self, selected: Option<(String, String)>) {
        self.debounce.cancel();
        self.render_timer.cancel();
        if let Some(perf) = self.window.performance() {
            // Start of the "analysis requested -> all panes drawn" measure (see render_slice).
            perf.clear_marks_with_mark_name(ANALYZE_MARK);
            let _ = perf.mark(ANALYZE_MARK);
            for m in STAGE_MARKS {
                perf.clear_marks_with_mark_name(m);
            }
        }
        let text = self.input.value();
        if text.len() <= MAX_INPUT_BYTES {
            // Saved before the analysis: if it crashes, the text survives a reload.
            match store::save_text(&text) {
                Ok(()) => {}
                Err(msg) => self.say(&self.input_notice, &msg),
            }
        }
        if text.len() > MAX_INPUT_BYTES {
            // The core refuses it at once (with a diagnostic): no need for the worker.
            self.state.borrow_mut().pending = None;
            self.state.borrow_mut().decoding = None;
            self.progress(None);
            let analysis = crate::analyze(&text);
            self.show(text, analysis, selected);
            return;
        }
        if let Err((text, selected)) = self.post(text, selected) {
            let analysis = crate::analyze(&text);
            self.show(text, analysis, selected);
        }
    }

    /// Sends `text` to the analysis worker; gives it back when there is no worker.
    fn post(
        &self,
        text: String,
        selected: Option<(String, String)>,
    ) -> Result<(), (String, Option<(String, String)>)> {
        let big = text.len() >= BIG_TEXT_BYTES;
        {
            let st = &mut *self.state.borrow_mut();
            if st.no_worker {
                return Err((text, selected));
            }
            st.decoding = None;
            // A long analysis still running would delay this one: start afresh instead.
            if st.pending.as_ref().is_some_and(|p| p.big) {
                st.worker = None;
            }
            if st.worker.is_none() {
                st.worker_ready = false;
                let w = self.this.clone();
                st.worker =
                    AnalysisWorker::start(&self.doc, move |reply| send(&w, Msg::Worker(reply)));
            }
            let Some(worker) = &st.worker else {
                st.no_worker = true;
                return Err((text, selected));
            };
            st.next_id += 1;
            let id = st.next_id;
            if worker.post(id, &text).is_err() {
                st.worker = None;
                st.no_worker = true;
                return Err((text, selected));
            }
            let selected = selected.or_else(|| {
                let e = st.analysis.entities.get(st.view.selected?)?;
                Some((e.kind.as_str().to_string(), e.name.clone()))
            });
            st.pending = Some(Pending {
                id,
                text,
                selected,
                big,
            });
        }
        let (len, ready) = {
            let st = self.state.borrow();
            (
                st.pending.as_ref().map_or(0, |p| p.text.len()),
                st.worker_ready,
            )
        };
        if big {
            self.progress(Some(&format!("Analysing {:.1} MB…", len as f64 / 1e6)));
        } else if !ready && len > 0 {
            // The first answer waits for the worker to load the analyser (about a second).
            self.progress(Some("Loading the analyser…"));
        }
        Ok(())
    }

    fn on_worker(&self, reply: Reply) {
        match reply {
            Reply::Ready => self.state.borrow_mut().worker_ready = true,
            Reply::Done { id, parts } => {
                let pending = {
                    let mut st = self.state.borrow_mut();
                    if st.pending.as_ref().is_none_or(|p| p.id != id) {
                        return;
                    }
                    st.pending.take()
                };
                let Some(pending) = pending else { return };
                self.mark(STAGE_MARKS[0]);
                let small = parts.iter().map(|(_, j)| j.len()).sum::<usize>() < DECODE_IN_ONE_GO;
                self.state.borrow_mut().decoding = Some(Decoding {
                    pending,
                    parts,
                    next: 0,
                    in_one_go: small,
                    analysis: Analysis::default(),
                });
                if small {
                    while !self.decode_step() {}
                } else {
                    self.decode_timer.schedule(0);
                }
            }
            Reply::Failed { id: None, .. } => {
                // The worker cannot run here (old browser, blocked script): work in place.
                let pending = {
                    let mut st = self.state.borrow_mut();
                    retire(st.worker.take());
                    st.no_worker = true;
                    st.pending.take()
                };
                self.progress(None);
                if let Some(p) = pending {
                    let analysis = crate::analyze(&p.text);
                    self.show(p.text, analysis, p.selected);
                }
            }
            Reply::Failed {
                id: Some(id),
                error,
            } => {
                {
                    let mut st = self.state.borrow_mut();
                    if st.pending.as_ref().is_none_or(|p| p.id != id) {
                        return;
                    }
                    st.pending = None;
                    // Its wasm instance may be poisoned by the failure: the next run starts anew.
                    retire(st.worker.take());
                }
                self.progress(None);
                let msg = format!(
                    "The analyser failed on this text ({error}). Your text is kept; edit it to try again."
                );
                self.say(&self.input_notice, &msg);
            }
        }
    }

    /// Decodes the next part of the worker's answer, or shows the analysis once all are in.
    /// Returns whether the decoding is over.
    fn decode_step(&self) -> bool {
        let Some(mut d) = self.state.borrow_mut().decoding.take() else {
            return true;
        };
        let perf = self.window.performance();
        let now = || perf.as_ref().map_or(0.0, |p| p.now());
        let t0 = now();
        while let Some((key, json)) = d.parts.get(d.next) {
            if !super::api::decode_wire_part(&mut d.analysis, key, json) {
                // Cannot happen with matching builds; analysing in place still answers.
                d.analysis = crate::analyze(&d.pending.text);
                break;
            }
            d.next += 1;
            // The last part also waits for a step of its own: drawing takes a slice too.
            if !d.in_one_go && now() - t0 > RENDER_SLICE_MS / 2.0 {
                self.state.borrow_mut().decoding = Some(d);
                return false;
            }
        }
        self.progress(None);
        self.mark(STAGE_MARKS[1]);
        self.show(d.pending.text, d.analysis, d.pending.selected);
        true
    }

    /// A Performance API mark (see `STAGE_MARKS`).
    fn mark(&self, name: &str) {
        if let Some(perf) = self.window.performance() {
            let _ = perf.mark(name);
        }
    }

    /// Shows the progress bar with `label`, or hides it.
    fn progress(&self, label: Option<&str>) {
        if let Some(p) = self.doc.get_element_by_id("progress") {
            let _ = p.toggle_attribute_with_force("hidden", label.is_none());
        }
        if let (Some(l), Some(label)) = (self.doc.get_element_by_id("progress-label"), label) {
            l.set_text_content(Some(label));
        }
    }

    /// Makes `analysis` of `text` the current one and draws it.
    fn show(&self, text: String, analysis: Analysis, selected: Option<(String, String)>) {
        let mut guard = self.state.borrow_mut();
        let st = &mut *guard;
        let keep = selected.or_else(|| {
            let e = st.analysis.entities.get(st.view.selected?)?;
            Some((e.kind.as_str().to_string(), e.name.clone()))
        });
        st.view.selected = keep.and_then(|(kind, name)| {
            analysis
                .entities
                .iter()
                .find(|e| e.kind.as_str() == kind && e.name == name)
                .map(|e| e.id)
        });
        st.view.cursor = 0;
        st.view.evidence = None;
        st.text = text;
        st.analysis = analysis;
        let mut renderer = self.out.render(&st.text, &st.analysis, &st.view);
        let big = st.text.len() >= BIG_TEXT_BYTES;
        if big {
            // A big text is drawn outside the page and goes in at once when it is all drawn.
            // Its first slice used to go straight in for the reader to see, but Chromium then
            // laid the page out again before the next slice (125-170 ms for a 1 MB article),
            // longer than the whole slice took to draw.
            renderer.stage(&self.out);
        }
        st.renderer = Some(renderer);
        drop(guard);
        self.mark(STAGE_MARKS[2]);
        if big {
            // Drawing the panes above took a slice of its own: the text waits for the next
            // task, so no task runs much over the slice length.
            self.render_timer.schedule(0);
        } else {
            self.render_slice();
        }
    }

    /// Draws paragraphs for one time slice and schedules the next slice if some are left.
    fn render_slice(&self) {
        let perf = self.window.performance();
        let now = || perf.as_ref().map_or(0.0, |p| p.now());
        let t0 = now();
        let st = &mut *self.state.borrow_mut();
        let Some(mut r) = st.renderer.take() else {
            return;
        };
        let mut done = false;
        while !done && now() - t0 < RENDER_SLICE_MS {
            done = r.step(&self.out, &st.text, &st.analysis, &st.view, 8);
        }
        if !done {
            // A text that needs more than one slice is drawn outside the page from here on
            // (see `stage`); a big one was from its first slice.
            r.stage(&self.out);
            st.renderer = Some(r);
            self.render_timer.schedule(0);
            return;
        }
        r.flush(&self.out);
        if let Some(perf) = &perf {
            // Everything is drawn: the Performance API keeps the latest time, for people
            // measuring the page (and the e2e suite, which prints it).
            perf.clear_measures_with_measure_name(RENDERED_MEASURE);
            let _ = perf.measure_with_start_mark(RENDERED_MEASURE, ANALYZE_MARK);
        }
    }

    /// Draws synchronously through paragraph `p`, so it can be scrolled to.
    fn ensure_rendered(&self, p: usize) {
        let st = &mut *self.state.borrow_mut();
        let Some(mut r) = st.renderer.take() else {
            return;
        };
        let mut done = r.is_done(&st.analysis);
        while !done && r.next_paragraph() <= p {
            done = r.step(&self.out, &st.text, &st.analysis, &st.view, 200);
        }
        // Paragraph `p` must be in the page to be scrolled to.
        r.flush(&self.out);
        if !done {
            st.renderer = Some(r);
        }
    }

    fn after_selection(&self) {
        {
            let st = self.state.borrow();
            self.out.mark_selection(&st.view);
            self.out.render_facts(&st.text, &st.analysis, &st.view);
        }
        self.save_prefs();
    }

    /// Scrolls to the selected entity's current mention, opening its section.
    fn show_mention(&self) {
        let (id, m, span, name, n) = {
            let st = self.state.borrow();
            let Some(id) = st.view.selected else { return };
            let Some(e) = st.analysis.entities.get(id) else {
                return;
            };
            let m = st.view.cursor.min(e.mentions.len().saturating_sub(1));
            let Some(&span) = e.mentions.get(m) else {
                return;
            };
            (id, m, span, e.name.clone(), e.mentions.len())
        };
        let p = {
            let st = self.state.borrow();
            view::paragraph_at(&st.analysis, span.start)
        };
        self.ensure_rendered(p);
        for old in super::element::find_all(&self.out.root, "mark.current") {
            class(&old, "current", false);
        }
        let selector = format!("mark[data-e=\"{id}\"][data-m=\"{m}\"]");
        if let Some(mark) = find(&self.out.sections, &selector) {
            class(&mark, "current", true);
            if let Ok(Some(d)) = mark.closest("details") {
                if let Ok(d) = d.dyn_into::<web_sys::HtmlDetailsElement>() {
                    d.set_open(true);
                }
            }
            scroll_to(&mark);
        }
        let msg = format!("{name}: mention {} of {n}", m + 1);
        self.say(&self.live, &msg);
    }

    /// Highlights fact `i`'s evidence in the text and scrolls to it.
    fn show_fact(&self, i: usize) {
        let evidence = {
            let mut st = self.state.borrow_mut();
            let Some(f) = st.analysis.facts.get(i) else {
                return;
            };
            let ev = f.evidence;
            st.view.evidence = Some(i);
            ev
        };
        let p = {
            let st = self.state.borrow();
            view::paragraph_at(&st.analysis, evidence.start)
        };
        self.ensure_rendered(p);
        {
            let st = self.state.borrow();
            self.out.mark_evidence(&st.analysis, Some(evidence));
        }
        if let Some(tr) = find(&self.out.facts_body, &format!("tr[data-fact=\"{i}\"]")) {
            class(&tr, "current", true);
        }
        if let Some(s) = find(&self.out.sections, ".s.evidence") {
            if let Ok(Some(d)) = s.closest("details") {
                if let Ok(d) = d.dyn_into::<web_sys::HtmlDetailsElement>() {
                    d.set_open(true);
                }
            }
            scroll_to(&s);
        }
    }

    fn paste(&self, e: ClipboardEvent) {
        let html = e
            .clipboard_data()
            .and_then(|dt| dt.get_data("text/html").ok())
            .unwrap_or_default();
        if html.trim().is_empty() {
            self.state.borrow_mut().paste_pending = true;
            return;
        }
        // HTML never enters the page: the core turns it into text first.
        e.prevent_default();
        if html.len() > MAX_INPUT_BYTES * 4 {
            let msg = format!(
                "The pasted page is {:.0} MB; the limit is {} MB.",
                html.len() as f64 / 1e6,
                MAX_INPUT_BYTES / (1024 * 1024)
            );
            self.say(&self.input_notice, &msg);
            return;
        }
        let text = crate::html::to_text(&html);
        let (start, end) = (
            self.input.selection_start().ok().flatten().unwrap_or(0),
            self.input.selection_end().ok().flatten().unwrap_or(0),
        );
        let _ = self
            .input
            .set_range_text_with_start_and_end_and_mode(&text, start, end, "end");
        self.say(
            &self.input_notice,
            "Pasted a web page: kept its text, headings and paragraphs.",
        );
        self.analyze_now(None);
    }

    fn open_file(&self, file: web_sys::File) {
        let name = file.name();
        if file.size() > MAX_INPUT_BYTES as f64 {
            let msg = format!(
                "{name} is {:.1} MB; the limit is {} MB.",
                file.size() / 1e6,
                MAX_INPUT_BYTES / (1024 * 1024)
            );
            self.say(&self.input_notice, &msg);
            return;
        }
        let Ok(reader) = FileReader::new() else {
            return;
        };
        let w = self.this.clone();
        let r = reader.clone();
        let file_name = name.clone();
        let onload = Closure::<dyn FnMut(Event)>::new(move |_e: Event| {
            let bytes = r
                .result()
                .map(|v| js_sys::Uint8Array::new(&v).to_vec())
                .unwrap_or_default();
            send(&w, Msg::FileLoaded(file_name.clone(), bytes));
        });
        reader.set_onload(Some(onload.as_ref().unchecked_ref()));
        if reader.read_as_array_buffer(&file).is_err() {
            self.say(&self.input_notice, "The file could not be read.");
            return;
        }
        let msg = format!("Reading {name}…");
        self.say(&self.input_notice, &msg);
        self.state.borrow_mut().reader = Some((reader, onload));
    }

    fn file_loaded(&self, name: &str, bytes: &[u8]) {
        // The read is over: its callback may go (it is running now, so drop it later).
        let finished = self.state.borrow_mut().reader.take();
        let decoded = decode_file(bytes);
        let lower = name.to_lowercase();
        let is_html = lower.ends_with(".html")
            || lower.ends_with(".htm")
            || decoded
                .text
                .trim_start()
                .to_lowercase()
                .starts_with("<!doctype html")
            || decoded
                .text
                .trim_start()
                .to_lowercase()
                .starts_with("<html");
        let text = if is_html {
            crate::html::to_text(&decoded.text)
        } else {
            decoded.text
        };
        self.input.set_value(&text);
        let mut msg = format!("Opened {name} ({}).", decoded.encoding);
        if let Some(notice) = decoded.notice {
            msg.push(' ');
            msg.push_str(&notice);
        }
        self.say(&self.input_notice, &msg);
        self.analyze_now(None);
        if let Some(finished) = finished {
            // Dropping a closure while it runs is undefined: let the event loop finish first.
            let keep = Closure::once_into_js(move || drop(finished));
            let _ = self
                .window
                .set_timeout_with_callback_and_timeout_and_arguments_0(keep.unchecked_ref(), 0);
        }
    }

    fn export(&self, format: Export) -> String {
        let st = self.state.borrow();
        match format {
            Export::Json => super::api::json(&st.text, &st.analysis, true),
            Export::EntitiesCsv => crate::report::entities_csv(&st.analysis),
            Export::FactsCsv => crate::report::facts_csv(&st.text, &st.analysis),
            Export::Markdown => crate::report::markdown(&st.text, &st.analysis),
        }
    }

    fn copy(&self, content: &str) -> Result<(), JsValue> {
        let nav = self.window.navigator();
        let clipboard = js_sys::Reflect::get(&nav, &"clipboard".into())?;
        if clipboard.is_undefined() {
            return Err("no clipboard in this context".into());
        }
        let write: js_sys::Function =
            js_sys::Reflect::get(&clipboard, &"writeText".into())?.dyn_into()?;
        let promise: js_sys::Promise = write.call1(&clipboard, &content.into())?.dyn_into()?;
        let _ = promise.then2(&self.copy_done, &self.copy_done);
        Ok(())
    }

    fn apply_theme(&self) {
        let theme = self.state.borrow().theme.clone();
        if let Some(root) = self.doc.document_element() {
            match theme.as_str() {
                "dark" | "light" => attr(&root, "data-theme", &theme),
                _ => {
                    let _ = root.remove_attribute("data-theme");
                }
            }
        }
        if let Some(b) = self.doc.get_element_by_id("theme-button") {
            let label = match theme.as_str() {
                "dark" => "Theme: dark",
                "light" => "Theme: light",
                _ => "Theme: auto",
            };
            b.set_text_content(Some(label));
        }
    }

    fn save_prefs(&self) {
        let st = self.state.borrow();
        let selected = st
            .view
            .selected
            .and_then(|id| st.analysis.entities.get(id))
            .map(|e| (e.kind.as_str().to_string(), e.name.clone()));
        store::save_prefs(&Prefs {
            theme: st.theme.clone(),
            entity_query: st.view.entity_query.clone(),
            fact_kind: st.view.fact_kind.clone(),
            sort: st.view.sort,
            collapsed: st.view.collapsed.clone(),
            selected,
        });
    }

    /// Registers `sw.js` for offline use, where the browser allows service workers.
    fn register_service_worker(&self) {
        let nav = self.window.navigator();
        let has_sw = js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false);
        let protocol = self
            .doc
            .location()
            .and_then(|l| l.protocol().ok())
            .unwrap_or_default();
        if has_sw && protocol.starts_with("http") {
            let _ = nav.service_worker().register("sw.js").catch(&self.ignore);
        }
    }

    /// Shows a message in a status element (a live region, so screen readers hear it).
    fn say(&self, el: &Element, msg: &str) {
        el.set_text_content(Some(msg));
        let _ = el.remove_attribute("hidden");
    }
}

/// Stops a worker from inside one of its own callbacks: terminate now, free its listeners
/// once the callback has returned (freeing a closure while it runs is not allowed).
fn retire(worker: Option<AnalysisWorker>) {
    let Some(worker) = worker else { return };
    worker.terminate();
    let later = Closure::once_into_js(move || drop(worker));
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
    }
}

fn scroll_to(e: &Element) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    e.scroll_into_view_with_scroll_into_view_options(&opts);
}

fn js_error(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            js_sys::Reflect::get(e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "unknown error".into())
}

/// Saves `content` as a file through a temporary object URL.
fn download(doc: &Document, name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(&format!("{mime};charset=utf-8"));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    }
    Ok(())
}

/// The panic hook: shows a readable error over the page, keeps the text box as it is (its
/// text was saved before the analysis), and logs the details.
pub fn panic_hook(info: &std::panic::PanicHookInfo<'_>) {
    let msg = info.to_string();
    web_sys::console::error_1(&JsValue::from_str(&msg));
    show_fatal_error(&msg);
}

/// Shows `detail` in the page's `#error` box, saying the text is safe.
pub fn show_fatal_error(detail: &str) {
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some(el) = doc.and_then(|d| d.get_element_by_id("error")) {
        el.set_text_content(Some(&format!(
            "Something went wrong inside the analyser ({detail}). Your text is still in the box \
             and saved on this device: reload the page to continue."
        )));
        let _ = el.remove_attribute("hidden");
    }
}

/// Decodes an opened file as the core decides (BOM, UTF-8, UTF-16), with the browser's own
/// `TextDecoder` for the Windows-1252 fallback, so the wasm carries no encoding tables.
pub fn decode_file(bytes: &[u8]) -> crate::decode::Decoded {
    crate::decode::decode_with(bytes, |b| {
        web_sys::TextDecoder::new_with_label(crate::decode::WINDOWS_1252)
            .and_then(|d| d.decode_with_u8_array(b))
            // A browser without the label (none known) still gets the text, bytes >= 0x80 as
            // U+FFFD rather than nothing.
            .unwrap_or_else(|_| String::from_utf8_lossy(b).into_owned())
    })
}
