// boot.js: loads the wasm app. It replaces trunk's inline loader script so the page's CSP can
// forbid inline scripts; Trunk.toml's `pattern_script` puts the hashed file names on the tag.
const tag = document.querySelector("script[data-glue]");
const glue = new URL(tag.dataset.glue, document.baseURI).href;
const wasm = new URL(tag.dataset.wasm, document.baseURI).href;
try {
  const bindings = await import(glue);
  await bindings.default({ module_or_path: wasm });
  // The JS API (`analyze(text)` etc.), as trunk's own loader exposes it.
  window.wasmBindings = bindings;
  window.articleExplorerAssets = { glue, wasm };
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
} catch (err) {
  const box = document.getElementById("error");
  if (box) {
    box.textContent = "The analyser could not start in this browser (" + err + "). " +
      "Your text is still in the box.";
    box.hidden = false;
  }
  throw err;
}
