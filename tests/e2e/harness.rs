//! The e2e harness: serves the release `dist/` from a sub-path with `python3 -m http.server`,
//! starts chromedriver, and opens a headless Chromium session on the page.
//!
//! Both processes run in their own process group and are killed (with their children, e.g.
//! Chromium) when the `Page` is dropped, so a failing test leaves nothing behind.
// Each test uses part of the harness.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Where the app is served, under the server's root: proves relative URLs work.
pub const SUB_PATH: &str = "sub/app";

/// The dist folder under test: `E2E_DIST`, else `dist/` of this crate.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("E2E_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"))
}

/// Why the e2e tests cannot run here, if they cannot (no dist, no chromedriver).
/// With `E2E_REQUIRE=1` (CI) a missing prerequisite is a failure instead.
pub fn missing_prerequisite() -> Option<String> {
    let dist = dist_dir();
    let why = if !dist.join("index.html").is_file() {
        Some(format!(
            "{} has no index.html: run `trunk build --release` first",
            dist.display()
        ))
    } else if Command::new("chromedriver")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_err()
    {
        Some("chromedriver is not on PATH".to_string())
    } else {
        None
    };
    if let (Some(why), Ok("1")) = (&why, std::env::var("E2E_REQUIRE").as_deref()) {
        panic!("E2E_REQUIRE=1 but {why}");
    }
    why
}

/// A child process in its own process group, killed with its group on drop.
pub struct Group(Child);

impl Group {
    fn spawn(cmd: &mut Command) -> Group {
        let child = cmd
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
        Group(child)
    }

