//! The CLI's output formats over the exported analysis: JSON (optionally tagged with a key
//! such as "path" or "id"), a Markdown report for people, and CSV tables for spreadsheets.
//!
//! Everything renders from `export::Export`, so offsets are code points as in the JSON.

use article_explorer::export::{Export, FactArg, Qualifier};
use serde::Serialize;
use std::fmt::Write as _;

/// The CSV table `--format csv` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvTable {
    /// One row per entity.
    Entities,
    /// One row per fact.
    Facts,
    /// One row per mention of an entity.
    Mentions,
}

/// The export as one JSON object, with `key: tag` spliced in front when a tag is given.
/// Splicing the serialized bytes avoids building a `serde_json::Value` of the whole analysis.
pub fn json(tag: Option<(&str, &impl Serialize)>, export: &Export, pretty: bool) -> Vec<u8> {
    let mut body = Vec::with_capacity(4096);
    let written = if pretty {
        serde_json::to_writer_pretty(&mut body, export)
    } else {
        serde_json::to_writer(&mut body, export)
    };
    if written.is_err() {
        // Unreachable with these types (string keys, finite floats serialised by serde_json
        // as null otherwise); say so rather than print half an object.
        body = br#"{"error":"the analysis could not be serialised"}"#.to_vec();
    }
    match tag {
        None => body,
        Some((key, value)) => {
            let mut out = Vec::with_capacity(body.len() + 64);
            out.push(b'{');
            if pretty {
                out.extend_from_slice(b"\n  ");
            }
            push_json(&mut out, &key);
            out.extend_from_slice(if pretty { b": " } else { b":" });
            push_json(&mut out, value);
            // `body` is a non-empty object: "{" then its first key (after a newline when
            // pretty); put a comma between our key and it.
            out.push(b',');
            out.extend_from_slice(body.get(1..).unwrap_or_default());
            out
        }
    }
}

/// `{<fields in order>, "error": message}` as one compact JSON object.
pub fn json_error(fields: &[(&str, &serde_json::Value)], message: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    out.push(b'{');
    for (key, value) in fields {
        push_json(&mut out, key);
        out.push(b':');
        push_json(&mut out, value);
        out.push(b',');
    }
    out.extend_from_slice(b"\"error\":");
    push_json(&mut out, message);
    out.push(b'}');
    out
}

fn push_json(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) {
    if serde_json::to_writer(&mut *out, value).is_err() {
        out.extend_from_slice(b"null");
    }
}

