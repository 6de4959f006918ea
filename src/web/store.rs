//! Keeps the text and the view preferences in `localStorage`, so a reload or a crash never
//! loses what was pasted. Nothing here leaves the device.

use serde::{Deserialize, Serialize};
use web_sys::Storage;

const TEXT_KEY: &str = "article-explorer.text";
const PREFS_KEY: &str = "article-explorer.prefs";

/// What the reader chose, kept across reloads. Entity selection is kept by name and kind,
/// because ids change when the text does.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// "auto", "light" or "dark".
    pub theme: String,
    pub entity_query: String,
    /// A fact kind, or "" for all.
    pub fact_kind: String,
    /// Facts table sort: column index and whether descending.
    pub sort: Option<(usize, bool)>,
    /// Sections the reader closed (by index).
    pub collapsed: Vec<usize>,
    /// The selected entity as (kind, name).
    pub selected: Option<(String, String)>,
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved text, if any.
pub fn load_text() -> Option<String> {
    storage()?.get_item(TEXT_KEY).ok().flatten()
}

/// Saves the text; `Err` carries a message for the reader (quota exceeded, storage disabled).
pub fn save_text(text: &str) -> Result<(), String> {
    let Some(s) = storage() else {
        return Err("This browser does not allow saving the text on this device.".into());
    };
    s.set_item(TEXT_KEY, text).map_err(|_| {
        // Leave no stale copy behind: after a reload the reader would get old text back.
        let _ = s.remove_item(TEXT_KEY);
        format!(
            "The text ({:.1} MB) is too large to keep on this device; it will not survive a reload.",
            text.len() as f64 / 1e6
        )
    })
}

pub fn load_prefs() -> Prefs {
    storage()
        .and_then(|s| s.get_item(PREFS_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

pub fn save_prefs(prefs: &Prefs) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(prefs)) {
        let _ = s.set_item(PREFS_KEY, &json);
    }
}

/// Forgets the text and the view state.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(TEXT_KEY);
        let _ = s.remove_item(PREFS_KEY);
    }
}