    pub fn kill(&mut self) {
        let pgid = format!("-{}", self.0.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &pgid])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.kill();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn wait_for_port(port: u16, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what} did not listen on port {port} within 20 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Browser sessions run side by side (`cargo test` runs tests in parallel), except one that
/// measures time: it waits until it is alone, and the others wait for it.
static TURNS: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// A page's place in `TURNS`, held for its whole life.
#[allow(dead_code)] // held, never read
enum Turn {
    Shared(tokio::sync::RwLockReadGuard<'static, ()>),
    Alone(tokio::sync::RwLockWriteGuard<'static, ()>),
}

/// A served page in a live browser session.
pub struct Page {
    pub client: Client,
    pub url: String,
    /// The server's root folder (files written here are served beside the app).
    pub www: PathBuf,
    pub server: Group,
    _driver: Group,
    driver_port: u16,
    _turn: Turn,
}

static N_PAGES: AtomicUsize = AtomicUsize::new(0);

impl Page {
    /// Serves the dist, starts a browser and opens the app; waits until the wasm has started.
    pub async fn open() -> Page {
        Page::start(Turn::Shared(TURNS.read().await)).await
    }

    /// `open`, with no other browser session running meanwhile: for tests that time things.
    pub async fn open_alone() -> Page {
        Page::start(Turn::Alone(TURNS.write().await)).await
    }

    async fn start(turn: Turn) -> Page {
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        let www = target.join(format!(
            "e2e-www-{}-{}",
            std::process::id(),
            N_PAGES.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&www);
        let app_dir = www.join(SUB_PATH);
        std::fs::create_dir_all(app_dir.parent().unwrap()).unwrap();
        let dist = std::fs::canonicalize(dist_dir()).expect("dist dir");
        std::os::unix::fs::symlink(&dist, &app_dir).expect("symlink dist");

        let port = free_port();
        let server = Group::spawn(
            Command::new("python3")
                .args([
                    "-m",
                    "http.server",
                    &port.to_string(),
                    "--bind",
                    "127.0.0.1",
                ])
                .arg("--directory")
                .arg(&www),
        );
        let driver_port = free_port();
        let driver =
            Group::spawn(Command::new("chromedriver").arg(format!("--port={driver_port}")));
        wait_for_port(port, "the static server");
        wait_for_port(driver_port, "chromedriver");

        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--no-default-browser-check", "--window-size=1280,1000",
                    "--disable-extensions", "--disable-sync", "--metrics-recording-only",
                ],
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("a WebDriver session");
        let url = format!("http://127.0.0.1:{port}/{SUB_PATH}/");
        let page = Page {
            client,
            url,
            www,
            server,
            _driver: driver,
            driver_port,
            _turn: turn,
        };
        page.load().await;
        page
    }

    /// Navigates to the app and waits until its wasm has started.
    pub async fn load(&self) {
        self.client.goto(&self.url).await.expect("goto");
        self.wait_until("window.wasmBindings !== undefined && document.getElementById('output')")
            .await;
    }

    /// Reloads and waits for the app.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("refresh");
        self.wait_until("window.wasmBindings !== undefined && document.getElementById('output')")
            .await;
    }

    /// Sends a DevTools protocol command to the page through chromedriver's
    /// `goog/cdp/execute` endpoint (plain HTTP on loopback) and returns its `value`.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        let session = self
            .client
            .session_id()
            .await
            .ok()
            .flatten()
            .expect("a session id");
        let body = json!({ "cmd": cmd, "params": params }).to_string();
        let request = format!(
            "POST /session/{session}/goog/cdp/execute HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.driver_port,
            body.len()
        );
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.driver_port)).expect("connect to chromedriver");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        stream.write_all(request.as_bytes()).expect("send");
        // chromedriver keeps the connection open: read the head, then Content-Length bytes.
        let mut response = Vec::new();
        let mut byte = [0u8; 1];
        while !response.ends_with(b"\r\n\r\n") {
            stream
                .read_exact(&mut byte)
                .expect("read the answer's head");
            response.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&response).to_string();
        assert!(head.starts_with("HTTP/1.1 200"), "{cmd}: {head}");
        let length = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())?
            })
            .expect("Content-Length");
        let mut answer = vec![0u8; length];
        stream.read_exact(&mut answer).expect("read the answer");
        let answer = String::from_utf8_lossy(&answer);
        serde_json::from_str::<Value>(&answer).expect("JSON answer")["value"].clone()
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs async `script`: it must call `arguments[arguments.length - 1](value)`.
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}\n{script}"))
    }

    /// Polls a JS expression until it is truthy (30 s limit: a passing wait returns as soon as
    /// the page is there, and a loaded 2-core CI machine running two Chromiums at once can be
    /// several times slower than a quiet one).
    pub async fn wait_until(&self, expr: &str) {
        self.wait_until_within(expr, Duration::from_secs(30)).await;
    }

    /// `wait_until` with its own limit, for waits on work that grows with the input.
    pub async fn wait_until_within(&self, expr: &str, limit: Duration) {
        let start = Instant::now();
        let script = format!("return !!({expr});");
        loop {
            if let Ok(Value::Bool(true)) = self.client.execute(&script, vec![]).await {
                return;
            }
            if start.elapsed() > limit {
                let body = self
                    .client
                    .execute("return document.body.innerText.slice(0, 2000)", vec![])
                    .await
                    .unwrap_or_default();
                panic!("timed out waiting for `{expr}`; page text:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
    }

    /// Sets the text box as if the user had typed or pasted `text`, then waits for the analysis.
    pub async fn set_text(&self, text: &str) {
        self.js(
            "const t = document.getElementById('article-input');
             t.value = arguments[0];
             t.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(text)],
        )
        .await;
        self.wait_analysed(text).await;
    }

    /// Waits until the page shows the analysis of `text` (its word count in the stats).
    pub async fn wait_analysed(&self, text: &str) {
        let words = self.words_of(text).await;
        self.wait_words(words).await;
    }

    /// The word count the page's stats show for `text` (from the JS API, which runs on the
    /// page's main thread: for a big text, ask before pasting, or it delays the page's work).
    pub async fn words_of(&self, text: &str) -> u64 {
        self.js(
            "return window.wasmBindings.analyze(arguments[0]).stats.words;",
            vec![json!(text)],
        )
        .await
        .as_u64()
        .unwrap()
    }

    /// Waits until the page's stats show `words` words.
    pub async fn wait_words(&self, words: u64) {
        self.wait_until(&format!(
            "(document.querySelector('[data-stat=\"words\"]') || {{}}).textContent === '{words}'"
        ))
        .await;
    }

    /// The JS API's analysis of `text`.
    pub async fn api(&self, text: &str) -> Value {
        self.js(
            "return window.wasmBindings.analyze(arguments[0]);",
            vec![json!(text)],
        )
        .await
    }

    pub async fn count(&self, selector: &str) -> usize {
        self.client
            .find_all(Locator::Css(selector))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    pub async fn text_of(&self, selector: &str) -> String {
        self.js(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
            vec![json!(selector)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Saves a screenshot under `target/`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(name);
        std::fs::write(&path, png).expect("write screenshot");
    }

    /// Writes `line` to stderr and to `target/e2e-<name>.txt`, where scripts/test.sh prints
    /// it at the end of the run (cargo test keeps a passing test's stderr to itself).
    pub fn report(&self, name: &str, line: &str) {
        eprintln!("{line}");
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("e2e-{name}.txt"));
        std::fs::write(&path, format!("{line}\n")).expect("write report");
    }

    /// Ends the session (the processes die when the `Page` drops).
    pub async fn close(self) {
        let Page { client, www, .. } = self;
        let _ = client.close().await;
        let _ = std::fs::remove_dir_all(www);
    }
}