/// A readable report: title, stats, the outline of sections, entities by kind with their
/// roles, and a table of facts.
pub fn markdown(path: &str, export: &Export) -> String {
    let mut out = String::with_capacity(4096);
    let title = export.title.as_ref().map(|t| t.span.text).unwrap_or("");
    let title = if title.trim().is_empty() {
        "Untitled article"
    } else {
        title
    };
    let _ = writeln!(out, "# {}\n", md(title));
    let st = &export.stats;
    let _ = writeln!(
        out,
        "_{}_ · {} words · {} sentences · {} paragraphs · {:.1} min read · {} entities · {} facts\n",
        md(path),
        st.words,
        st.sentences,
        st.paragraphs,
        st.reading_minutes,
        st.entities,
        st.facts
    );
    for d in export.diagnostics {
        let _ = writeln!(out, "> **{}**: {}\n", md(d.code), md(&d.message));
    }

    out.push_str("## Sections\n\n");
    let top = export.sections.iter().map(|s| s.level).min().unwrap_or(1);
    for (i, s) in export.sections.iter().enumerate() {
        let indent = "  ".repeat(usize::from(s.level.saturating_sub(top)));
        let heading = match &s.heading {
            Some(h) => md(h.span.text),
            None if i == 0 => "(opening)".to_string(),
            None => "(untitled)".to_string(),
        };
        let _ = writeln!(
            out,
            "{indent}- {heading} ({} words, {} paragraphs)",
            s.n_words,
            s.paragraphs.len()
        );
    }
    if export.sections.is_empty() {
        out.push_str("_none_\n");
    }

    out.push_str("\n## Entities\n");
    if export.entities.is_empty() {
        out.push_str("\n_none_\n");
    }
    let mut kinds: Vec<&str> = export.entities.iter().map(|e| e.kind).collect();
    kinds.sort_unstable_by_key(|k| kind_rank(k));
    kinds.dedup();
    for kind in kinds {
        let _ = writeln!(out, "\n### {}\n", kind_heading(kind));
        for e in export.entities.iter().filter(|e| e.kind == kind) {
            let _ = write!(out, "- **{}**", md(e.name));
            if !e.roles.is_empty() {
                let roles: Vec<String> = e.roles.iter().map(|r| md(r)).collect();
                let _ = write!(out, " — {}", roles.join("; "));
            }
            if let Some(v) = e.value {
                let _ = write!(out, " = `{}`", v.replace('`', "'"));
            }
            if let Some(c) = e.country {
                let _ = write!(out, " ({})", md(c));
            }
            let n = e.mentions.len();
            let _ = writeln!(out, " · {n} mention{}", if n == 1 { "" } else { "s" });
        }
    }

    out.push_str("\n## Facts\n\n");
    if export.facts.is_empty() {
        out.push_str("_none_\n");
        return out;
    }
    out.push_str("| # | kind | subject | predicate | object | details | evidence |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for (i, f) in export.facts.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            f.kind,
            cell(&arg_text(f.subject.as_ref())),
            cell(f.predicate),
            cell(&arg_text(f.object.as_ref())),
            cell(&qualifiers_text(&f.qualifiers)),
            cell(&shorten(f.evidence.text, 200)),
        );
    }
    out
}

/// Order of kinds in the report: names first, then values.
fn kind_rank(kind: &str) -> usize {
    const ORDER: [&str; 8] = [
        "person",
        "organization",
        "location",
        "nationality",
        "date",
        "money",
        "percent",
        "quantity",
    ];
    ORDER.iter().position(|k| *k == kind).unwrap_or(ORDER.len())
}

fn kind_heading(kind: &str) -> String {
    match kind {
        "person" => "People".into(),
        "organization" => "Organizations".into(),
        "location" => "Places".into(),
        "nationality" => "Nationalities and groups".into(),
        "date" => "Dates".into(),
        "money" => "Money".into(),
        "percent" => "Percentages".into(),
        "quantity" => "Quantities".into(),
        other => md(other),
    }
}

/// An argument as shown to people: its normalised value when that says more ("he" -> the
/// speaker's name), else its text.
fn arg_text(arg: Option<&FactArg>) -> String {
    match arg {
        None => String::new(),
        Some(a) => match a.value {
            Some(v) if v != a.span.text => format!("{} ({v})", a.span.text),
            _ => a.span.text.to_string(),
        },
    }
}

fn qualifiers_text(q: &std::collections::BTreeMap<&str, Qualifier>) -> String {
    let mut parts = Vec::new();
    for (key, value) in q {
        match value {
            Qualifier::One(a) => parts.push(format!("{key}: {}", arg_text(Some(a)))),
            Qualifier::Many(all) => {
                let items: Vec<String> = all.iter().map(|a| arg_text(Some(a))).collect();
                parts.push(format!("{key}: {}", items.join(", ")));
            }
        }
    }
    parts.join("; ")
}

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text).trim_end()),
    }
}

/// Escapes Markdown's inline syntax so names and quotes print as typed; newlines become
/// spaces because every item is one line.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn cell(text: &str) -> String {
    md(text)
}

