//! End-to-end tests: the release `dist/` served from a sub-path on 127.0.0.1, driven in
//! headless Chromium over WebDriver. Needs `trunk build --release` first (or `E2E_DIST=dir`);
//! skipped with a message when dist/ or chromedriver is missing, unless `E2E_REQUIRE=1`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/harness.rs"]
mod harness;

use std::time::Duration;

use fantoccini::{key::Key, Locator};
use harness::{missing_prerequisite, Page};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../assets/sample.txt");

/// User text reaches the DOM only as text: no HTML-parsing sink anywhere in the page's code.
#[test]
fn page_code_never_inserts_html() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("boot.js"), root.join("sw.js")];
    for entry in std::fs::read_dir(root.join("src/web")).unwrap() {
        files.push(entry.unwrap().path());
    }
    let sinks = [
        ["inner", "_html"].concat(),
        ["inner", "HTML"].concat(),
        ["outer", "HTML"].concat(),
        ["outer", "_html"].concat(),
        ["insertAdjacent", "HTML"].concat(),
        ["insert_adjacent", "_html"].concat(),
        ["document", ".write"].concat(),
        ["create", "ContextualFragment"].concat(),
    ];
    for file in files {
        let code = std::fs::read_to_string(&file).unwrap();
        for sink in &sinks {
            assert!(
                !code.contains(sink.as_str()),
                "{} uses {sink}",
                file.display()
            );
        }
    }
}

/// The page's worker sends the `Analysis` to the page as JSON: it must come back whole.
#[test]
fn analysis_round_trips_through_json() {
    let text = format!("{SAMPLE}\n\nBy Jane Doe\n\n“We will stay,” she said on 5 March 2024.");
    let analysis = article_explorer::analyze(&text);
    let json = serde_json::to_string(&analysis).unwrap();
    let back: article_explorer::Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back.doc, analysis.doc);
    assert_eq!(back.entities, analysis.entities);
    assert_eq!(back.facts, analysis.facts);
    assert_eq!(back.stats, analysis.stats);
    let messages = |a: &article_explorer::Analysis| {
        a.diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(messages(&back), messages(&analysis));
}

/// Opens the page, or returns `None` (after saying why) when the tests cannot run here.
async fn open() -> Option<Page> {
    if let Some(why) = missing_prerequisite() {
        eprintln!("skipped: {why}");
        return None;
    }
    Some(Page::open().await)
}

/// Asserts the page shows what the core found for `text`: one `<details class="section">`
/// per section, one entity element per entity, one fact row per fact.
async fn assert_rendered(page: &Page, text: &str) {
    let api = page.api(text).await;
    let n_sections = api["sections"].as_array().unwrap().len();
    let n_entities = api["entities"].as_array().unwrap().len();
    let n_facts = api["facts"].as_array().unwrap().len();
    assert!(
        n_sections > 0,
        "the core found no section in a real article"
    );
    page.wait_until(&format!(
        "document.querySelectorAll('details.section').length === {n_sections}"
    ))
    .await;
    assert_eq!(
        page.count("#entities [data-entity-kind][data-entity-name]")
            .await,
        n_entities.min(200 * 8)
    );
    assert_eq!(
        page.count("table#facts tbody tr[data-fact-kind]").await,
        n_facts.min(500)
    );
    // The section bodies hold the whole text: every paragraph is drawn.
    let n_paragraphs = api["stats"]["paragraphs"].as_u64().unwrap() as usize;
    page.wait_until(&format!(
        "document.querySelectorAll('#sections p[data-p]').length === {n_paragraphs}"
    ))
    .await;
    // Every entity's mentions are highlighted in the text.
    for e in api["entities"].as_array().unwrap().iter().take(20) {
        let id = e["id"].as_u64().unwrap();
        let marks = page.count(&format!("mark[data-e=\"{id}\"]")).await;
        assert!(marks > 0, "no <mark> for entity {e}");
    }
}

