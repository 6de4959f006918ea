//! Command-line glue: argument parsing, I/O and output formats; all analysis is
//! `article_explorer::analyze`.

mod pipeline;
mod render;

use article_explorer::{analyze, decode, export::export, html};
use clap::{Parser, Subcommand, ValueEnum};
use pipeline::{Limits, Progress};
use render::CsvTable;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "article-explorer",
    version,
    about = "Take a news article apart: sections, entities, facts."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The analysis JSON (keys title, sections, entities, facts, stats, diagnostics).
    Json,
    /// A readable report: title, sections outline, entities by kind with roles, facts table.
    Markdown,
    /// One CSV table, chosen with --csv, with a header row.
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles (files, or `-` for standard input) and print the result.
    ///
    /// Files that are not UTF-8 are decoded (UTF-16 with a BOM, else Windows-1252) with a
    /// notice on stderr; .html/.htm files (or any input with --html) are turned into text
    /// first. Several files are analysed in parallel and printed in the order given; for a
    /// whole corpus, --files-from reads the paths from a file or stdin, one per line.
    ///
    /// Output per format:
    ///   json, one article: one JSON object.
    ///   json, several (or --files-from): JSON lines, one object per path with a "path" key
    ///     first; a file that cannot be read gives {"path": ..., "error": ...} and the exit
    ///     status is 1 (the other files are still printed).
    ///   markdown: one report per article, separated by a line "---".
    ///   csv: one header row, then the rows of every article; the first column is the path
    ///     ("-" for stdin). --csv entities (default): id, kind, name, salience, mentions,
    ///     roles ("; "-joined), country, value. --csv facts: index, kind, subject,
    ///     subject_entity, predicate, object, object_entity, qualifiers ("key: value; ..."),
    ///     evidence_start, evidence_end, evidence, section. --csv mentions: entity, kind,
    ///     name, start, end, text. Offsets are Unicode code points, as in the JSON.
    #[command(verbatim_doc_comment)]
    Analyze {
        /// Articles to analyse; `-` or nothing reads standard input.
        paths: Vec<PathBuf>,
        /// Also analyse the paths listed in this file (`-` = stdin), one per line.
        #[arg(long, value_name = "FILE")]
        files_from: Option<PathBuf>,
        /// Treat every input as HTML (.html and .htm files always are).
        #[arg(long)]
        html: bool,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Indent the JSON (with several paths: one indented object after another).
        #[arg(long)]
        pretty: bool,
        /// Which table --format csv prints.
        #[arg(long, value_enum, default_value_t = CsvTable::Entities)]
        csv: CsvTable,
        /// Worker threads when several paths are given (0 = one per core).
        #[arg(long, short = 'j', default_value_t = 0)]
        threads: usize,
    },
    /// Analyse a stream of articles: JSON lines in on stdin, JSON lines out on stdout.
    ///
    /// Each input line is an object {"id": ..., "text": "..."} or {"id": ..., "html": "..."}
    /// (other keys are ignored; the id may be any JSON value and is copied as is). Each output line is
    /// {"id": ..., <the analyze JSON>}, in input order. A line that is not such an object
    /// gives {"id": <id or null>, "line": N, "error": "..."} and the run goes on. Blank
    /// lines are skipped.
    ///
    /// Works on all cores with bounded memory: lines are read in chunks, each chunk is
    /// analysed in parallel and written in order while the next is read. Progress goes to
    /// stderr when it is a terminal. Fits Hadoop Streaming and Spark's RDD.pipe as is.
    #[command(verbatim_doc_comment)]
    Batch {
        /// Worker threads (0 = one per core).
        #[arg(long, short = 'j', default_value_t = 0)]
        threads: usize,
        /// Lines per chunk: more keeps cores busier, fewer lowers memory and latency.
        #[arg(long, default_value_t = 1024)]
        chunk_lines: usize,
        /// Megabytes of input per chunk at most, whatever --chunk-lines says.
        #[arg(long, default_value_t = 32)]
        chunk_mb: usize,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze {
            paths,
            files_from,
            html,
            format,
            pretty,
            csv,
            threads,
        } => analyze_paths(
            paths,
            files_from,
            Options {
                format,
                pretty,
                csv,
                html,
            },
            threads,
        ),
        Command::Batch {
            threads,
            chunk_lines,
            chunk_mb,
        } => batch(
            threads,
            Limits {
                max_items: chunk_lines,
                max_bytes: chunk_mb.saturating_mul(1 << 20),
            },
        )
        .map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // `article-explorer ... | head` closes the pipe: that is the reader's choice, not an
        // error of ours.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("article-explorer: {e}");
            ExitCode::FAILURE
        }
    }
}

/// How `analyze` reads and prints each article.
#[derive(Clone, Copy)]
struct Options {
    format: Format,
    pretty: bool,
    csv: CsvTable,
    /// Every input is HTML.
    html: bool,
}

/// One article read for `analyze`: its name for output, its bytes or why not, and whether
/// it is HTML.
struct Input {
    name: String,
    bytes: io::Result<Vec<u8>>,
    html: bool,
}

