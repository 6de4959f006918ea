//! End-to-end tests: the release `dist/` served from a sub-path on 127.0.0.1, driven in
//! headless Chromium over WebDriver. Needs `trunk build --release` first (or `E2E_DIST=dir`);
//! skipped with a message when dist/ or chromedriver is missing, unless `E2E_REQUIRE=1`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "e2e/harness.rs"]
mod harness;

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
    page.reload().await;
    let value = page
        .js(
            "return document.getElementById('article-input').value;",
            vec![],
        )
        .await;
    assert_eq!(value.as_str(), Some(text));
    page.wait_analysed(text).await;

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
    page.screenshot("e2e-light.png").await;
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
    page.close().await;
}
