//! Renders an `Analysis` (and its text) into the DOM: stats, table of contents, sections with
//! highlighted mentions, the entity list, the facts table and the timeline.
//!
//! The view reads only the `Analysis`, the text and a `ViewState`; it never reads the DOM back
//! to learn state. Text reaches the DOM as text nodes only. Long texts render progressively:
//! `Output::render` draws everything but the section bodies, and a `SectionsRenderer` adds
//! paragraphs in time-boxed steps so the page never blocks for long.

use super::element::{
    append, attr, child, child_text, class, clear, el, find, find_all, text as add_text,
};
use crate::analysis::Analysis;
use crate::entities::{Entity, EntityKind};
use crate::facts::FactKind;
use crate::report::{fact_involves, FactRow, FACT_COLUMNS};
use crate::sections::ParagraphRole;
use crate::span::Span;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, Node};

/// At most this many entities per kind and facts are drawn; the exports hold them all.
pub const MAX_ENTITIES_PER_KIND: usize = 200;
pub const MAX_FACT_ROWS: usize = 500;
pub const MAX_TOC_ENTRIES: usize = 500;
pub const MAX_TIMELINE_ENTRIES: usize = 200;

/// The fact kinds, in the order of the kind filter.
pub const FACT_KINDS: [FactKind; 5] = [
    FactKind::Quote,
    FactKind::Role,
    FactKind::Amount,
    FactKind::Event,
    FactKind::Date,
];

/// What the reader is looking at, apart from the text itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    /// The selected entity's id.
    pub selected: Option<usize>,
    /// Index of the current mention of the selected entity.
    pub cursor: usize,
    /// Filter for the entity list (case-insensitive substring of name or roles).
    pub entity_query: String,
    /// A fact kind's name, or "" for all.
    pub fact_kind: String,
    /// Facts table sort: column and descending.
    pub sort: Option<(usize, bool)>,
    /// Sections the reader closed.
    pub collapsed: Vec<usize>,
    /// The fact whose evidence is highlighted.
    pub evidence: Option<usize>,
}

/// Plural headings of the entity groups.
pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "People",
        EntityKind::Organization => "Organisations",
        EntityKind::Location => "Places",
        EntityKind::Nationality => "Nationalities",
        EntityKind::Date => "Dates",
        EntityKind::Money => "Money",
        EntityKind::Percent => "Percentages",
        EntityKind::Quantity => "Quantities",
    }
}

fn role_label(role: ParagraphRole) -> &'static str {
    match role {
        ParagraphRole::Body => "",
        ParagraphRole::Lede => "Lede",
        ParagraphRole::Byline => "Byline",
        ParagraphRole::Dateline => "Dateline",
        ParagraphRole::Date => "Date",
        ParagraphRole::Caption => "Caption",
        ParagraphRole::Debris => "Page debris",
    }
}

fn role_class(role: ParagraphRole) -> &'static str {
    match role {
        ParagraphRole::Body => "para",
        ParagraphRole::Lede => "para lede",
        ParagraphRole::Byline => "para meta byline",
        ParagraphRole::Dateline => "para meta dateline",
        ParagraphRole::Date => "para meta date",
        ParagraphRole::Caption => "para caption",
        ParagraphRole::Debris => "para debris",
    }
}

/// The result area's elements, built once; `render` fills them.
pub struct Output {
    pub doc: Document,
    pub root: Element,
    pub notice: Element,
    pub stats: Element,
    pub toc: Element,
    pub title: Element,
    pub sections: Element,
    pub entity_filter: HtmlInputElement,
    pub legend: Element,
    pub entities: Element,
    pub fact_kind: HtmlSelectElement,
    pub fact_scope: Element,
    pub facts: Element,
    pub facts_head: Element,
    pub facts_body: Element,
    pub timeline: Element,
}