fn is_html_path(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// What `analyze` prints for one article.
struct Output {
    stdout: Vec<u8>,
    stderr: Option<String>,
    failed: bool,
}

/// Analyses every path (in parallel when there are several) and prints them in order.
/// Returns whether every path could be read.
fn analyze_paths(
    paths: Vec<PathBuf>,
    files_from: Option<PathBuf>,
    opts: Options,
    threads: usize,
) -> io::Result<bool> {
    let Options { format, csv, .. } = opts;
    let list_on_stdin = files_from.as_ref().is_some_and(|f| f.as_os_str() == "-");
    let paths = if paths.is_empty() && files_from.is_none() {
        vec![PathBuf::from("-")]
    } else {
        paths
    };
    let n_stdin =
        paths.iter().filter(|p| p.as_os_str() == "-").count() + usize::from(list_on_stdin);
    if n_stdin > 1 {
        return Err(io::Error::other(
            "standard input (`-`) may be used only once",
        ));
    }
    let listed: Box<dyn Iterator<Item = io::Result<PathBuf>> + Send> = match &files_from {
        None => Box::new(std::iter::empty()),
        Some(list) => {
            let reader: Box<dyn BufRead + Send> = if list_on_stdin {
                Box::new(io::BufReader::new(io::stdin()))
            } else {
                let file = std::fs::File::open(list)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", list.display())))?;
                Box::new(io::BufReader::new(file))
            };
            Box::new(
                reader
                    .lines()
                    .filter(|l| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
                    .map(|l| l.map(PathBuf::from)),
            )
        }
    };
    let several = paths.len() > 1 || files_from.is_some();
    if format == Format::Csv {
        io::stdout()
            .lock()
            .write_all(render::csv_header(csv).as_bytes())?;
    }
    let all_ok = Arc::new(AtomicBool::new(true));
    let ok = Arc::clone(&all_ok);
    let mut first = true;
    let mut queue = paths.into_iter().map(Ok).chain(listed);
    let read = move || -> io::Result<Option<(Input, usize)>> {
        let Some(path) = queue.next().transpose()? else {
            return Ok(None);
        };
        let input = if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            let read = io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes);
            Input {
                name: "-".into(),
                bytes: read,
                html: opts.html,
            }
        } else {
            Input {
                name: path.display().to_string(),
                bytes: std::fs::read(&path),
                html: opts.html || is_html_path(&path),
            }
        };
        let n = input.bytes.as_ref().map_or(0, Vec::len);
        Ok(Some((input, n)))
    };
    let work = |input: Input| analyze_one(input, opts, several);
    let write = move |chunk: Vec<Output>| -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        for out in chunk {
            if let Some(msg) = out.stderr {
                eprintln!("article-explorer: {msg}");
            }
            if out.failed {
                ok.store(false, Ordering::Relaxed);
            }
            if out.stdout.is_empty() {
                continue;
            }
            if format == Format::Markdown && !first {
                stdout.write_all(b"\n---\n\n")?;
            }
            first = false;
            stdout.write_all(&out.stdout)?;
        }
        stdout.flush()
    };
    // Whole files are the unit here; a few per chunk keeps memory low for big files.
    let limits = Limits {
        max_items: 64,
        max_bytes: 64 << 20,
    };
    pipeline::run(threads, limits, read, work, write, progress_line())?;
    Ok(all_ok.load(Ordering::Relaxed))
}

fn analyze_one(input: Input, opts: Options, several: bool) -> Output {
    let Options {
        format,
        pretty,
        csv,
        ..
    } = opts;
    let bytes = match input.bytes {
        Ok(b) => b,
        Err(e) => {
            let message = e.to_string();
            let stdout = if format == Format::Json && several {
                let path = serde_json::Value::String(input.name.clone());
                let mut line = render::json_error(&[("path", &path)], &message);
                line.push(b'\n');
                line
            } else {
                Vec::new()
            };
            return Output {
                stdout,
                stderr: Some(format!("{}: {message}", input.name)),
                failed: true,
            };
        }
    };
    let decoded = decode::decode(&bytes);
    drop(bytes);
    let stderr = decoded.notice.map(|n| format!("{}: {n}", input.name));
    let text = if input.html {
        html::to_text(&decoded.text)
    } else {
        decoded.text
    };
    let analysis = analyze(&text);
    let exported = export(&text, &analysis);
    let mut stdout = match format {
        Format::Json if several => render::json(Some(("path", &input.name)), &exported, pretty),
        Format::Json => render::json(None::<(&str, &u8)>, &exported, pretty),
        Format::Markdown => render::markdown(&input.name, &exported).into_bytes(),
        Format::Csv => render::csv_rows(&input.name, &exported, csv).into_bytes(),
    };
    if format == Format::Json {
        stdout.push(b'\n');
    }
    Output {
        stdout,
        stderr,
        failed: false,
    }
}

/// An input line of `batch` and its 1-based number.
type Line = (u64, Vec<u8>);

