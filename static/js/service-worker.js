// The offline service worker. Served at the site root by kiosk/offline.py, which puts the precache list in
// front of this file as self.PRECACHE = {version, defaultLanguage, allLanguages, offlinePages: {lang: url},
// shared: {url: hash}, languages: {lang: {url: hash}}}.
//
// On install it keeps the shared files and every page of the languages being read (or kept before, or all of
// them where the site says so) in a cache named after the version. Each entry carries its content hash, so a
// new version copies what did not change from the old cache and downloads only the rest; the old cache is
// deleted once the new version takes over. Pages are served from the cache first and refreshed from the
// network in the background; a page this device has not kept shows the offline page, in its language.
//
// Text (pages, stylesheets, scripts, the search index) is stored gzip-compressed where the browser has
// CompressionStream, and decompressed as it is served: a device keeps about a third of the bytes (issue 16:
// the offline pack per language, as stored, within 400 kB; kiosk/offline.py counts it the same way).
"use strict";

const { version, defaultLanguage, allLanguages, offlinePages, shared, languages } = self.PRECACHE;
const PREFIX = "kiosk-offline-";
const CACHE = PREFIX + version;
const SETTINGS = "kiosk-settings"; // the languages this device keeps: outlives versions
const KEPT = new URL("kept-languages", self.registration.scope).href;
const REVISION = "X-Kiosk-Revision";
const STORED = "X-Kiosk-Stored"; // "gzip" when the body is kept compressed
const TEXT = /^(text\/|application\/(javascript|json|manifest\+json)|image\/svg\+xml)/; // as STORED_COMPRESSED in kiosk/offline.py
const CAN_COMPRESS = typeof CompressionStream === "function" && typeof DecompressionStream === "function";

function languageOf(url) {
  const scope = self.registration.scope;
  if (!url.startsWith(scope)) return null;
  const first = url.slice(scope.length).split(/[/?#]/)[0];
  return Object.hasOwn(languages, first) ? first : null;
}

async function keptLanguages() {
  const stored = await (await caches.open(SETTINGS)).match(KEPT);
  return stored ? stored.json() : [];
}

async function rememberKept(codes) {
  const known = [...new Set(codes)].filter((code) => Object.hasOwn(languages, code));
  await (await caches.open(SETTINGS)).put(KEPT, new Response(JSON.stringify(known)));
}

async function fromEarlierVersion(url, hash) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const stored = await (await caches.open(name)).match(url);
    if (stored && stored.headers.get(REVISION) === hash) return stored;
  }
  return null;
}

// The response as this worker keeps it: text compressed (the body a browser gave us is already decoded, so its
// length and encoding headers no longer describe what is stored), ``hash`` noted when it comes from the list.
async function forStorage(response, hash) {
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  headers.delete("Content-Encoding");
  if (hash) headers.set(REVISION, hash);
  let body = await response.blob();
  if (CAN_COMPRESS && TEXT.test(headers.get("Content-Type") || "")) {
    body = await new Response(body.stream().pipeThrough(new CompressionStream("gzip"))).blob();
    headers.set(STORED, "gzip");
  }
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

// A kept response as the page gets it: decompressed, without the worker's own note.
function fromStorage(stored) {
  if (stored.headers.get(STORED) !== "gzip") return stored;
  const headers = new Headers(stored.headers);
  headers.delete(STORED);
  const body = stored.body.pipeThrough(new DecompressionStream("gzip"));
  return new Response(body, { status: stored.status, statusText: stored.statusText, headers });
}

async function download(url, hash) {
  const response = await fetch(url, { cache: "reload" }); // never an older copy from the HTTP cache
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return forStorage(response, hash);
}

async function precache(entries) {
  const cache = await caches.open(CACHE);
  await Promise.all(Object.entries(entries).map(async ([url, hash]) => {
    const stored = await cache.match(url);
    if (stored && stored.headers.get(REVISION) === hash) return;
    await cache.put(url, (await fromEarlierVersion(url, hash)) || (await download(url, hash)));
  }));
}

async function keep(codes) {
  await precache(Object.assign({}, ...codes.map((code) => languages[code])));
  await rememberKept([...(await keptLanguages()), ...codes]);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const reading = windows.map((client) => languageOf(client.url)).filter(Boolean);
    const codes = allLanguages ? Object.keys(languages) : [...(await keptLanguages()), ...reading];
    await precache(shared);
    await keep(codes.length ? codes : [defaultLanguage]);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
    await Promise.all(old.map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const { type, language } = event.data || {};
  const reply = (answer) => event.ports[0] && event.ports[0].postMessage(answer);
  if (type === "activate") {
    self.skipWaiting();
  } else if (type === "is-kept") {
    event.waitUntil(keptLanguages().then((codes) => reply({ kept: codes.includes(language) })));
  } else if (type === "keep" && Object.hasOwn(languages, language)) {
    event.waitUntil(keep([language]).then(() => reply({ kept: true }), () => reply({ kept: false })));
  }
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(cacheFirst(event));
});

async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request, { ignoreVary: true });
  // A page with a query (a search) is not kept: its kept copy without the query searches in the browser.
  const bare = new URL(event.request.url);
  const hasQuery = bare.search !== "";
  bare.search = "";
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === "basic" && !hasQuery) await cache.put(event.request, await forStorage(response.clone()));
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined)); // offline: the cached copy is all there is
    return fromStorage(cached);
  }
  try {
    return await fresh;
  } catch (error) {
    if (event.request.mode !== "navigate") throw error;
    const withoutQuery = hasQuery && (await cache.match(bare.href, { ignoreVary: true }));
    if (withoutQuery) return fromStorage(withoutQuery);
    const language = languageOf(event.request.url) || defaultLanguage;
    const offline = (await cache.match(offlinePages[language])) || (await cache.match(offlinePages[defaultLanguage]));
    return offline ? fromStorage(offline) : Response.error();
  }
}