impl Output {
    /// Builds the empty result area (not attached to the page).
    pub fn new(doc: &Document) -> Output {
        let root = el(doc, "div", "output");
        attr(&root, "id", "output");
        let r: &Node = &root;

        let notice = child(doc, r, "p", "notice");
        attr(&notice, "id", "analysis-notice");
        attr(&notice, "role", "status");
        attr(&notice, "hidden", "");

        let stats = child(doc, r, "dl", "stats");
        attr(&stats, "id", "stats");
        attr(&stats, "aria-label", "Statistics");

        // Sections pane.
        // The text and the entity list side by side; the list stays in view while the text
        // scrolls, but never over the facts below (sticky within this wrapper only).
        let reading = child(doc, r, "div", "reading");
        let pane = child(doc, &reading, "section", "pane sections-pane");
        attr(&pane, "id", "sections-pane");
        attr(&pane, "aria-labelledby", "sections-title");
        let head = child(doc, &pane, "div", "pane-head");
        let h = child_text(doc, &head, "h2", "", "Sections");
        attr(&h, "id", "sections-title");
        let tools = child(doc, &head, "div", "tools");
        for (action, label) in [
            ("expand-all", "Expand all"),
            ("collapse-all", "Collapse all"),
        ] {
            let b = child_text(doc, &tools, "button", "", label);
            attr(&b, "type", "button");
            attr(&b, "data-action", action);
        }
        let nav = child(doc, &pane, "nav", "toc");
        attr(&nav, "aria-label", "Table of contents");
        let toc = child(doc, &nav, "ol", "");
        attr(&toc, "id", "toc");
        let article = child(doc, &pane, "article", "text");
        attr(&article, "id", "text-pane");
        let title = child(doc, &article, "h2", "article-title");
        attr(&title, "hidden", "");
        let sections = child(doc, &article, "div", "");
        attr(&sections, "id", "sections");

        // Entities pane.
        let pane = child(doc, &reading, "section", "pane entities-pane");
        attr(&pane, "id", "entities-pane");
        // Focusable by script, so the "Skip to entities" link can move the focus here.
        attr(&pane, "tabindex", "-1");
        attr(&pane, "aria-labelledby", "entities-title");
        let head = child(doc, &pane, "div", "pane-head");
        let h = child_text(doc, &head, "h2", "", "Entities");
        attr(&h, "id", "entities-title");
        let entity_filter: HtmlInputElement = el(doc, "input", "").unchecked_into();
        entity_filter.set_type("search");
        entity_filter.set_id("entity-filter");
        entity_filter.set_placeholder("Filter entities");
        attr(&entity_filter, "aria-label", "Filter entities");
        attr(&entity_filter, "autocomplete", "off");
        append(&head, &entity_filter);
        let legend = child(doc, &pane, "ul", "legend");
        attr(&legend, "id", "legend");
        attr(&legend, "aria-label", "Colours by kind");
        for kind in EntityKind::ALL {
            let li = child(doc, &legend, "li", "");
            let sw = child(doc, &li, "span", &format!("swatch k-{}", kind.as_str()));
            attr(&sw, "aria-hidden", "true");
            add_text(doc, &li, kind.as_str());
        }
        let hint = child_text(
            doc,
            &pane,
            "p",
            "hint",
            "Select an entity to highlight its mentions; n / p move between them.",
        );
        attr(&hint, "id", "entities-hint");
        let entities = child(doc, &pane, "div", "entity-groups");
        attr(&entities, "id", "entities");

        // Facts pane.
        let pane = child(doc, r, "section", "pane facts-pane");
        attr(&pane, "id", "facts-pane");
        attr(&pane, "aria-labelledby", "facts-title");
        let head = child(doc, &pane, "div", "pane-head");
        let h = child_text(doc, &head, "h2", "", "Facts");
        attr(&h, "id", "facts-title");
        let tools = child(doc, &head, "div", "tools");
        let label = child_text(doc, &tools, "label", "", "Kind ");
        let fact_kind: HtmlSelectElement = el(doc, "select", "").unchecked_into();
        fact_kind.set_id("fact-kind");
        let all = child_text(doc, &fact_kind, "option", "", "all");
        attr(&all, "value", "");
        for kind in FACT_KINDS {
            let o = child_text(doc, &fact_kind, "option", "", kind.as_str());
            attr(&o, "value", kind.as_str());
        }
        append(&label, &fact_kind);
        let csv = child_text(doc, &tools, "button", "", "Download CSV");
        attr(&csv, "type", "button");
        attr(&csv, "data-action", "download-facts-csv");
        let fact_scope = child(doc, &pane, "p", "fact-scope");
        attr(&fact_scope, "id", "fact-scope");
        attr(&fact_scope, "hidden", "");
        let wrap = child(doc, &pane, "div", "table-wrap");
        let facts = child(doc, &wrap, "table", "facts");
        attr(&facts, "id", "facts");
        let thead = child(doc, &facts, "thead", "");
        let facts_head = child(doc, &thead, "tr", "");
        for (i, name) in FACT_COLUMNS.iter().enumerate() {
            let th = child(doc, &facts_head, "th", &format!("col-{name}"));
            attr(&th, "scope", "col");
            attr(&th, "aria-sort", "none");
            let b = child_text(doc, &th, "button", "sort", name);
            attr(&b, "type", "button");
            attr(&b, "data-sort", &i.to_string());
        }
        let facts_body = child(doc, &facts, "tbody", "");
        let h = child_text(doc, &pane, "h3", "", "Timeline");
        attr(&h, "id", "timeline-title");
        let timeline = child(doc, &pane, "ol", "timeline");
        attr(&timeline, "id", "timeline");
        attr(&timeline, "aria-labelledby", "timeline-title");

        Output {
            doc: doc.clone(),
            root,
            notice,
            stats,
            toc,
            title,
            sections,
            entity_filter,
            legend,
            entities,
            fact_kind,
            fact_scope,
            facts,
            facts_head,
            facts_body,
            timeline,
        }
    }

