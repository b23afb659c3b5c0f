/* Ruta's service worker (docs/offline.md). Pages are kept only when the server marks them
   (X-Ruta-Offline: public: read anonymously, not private or no-store); pages are read from
   the network first and from the saved copy when the network fails, or when it is silent
   for CONFIG.networkTimeout ms and a copy exists (a late answer still refreshes the copy). */
"use strict";

const CONFIG = {{ config|safe }};
const PAGES = "ruta-pages";
const SAVED = "ruta-saved";
const META = "ruta-meta";
const STATIC = "ruta-static-" + CONFIG.version;
const SAVED_AT = "X-Ruta-Saved-At";
const CHECK_EVERY_MS = 10 * 60 * 1000;
let lastCheck = 0;

function keepable(response) {
  if (!response || !response.ok || response.type !== "basic") { return false; }
  const cacheControl = response.headers.get("Cache-Control") || "";
  if (/private|no-store|no-cache/.test(cacheControl)) { return false; }
  return response.headers.get("X-Ruta-Offline") === "public";
}

function languageOf(url) {
  const first = new URL(url).pathname.split("/")[1];
  return Object.prototype.hasOwnProperty.call(CONFIG.fallbacks, first) ? first : "";
}

function isAsset(url) {
  return new URL(url).pathname.startsWith(CONFIG.static);
}

async function stamped(response, savedAt) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, savedAt || new Date().toISOString());
  const body = await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

async function withNotice(cached, language) {
  if (!(cached.headers.get("Content-Type") || "").startsWith("text/html")) { return cached; }
  const savedAt = cached.headers.get(SAVED_AT) || "";
  const when = savedAt ? new Date(savedAt) : null;
  const label = when ? when.toLocaleString(language, { dateStyle: "long", timeStyle: "short" }) : "";
  const html = (await cached.text())
    .replace("data-offline-notice hidden", "data-offline-notice")
    .replace("<time data-offline-saved></time>",
      "<time data-offline-saved datetime=\"" + savedAt + "\">" + label + "</time>");
  return new Response(html, { status: 200, headers: cached.headers });
}

async function fromCache(url) {
  for (const name of [SAVED, PAGES]) {
    const found = await (await caches.open(name)).match(url);
    if (found) { return found; }
  }
  return null;
}

function later(milliseconds) {
  return new Promise((resolve) => { setTimeout(resolve, milliseconds, null); });
}

async function keep(url, response) {
  await (await caches.open(PAGES)).put(url, await stamped(response));
}

async function page(event) {
  const request = event.request;
  const language = languageOf(request.url);
  const network = fetch(request);
  const slow = later(CONFIG.networkTimeout);
  // Registered now, while the event is being dispatched: a network answer that arrives after
  // the saved copy was shown still refreshes the kept copy.
  event.waitUntil(network
    .then((response) => (keepable(response) ? keep(request.url, response.clone()) : null))
    .catch(() => null));
  const cached = await fromCache(request.url);
  try {
    // Without a copy there is nothing better to show: wait for the network, however slow.
    const response = await (cached ? Promise.race([network, slow]) : network);
    if (response) { return response; }
  } catch (error) {
    // The network failed: the copy, or the offline page.
  }
  if (cached) { return withNotice(cached, language); }
  const fallback = await caches.match(CONFIG.fallbacks[language]);
  return fallback || Response.error();
}

async function asset(event) {
  const cache = await caches.open(STATIC);
  const cached = await cache.match(event.request.url);
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === "basic") { await cache.put(event.request.url, response.clone()); }
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => null));
    return cached;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && languageOf(request.url)) {
    event.respondWith(page(event));
  } else if (isAsset(request.url)) {
    event.respondWith(asset(event));
  }
});

/* Saving: fetched without cookies, so that only what anyone may read is ever stored. */
async function fetchAnonymous(url) {
  return fetch(url, { credentials: "omit", cache: "no-store" });
}

function metaKey(packUrl) {
  return self.location.origin + "/__ruta-offline/" + encodeURIComponent(packUrl);
}

async function store(packUrl, pack) {
  const savedAt = new Date().toISOString();
  const saved = await caches.open(SAVED);
  const assets = await caches.open(STATIC);
  const urls = [];
  for (const path of pack.urls) {
    const url = new URL(path, self.location.origin).href;
    const response = await fetchAnonymous(url);
    if (isAsset(url)) {
      if (response.ok) { await assets.put(url, response); }
    } else if (keepable(response)) {
      await saved.put(url, await stamped(response, savedAt));
      urls.push(url);
    }
  }
  const meta = await caches.open(META);
  const previous = await meta.match(metaKey(packUrl));
  if (previous) {
    const old = await previous.json();
    for (const url of old.urls.filter((item) => !urls.includes(item))) {
      await saved.delete(url);
      await (await caches.open(PAGES)).delete(url);
    }
  }
  const record = { pack: packUrl, revision: pack.revision, urls, savedAt, edition: pack.edition };
  await meta.put(metaKey(packUrl), new Response(JSON.stringify(record),
    { headers: { "Content-Type": "application/json" } }));
  return record;
}

async function save(packUrl) {
  const response = await fetchAnonymous(packUrl);
  if (!response.ok) { throw new Error("pack " + response.status); }
  return store(packUrl, await response.json());
}

async function check(force) {
  if (!force && Date.now() - lastCheck < CHECK_EVERY_MS) { return []; }
  lastCheck = Date.now();
  const meta = await caches.open(META);
  const updated = [];
  for (const key of await meta.keys()) {
    const record = await (await meta.match(key)).json();
    let pack;
    try {
      const response = await fetchAnonymous(record.pack);
      if (!response.ok) { continue; }
      pack = await response.json();
    } catch (error) {
      continue;  // still offline
    }
    if (pack.revision !== record.revision) { updated.push(await store(record.pack, pack)); }
  }
  return updated;
}

function packAddress(value) {
  const url = new URL(String(value), self.location.origin);
  const ok = url.origin === self.location.origin && /^\/[a-z]{2}\/offline\/pack\.json$/.test(url.pathname);
  return ok ? url.href : null;
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (message) => { if (event.ports[0]) { event.ports[0].postMessage(message); } };
  if (data.type === "save") {
    const packUrl = packAddress(data.pack);
    if (!packUrl) { reply({ ok: false }); return; }
    event.waitUntil(save(packUrl).then(
      (record) => reply({ ok: true, savedAt: record.savedAt, count: record.urls.length }),
      () => reply({ ok: false })));
  } else if (data.type === "check") {
    event.waitUntil(check(Boolean(data.force)).then(
      (updated) => reply({ ok: true, updated: updated.length }),
      () => reply({ ok: false, updated: 0 })));
  }
});

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(STATIC).then((cache) => Promise.all(CONFIG.precache.map(
    (url) => fetchAnonymous(url).then((response) => (response.ok ? cache.put(url, response) : null)))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names
      .filter((name) => name.startsWith("ruta-static-") && name !== STATIC)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});
