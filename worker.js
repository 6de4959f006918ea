// worker.js: runs the analysis off the page's main thread, so typing and scrolling never wait
// for it. It loads the same wasm-bindgen glue and wasm as the page (their hashed URLs come in
// the first message) and answers each {id, text} with {id, parts} (the Analysis as four JSON
// strings, so the page can decode a big one in short steps) or
// {id, error}. The page ignores answers to requests it no longer wants, and terminates this
// worker to cancel a long one.
let ready = null;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.glue) {
    ready = import(msg.glue).then(async (bindings) => {
      await bindings.default({ module_or_path: msg.wasm });
      // Build the core's lazily loaded tables and regexes now, not on the reader's first
      // paste: the text has what builds them (a dateline, money, a percentage, a quote, a
      // caption, a byline). Natively, a wire article's first analysis took 7 ms more than its
      // second after the old one-sentence warm-up, 0.2 ms more after this one.
      bindings.analyzeWire(
        "LONDON (Reuters) - Defence Secretary John Smith said on Monday, 5 March 2024, that " +
          "Britain would spend £2.5 billion, 30% more, on 14,000 troops.\n\n" +
          '"We will act," he told reporters. Image: Getty Images\n\nBy Jane Doe, BBC News',
      );
      return bindings;
    });
    ready.then(() => self.postMessage({ ready: true }), (err) => self.postMessage({ id: -1, error: String(err) }));
    return;
  }
  try {
    const bindings = await ready;
    const started = performance.now();
    const parts = bindings.analyzeWire(msg.text);
    self.postMessage({ id: msg.id, parts, ms: performance.now() - started });
  } catch (err) {
    self.postMessage({ id: msg.id, error: String(err) });
  }
};