/// Clicking a fact row highlights its evidence; headers sort; the kind filter filters;
/// selecting an entity keeps only the facts involving it.
async fn check_fact_interactions(page: &Page, text: &str) {
    let api = page.api(text).await;
    let facts = api["facts"].as_array().unwrap().clone();
    if facts.is_empty() {
        return;
    }
    let click = |selector: String| async move {
        page.client
            .find(Locator::Css(&selector))
            .await
            .unwrap_or_else(|e| panic!("{selector}: {e}"))
            .click()
            .await
            .unwrap();
    };
    click("table#facts tbody tr[data-fact]".into()).await;
    page.wait_until("document.querySelectorAll('#sections .s.evidence').length > 0")
        .await;
    let evidence = page.text_of("#sections .s.evidence").await;
    let first = page
        .js(
            "return Number(document.querySelector('table#facts tbody tr[data-fact]').dataset.fact);",
            vec![],
        )
        .await
        .as_u64()
        .unwrap() as usize;
    let expected = facts[first]["evidence"]["text"].as_str().unwrap();
    assert!(
        expected.contains(evidence.trim()),
        "{evidence:?} not in {expected:?}"
    );

    click("button[data-sort=\"1\"]".into()).await;
    page.wait_until(
        "document.querySelector('th.col-subject').getAttribute('aria-sort') === 'ascending'",
    )
    .await;

    let kind = facts[0]["kind"].as_str().unwrap();
    page.js(
        "const s = document.getElementById('fact-kind'); s.value = arguments[0];
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![json!(kind)],
    )
    .await;
    let n_kind = facts.iter().filter(|f| f["kind"] == kind).count();
    assert_eq!(page.count("table#facts tbody tr[data-fact]").await, n_kind);
    assert_eq!(
        page.count(&format!("table#facts tbody tr[data-fact-kind=\"{kind}\"]"))
            .await,
        n_kind
    );

    // The entity a fact is about: selecting it narrows the table to its facts.
    let about = facts.iter().find_map(|f| {
        f["subject"]["entity"]
            .as_u64()
            .filter(|_| f["kind"] == kind)
    });
    if let Some(id) = about {
        click(format!("#entities button[data-entity-id=\"{id}\"]")).await;
        page.wait_until("!document.getElementById('fact-scope').hidden")
            .await;
        let involving = facts
            .iter()
            .filter(|f| f["kind"] == kind)
            .filter(|f| {
                let is = |v: &Value| v["entity"].as_u64() == Some(id);
                is(&f["subject"])
                    || is(&f["object"])
                    || f["qualifiers"].as_object().is_some_and(|q| {
                        q.values()
                            .any(|v| is(v) || v.as_array().is_some_and(|a| a.iter().any(is)))
                    })
            })
            .count();
        assert_eq!(
            page.count("table#facts tbody tr[data-fact]").await,
            involving
        );
        assert!(page.count(&format!("mark.selected[data-e=\"{id}\"]")).await > 0);
    }
}

#[tokio::test]
async fn pasted_article_renders_sections_entities_and_facts() {
    let Some(page) = open().await else { return };
    page.set_text(SAMPLE).await;
    assert_rendered(&page, SAMPLE).await;
    // The text pane shows the article's words, not markup.
    let shown = page.text_of("#sections").await;
    assert!(shown.contains("Healey announced an additional £225 million"));
    let words = page.text_of("[data-stat=\"words\"]").await;
    assert!(words.parse::<usize>().unwrap() > 500, "words: {words}");
    page.screenshot("e2e.png").await;
    check_fact_interactions(&page, SAMPLE).await;
    // Phone width: the panes stack (entities below the text, not beside it).
    page.client.set_window_size(400, 900).await.unwrap();
    page.wait_until(
        "document.getElementById('entities-pane').getBoundingClientRect().top >= \
         document.getElementById('sections-pane').getBoundingClientRect().bottom",
    )
    .await;
    page.screenshot("e2e-phone.png").await;
    page.close().await;
}

