// sw.js: keeps the app working offline. On install it precaches the page and every file the
// page names (trunk hashes the names, so they are read from index.html rather than listed
// here). Hashed files never change, so they are served from the cache first; everything else
// (the page itself, this worker, the manifest) is fetched network-first with the cache as the
// fallback, so a new deploy shows up when online and the last one still loads offline.
const CACHE = "article-explorer-v1";
const SCOPE = self.registration.scope;
// Files the page does not name in an attribute.
const EXTRA = ["worker.js", "manifest.webmanifest", "icons/icon-192.png", "icons/icon-512.png", "icons/icon.svg"];
// Trunk's content hash in a file name: "name-0123456789abcdef.js".
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

async function precache() {
  const cache = await caches.open(CACHE);
  const page = await fetch(SCOPE, { cache: "no-cache" });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put(SCOPE, page);
  const urls = new Set(EXTRA.map((u) => new URL(u, SCOPE).href));
  for (const m of html.matchAll(/\s(?:href|src|data-glue|data-wasm)="([^"#]+)"/g)) {
    const url = new URL(m[1], SCOPE);
    if (url.origin === self.location.origin) urls.add(url.href);
  }
  await Promise.all([...urls].map(async (url) => {
    try {
      const res = await fetch(url, { cache: "no-cache" });
      if (res.ok) await cache.put(url, res);
    } catch (_) {
      // A missing optional file must not stop the install.
    }
  }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

// Hashed files of earlier deploys are dropped once the new page is cached, so the cache
// does not grow by a wasm file per deploy.
async function pruneOldAssets() {
  const cache = await caches.open(CACHE);
  const page = await cache.match(SCOPE);
  if (!page) return;
  const html = await page.text();
  const current = new Set();
  for (const m of html.matchAll(/\s(?:href|src|data-glue|data-wasm)="([^"#]+)"/g)) {
    current.add(new URL(m[1], SCOPE).href);
  }
  for (const request of await cache.keys()) {
    if (HASHED.test(new URL(request.url).pathname) && !current.has(request.url)) {
      await cache.delete(request);
    }
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await pruneOldAssets();
    await self.clients.claim();
  })());
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request, { ignoreSearch: true })) ||
    (request.mode === "navigate" ? await cache.match(SCOPE) : undefined);
}

async function cacheFirst(request) {
  const hit = await fromCache(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) (await caches.open(CACHE)).put(request, res.clone());
  return res;
}

async function networkFirst(request) {
  try {
    const res = await fetch(request);
    if (res.ok) (await caches.open(CACHE)).put(request, res.clone());
    return res;
  } catch (err) {
    const hit = await fromCache(request);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(HASHED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});
