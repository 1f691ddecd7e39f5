// The public build's service worker: a page once read opens again without a connection.
//
// Every request goes to the network first, so a reader always sees the newest page when the
// link works (the browser's own cache still answers for the theme's files). What comes back is
// kept, and served when the network fails. The caches are bounded: the most recent pages and
// files only, so that a phone's storage is never filled. The search index is not kept: it is
// large, and searching needs the whole of it. The restricted build has no service worker: its
// pages must not stay on a shared device.

const VERSION = "1";
const PAGES = `trang-${VERSION}`;
const FILES = `tep-${VERSION}`;
const MAX_PAGES = 40;
const MAX_FILES = 40;
const SCOPE = new URL(self.registration.scope);

const OFFLINE = `<!doctype html><html lang="vi"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Không có kết nối</title>
<main style="font: 1.1rem/1.5 sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem">
<h1>Không có kết nối</h1>
<p>Trang này chưa được mở trên máy này nên chưa có bản lưu để đọc khi mất kết nối.
Những trang đã đọc trước đây vẫn mở được. Hãy thử lại khi có mạng.</p>
<p><a href="${SCOPE.pathname}">Về trang chủ</a></p>
</main></html>`;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== PAGES && name !== FILES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// Oldest first: Cache Storage lists keys in the order they were put.
async function trim(name, max) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - max))) {
    await cache.delete(request);
  }
}

async function keep(name, max, request, response) {
  const cache = await caches.open(name);
  await cache.delete(request); // put again at the end: the newest
  await cache.put(request, response);
  await trim(name, max);
}

function ours(url) {
  return url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname)
    && !url.pathname.startsWith(`${SCOPE.pathname}pagefind/`);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !ours(url)) return;
  const page = request.mode === "navigate";
  const [name, max] = page ? [PAGES, MAX_PAGES] : [FILES, MAX_FILES];
  // A page is kept under its address without the query or the anchor.
  const key = page ? new Request(url.origin + url.pathname) : request;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      if (response.ok && response.type === "basic") {
        event.waitUntil(keep(name, max, key, response.clone()));
      }
      return response;
    } catch (error) {
      const saved = await caches.match(key, { cacheName: name });
      if (saved) return saved;
      if (page) {
        return new Response(OFFLINE, { status: 503,
          headers: { "Content-Type": "text/html; charset=utf-8" } });
      }
      throw error;
    }
  })());
});