#[tokio::test]
async fn sample_button_and_typing_analyse_without_pressing_anything() {
    let Some(page) = open().await else { return };
    page.client
        .find(Locator::Css("[data-action=\"sample\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.wait_analysed(SAMPLE).await;
    let value = page
        .js(
            "return document.getElementById('article-input').value;",
            vec![],
        )
        .await;
    assert_eq!(value.as_str(), Some(SAMPLE));
    assert_rendered(&page, SAMPLE).await;

    // Real keystrokes: clear, then type; the debounced analysis follows.
    let input = page
        .client
        .find(Locator::Css("#article-input"))
        .await
        .unwrap();
    input.clear().await.unwrap();
    let typed = "Storm Hits Coast\n\nHeavy rain fell on Tuesday.\nRoads were closed.";
    input.send_keys(typed).await.unwrap();
    page.wait_analysed(typed).await;
    assert!(page
        .text_of("#sections")
        .await
        .contains("Roads were closed."));
    page.close().await;
}

#[tokio::test]
async fn pasted_markup_is_shown_as_text_and_never_runs() {
    let Some(page) = open().await else { return };
    page.js(
        "window.__ran = 0; window.alert = () => { window.__ran += 1; };",
        vec![],
    )
    .await;
    let evil = "Breaking News\n\n<script>alert(1)</script> was typed by Mr Smith.\n\
                An image <img src=x onerror=\"window.__ran += 1\"> and \
                <iframe src=\"javascript:alert(2)\"></iframe> too.";
    page.set_text(evil).await;
    let shown = page.text_of("#sections").await;
    assert!(shown.contains("<script>alert(1)</script>"), "{shown}");
    assert!(shown.contains("<img src=x onerror="), "{shown}");
    assert_eq!(
        page.count("#output script, #output img, #output iframe")
            .await,
        0
    );
    // Give an injected handler time to fire, then check nothing ran.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(page.js("return window.__ran;", vec![]).await, json!(0));
    page.close().await;
}

#[tokio::test]
async fn reload_restores_the_text_and_clear_empties_it() {
    let Some(page) = open().await else { return };
    let text = "Council Vote\n\nThe council voted on Monday to close the library.";
    page.set_text(text).await;
    // View state is kept too: the facts kind filter, the entity filter, the theme.
    page.js(
        "const s = document.getElementById('fact-kind'); s.value = 'quote';
         s.dispatchEvent(new Event('change', { bubbles: true }));
         const f = document.getElementById('entity-filter'); f.value = 'coun';
         f.dispatchEvent(new Event('input', { bubbles: true }));
         document.getElementById('theme-button').click();",
        vec![],
    )
    .await;
    page.reload().await;
    let value = page
        .js(
            "return document.getElementById('article-input').value;",
            vec![],
        )
        .await;
    assert_eq!(value.as_str(), Some(text));
    page.wait_analysed(text).await;
    let view = page
        .js(
            "return [document.getElementById('fact-kind').value,
                     document.getElementById('entity-filter').value,
                     document.documentElement.dataset.theme];",
            vec![],
        )
        .await;
    assert_eq!(view, json!(["quote", "coun", "dark"]));

    page.client
        .find(Locator::Css("[data-action=\"clear\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.wait_until("document.getElementById('article-input').value === ''")
        .await;
    page.wait_until("document.querySelectorAll('#sections p[data-p]').length === 0")
        .await;
    page.reload().await;
    let value = page
        .js(
            "return document.getElementById('article-input').value;",
            vec![],
        )
        .await;
    assert_eq!(value.as_str(), Some(""));
    page.close().await;
}

#[tokio::test]
async fn over_limit_text_gets_a_message_not_a_hang() {
    let Some(page) = open().await else { return };
    page.js(
        "const t = document.getElementById('article-input');
         t.value = 'word '.repeat(4300000);
         t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![],
    )
    .await;
    page.wait_until(
        "!document.getElementById('analysis-notice').hidden && \
         /limit/.test(document.getElementById('analysis-notice').textContent)",
    )
    .await;
    assert_eq!(page.count("#sections p[data-p]").await, 0);
    page.close().await;
}

#[tokio::test]
async fn keyboard_only_flow_and_theme_screenshots() {
    let Some(page) = open().await else { return };
    // Focus the input from the page's first tab stops, then type.
    let body = page.client.find(Locator::Css("body")).await.unwrap();
    body.send_keys(&Key::Tab.to_string()).await.unwrap();
    let active = page.client.active_element().await.unwrap();
    assert_eq!(
        active.attr("href").await.unwrap().as_deref(),
        Some("#article-input"),
        "the first tab stop is the skip link to the text box"
    );
    active.send_keys(&Key::Enter.to_string()).await.unwrap();
    page.wait_until("document.activeElement.id === 'article-input'")
        .await;
    let input = page.client.active_element().await.unwrap();
    input.send_keys(SAMPLE).await.unwrap();
    page.wait_analysed(SAMPLE).await;

    let api = page.api(SAMPLE).await;
    let target = if api["entities"].as_array().unwrap().is_empty() {
        // No entities yet (core not there): the sections' summaries are the target.
        "summary"
    } else {
        "[data-entity-name]"
    };
    let mut reached = false;
    for _ in 0..80 {
        let active = page.client.active_element().await.unwrap();
        active.send_keys(&Key::Tab.to_string()).await.unwrap();
        let hit = page
            .js(
                "return document.activeElement.matches(arguments[0]);",
                vec![json!(target)],
            )
            .await;
        if hit == Value::Bool(true) {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached {target}");
    let active = page.client.active_element().await.unwrap();
    active.send_keys(&Key::Enter.to_string()).await.unwrap();
    if target == "summary" {
        page.wait_until("!document.activeElement.parentElement.open")
            .await;
    } else {
        page.wait_until("document.activeElement.getAttribute('aria-pressed') === 'true'")
            .await;
        let id = page
            .js("return document.activeElement.dataset.entityId;", vec![])
            .await;
        page.wait_until(&format!(
            "document.querySelectorAll('mark.selected[data-e=\"{}\"]').length > 0",
            id.as_str().unwrap()
        ))
        .await;
        // `n` moves to the next mention without the mouse.
        let active = page.client.active_element().await.unwrap();
        active.send_keys("n").await.unwrap();
        page.wait_until("document.querySelectorAll('mark.current').length === 1")
            .await;
    }
    // `?` opens the shortcut list, Escape closes it.
    let active = page.client.active_element().await.unwrap();
    active.send_keys("?").await.unwrap();
    page.wait_until("!document.getElementById('help').hidden")
        .await;
    let active = page.client.active_element().await.unwrap();
    active.send_keys(&Key::Escape.to_string()).await.unwrap();
    page.wait_until("document.getElementById('help').hidden")
        .await;
    page.screenshot("e2e-light.png").await;
    // One palette for both themes (light-dark()): the page background follows the theme.
    let background = "return getComputedStyle(document.body).backgroundColor;";
    assert_eq!(
        page.js(background, vec![]).await,
        json!("rgb(251, 251, 248)")
    );
    page.client
        .find(Locator::Css("#theme-button"))
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    page.wait_until("document.documentElement.dataset.theme === 'dark'")
        .await;
    page.screenshot("e2e-dark.png").await;
    assert_eq!(page.js(background, vec![]).await, json!("rgb(18, 20, 23)"));
    page.close().await;
}

/// Captures the blobs the page downloads (the Download button goes through
/// `URL.createObjectURL`), so a test can read what the user would get.
const CAPTURE_DOWNLOADS: &str = "
    window.__blobs = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = function (blob) { window.__blobs.push(blob); return create.call(URL, blob); };
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));";

/// Chooses `format` in the export menu, clicks Download and returns the file's text.
async fn download(page: &Page, format: &str) -> String {
    page.js(
        "const s = document.getElementById('export-format'); s.value = arguments[0];
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![json!(format)],
    )
    .await;
    let before = page.js("return window.__blobs.length;", vec![]).await;
    page.client
        .find(Locator::Css("[data-action=\"download\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.wait_until(&format!("window.__blobs.length > {before}"))
        .await;
    page.js_async(
        "const done = arguments[arguments.length - 1];
         window.__blobs[window.__blobs.length - 1].text().then(done);",
        vec![],
    )
    .await
    .as_str()
    .unwrap()
    .to_string()
}

/// The path and values of the first place where two JSON values differ.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                let (u, v) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                first_difference(u, v, &format!("{path}.{k}"))
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, v))| first_difference(u, v, &format!("{path}[{i}]"))),
        // JavaScript has one number type: 1 and 1.0 are the same value.
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => None,
        _ if a == b => None,
        _ => {
            let short = |v: &Value| v.to_string().chars().take(300).collect::<String>();
            Some(format!("{path}: {} != {}", short(a), short(b)))
        }
    }
}

