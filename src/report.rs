//! Plain-text reports of an `Analysis`: the facts table's rows, CSV files and a Markdown report.
//!
//! Pure functions shared by the page (table cells, downloads) and native tests, so the table a
//! reader sees and the CSV they download cannot disagree. Offsets never appear here: every cell
//! is text cut from the article.

use crate::analysis::Analysis;
use crate::entities::Entity;
use crate::facts::{Arg, Fact};
use std::fmt::Write;

/// The columns of the facts table, in display order.
pub const FACT_COLUMNS: [&str; 7] = [
    "kind",
    "subject",
    "predicate",
    "object",
    "when",
    "where",
    "evidence",
];

/// One fact as the cells of a table row (`FACT_COLUMNS` order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactRow {
    pub cells: [String; 7],
}

impl FactRow {
    pub fn new(text: &str, analysis: &Analysis, fact: &Fact) -> FactRow {
        let arg = |a: Option<&Arg>| a.map(|a| arg_text(text, analysis, a)).unwrap_or_default();
        let qualifier = |key: &str| {
            let values: Vec<String> = fact
                .qualifiers
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, a)| arg_text(text, analysis, a))
                .collect();
            values.join("; ")
        };
        FactRow {
            cells: [
                fact.kind.as_str().to_string(),
                arg(fact.subject.as_ref()),
                fact.predicate.clone(),
                arg(fact.object.as_ref()),
                qualifier("date"),
                qualifier("location"),
                squash(fact.evidence.text(text)),
            ],
        }
    }
}

/// The text a fact argument shows: the covered words, or the entity's name when the words are a
/// pronoun standing for it ("he" -> "John Healey (he)").
fn arg_text(text: &str, analysis: &Analysis, arg: &Arg) -> String {
    let words = squash(arg.span.text(text));
    let resolved = arg
        .value
        .clone()
        .or_else(|| {
            arg.entity
                .and_then(|id| analysis.entities.get(id))
                .map(|e| e.name.clone())
        })
        .filter(|v| !v.is_empty() && !words.contains(v.as_str()));
    match resolved {
        Some(v) if words.is_empty() => v,
        Some(v) if arg.entity.is_some() && arg.value.is_none() => format!("{v} ({words})"),
        _ => words,
    }
}

/// Collapses runs of whitespace (line breaks inside evidence) into single spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `fact` mentions entity `id` in its subject, object or qualifiers.
pub fn fact_involves(fact: &Fact, id: usize) -> bool {
    let is = |a: &Arg| a.entity == Some(id);
    fact.subject.as_ref().is_some_and(is)
        || fact.object.as_ref().is_some_and(is)
        || fact.qualifiers.iter().any(|(_, a)| is(a))
}

/// Quotes a CSV field when it needs it (RFC 4180), and defuses leading `=`, `+`, `-`, `@` so a
/// spreadsheet does not run a pasted article's text as a formula.
fn csv_field(out: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@']);
    let field = if formula {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&field);
    }
}

fn csv_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f.as_ref());
    }
    out.push_str("\r\n");
}

/// The facts as CSV: a header row, then one row per fact in `facts` order.
pub fn facts_csv(text: &str, analysis: &Analysis) -> String {
    let mut out = String::new();
    csv_row(&mut out, &FACT_COLUMNS);
    for fact in &analysis.facts {
        csv_row(&mut out, &FactRow::new(text, analysis, fact).cells);
    }
    out
}

