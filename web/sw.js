// Offline: after one visit the check works with no network. Every file of the
// widget (but the language files of other packs than the default's) is cached under this build's version; a new build (new version) fills
// a new cache, takes over, and deletes the old one. The files are fetched past
// the browser's HTTP cache, so a new cache never holds an old file.
const VERSION = "__VERSION__";
const CACHE = "infusion-check-" + VERSION;
const FILES = /*FILES*/[];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))).then(() => carryPacks(cache)))
      .then(() => self.skipWaiting()),
  );
});

// The language files of other packs than the default's that the old version
// kept (the drips this clinic gives), fetched again in this build's version
// (their names carry this build's hash, as the default's in FILES do), so
// that they still work offline after an update. Best effort: one that fails
// is fetched when it is needed.
async function carryPacks(cache) {
  const hash = (FILES.map((f) => /-([0-9a-f]{10})\.bin$/.exec(f)).find(Boolean) || [])[1];
  for (const key of await caches.keys()) {
    if (!key.startsWith("infusion-check-") || key === CACHE) continue;
    for (const old of await (await caches.open(key)).keys()) {
      const m = /\/pkg\/(.+?)(-[0-9a-f]{10})?\.bin$/.exec(new URL(old.url).pathname);
      if (!m) continue;
      const url = new URL(`pkg/${m[1]}${hash ? "-" + hash : ""}.bin`, self.registration.scope).href;
      if (!(await cache.match(url))) await cache.add(new Request(url, { cache: "reload" })).catch(() => {});
    }
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("infusion-check-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  // A language file of other packs than the default's is kept once fetched
  // (offline, the packs used before still work).
  const keep = /\/pkg\/[^/]+\.bin$/.test(url.pathname);
  event.respondWith(
    caches.match(event.request, { ignoreSearch: true }).then(
      (hit) =>
        hit ||
        fetch(event.request).then((r) => {
          if (keep && r.ok) {
            const copy = r.clone();
            caches.open(CACHE).then((c) => c.put(event.request, copy)).catch(() => {});
          }
          return r;
        }),
    ),
  );
});