#[tokio::test]
async fn exports_match_the_cli_and_no_request_leaves_127_0_0_1() {
    let Some(page) = open().await else { return };
    page.js(CAPTURE_DOWNLOADS, vec![]).await;
    page.set_text(SAMPLE).await;

    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_article-explorer"))
        .args([
            "analyze",
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.txt"),
        ])
        .output()
        .expect("run the CLI");
    assert!(cli.status.success());
    let cli_json: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let page_json: Value = serde_json::from_str(&download(&page, "json").await).unwrap();
    assert_eq!(
        first_difference(&page_json, &cli_json, "$"),
        None,
        "the page's JSON export differs from the CLI's"
    );
    // The JS API returns the same object.
    assert_eq!(
        first_difference(&page.api(SAMPLE).await, &cli_json, "$"),
        None
    );

    let facts = download(&page, "facts-csv").await;
    assert!(
        facts.starts_with("kind,subject,predicate,object,when,where,evidence\r\n"),
        "{facts}"
    );
    assert_eq!(
        facts.lines().count(),
        1 + cli_json["facts"].as_array().unwrap().len()
    );
    let entities = download(&page, "entities-csv").await;
    assert!(
        entities.starts_with("id,name,kind,salience,mentions,"),
        "{entities}"
    );
    let report = download(&page, "markdown").await;
    assert!(report.contains("## Entities") && report.contains("## Facts"));

    // The facts table's own CSV button gives the same file. Clicked from the page's own
    // script: a WebDriver click aims at where the button was, and under load (the whole
    // suite in parallel) the page could still move between the aim and the click.
    let before = page.js("return window.__blobs.length;", vec![]).await;
    page.js(
        "document.querySelector('[data-action=\"download-facts-csv\"]').click();",
        vec![],
    )
    .await;
    page.wait_until(&format!("window.__blobs.length > {before}"))
        .await;
    let again = page
        .js_async(
            "const done = arguments[arguments.length - 1];
             window.__blobs[window.__blobs.length - 1].text().then(done);",
            vec![],
        )
        .await;
    assert_eq!(again.as_str(), Some(facts.as_str()));

    // Everything the page fetched came from the test server; the CSP was never violated.
    let origin = page.url.split("/sub/").next().unwrap().to_string();
    let urls = page
        .js(
            "return performance.getEntriesByType('navigation')
               .concat(performance.getEntriesByType('resource')).map((e) => e.name);",
            vec![],
        )
        .await;
    let urls = urls.as_array().unwrap();
    assert!(urls.len() >= 3, "{urls:?}");
    for url in urls {
        assert!(
            url.as_str().unwrap().starts_with(&origin),
            "{url} left {origin}"
        );
    }
    assert_eq!(
        page.js("return window.__violations;", vec![]).await,
        json!([])
    );
    page.close().await;
}

