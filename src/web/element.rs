//! Small DOM helpers: create elements, append text, set attributes.
//!
//! Text always goes in as text nodes (`create_text_node` / `set_text_content`); there is no
//! helper that takes markup, so user text cannot become HTML by accident.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

/// A new `<tag class="class">` (no class when `class` is empty).
pub fn el(doc: &Document, tag: &str, class: &str) -> Element {
    // Tag names here are constants of this module's callers, so creation cannot fail.
    let e = doc
        .create_element(tag)
        .unwrap_or_else(|_| doc.create_element("div").expect("div"));
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new element appended to `parent`.
pub fn child(doc: &Document, parent: &Node, tag: &str, class: &str) -> Element {
    let e = el(doc, tag, class);
    append(parent, &e);
    e
}

/// A new element holding `text`, appended to `parent`.
pub fn child_text(doc: &Document, parent: &Node, tag: &str, class: &str, text: &str) -> Element {
    let e = child(doc, parent, tag, class);
    e.set_text_content(Some(text));
    e
}

/// Appends `text` as a text node.
pub fn text(doc: &Document, parent: &Node, text: &str) {
    if !text.is_empty() {
        append(parent, &doc.create_text_node(text));
    }
}

pub fn append(parent: &Node, node: &Node) {
    // appendChild only fails for hierarchy errors (appending an ancestor), which we never do.
    let _ = parent.append_child(node);
}

/// Sets an attribute; attribute values are never parsed as markup.
pub fn attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// Removes every child of `e`.
pub fn clear(e: &Node) {
    e.set_text_content(None);
}

/// Adds or removes a class.
pub fn class(e: &Element, name: &str, on: bool) {
    let _ = e.class_list().toggle_with_force(name, on);
}

/// The element `id`, cast to `T`.
pub fn by_id<T: JsCast>(doc: &Document, id: &str) -> Option<T> {
    doc.get_element_by_id(id)
        .and_then(|e| e.dyn_into::<T>().ok())
}

/// The first element under `root` matching `selector`.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// All elements under `root` matching `selector`.
pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let mut out = Vec::new();
    if let Ok(list) = root.query_selector_all(selector) {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                out.push(e);
            }
        }
    }
    out
}
