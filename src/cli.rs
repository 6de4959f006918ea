//! Command-line glue: argument parsing and I/O only; all analysis is `article_explorer::analyze`.

use article_explorer::analyze_to_json;
use clap::{Parser, Subcommand};
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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

#[derive(Subcommand)]
enum Command {
    /// Print the analysis of one article (a file, or `-` for standard input) as JSON.
    Analyze {
        /// The article; `-` or nothing reads standard input.
        path: Option<PathBuf>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Read JSON lines `{"id": ..., "text": ...}` on stdin, write one JSON line per input in
    /// input order: `{"id": ..., <analysis>}` or `{"id": ..., "error": "..."}`.
    Batch,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze { path, pretty } => analyze(path, pretty),
        Command::Batch => batch(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("article-explorer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read_input(path: Option<PathBuf>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match path {
        None => std::io::stdin().read_to_end(&mut bytes).map(drop),
        Some(p) if p.as_os_str() == "-" => std::io::stdin().read_to_end(&mut bytes).map(drop),
        Some(p) => std::fs::read(&p)
            .map(|b| bytes = b)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", p.display()))),
    }
    .map_err(|e| e.to_string())?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn analyze(path: Option<PathBuf>, pretty: bool) -> Result<(), String> {
    let text = read_input(path)?;
    let json = analyze_to_json(&text);
    let out = if pretty {
        serde_json::to_string_pretty(&json)
    } else {
        serde_json::to_string(&json)
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", out.map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// One output record for one input line.
fn batch_record(line: &str) -> serde_json::Value {
    let parsed: Result<serde_json::Value, _> = serde_json::from_str(line);
    let (id, text) = match parsed {
        Ok(serde_json::Value::Object(mut o)) => {
            let id = o.remove("id").unwrap_or(serde_json::Value::Null);
            match o.remove("text") {
                Some(serde_json::Value::String(t)) => (id, Ok(t)),
                Some(_) => (id, Err("\"text\" is not a string".to_string())),
                None => (id, Err("missing \"text\"".to_string())),
            }
        }
        Ok(_) => (
            serde_json::Value::Null,
            Err("the line is not a JSON object".to_string()),
        ),
        Err(e) => (serde_json::Value::Null, Err(format!("invalid JSON: {e}"))),
    };
    let mut record = serde_json::Map::new();
    record.insert("id".into(), id);
    match text {
        Ok(t) => {
            if let serde_json::Value::Object(fields) = analyze_to_json(&t) {
                record.extend(fields);
            }
        }
        Err(e) => {
            record.insert("error".into(), e.into());
        }
    }
    serde_json::Value::Object(record)
}

fn batch() -> Result<(), String> {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.split(b'\n') {
        let line = line.map_err(|e| e.to_string())?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        let record = batch_record(&line);
        serde_json::to_writer(&mut stdout, &record).map_err(|e| e.to_string())?;
        stdout.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    stdout.flush().map_err(|e| e.to_string())
}