#[tokio::test]
async fn html_paste_and_opened_files_become_text() {
    let Some(page) = open().await else { return };
    let html = "<html><head><style>p{}</style></head><body><nav>Home | World</nav>\
                <h1>Bridge Reopens</h1><p>The bridge reopened on <b>Monday</b> after repairs.</p>\
                <script>window.__ran = 1</script><p>Traffic was light.</p></body></html>";
    page.js(
        "const dt = new DataTransfer();
         dt.setData('text/html', arguments[0]);
         dt.setData('text/plain', 'plain fallback');
         const t = document.getElementById('article-input');
         t.focus();
         t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));",
        vec![json!(html)],
    )
    .await;
    let expected = article_explorer::html::to_text(html);
    page.wait_analysed(&expected).await;
    let value = page
        .js(
            "return document.getElementById('article-input').value;",
            vec![],
        )
        .await;
    assert_eq!(value.as_str(), Some(expected.as_str()));
    assert!(expected.contains("Traffic was light."));
    assert_eq!(
        page.js("return window.__ran === undefined;", vec![]).await,
        json!(true)
    );
    assert_eq!(page.count("#output b, #output nav script").await, 0);

    // Open an HTML file and a Windows-1252 file through the file input.
    let dir = page.www.join("files");
    std::fs::create_dir_all(&dir).unwrap();
    let html_path = dir.join("story.html");
    std::fs::write(&html_path, html).unwrap();
    let input = page.client.find(Locator::Css("#file-input")).await.unwrap();
    input.send_keys(html_path.to_str().unwrap()).await.unwrap();
    page.wait_until(
        "/Opened story\\.html/.test(document.getElementById('input-notice').textContent)",
    )
    .await;
    let value = page
        .js(
            "return document.getElementById('article-input').value;",
            vec![],
        )
        .await;
    assert_eq!(value.as_str(), Some(expected.as_str()));

    let bytes: &[u8] = b"Prices Rise\n\nA loaf now costs \xa31.40 in London shops.\n";
    let cp1252 = dir.join("prices.txt");
    std::fs::write(&cp1252, bytes).unwrap();
    let decoded = article_explorer::decode::decode(bytes);
    let input = page.client.find(Locator::Css("#file-input")).await.unwrap();
    input.send_keys(cp1252.to_str().unwrap()).await.unwrap();
    page.wait_analysed(&decoded.text).await;
    let value = page
        .js(
            "return document.getElementById('article-input').value;",
            vec![],
        )
        .await;
    assert_eq!(value.as_str(), Some(decoded.text.as_str()));
    assert!(decoded.text.contains("£1.40"), "{}", decoded.text);
    let notice = page.text_of("#input-notice").await;
    assert!(notice.contains("prices.txt"), "{notice}");
    if let Some(fallback) = &decoded.notice {
        assert!(
            notice.contains(fallback.as_str()),
            "{notice} lacks {fallback}"
        );
    }

    // Dropping a file on the page opens it too.
    let dropped = "Dropped Story\n\nThe file arrived by drag and drop on Friday.";
    page.js(
        "const dt = new DataTransfer();
         dt.items.add(new File([arguments[0]], 'dropped.md', { type: 'text/markdown' }));
         const t = document.getElementById('article-input');
         t.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
         t.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
        vec![json!(dropped)],
    )
    .await;
    page.wait_until(
        "/Opened dropped\\.md/.test(document.getElementById('input-notice').textContent)",
    )
    .await;
    page.wait_analysed(dropped).await;
    page.close().await;
}