    /// Renders everything at once (tests, small texts).
    pub fn render_all(&self, text: &str, analysis: &Analysis, state: &ViewState) {
        let mut sections = self.render(text, analysis, state);
        while !sections.step(self, text, analysis, state, usize::MAX) {}
    }

    /// Renders everything but the section bodies, and returns the renderer that adds them.
    pub fn render(&self, text: &str, analysis: &Analysis, state: &ViewState) -> SectionsRenderer {
        self.render_notice(analysis);
        self.render_stats(analysis);
        self.render_toc(text, analysis);
        self.render_entities(analysis, state);
        self.render_facts(text, analysis, state);
        self.render_timeline(text, analysis);
        self.entity_filter.set_value(&state.entity_query);
        self.fact_kind.set_value(&state.fact_kind);
        clear(&self.sections);
        clear(&self.title);
        SectionsRenderer::new(self, text, analysis, state)
    }

    fn render_notice(&self, analysis: &Analysis) {
        let messages: Vec<&str> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code != "empty")
            .map(|d| d.message.as_str())
            .collect();
        self.notice.set_text_content(Some(&messages.join(" ")));
        let _ = self
            .notice
            .toggle_attribute_with_force("hidden", messages.is_empty());
    }

    fn render_stats(&self, analysis: &Analysis) {
        let doc = &self.doc;
        let st = &analysis.stats;
        clear(&self.stats);
        let minutes = if st.reading_minutes > 0.0 && st.reading_minutes < 1.0 {
            "< 1 min".to_string()
        } else {
            format!("{} min", st.reading_minutes.round())
        };
        for (name, value) in [
            ("Words", st.n_words.to_string()),
            ("Sentences", st.n_sentences.to_string()),
            ("Paragraphs", st.n_paragraphs.to_string()),
            ("Reading time", minutes),
            ("Entities", analysis.entities.len().to_string()),
            ("Facts", analysis.facts.len().to_string()),
        ] {
            let div = child(doc, &self.stats, "div", "");
            child_text(doc, &div, "dt", "", name);
            let dd = child_text(doc, &div, "dd", "", &value);
            attr(&dd, "data-stat", &name.to_lowercase().replace(' ', "-"));
        }
    }

    fn render_toc(&self, text: &str, analysis: &Analysis) {
        let doc = &self.doc;
        clear(&self.toc);
        let sections = &analysis.doc.sections;
        // A single untitled section needs no table of contents.
        if sections.len() < 2 {
            return;
        }
        for (i, s) in sections.iter().enumerate().take(MAX_TOC_ENTRIES) {
            let li = child(doc, &self.toc, "li", &format!("level-{}", s.level));
            let a = child_text(doc, &li, "a", "", &section_label(text, analysis, i));
            attr(&a, "href", &format!("#section-{i}"));
            attr(&a, "data-section", &i.to_string());
        }
        if sections.len() > MAX_TOC_ENTRIES {
            let more = format!("… {} more sections", sections.len() - MAX_TOC_ENTRIES);
            child_text(doc, &self.toc, "li", "more", &more);
        }
    }

    /// Redraws the entity list for the current filter and selection.
    pub fn render_entities(&self, analysis: &Analysis, state: &ViewState) {
        let doc = &self.doc;
        clear(&self.entities);
        let query = state.entity_query.trim().to_lowercase();
        let matches = |e: &Entity| {
            query.is_empty()
                || e.name.to_lowercase().contains(&query)
                || e.roles.iter().any(|r| r.to_lowercase().contains(&query))
        };
        let mut n_shown = 0;
        for kind in EntityKind::ALL {
            let of_kind: Vec<&Entity> = analysis
                .entities
                .iter()
                .filter(|e| e.kind == kind && matches(e))
                .collect();
            if of_kind.is_empty() {
                continue;
            }
            n_shown += of_kind.len();
            let group = child(doc, &self.entities, "section", "kind-group");
            attr(&group, "data-kind", kind.as_str());
            let h = child(doc, &group, "h3", "");
            let sw = child(doc, &h, "span", &format!("swatch k-{}", kind.as_str()));
            attr(&sw, "aria-hidden", "true");
            add_text(doc, &h, kind_label(kind));
            child_text(doc, &h, "span", "count", &of_kind.len().to_string());
            let ul = child(doc, &group, "ul", "entity-list");
            for e in of_kind.iter().take(MAX_ENTITIES_PER_KIND) {
                let li = child(doc, &ul, "li", "");
                let b = child(doc, &li, "button", &format!("entity k-{}", kind.as_str()));
                attr(&b, "type", "button");
                attr(&b, "data-entity-kind", kind.as_str());
                attr(&b, "data-entity-name", &e.name);
                attr(&b, "data-entity-id", &e.id.to_string());
                let selected = state.selected == Some(e.id);
                attr(&b, "aria-pressed", if selected { "true" } else { "false" });
                child_text(doc, &b, "span", "name", &e.name);
                let n = child_text(doc, &b, "span", "n", &e.mentions.len().to_string());
                attr(&n, "title", "mentions");
                if !e.roles.is_empty() {
                    child_text(doc, &b, "span", "roles", &e.roles.join(", "));
                }
            }
            if of_kind.len() > MAX_ENTITIES_PER_KIND {
                let more = format!(
                    "… {} more; type in the filter to find them",
                    of_kind.len() - MAX_ENTITIES_PER_KIND
                );
                child_text(doc, &group, "p", "more", &more);
            }
        }
        if n_shown == 0 {
            let msg = if analysis.entities.is_empty() {
                "No entities found."
            } else {
                "No entity matches the filter."
            };
            child_text(doc, &self.entities, "p", "empty", msg);
        }
    }

    /// The fact indices shown, in table order.
    pub fn visible_facts(&self, text: &str, analysis: &Analysis, state: &ViewState) -> Vec<usize> {
        let mut shown: Vec<usize> = analysis
            .facts
            .iter()
            .enumerate()
            .filter(|(_, f)| state.fact_kind.is_empty() || f.kind.as_str() == state.fact_kind)
            .filter(|(_, f)| state.selected.is_none_or(|id| fact_involves(f, id)))
            .map(|(i, _)| i)
            .collect();
        // Cells are built only to sort: with thousands of facts that is most of the work.
        if let Some((col, descending)) = state.sort.filter(|(c, _)| *c < FACT_COLUMNS.len()) {
            shown.sort_by_cached_key(|&i| {
                let row = FactRow::new(text, analysis, &analysis.facts[i]);
                row.cells[col].to_lowercase()
            });
            if descending {
                shown.reverse();
            }
        }
        shown
    }

    /// Redraws the facts table for the current filters, sort and selection.
    pub fn render_facts(&self, text: &str, analysis: &Analysis, state: &ViewState) {
        let doc = &self.doc;
        clear(&self.facts_body);
        for (i, th) in find_all(&self.facts_head, "th").iter().enumerate() {
            let sort = match state.sort {
                Some((c, false)) if c == i => "ascending",
                Some((c, true)) if c == i => "descending",
                _ => "none",
            };
            attr(th, "aria-sort", sort);
        }
        let visible = self.visible_facts(text, analysis, state);
        for &i in visible.iter().take(MAX_FACT_ROWS) {
            let fact = &analysis.facts[i];
            let row = FactRow::new(text, analysis, fact);
            let tr = child(doc, &self.facts_body, "tr", "");
            attr(&tr, "data-fact-kind", fact.kind.as_str());
            attr(&tr, "data-fact", &i.to_string());
            attr(&tr, "tabindex", "0");
            class(&tr, "current", state.evidence == Some(i));
            for (c, cell) in row.cells.iter().enumerate() {
                let td = child_text(doc, &tr, "td", &format!("col-{}", FACT_COLUMNS[c]), cell);
                attr(&td, "data-label", FACT_COLUMNS[c]);
            }
        }
        if visible.is_empty() {
            let tr = child(doc, &self.facts_body, "tr", "empty");
            let td = child_text(doc, &tr, "td", "", "No facts to show.");
            attr(&td, "colspan", &FACT_COLUMNS.len().to_string());
        } else if visible.len() > MAX_FACT_ROWS {
            let tr = child(doc, &self.facts_body, "tr", "more");
            let more = format!(
                "… {} more facts: download the CSV for all of them.",
                visible.len() - MAX_FACT_ROWS
            );
            let td = child_text(doc, &tr, "td", "", &more);
            attr(&td, "colspan", &FACT_COLUMNS.len().to_string());
        }
        clear(&self.fact_scope);
        let entity = state.selected.and_then(|id| analysis.entities.get(id));
        if let Some(e) = entity {
            add_text(doc, &self.fact_scope, "Only facts involving ");
            child_text(doc, &self.fact_scope, "strong", "", &e.name);
            add_text(doc, &self.fact_scope, ". ");
            let b = child_text(doc, &self.fact_scope, "button", "", "Show all facts");
            attr(&b, "type", "button");
            attr(&b, "data-action", "clear-selection");
        }
        let _ = self
            .fact_scope
            .toggle_attribute_with_force("hidden", entity.is_none());
    }

    fn render_timeline(&self, text: &str, analysis: &Analysis) {
        let doc = &self.doc;
        clear(&self.timeline);
        let mut dated: Vec<(String, usize)> = analysis
            .facts
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let date = f
                    .qualifiers
                    .iter()
                    .find(|(k, _)| k == "date")
                    .map(|(_, a)| a)
                    .or(if f.kind == FactKind::Date {
                        f.subject.as_ref()
                    } else {
                        None
                    })?;
                let value = date
                    .value
                    .clone()
                    .or_else(|| {
                        date.entity
                            .and_then(|id| analysis.entities.get(id))
                            .and_then(|e| e.value.clone())
                    })
                    .or_else(|| year_in(date.span.text(text)))?;
                Some((value, i))
            })
            .collect();
        dated.sort();
        for (when, i) in dated.iter().take(MAX_TIMELINE_ENTRIES) {
            let fact = &analysis.facts[*i];
            let row = FactRow::new(text, analysis, fact);
            let li = child(doc, &self.timeline, "li", "");
            attr(&li, "data-fact", &i.to_string());
            attr(&li, "tabindex", "0");
            let t = child_text(doc, &li, "time", "", when);
            attr(&t, "datetime", when);
            let what = [&row.cells[1], &row.cells[2], &row.cells[3]]
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(" · ");
            child_text(doc, &li, "span", "what", &what);
        }
        if dated.is_empty() {
            child_text(doc, &self.timeline, "li", "empty", "No dated facts.");
        }
    }

    /// Marks the selected entity's mentions and the current one; un-marks the others.
    pub fn mark_selection(&self, state: &ViewState) {
        for m in find_all(&self.sections_root(), "mark.selected") {
            class(&m, "selected", false);
            class(&m, "current", false);
        }
        if let Some(id) = state.selected {
            for m in find_all(&self.sections_root(), &format!("mark[data-e=\"{id}\"]")) {
                class(&m, "selected", true);
            }
        }
        for b in find_all(&self.entities, "button[aria-pressed=\"true\"]") {
            attr(&b, "aria-pressed", "false");
        }
        if let Some(id) = state.selected {
            if let Some(b) = find(&self.entities, &format!("button[data-entity-id=\"{id}\"]")) {
                attr(&b, "aria-pressed", "true");
            }
        }
    }

    /// Highlights the sentences of `evidence` (or none).
    pub fn mark_evidence(&self, analysis: &Analysis, evidence: Option<Span>) {
        for s in find_all(&self.sections_root(), ".s.evidence") {
            class(&s, "evidence", false);
        }
        for tr in find_all(&self.facts_body, "tr.current") {
            class(&tr, "current", false);
        }
        if let Some(span) = evidence {
            for k in sentences_overlapping(analysis, span) {
                if let Some(s) = find(&self.sections_root(), &format!(".s[data-s=\"{k}\"]")) {
                    class(&s, "evidence", true);
                }
            }
        }
    }

    fn sections_root(&self) -> Element {
        self.sections
            .parent_element()
            .unwrap_or(self.sections.clone())
    }

    /// The `<details>` of section `i`, if drawn.
    pub fn section_element(&self, i: usize) -> Option<web_sys::HtmlDetailsElement> {
        find(&self.sections, &format!("#section-{i}")).and_then(|e| e.dyn_into().ok())
    }
}

