//! The `article-explorer` binary end to end: `analyze` in each format, stdin, several paths,
//! and `batch` keeping ids and order (also under parallelism) with error records.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = "tests/data/uk-troops-ukraine.txt";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-explorer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Write from another thread: a large input must not deadlock against a full stdout pipe.
    let feeder = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn assert_analysis(v: &Value) {
    for key in ["title", "sections", "entities", "facts", "stats"] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert!(v["sections"].is_array() && v["entities"].is_array() && v["facts"].is_array());
}

#[test]
fn analyze_a_file_prints_the_analysis_json() {
    let out = stdout(&run(&["analyze", fixture().to_str().unwrap()], b""));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_analysis(&v);
    let text = std::fs::read_to_string(fixture()).unwrap();
    assert_eq!(
        v["stats"]["characters"].as_u64(),
        Some(text.chars().count() as u64)
    );
    assert!(!v["sections"].as_array().unwrap().is_empty());
}

#[test]
fn analyze_reads_stdin_and_pretty_prints() {
    let text = std::fs::read(fixture()).unwrap();
    let compact = stdout(&run(&["analyze", "-"], &text));
    let pretty = stdout(&run(&["analyze", "--pretty", "-"], &text));
    assert!(pretty.lines().count() > 10 && compact.lines().count() == 1);
    let (a, b): (Value, Value) = (
        serde_json::from_str(&compact).unwrap(),
        serde_json::from_str(&pretty).unwrap(),
    );
    assert_eq!(a, b);
    assert_analysis(&a);
}

#[test]
fn analyze_several_paths_gives_json_lines_with_path_and_errors() {
    let f = fixture();
    let f = f.to_str().unwrap();
    let out = run(
        &["analyze", f, "/no/such/article.txt", "-"],
        b"Title\n\nBody.",
    );
    assert!(!out.status.success(), "an unreadable path fails the run");
    let lines = json_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["path"], f);
    assert_analysis(&lines[0]);
    assert_eq!(lines[1]["path"], "/no/such/article.txt");
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["path"], "-");
    assert_analysis(&lines[2]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/article.txt"));
}

#[test]
fn markdown_report_has_title_sections_entities_and_facts() {
    let out = stdout(&run(
        &[
            "analyze",
            "--format",
            "markdown",
            fixture().to_str().unwrap(),
        ],
        b"",
    ));
    let json: Value = serde_json::from_str(&stdout(&run(
        &["analyze", fixture().to_str().unwrap()],
        b"",
    )))
    .unwrap();
    assert!(out.starts_with("# "), "{out}");
    for heading in ["## Sections", "## Entities", "## Facts"] {
        assert!(out.contains(heading), "missing {heading}");
    }
    // Every entity the JSON has is named in the report, under its kind.
    for e in json["entities"].as_array().unwrap() {
        let name = e["name"].as_str().unwrap();
        let plain = out.replace('\\', "");
        assert!(plain.contains(name), "entity {name} missing");
    }
    let n_facts = json["facts"].as_array().unwrap().len();
    let rows = out
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| # "))
        .count();
    assert_eq!(rows, n_facts);
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    // A small RFC 4180 reader, enough to check our quoting round-trips.
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_tables_have_a_header_and_one_row_per_item() {
    let f = fixture();
    let f = f.to_str().unwrap();
    let json: Value = serde_json::from_str(&stdout(&run(&["analyze", f], b""))).unwrap();
    let n_entities = json["entities"].as_array().unwrap().len();
    let n_mentions: usize = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["mentions"].as_array().unwrap().len())
        .sum();
    let n_facts = json["facts"].as_array().unwrap().len();
    for (table, first_cols, n) in [
        ("entities", "path,id,kind,name", n_entities),
        ("facts", "path,index,kind,subject", n_facts),
        (
            "mentions",
            "path,entity,kind,name,start,end,text",
            n_mentions,
        ),
    ] {
        let out = stdout(&run(&["analyze", "-f", "csv", "--csv", table, f], b""));
        assert!(out.starts_with(first_cols), "{table}: {out}");
        let rows = parse_csv(&out);
        assert_eq!(rows.len(), n + 1, "{table}");
        let width = rows[0].len();
        assert!(
            rows.iter().all(|r| r.len() == width),
            "{table}: ragged rows"
        );
        assert!(rows[1..].iter().all(|r| r[0] == f));
    }
}

#[test]
fn csv_quotes_fields_so_rows_stay_intact() {
    // A heading-free text whose fields may contain commas and quotes.
    let text = "Acme, Inc. said \"yes\", on Monday, 5 May 2025.\nJohn Smith, the CEO, agreed.";
    let out = stdout(&run(
        &["analyze", "-f", "csv", "--csv", "mentions", "-"],
        text.as_bytes(),
    ));
    let rows = parse_csv(&out);
    let chars: Vec<char> = text.chars().collect();
    for r in &rows[1..] {
        let (s, e): (usize, usize) = (r[4].parse().unwrap(), r[5].parse().unwrap());
        assert_eq!(chars[s..e].iter().collect::<String>(), r[6]);
    }
}