#[tokio::test]
async fn works_offline_once_the_service_worker_controls_the_page() {
    let Some(mut page) = open().await else { return };
    page.wait_until("navigator.serviceWorker && navigator.serviceWorker.controller")
        .await;
    // Offline as DevTools makes it. That covers the page but not its service worker (a target
    // of its own), whose fetches would still reach the server: so the server goes too.
    page.cdp("Network.enable", json!({})).await;
    page.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await;
    page.server.kill();
    assert_eq!(
        page.js_async(
            "const done = arguments[arguments.length - 1];
             fetch('/no-such-file-' + Date.now()).then(() => done('answered'), () => done('offline'));",
            vec![],
        )
        .await,
        json!("offline")
    );
    page.reload().await;
    page.set_text(SAMPLE).await;
    assert_rendered(&page, SAMPLE).await;
    page.close().await;
}

#[tokio::test]
async fn a_5000_paragraph_paste_never_freezes_the_page() {
    let Some(page) = open().await else { return };
    page.js(
        "window.__long = [];
         new PerformanceObserver((list) => {
           for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
         }).observe({ type: 'longtask' });",
        vec![],
    )
    .await;
    let text: String = (0..5000)
        .map(|i| {
            format!(
                "Paragraph {i}: Maria Lopez of Acme Corp said on Monday that sales in Spain rose {} per cent.\n\n",
                i % 90
            )
        })
        .collect();
    assert!(text.len() > 200_000);
    page.js(
        "const t = document.getElementById('article-input');
         t.value = arguments[0];
         t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(text)],
    )
    .await;
    // Big texts are analysed in the worker behind a progress bar with a cancel button.
    page.wait_until("!document.getElementById('progress').hidden")
        .await;
    // Drawing 5000 paragraphs in slices takes seconds, more on a busy machine: this test is
    // about the page staying responsive meanwhile (the long tasks below), not about speed.
    page.wait_until_within(
        "document.querySelectorAll('#sections p[data-p]').length === 5000",
        Duration::from_secs(120),
    )
    .await;
    assert!(page.text_of("#progress").await.contains("Analysing"));
    page.wait_until("document.getElementById('progress').hidden")
        .await;
    let long = page.js("return window.__long;", vec![]).await;
    page.report(
        "long-tasks",
        &format!("long tasks (ms) during a 5000-paragraph paste: {long}"),
    );

    let worst = long
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_u64)
        .max()
        .unwrap_or(0);
    // The analysis runs in the worker and the text is drawn in slices; what remains on the
    // main thread is decoding the result and the browser's own layout.
    assert!(worst < 1000, "the main thread was blocked for {worst} ms");
    page.close().await;
}

/// Pastes `text` as the browser does (a paste event, then the text lands and `input` fires)
/// and returns the page's own measure from the analysis request to all panes drawn, in ms.
async fn paste_and_time(page: &Page, text: &str) -> f64 {
    paste_and_time_stages(page, text).await.0
}