/// The indices of the sentences that overlap `span`.
pub fn sentences_overlapping(analysis: &Analysis, span: Span) -> std::ops::Range<usize> {
    let sentences = &analysis.doc.sentences;
    let first = sentences.partition_point(|s| s.end <= span.start);
    let last = sentences.partition_point(|s| s.start < span.end);
    first..last.max(first)
}

/// The paragraph holding byte offset `at`, or the next one.
pub fn paragraph_at(analysis: &Analysis, at: u32) -> usize {
    analysis
        .doc
        .paragraphs
        .partition_point(|p| p.span.end <= at)
}

/// The section holding paragraph `p`.
pub fn section_of_paragraph(analysis: &Analysis, p: usize) -> Option<usize> {
    let sections = &analysis.doc.sections;
    let i = sections.partition_point(|s| s.paragraphs.end <= p);
    (i < sections.len()).then_some(i)
}

fn section_label(text: &str, analysis: &Analysis, i: usize) -> String {
    analysis.doc.sections[i]
        .heading
        .as_ref()
        .map(|h| h.span.text(text).to_string())
        .filter(|h| !h.trim().is_empty())
        .unwrap_or_else(|| {
            if i == 0 {
                "Opening".into()
            } else {
                format!("Section {}", i + 1)
            }
        })
}

