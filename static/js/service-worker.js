// The offline service worker. Served at the site root by kiosk/offline.py, which puts the precache list in
// front of this file as self.PRECACHE = {version, defaultLanguage, allLanguages, offlinePages: {lang: url},
// shared: {url: hash}, languages: {lang: {url: hash}}}.
//
// On install it keeps the shared files and every page of the languages being read (or kept before, or all of
// them where the site says so) in a cache named after the version. Each entry carries its content hash, so a
// new version copies what did not change from the old cache and downloads only the rest; the old cache is
// deleted once the new version takes over. Pages are served from the cache first and refreshed from the
// network in the background; a page this device has not kept shows the offline page, in its language.
"use strict";

const { version, defaultLanguage, allLanguages, offlinePages, shared, languages } = self.PRECACHE;
const PREFIX = "kiosk-offline-";
const CACHE = PREFIX + version;
const SETTINGS = "kiosk-settings"; // the languages this device keeps: outlives versions
const KEPT = new URL("kept-languages", self.registration.scope).href;
const REVISION = "X-Kiosk-Revision";

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

async function download(url, hash) {
  const response = await fetch(url, { cache: "reload" }); // never an older copy from the HTTP cache
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const headers = new Headers(response.headers);
  headers.set(REVISION, hash);
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
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
    if (response.ok && response.type === "basic" && !hasQuery) await cache.put(event.request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined)); // offline: the cached copy is all there is
    return cached;
  }
  try {
    return await fresh;
  } catch (error) {
    if (event.request.mode !== "navigate") throw error;
    const withoutQuery = hasQuery && (await cache.match(bare.href, { ignoreVary: true }));
    if (withoutQuery) return withoutQuery;
    const language = languageOf(event.request.url) || defaultLanguage;
    return (await cache.match(offlinePages[language])) || (await cache.match(offlinePages[defaultLanguage])) || Response.error();
  }
}