/// Reads JSON lines on stdin and writes one analysis (or error) line per input line.
fn batch(threads: usize, limits: Limits) -> io::Result<()> {
    // `Stdin` rather than its lock: the reader runs on its own thread and locks are not Send.
    let mut input = io::BufReader::with_capacity(1 << 20, io::stdin());
    let mut line_no = 0u64;
    let read = move || -> io::Result<Option<(Line, usize)>> {
        loop {
            let mut line = Vec::new();
            let n = input.read_until(b'\n', &mut line)?;
            if n == 0 {
                return Ok(None);
            }
            line_no += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Ok(Some(((line_no, line), n)));
        }
    };
    let work = |(line_no, line): Line| batch_record(line_no, &line);
    // One write and flush per chunk, so a downstream consumer (Spark, a pipe) sees results
    // steadily.
    let mut buffer = Vec::new();
    let write = move |chunk: Vec<Vec<u8>>| -> io::Result<()> {
        buffer.clear();
        for record in chunk {
            buffer.extend_from_slice(&record);
        }
        let mut stdout = io::stdout().lock();
        stdout.write_all(&buffer)?;
        stdout.flush()
    };
    pipeline::run(threads, limits, read, work, write, progress_line())
}

/// The output line (with its newline) for input line number `line_no`.
fn batch_record(line_no: u64, line: &[u8]) -> Vec<u8> {
    use serde_json::Value;
    // JSON lines should be UTF-8, but a stray Latin-1 byte should cost one article, not be
    // an error: decode like a file would be.
    let parsed = match std::str::from_utf8(line) {
        Ok(s) => serde_json::from_str::<Value>(s),
        Err(_) => serde_json::from_str::<Value>(&decode::decode(line).text),
    };
    let fail = |id: &Value, message: &str| {
        let mut out = render::json_error(&[("id", id), ("line", &Value::from(line_no))], message);
        out.push(b'\n');
        out
    };
    let mut object = match parsed {
        Ok(Value::Object(o)) => o,
        Ok(_) => return fail(&Value::Null, "the line is not a JSON object"),
        Err(e) => return fail(&Value::Null, &format!("invalid JSON: {e}")),
    };
    let id = object.remove("id").unwrap_or(Value::Null);
    let text = match (object.remove("text"), object.remove("html")) {
        (Some(Value::String(t)), _) => t,
        (Some(_), _) => return fail(&id, "\"text\" is not a string"),
        (None, Some(Value::String(h))) => html::to_text(&h),
        (None, Some(_)) => return fail(&id, "\"html\" is not a string"),
        (None, None) => return fail(&id, "missing \"text\" (or \"html\")"),
    };
    drop(object);
    let analysis = analyze(&text);
    let mut out = render::json(Some(("id", &id)), &export(&text, &analysis), false);
    out.push(b'\n');
    out
}

/// A progress reporter: a one-line counter on stderr when stderr is a terminal, nothing
/// otherwise (logs and pipes stay clean).
fn progress_line() -> impl FnMut(Progress) {
    let tty = io::stderr().is_terminal();
    let mut last = std::time::Instant::now();
    let mut shown = false;
    move |p: Progress| {
        if !tty || (shown && !p.finished && last.elapsed().as_millis() < 200) {
            return;
        }
        last = std::time::Instant::now();
        shown = true;
        let mb = p.bytes as f64 / 1e6;
        let secs = p.seconds.max(1e-9);
        eprint!(
            "\r{} docs  {:.1} MB  {:.0} docs/s  {:.2} MB/s   {}",
            p.items,
            mb,
            p.items as f64 / secs,
            mb / secs,
            if p.finished { "\n" } else { "" }
        );
        let _ = io::stderr().flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(line: &str) -> serde_json::Value {
        serde_json::from_slice(&batch_record(7, line.as_bytes())).unwrap()
    }

    #[test]
    fn batch_record_keeps_the_id_and_adds_the_analysis() {
        let r = record(r#"{"id": {"doc": 3}, "text": "Title\n\nSome text.", "x": 1}"#);
        assert_eq!(r["id"], serde_json::json!({"doc": 3}));
        for key in ["title", "sections", "entities", "facts", "stats"] {
            assert!(r.get(key).is_some(), "missing {key}");
        }
        assert!(r.get("x").is_none());
    }

    #[test]
    fn batch_record_reports_errors_with_id_and_line() {
        let r = record(r#"{"id": "a", "text": 5}"#);
        assert_eq!(r["id"], "a");
        assert_eq!(r["line"], 7);
        assert!(r["error"].as_str().unwrap().contains("text"));
        assert!(record("not json")["error"]
            .as_str()
            .unwrap()
            .starts_with("invalid JSON"));
        assert_eq!(record("[1, 2]")["id"], serde_json::Value::Null);
        assert!(record(r#"{"id": 1}"#)["error"]
            .as_str()
            .unwrap()
            .contains("missing"));
    }

    #[test]
    fn batch_record_survives_non_utf8_lines() {
        let mut line = br#"{"id": 1, "text": "costs "#.to_vec();
        line.push(0xA3);
        line.extend_from_slice(br#"5"}"#);
        let r: serde_json::Value = serde_json::from_slice(&batch_record(1, &line)).unwrap();
        assert_eq!(r["id"], 1);
        assert!(r.get("error").is_none(), "{r}");
    }
}