/// A four-digit year in `s` (1000-2999), for ordering dates the core left unresolved.
fn year_in(s: &str) -> Option<String> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = b.get(i..i + 4)?;
        let digits = w.iter().all(u8::is_ascii_digit);
        let bounded = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        (digits && bounded && matches!(w[0], b'1' | b'2')).then(|| s[i..i + 4].to_string())
    })
}

/// One mention to highlight: its span, entity and index among the entity's mentions.
#[derive(Clone, Copy, Debug)]
struct Highlight {
    span: Span,
    entity: usize,
    index: usize,
    kind: EntityKind,
}

/// Adds section bodies to the page a few paragraphs at a time, in text order.
pub struct SectionsRenderer {
    highlights: Vec<Highlight>,
    next_highlight: usize,
    next_paragraph: usize,
    next_section: usize,
    /// The `<details>` receiving paragraphs.
    current: Option<Element>,
    /// Sections drawn but not yet in the page (see `stage`).
    staging: Option<web_sys::DocumentFragment>,
    /// Empty `<mark>`s per entity kind and an empty sentence `<span>`, cloned for each new
    /// one: a clone is one call into the browser where creating and classing an element is
    /// two, and a 1 MB article draws ~100,000 of them.
    protos: Vec<(EntityKind, Element)>,
    sentence_proto: Option<Element>,
}

