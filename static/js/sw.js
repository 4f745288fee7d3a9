// Vägen's service worker. The route /sw.js puts `self.VAGEN = {version, precache, offline}`
// on the first line: the static files under their hashed URLs and the offline page.
// Static files: cache first (a hashed URL never changes); the fonts, not precached, are kept
// when a page first uses one. Pages a participant reads offline (marked by the server with
// the Vagen-Offline header): network first, the copy on failure, kept in a cache of that
// person's own. Any other page offline: the offline page.
// POSTs are never touched here: the page queues them (app.js).
/* global VAGEN */
"use strict";

var STATIC = "vagen-static-" + VAGEN.version;
var PAGES = "vagen-pages-"; // + the person's id
var START = "/"; // the manifest's start_url

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC).then(function (cache) {
      return cache.addAll(VAGEN.precache.concat([VAGEN.offline]));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("vagen-static-") === 0 && name !== STATIC;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// The page asks for the offline page again after the language changed.
self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "refresh-offline") {
    event.waitUntil(caches.open(STATIC).then(function (cache) { return cache.add(VAGEN.offline); }));
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(staticFile(event));
  }
});

function staticFile(event) {
  var request = event.request;
  return caches.match(request).then(function (found) {
    return found || fetch(request).then(function (response) {
      // Not precached (the fonts): kept once a page uses it, under its hashed URL only.
      if (response.ok && new URL(request.url).searchParams.has("v")) {
        var copy = response.clone();
        event.waitUntil(caches.open(STATIC).then(function (cache) { return cache.put(request, copy); }));
      }
      return response;
    }).catch(function () {
      // A page kept from before an update asks for older hashes: the current file will do.
      return caches.match(request, {ignoreSearch: true});
    });
  });
}

function page(event, url) {
  return fetch(event.request).then(function (response) {
    var person = response.headers.get("Vagen-Offline");
    if (response.ok && person) event.waitUntil(keep(person, url, response.clone()));
    return response;
  }).catch(function () {
    return kept(url).then(function (found) {
      return found || caches.match(VAGEN.offline);
    });
  });
}

// One person's pages at a time: a copy for someone else means they signed in here since.
function keep(person, url, response) {
  var mine = PAGES + person;
  var start = response.headers.get("Vagen-Offline-Start") ? response.clone() : null;
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PAGES) === 0 && name !== mine;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return caches.open(mine); }).then(function (cache) {
    var puts = [cache.put(url.pathname + url.search, response)];
    if (start) puts.push(cache.put(START, start));
    return Promise.all(puts);
  });
}

function kept(url) {
  return caches.keys().then(function (names) {
    var mine = names.filter(function (name) { return name.indexOf(PAGES) === 0; });
    return mine.length ? caches.open(mine[0]) : null;
  }).then(function (cache) {
    return cache ? cache.match(url.pathname + url.search, {ignoreVary: true}) : null;
  });
}

// Web Push (webapp/notifications/delivery.py sends {title, body, url}): show it, and open the
// thing when it is tapped. The text says only that there is news; the page shows the rest.
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (ignored) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Vägen", {
    body: data.body || "",
    data: { url: data.url || "/" },
    icon: "/static/icons/icon-192.png"
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (open) {
    for (var i = 0; i < open.length; i++) {
      if ("navigate" in open[i]) return open[i].navigate(target).then(function (c) { return c && c.focus(); });
    }
    return self.clients.openWindow(target);
  }));
});