/// `paste_and_time`, with the time from the analysis request to each of the page's
/// `STAGE_MARKS` (src/web/controller.rs), as text: "answered 310 ms, decoded ...".
async fn paste_and_time_stages(page: &Page, text: &str) -> (f64, String) {
    let measure = RENDERED_MEASURE;
    // The word count the page will show, from the same core run natively: asking the page's
    // JS API instead would analyse on its main thread, inside the time being measured (or,
    // asked first, would warm the page up before its "first paste").
    let words = article_explorer::analyze(text).stats.n_words as u64;
    page.js(
        "performance.clearMeasures(arguments[1]);
         const t = document.getElementById('article-input');
         t.focus();
         const dt = new DataTransfer();
         dt.setData('text/plain', arguments[0]);
         t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
         t.value = arguments[0];
         t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(text), json!(measure)],
    )
    .await;
    page.wait_words(words).await;
    page.wait_until(&format!(
        "performance.getEntriesByName('{measure}').length === 1"
    ))
    .await;
    let ms = page
        .js(
            "return performance.getEntriesByName(arguments[0])[0].duration;",
            vec![json!(measure)],
        )
        .await;
    let stages = page
        .js(
            "const start = performance.getEntriesByName(arguments[0], 'mark')[0].startTime;
             return arguments[1].map((m) => {
               const e = performance.getEntriesByName(m, 'mark')[0];
               return m.split(':')[1] + ' ' + (e ? Math.round(e.startTime - start) + ' ms' : '-');
             }).join(', ');",
            vec![json!(ANALYZE_MARK), json!(STAGE_MARKS)],
        )
        .await;
    (
        ms.as_f64().expect("a duration"),
        stages.as_str().unwrap_or("-").to_string(),
    )
}

/// The page's Performance API measure (`RENDERED_MEASURE` in src/web/controller.rs, which
/// is wasm only).
const RENDERED_MEASURE: &str = "article-explorer:analyze-to-rendered";
const ANALYZE_MARK: &str = "article-explorer:analyze";
const STAGE_MARKS: [&str; 3] = [
    "article-explorer:answered",
    "article-explorer:decoded",
    "article-explorer:panes-drawn",
];

/// Issue 7's browser timings, printed (not asserted against a clock): paste to all three
/// panes drawn for the sample article and for a 1 MB article.
#[tokio::test]
async fn paste_to_all_panes_drawn_is_measured() {
    if missing_prerequisite().is_some() {
        return;
    }
    let page = Page::open_alone().await;
    // The first paste, right after the page loads, also waits for the analysis worker that
    // the page starts at load (it compiles its own copy of the wasm); the second is what every
    // later paste costs.
    let first_ms = paste_and_time(&page, SAMPLE).await;
    assert_rendered(&page, SAMPLE).await;
    let again = format!("{SAMPLE}\n");
    let sample_ms = paste_and_time(&page, &again).await;
    // A 1 MB article: the sample's paragraphs over and over, under numbered subheadings.
    let mut big = String::new();
    let mut part = 0;
    while big.len() < 1_000_000 {
        part += 1;
        big.push_str(&format!("Part {part}\n\n{SAMPLE}\n\n"));
    }
    let (big_ms, big_stages) = paste_and_time_stages(&page, &big).await;
    // A second 1 MB paste: the first one also pays for warming the page's rendering code and
    // growing its memory.
    let big_again = format!("{big}\nPart {}\n", part + 1);
    let (big_again_ms, _) = paste_and_time_stages(&page, &big_again).await;
    let n_paragraphs = page.api(&big_again).await["stats"]["paragraphs"]
        .as_u64()
        .unwrap();
    page.wait_until(&format!(
        "document.querySelectorAll('#sections p[data-p]').length === {n_paragraphs}"
    ))
    .await;
    page.report(
        "timings",
        &format!(
            "paste to all panes drawn (release wasm, headless Chromium): sample article ({} B) \
         {sample_ms:.0} ms (goal <= 50; {first_ms:.0} ms for a first paste right after load, \
         while the worker starts); 1 MB article ({} B) {big_ms:.0} ms (goal <= 1500; from \
         the request: {big_stages}); another 1 MB paste after it {big_again_ms:.0} ms",
            SAMPLE.len(),
            big.len()
        ),
    );
    assert!(sample_ms > 0.0 && big_ms > sample_ms);
    page.close().await;
}