/// The entities as CSV, in salience order.
pub fn entities_csv(analysis: &Analysis) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "id", "name", "kind", "salience", "mentions", "roles", "country", "value",
        ],
    );
    for e in &analysis.entities {
        csv_row(
            &mut out,
            &[
                e.id.to_string(),
                e.name.clone(),
                e.kind.as_str().to_string(),
                format!("{:.3}", e.salience),
                e.mentions.len().to_string(),
                e.roles.join("; "),
                e.country.clone().unwrap_or_default(),
                e.value.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

/// Escapes Markdown punctuation so article text cannot become links, images or HTML in a
/// Markdown viewer.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in squash(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '(' | ')'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn entity_line(e: &Entity) -> String {
    let mut line = format!("- {} ({} mentions)", md(&e.name), e.mentions.len());
    if !e.roles.is_empty() {
        let _ = write!(line, ": {}", md(&e.roles.join(", ")));
    }
    line
}

/// A readable Markdown report: stats, outline, entities by kind, facts.
pub fn markdown(text: &str, analysis: &Analysis) -> String {
    let doc = &analysis.doc;
    let st = &analysis.stats;
    let mut out = String::new();
    let title = doc
        .title
        .as_ref()
        .map(|t| md(t.span.text(text)))
        .unwrap_or_else(|| "Article analysis".to_string());
    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(
        out,
        "{} words, {} sentences, {} paragraphs, {} min read; {} entities, {} facts.\n",
        st.n_words,
        st.n_sentences,
        st.n_paragraphs,
        st.reading_minutes,
        analysis.entities.len(),
        analysis.facts.len()
    );
    for d in &analysis.diagnostics {
        let _ = writeln!(out, "> {}\n", md(&d.message));
    }
    out.push_str("## Sections\n\n");
    for s in &doc.sections {
        let heading = s
            .heading
            .as_ref()
            .map(|h| md(h.span.text(text)))
            .unwrap_or_else(|| "(opening)".to_string());
        let _ = writeln!(
            out,
            "- {heading} ({} paragraphs, {} words)",
            s.paragraphs.len(),
            s.n_words
        );
    }
    out.push_str("\n## Entities\n");
    for kind in crate::entities::EntityKind::ALL {
        let of_kind: Vec<&Entity> = analysis
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {} ({})\n", kind.as_str(), of_kind.len());
        for e in of_kind {
            let _ = writeln!(out, "{}", entity_line(e));
        }
    }
    out.push_str("\n## Facts\n\n");
    if analysis.facts.is_empty() {
        out.push_str("No facts found.\n");
    } else {
        let _ = writeln!(out, "| {} |", FACT_COLUMNS.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(FACT_COLUMNS.len()));
        for fact in &analysis.facts {
            let row = FactRow::new(text, analysis, fact);
            let cells: Vec<String> = row.cells.iter().map(|c| md(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityKind;
    use crate::facts::FactKind;
    use crate::span::Span;

    /// An analysis with one person and one quote by them, built by hand so the report is
    /// tested whatever the extractors find.
    fn quoted() -> (&'static str, Analysis) {
        let text = "=cmd said \"hi, \"\"you\"\"\".\nLine two.";
        let mut analysis = crate::analyze(text);
        analysis.entities = vec![Entity {
            id: 0,
            name: "=cmd".into(),
            kind: EntityKind::Person,
            salience: 1.0,
            roles: vec!["Boss".into()],
            mentions: vec![Span::new(0, 4)],
            country: None,
            value: None,
        }];
        analysis.facts = vec![Fact {
            kind: FactKind::Quote,
            subject: Some(Arg {
                span: Span::new(0, 4),
                entity: Some(0),
                value: None,
            }),
            predicate: "say".into(),
            object: Some(Arg {
                span: Span::new(10, 24),
                entity: None,
                value: None,
            }),
            qualifiers: vec![],
            evidence: Span::new(0, text.len()),
            section: 0,
        }];
        (text, analysis)
    }

    #[test]
    fn csv_has_header_quotes_fields_and_defuses_formulas() {
        let (text, analysis) = quoted();
        let csv = facts_csv(text, &analysis);
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("kind,subject,predicate,object,when,where,evidence")
        );
        let row = lines.next().unwrap();
        assert!(row.starts_with("quote,'=cmd,say,"), "{row}");
        let object = Span::new(10, 24).text(text);
        assert!(object.contains('"') && object.contains(','));
        let quoted = format!("\"{}\"", object.replace('"', "\"\""));
        assert!(row.contains(&quoted), "{row} lacks {quoted}");
        // The evidence spans a line break: squashed to one line, so the row stays one record.
        assert_eq!(lines.filter(|l| !l.is_empty()).count(), 0);
        let entities = entities_csv(&analysis);
        assert!(entities.starts_with("id,name,kind,"));
        assert!(entities.contains("0,'=cmd,person,1.000,1,Boss,,"));
    }

    #[test]
    fn fact_rows_and_involvement() {
        let (text, analysis) = quoted();
        let fact = &analysis.facts[0];
        let row = FactRow::new(text, &analysis, fact);
        assert_eq!(row.cells[0], "quote");
        assert_eq!(row.cells[1], "=cmd");
        assert!(fact_involves(fact, 0));
        assert!(!fact_involves(fact, 1));
    }

    #[test]
    fn markdown_escapes_article_text() {
        let (text, mut analysis) = quoted();
        analysis.entities[0].name = "[x](javascript:alert(1)) <b>".into();
        let report = markdown(text, &analysis);
        assert!(
            report.contains(r"\[x\]\(javascript:alert\(1\)\) \<b\>"),
            "{report}"
        );
        assert!(report.contains("| kind | subject |"));
        assert!(report.starts_with("# Article analysis\n"));
    }
}