/// The header row of a CSV table.
pub fn csv_header(table: CsvTable) -> &'static str {
    match table {
        CsvTable::Entities => "path,id,kind,name,salience,mentions,roles,country,value\n",
        CsvTable::Facts => concat!(
            "path,index,kind,subject,subject_entity,predicate,object,object_entity,",
            "qualifiers,evidence_start,evidence_end,evidence,section\n"
        ),
        CsvTable::Mentions => "path,entity,kind,name,start,end,text\n",
    }
}

/// The rows of one article's CSV table (no header). Offsets are code points, as in the JSON;
/// list-valued cells (roles, qualifiers) are joined with "; ".
pub fn csv_rows(path: &str, export: &Export, table: CsvTable) -> String {
    let mut out = String::new();
    let mut row = |cells: &[&str]| {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_csv(&mut out, c);
        }
        out.push('\n');
    };
    match table {
        CsvTable::Entities => {
            for e in &export.entities {
                row(&[
                    path,
                    &e.id.to_string(),
                    e.kind,
                    e.name,
                    &format!("{:.4}", e.salience),
                    &e.mentions.len().to_string(),
                    &e.roles.join("; "),
                    e.country.unwrap_or(""),
                    e.value.unwrap_or(""),
                ]);
            }
        }
        CsvTable::Facts => {
            for (i, f) in export.facts.iter().enumerate() {
                let entity = |a: Option<&FactArg>| {
                    a.and_then(|a| a.entity)
                        .map(|e| e.to_string())
                        .unwrap_or_default()
                };
                row(&[
                    path,
                    &i.to_string(),
                    f.kind,
                    &arg_text(f.subject.as_ref()),
                    &entity(f.subject.as_ref()),
                    f.predicate,
                    &arg_text(f.object.as_ref()),
                    &entity(f.object.as_ref()),
                    &qualifiers_text(&f.qualifiers),
                    &f.evidence.start.to_string(),
                    &f.evidence.end.to_string(),
                    f.evidence.text,
                    &f.section.to_string(),
                ]);
            }
        }
        CsvTable::Mentions => {
            for e in &export.entities {
                for m in &e.mentions {
                    row(&[
                        path,
                        &e.id.to_string(),
                        e.kind,
                        e.name,
                        &m.start.to_string(),
                        &m.end.to_string(),
                        m.text,
                    ]);
                }
            }
        }
    }
    out
}

/// RFC 4180 quoting: fields holding a comma, quote or line break are quoted, quotes doubled.
fn push_csv(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_explorer::export::export;

    #[test]
    fn csv_quotes_only_when_needed() {
        let mut s = String::new();
        push_csv(&mut s, "plain");
        s.push('|');
        push_csv(&mut s, "a, \"b\"\nc");
        assert_eq!(s, "plain|\"a, \"\"b\"\"\nc\"");
    }

    #[test]
    fn markdown_escapes_syntax_and_flattens_lines() {
        assert_eq!(md("a*b_c|d\ne"), "a\\*b\\_c\\|d e");
        assert_eq!(md("Zoë"), "Zoë");
    }

    #[test]
    fn shorten_cuts_on_char_boundaries() {
        assert_eq!(shorten("ééééé", 3), "ééé…");
        assert_eq!(shorten("abc", 3), "abc");
    }

    #[test]
    fn tagged_json_is_one_valid_object_compact_and_pretty() {
        let text = "Title\n\nBody text here.";
        let analysis = article_explorer::analyze(text);
        let e = export(text, &analysis);
        for pretty in [false, true] {
            let bytes = json(Some(("path", &"a \"b\".txt")), &e, pretty);
            let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(v["path"], "a \"b\".txt");
            assert!(v.get("stats").is_some());
            // serde_json's Map sorts keys, so check that the tag comes first in the bytes.
            assert!(std::str::from_utf8(&bytes)
                .unwrap()
                .trim_start_matches(['{', ' ', '\n'])
                .starts_with("\"path\""));
        }
        let plain: serde_json::Value =
            serde_json::from_slice(&json(None::<(&str, &u8)>, &e, false)).unwrap();
        assert!(plain.get("path").is_none());
    }
}