impl SectionsRenderer {
    fn new(out: &Output, text: &str, analysis: &Analysis, state: &ViewState) -> Self {
        let mut highlights: Vec<Highlight> = analysis
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .enumerate()
                    .map(|(index, &span)| Highlight {
                        span,
                        entity: e.id,
                        index,
                        kind: e.kind,
                    })
            })
            .filter(|h| !h.span.is_empty())
            .collect();
        // Longest first at equal starts, then drop what overlaps an earlier mark.
        highlights.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        let mut end = 0;
        highlights.retain(|h| {
            let keep = h.span.start >= end;
            if keep {
                end = h.span.end;
            }
            keep
        });
        let mut r = SectionsRenderer {
            highlights,
            next_highlight: 0,
            next_paragraph: 0,
            next_section: 0,
            current: None,
            staging: None,
            protos: Vec::new(),
            sentence_proto: None,
        };
        if let Some(title) = &analysis.doc.title {
            r.emit(&out.doc, &out.title, text, title.span, state);
            let _ = out.title.remove_attribute("hidden");
        } else {
            let _ = out.title.set_attribute("hidden", "");
        }
        r
    }

    /// Where new sections go: the staging fragment, else the page's sections container.
    fn target(&self, out: &Output) -> Node {
        match &self.staging {
            Some(f) => f.clone().into(),
            None => out.sections.clone().into(),
        }
    }

    /// From now on, draws new sections into a fragment outside the page until `flush`.
    /// Chromium spent ~150 ms of its own time per 30 ms slice appended to a long, visible
    /// text (a 1 MB article took 2.2 s to draw; staged, 0.9 s), so the rest of a text that
    /// needs more than one slice, and all of a big one (see `App::show`), goes in when it is
    /// all drawn.
    pub fn stage(&mut self, out: &Output) {
        if self.staging.is_none() {
            self.staging = Some(out.doc.create_document_fragment());
        }
    }

    /// Moves the staged sections into the page (the fragment stays, empty, for more).
    pub fn flush(&self, out: &Output) {
        if let Some(f) = &self.staging {
            if f.has_child_nodes() {
                append(&out.sections, f);
            }
        }
    }

    /// Whether every paragraph is drawn.
    pub fn is_done(&self, analysis: &Analysis) -> bool {
        self.next_paragraph >= analysis.doc.paragraphs.len()
            && self.next_section >= analysis.doc.sections.len()
    }

    /// The next paragraph to draw.
    pub fn next_paragraph(&self) -> usize {
        self.next_paragraph
    }

    /// Draws up to `budget` paragraphs; returns whether all are drawn.
    pub fn step(
        &mut self,
        out: &Output,
        text: &str,
        analysis: &Analysis,
        state: &ViewState,
        budget: usize,
    ) -> bool {
        let doc = &analysis.doc;
        let mut n = 0;
        while n < budget && self.next_paragraph < doc.paragraphs.len() {
            self.open_sections_through(out, text, analysis, state, self.next_paragraph);
            let p = &doc.paragraphs[self.next_paragraph];
            let parent: Node = match &self.current {
                Some(d) => d.clone().into(),
                None => self.target(out),
            };
            let para = child(&out.doc, &parent, "p", role_class(p.role));
            attr(&para, "data-p", &self.next_paragraph.to_string());
            let label = role_label(p.role);
            if !label.is_empty() {
                attr(&para, "data-role", label);
            }
            let evidence = state.evidence.and_then(|i| analysis.facts.get(i));
            let mut at = p.span.start;
            let sentences = doc.sentences.get(p.sentences.clone()).unwrap_or(&[]);
            for (k, s) in sentences.iter().enumerate() {
                let s = Span {
                    start: s.start.max(at).min(p.span.end),
                    end: s.end.min(p.span.end),
                };
                if s.is_empty() {
                    continue;
                }
                self.emit(
                    &out.doc,
                    &para,
                    text,
                    Span::new(at as usize, s.start as usize),
                    state,
                );
                let el = self.sentence_span(&out.doc);
                append(&para, &el);
                let index = p.sentences.start + k;
                attr(&el, "data-s", &index.to_string());
                if evidence.is_some_and(|f| f.evidence.overlaps(s)) {
                    class(&el, "evidence", true);
                }
                self.emit(&out.doc, &el, text, s, state);
                at = s.end;
            }
            self.emit(
                &out.doc,
                &para,
                text,
                Span::new(at as usize, p.span.end as usize),
                state,
            );
            self.next_paragraph += 1;
            n += 1;
        }
        if self.next_paragraph >= doc.paragraphs.len() {
            self.open_sections_through(out, text, analysis, state, usize::MAX);
        }
        self.is_done(analysis)
    }

    /// Creates the `<details>` of every section starting at or before paragraph `p`.
    fn open_sections_through(
        &mut self,
        out: &Output,
        text: &str,
        analysis: &Analysis,
        state: &ViewState,
        p: usize,
    ) {
        let sections = &analysis.doc.sections;
        while let Some(s) = sections.get(self.next_section) {
            if s.paragraphs.start > p {
                break;
            }
            let i = self.next_section;
            let d = child(&out.doc, &self.target(out), "details", "section");
            attr(&d, "id", &format!("section-{i}"));
            attr(&d, "data-section", &i.to_string());
            if !state.collapsed.contains(&i) {
                attr(&d, "open", "");
            }
            let summary = child(&out.doc, &d, "summary", "");
            let level = (s.level as usize + 1).clamp(2, 6);
            let h = child(&out.doc, &summary, &format!("h{level}"), "heading");
            match &s.heading {
                Some(heading) => self.emit(&out.doc, &h, text, heading.span, state),
                None => {
                    class(&h, "untitled", true);
                    h.set_text_content(Some(&section_label(text, analysis, i)));
                }
            }
            let words = if s.n_words == 1 {
                "1 word".to_string()
            } else {
                format!("{} words", s.n_words)
            };
            child_text(&out.doc, &summary, "span", "word-count", &words);
            self.current = Some(d);
            self.next_section += 1;
        }
    }

    /// A new, empty `<mark>` for a mention of a `kind` entity.
    fn mark(&mut self, doc: &Document, kind: EntityKind) -> Element {
        let proto = match self.protos.iter().find(|(k, _)| *k == kind) {
            Some((_, e)) => e,
            None => {
                let e = el(doc, "mark", &format!("m k-{}", kind.as_str()));
                self.protos.push((kind, e));
                &self.protos[self.protos.len() - 1].1
            }
        };
        clone_element(doc, proto)
    }

    /// A new, empty sentence `<span>`.
    fn sentence_span(&mut self, doc: &Document) -> Element {
        let proto = self
            .sentence_proto
            .get_or_insert_with(|| el(doc, "span", "s"));
        clone_element(doc, proto)
    }

    /// Appends `span` of `text` to `parent`, wrapping the mentions inside it in `<mark>`s.
    fn emit(
        &mut self,
        doc: &Document,
        parent: &Element,
        text: &str,
        span: Span,
        state: &ViewState,
    ) {
        if span.is_empty() {
            return;
        }
        let mut at = span.start;
        while let Some(h) = self.highlights.get(self.next_highlight).copied() {
            if h.span.end <= at {
                self.next_highlight += 1;
                continue;
            }
            if h.span.start >= span.end {
                break;
            }
            let start = h.span.start.max(at);
            let end = h.span.end.min(span.end);
            append_text(parent, text, at, start);
            let mark = self.mark(doc, h.kind);
            attr(&mark, "data-e", &h.entity.to_string());
            attr(&mark, "data-m", &h.index.to_string());
            if state.selected == Some(h.entity) {
                class(&mark, "selected", true);
            }
            append_text(&mark, text, start, end);
            append(parent, &mark);
            at = end;
            if h.span.end <= span.end {
                self.next_highlight += 1;
            } else {
                break;
            }
        }
        append_text(parent, text, at, span.end);
    }
}

/// Appends `text[start..end]` as a text node (one call: `Element.append` with a string); a
/// range that does not fall on character boundaries (a core bug) is shown lossily rather
/// than dropped.
fn append_text(parent: &Element, text: &str, start: u32, end: u32) {
    if start >= end {
        return;
    }
    let (a, b) = (start as usize, end as usize);
    // `append` with a string adds a text node, never markup.
    let _ = match text.get(a..b) {
        Some(s) => parent.append_with_str_1(s),
        None => {
            let bytes = text.as_bytes().get(a..b.min(text.len())).unwrap_or(&[]);
            parent.append_with_str_1(&String::from_utf8_lossy(bytes))
        }
    };
}

/// A shallow copy of `proto`: same tag and attributes, no children.
fn clone_element(doc: &Document, proto: &Element) -> Element {
    match proto.clone_node() {
        Ok(n) => n.unchecked_into(),
        // Only shadow roots refuse to be cloned; a new element is the same thing.
        Err(_) => el(doc, &proto.local_name(), &proto.class_name()),
    }
}