#[test]
fn analyze_decodes_non_utf8_files() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"Prices\n\nIt cost \xA3225 million in Z\xFCrich.").unwrap();
    let v: Value =
        serde_json::from_str(&stdout(&run(&["analyze", path.to_str().unwrap()], b""))).unwrap();
    assert_analysis(&v);
    let text = v["sections"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("225 million"), "{text}");
}

#[test]
fn batch_round_trips_three_lines_with_one_malformed() {
    let input = concat!(
        r#"{"id": "a", "text": "Storm hits coast\n\nA storm hit the coast on Monday."}"#,
        "\n",
        r#"{"id": 2, "text": oops}"#,
        "\n",
        r#"{"id": [3], "text": "Second article.\n\nMore words here."}"#,
        "\n",
    );
    let out = run(&["batch"], input.as_bytes());
    // No progress line or notice when stderr is not a terminal: logs stay clean.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_analysis(&lines[0]);
    assert!(lines[1]["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1].get("sections").is_none());
    assert_eq!(lines[2]["id"], serde_json::json!([3]));
    assert_analysis(&lines[2]);
}

#[test]
fn batch_reports_missing_or_wrong_text_with_the_id() {
    let input = "{\"id\": 1}\n{\"id\": 2, \"text\": 3}\n\n[1]\n{\"id\": 4, \"text\": \"ok\"}";
    let lines = json_lines(&stdout(&run(&["batch"], input.as_bytes())));
    assert_eq!(
        lines.len(),
        4,
        "blank line skipped, last line without newline kept"
    );
    assert_eq!(lines[0]["id"], 1);
    assert!(lines[0]["error"].is_string());
    assert_eq!(lines[1]["id"], 2);
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["id"], Value::Null);
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[3]["id"], 4);
    assert_analysis(&lines[3]);
}

#[test]
fn batch_keeps_order_under_parallelism() {
    let article = std::fs::read_to_string(fixture()).unwrap();
    let n = 160;
    let mut input = String::new();
    for i in 0..n {
        // Uneven lengths so that documents finish out of order inside a chunk.
        let text = if i % 5 == 0 {
            article.repeat(1 + i % 3)
        } else {
            format!("Note {i}\n\nShort text number {i}.")
        };
        let line = serde_json::json!({"id": i, "text": text});
        input.push_str(&line.to_string());
        input.push('\n');
        if i % 40 == 7 {
            input.push_str("{broken\n");
        }
    }
    let out = stdout(&run(
        &["batch", "--threads", "4", "--chunk-lines", "16"],
        input.as_bytes(),
    ));
    let lines = json_lines(&out);
    let ids: Vec<i64> = lines
        .iter()
        .filter(|l| l.get("error").is_none())
        .map(|l| l["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, (0..n as i64).collect::<Vec<_>>());
    let n_errors = lines.iter().filter(|l| l.get("error").is_some()).count();
    assert_eq!(n_errors, 4);
    assert_eq!(lines.len(), n + 4);
    // Each error sits right after the record it followed in the input.
    for (k, l) in lines.iter().enumerate() {
        if l.get("error").is_some() {
            assert_eq!(lines[k - 1]["id"].as_i64().unwrap() % 40, 7);
        }
    }
    // The same input on one thread gives the same bytes.
    let serial = stdout(&run(&["batch", "-j", "1"], input.as_bytes()));
    assert_eq!(serial, out);
}

fn all_paragraph_text(v: &Value) -> String {
    v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().unwrap().iter())
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

const PAGE: &str = "<html><body><h1>Calm returns</h1><p>Paris is calm today.</p>\
                    <script>var hidden = 'do not show';</script></body></html>";

#[test]
fn files_from_lists_paths_and_html_files_become_text() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("files-from");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("page.html");
    std::fs::write(&page, PAGE).unwrap();
    let f = fixture();
    let list = format!("{}\n\n{}\n", f.display(), page.display());
    let out = stdout(&run(&["analyze", "--files-from", "-"], list.as_bytes()));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], f.to_str().unwrap());
    assert_eq!(lines[1]["path"], page.to_str().unwrap());
    let text = all_paragraph_text(&lines[1]);
    assert!(text.contains("Paris is calm today."), "{text}");
    assert!(!text.contains("hidden") && !text.contains('<'), "{text}");
}

#[test]
fn batch_accepts_html_instead_of_text() {
    let line = serde_json::json!({"id": "p", "html": PAGE}).to_string();
    let lines = json_lines(&stdout(&run(&["batch"], line.as_bytes())));
    assert_eq!(lines[0]["id"], "p");
    let text = all_paragraph_text(&lines[0]);
    assert!(
        text.contains("Paris is calm today.") && !text.contains('<'),
        "{text}"
    );
}

#[test]
fn markdown_reports_for_several_paths_are_separated() {
    let f = fixture();
    let f = f.to_str().unwrap();
    let out = stdout(&run(
        &["analyze", "-f", "markdown", f, "-"],
        b"Short note\n\nA line.",
    ));
    let reports: Vec<&str> = out.split("\n---\n").collect();
    assert_eq!(reports.len(), 2, "{out}");
    assert!(reports.iter().all(|r| r.trim_start().starts_with("# ")));
    assert!(reports[0].contains(&f.replace('_', "\\_")));
}
