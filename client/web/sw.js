// jos's service worker: keeps the page and every file it loads, so that jos opens while
// its server is down (the journal in IndexedDB holds the edits; they go out once the
// server is back). The server fills in the files of this build ({{assets-json}}); a new
// build is a new worker, which fetches the new files and drops the old ones.
'use strict';
const assets = {{assets-json}};
const cacheName = 'jos-' + Object.values(assets).map((a) => a.split('/')[2]).join('').slice(0, 64);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(cacheName)
    .then((cache) => cache.addAll(['/', ...Object.values(assets)]))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== cacheName).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/a/')) {
    // Named by content: what is kept is right for good.
    event.respondWith(caches.match(event.request).then((kept) => kept || fetch(event.request)));
  } else if (url.pathname === '/' || url.pathname === '/index.html') {
    // The page: the server's if it answers (a new build), else the one kept.
    event.respondWith(fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(cacheName).then((cache) => cache.put('/', copy));
        }
        return response;
      })
      .catch(() => caches.match('/')));
  }
});
