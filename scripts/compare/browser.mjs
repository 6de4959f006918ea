// The browser half of the comparison: our wasm build vs compromise's browser build, in
// headless Chromium, on the same page and the same BBC texts. Drives Chromium over WebDriver
// (chromedriver) with plain HTTP, serves the files itself on 127.0.0.1, cleans up after.
// Usage: node browser.mjs --dist DIR --bbc DIR [--limit N]. Prints figures, asserts nothing.

import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, extname, normalize } from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dist = opt("--dist");
const bbc = opt("--bbc");
const limit = Number(opt("--limit", "0"));

// The app's hashed glue and wasm names, from the tag trunk wrote into the dist's index.html.
const index = readFileSync(join(dist, "index.html"), "utf8");
const glue = (index.match(/data-glue="(?:\{base\}|\.\/)?([^"]+\.js)"/) || [])[1];
const wasm = (index.match(/data-wasm="(?:\{base\}|\.\/)?([^"]+\.wasm)"/) || [])[1];
if (!glue || !wasm) {
  console.log(`skipped (browser): no data-glue/data-wasm tag in ${dist}/index.html`);
  process.exit(0);
}

let files = readdirSync(bbc)
  .filter((d) => statSync(join(bbc, d)).isDirectory())
  .flatMap((d) => readdirSync(join(bbc, d)).filter((f) => f.endsWith(".txt")).map((f) => join(bbc, d, f)))
  .sort();
if (limit > 0) files = files.slice(0, limit);
const texts = JSON.stringify(files.map((f) => readFileSync(f, "utf8")));

const page = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="compromise.js"></script>
<script type="module">
import init, * as ae from "./app/${glue}";
window.aeReady = init({ module_or_path: "./app/${wasm}" }).then(() => ae);
</script>`;

// Ours takes seconds a pass, compromise about half a minute: ours gets the median of
// several passes, compromise one (after the same 20-text warm-up).
const OUR_PASSES = 5;

// The page's job, run through WebDriver's execute/async: time both libraries on every text.
const benchScript = `
const done = arguments[arguments.length - 1];
(async () => {
  while (!window.aeReady) await new Promise((r) => setTimeout(r, 20));
  const ae = await window.aeReady;
  const texts = await (await fetch("texts.json")).json();
  const bytes = texts.reduce((n, t) => n + new TextEncoder().encode(t).length, 0);
  const ours = (t) => {
    const r = ae.analyze(t);
    const c = [0, 0, 0, r.stats.sentences];
    for (const e of r.entities) {
      if (e.kind === "person") c[0]++;
      else if (e.kind === "location") c[1]++;
      else if (e.kind === "organization") c[2]++;
    }
    return c;
  };
  const theirs = (t) => {
    const d = window.nlp(t);
    return [
      new Set(d.people().out("array")).size,
      new Set(d.places().out("array")).size,
      new Set(d.organizations().out("array")).size,
      d.sentences().length,
    ];
  };
  // passes > 1: the median pass, which a noisy machine moves less than any one pass.
  const run = (f, passes) => {
    for (const t of texts.slice(0, 20)) f(t);
    const times = [];
    let sum;
    for (let p = 0; p < passes; p++) {
      sum = [0, 0, 0, 0];
      const t0 = performance.now();
      for (const t of texts) f(t).forEach((x, i) => (sum[i] += x));
      times.push((performance.now() - t0) / 1000);
    }
    times.sort((a, b) => a - b);
    return { seconds: times[(passes - 1) >> 1], passes, counts: sum };
  };
  done(JSON.stringify({ n: texts.length, bytes, ours: run(ours, ${OUR_PASSES}), compromise: run(theirs, 1),
    version: window.nlp.version, agent: navigator.userAgent }));
})().catch((e) => done(JSON.stringify({ error: String(e && e.stack || e) })));
`;

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css" };
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  let body, type;
  if (url.pathname === "/") [body, type] = [page, types[".html"]];
  else if (url.pathname === "/texts.json") [body, type] = [texts, types[".json"]];
  else if (url.pathname === "/compromise.js")
    [body, type] = [readFileSync(join(here, "node_modules/compromise/builds/compromise.js")), types[".js"]];
  else if (url.pathname.startsWith("/app/")) {
    const p = normalize(join(dist, decodeURIComponent(url.pathname.slice(5))));
    if (p.startsWith(normalize(dist)) && existsSync(p) && statSync(p).isFile())
      [body, type] = [readFileSync(p), types[extname(p)] || "application/octet-stream"];
  }
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": type }).end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const port = server.address().port;

// chromedriver in its own process group so Chromium goes down with it.
const driverPort = await new Promise((r) => {
  const s = createServer();
  s.listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const driver = spawn("chromedriver", [`--port=${driverPort}`], { detached: true, stdio: "ignore" });
const cleanup = () => {
  try {
    process.kill(-driver.pid, "SIGKILL");
  } catch {}
  server.close();
};
process.on("exit", cleanup);

const wd = async (method, path, body) => {
  const r = await fetch(`http://127.0.0.1:${driverPort}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const j = await r.json();
  if (!r.ok) throw new Error(`${method} ${path}: ${JSON.stringify(j.value).slice(0, 300)}`);
  return j.value;
};
for (let i = 0; ; i++) {
  try {
    await wd("GET", "/status");
    break;
  } catch (e) {
    if (i > 200) throw new Error("chromedriver did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}
const session = await wd("POST", "/session", {
  capabilities: {
    alwaysMatch: {
      browserName: "chrome",
      "goog:chromeOptions": {
        args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--no-first-run"],
      },
    },
  },
});
const sid = session.sessionId;
try {
  await wd("POST", `/session/${sid}/timeouts`, { script: 1800000, pageLoad: 60000 });
  await wd("POST", `/session/${sid}/url`, { url: `http://127.0.0.1:${port}/` });
  const result = JSON.parse(await wd("POST", `/session/${sid}/execute/async`, { script: benchScript, args: [] }));
  if (result.error) throw new Error(result.error);
  const mb = result.bytes / 1e6;
  const chrome = (result.agent.match(/Chrome\/([\d.]+)/) || [])[1] || "?";
  console.log(`\nheadless Chromium ${chrome}, same page, ${result.n} BBC articles, ${mb.toFixed(2)} MB\n`);
  const line = (name, r) => {
    const c = r.counts;
    console.log(`${name.padEnd(46)}${r.seconds.toFixed(2).padStart(9)}${(result.n / r.seconds).toFixed(0).padStart(10)}${(mb / r.seconds).toFixed(2).padStart(8)}   ${c.join("/")}`);
  };
  console.log(`${"engine".padEnd(46)}${"seconds".padStart(9)}${"docs/s".padStart(10)}${"MB/s".padStart(8)}   found: people/places/orgs/sentences`);
  line(`article-explorer wasm analyze(), median of ${result.ours.passes}`, result.ours);
  line(`compromise ${result.version} browser build`, result.compromise);
  console.log(`\nratio in the browser: ${(result.compromise.seconds / result.ours.seconds).toFixed(1)}x compromise's throughput (wasm goal >= 2.5 MB/s)`);
} finally {
  await wd("DELETE", `/session/${sid}`).catch(() => {});
  cleanup();
}
process.exit(0);
