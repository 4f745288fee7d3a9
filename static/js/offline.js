// Vägen offline: the service worker, the pages kept for reading offline, and taps made
// without a connection. No framework.
//
// A form with data-offline-label may be tapped offline: it gets a fresh idempotency key on
// every submit; when the request cannot reach the server, the tap waits in IndexedDB and is
// sent again (same key, so the server counts it once) when the phone is online, on the
// "online" event or the next page load. #pwa-queue shows what waits.
(function () {
  "use strict";

  var body = document.body;
  var user = body.dataset.user || "";
  var PAGES = "vagen-pages-";
  var KEY_FIELD = "idempotency_key";

  // --- The service worker (static/js/sw.js, served at the root by /sw.js) ------------------
  if ("serviceWorker" in navigator && body.dataset.serviceWorker) {
    // After the page's load event, so the worker's download and install do not compete with
    // the first page's own files on a slow phone (at once if the page has already loaded).
    var registerWorker = function () {
      navigator.serviceWorker.register(body.dataset.serviceWorker).catch(function () { /* not offered: fine */ });
    };
    if (document.readyState === "complete") registerWorker();
    else window.addEventListener("load", registerWorker, {once: true});
    // The offline page is kept in the language it was fetched in: fetch it again after a change.
    var lang = document.documentElement.lang;
    if (navigator.serviceWorker.controller && localStorage.getItem("vagen-offline-lang") !== lang) {
      navigator.serviceWorker.controller.postMessage({type: "refresh-offline"});
      try { localStorage.setItem("vagen-offline-lang", lang); } catch (e) { /* full or private */ }
    }
  }

  // --- Pages kept on the phone: only the signed-in person's, none after sign-out -------------
  function forgetPages(keep) {
    if (!("caches" in window)) return Promise.resolve();
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf(PAGES) === 0 && name !== keep;
      }).map(function (name) { return caches.delete(name); }));
    });
  }
  forgetPages(user ? PAGES + user : null);
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form.sign-out")) forgetPages(null);
  });

  // --- The queue (IndexedDB: it outlives the page, and the worker could read it too) ---------
  function store(mode, action) {
    return new Promise(function (resolve, reject) {
      var opening = indexedDB.open("vagen-offline", 1);
      opening.onupgradeneeded = function () { opening.result.createObjectStore("taps", {keyPath: "key"}); };
      opening.onerror = function () { reject(opening.error); };
      opening.onsuccess = function () {
        var db = opening.result;
        var tx = db.transaction("taps", mode);
        var request = action(tx.objectStore("taps"));
        tx.oncomplete = function () { db.close(); resolve(request.result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      };
    });
  }
  // Oldest first (the store orders them by key, which is random).
  function allTaps() {
    return store("readonly", function (s) { return s.getAll(); }).then(function (taps) {
      return taps.sort(function (a, b) { return a.at - b.at; });
    });
  }
  function putTap(tap) { return store("readwrite", function (s) { return s.put(tap); }); }
  function removeTap(key) { return store("readwrite", function (s) { return s.delete(key); }); }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  // What the tap asks for, without its key and token: the same tap twice waits once.
  function sameTap(url, params) {
    var copy = new URLSearchParams(params);
    copy.delete(KEY_FIELD);
    copy.delete("csrf_token");
    return url + "?" + copy.toString();
  }

  function queue(form) {
    if (!user) return;
    var params = new URLSearchParams(new FormData(form));
    var url = new URL(form.getAttribute("hx-post") || form.getAttribute("action"), location.href).href;
    var tap = {key: params.get(KEY_FIELD), user: user, url: url, body: params.toString(),
               same: sameTap(url, params), label: form.dataset.offlineLabel, at: Date.now()};
    allTaps().then(function (taps) {
      var waiting = taps.some(function (t) { return t.user === user && t.same === tap.same; });
      return waiting ? null : putTap(tap);
    }).then(function () { show(); });
  }

  // Every submit of such a form carries a new key. Offline, the tap waits at once (htmx never
  // tries); if the phone thinks it is online but the request fails, htmx:sendError queues it.
  // Capture phase: before htmx reads the form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-offline-label]")) return;
    var field = form.querySelector("input[name=" + KEY_FIELD + "]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = KEY_FIELD;
      form.appendChild(field);
    }
    field.value = newKey();
    if (!navigator.onLine) {
      event.preventDefault();
      event.stopImmediatePropagation();
      queue(form);
    }
  }, true);
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-offline-label]");
    if (form) queue(form);
  });

  // --- What waits, what was sent ----------------------------------------------------------
  var region = document.getElementById("pwa-queue");
  function list(title, taps) {
    if (!taps.length) return;
    var p = document.createElement("p");
    p.textContent = title;
    var ul = document.createElement("ul");
    taps.forEach(function (tap) {
      var li = document.createElement("li");
      li.dir = "auto";
      li.textContent = tap.label;
      ul.appendChild(li);
    });
    region.append(p, ul);
  }
  function show(sent, refused) {
    if (!region) return Promise.resolve();
    return allTaps().then(function (taps) {
      region.replaceChildren();
      if (!navigator.onLine) {
        var p = document.createElement("p");
        p.textContent = region.dataset.offline;
        region.appendChild(p);
      }
      list(region.dataset.waiting, taps.filter(function (t) { return t.user === user; }));
      list(region.dataset.sent, sent || []);
      list(region.dataset.refused, refused || []);
    });
  }

  function csrfToken() {
    try { return JSON.parse(body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  // Send what waits, one at a time, oldest first. Another person's taps are dropped: they
  // signed out on this phone, and nothing is sent in their name by someone else.
  var sending = false;
  function sendWaiting() {
    if (sending || !user || !navigator.onLine) return;
    sending = true;
    var sent = [], refused = [];
    allTaps().then(function (taps) {
      var others = taps.filter(function (t) { return t.user !== user; });
      var mine = taps.filter(function (t) { return t.user === user; });
      return Promise.all(others.map(function (t) { return removeTap(t.key); })).then(function () {
        return mine.reduce(function (previous, tap) {
          return previous.then(function () { return sendOne(tap, sent, refused); });
        }, Promise.resolve());
      });
    }).catch(function () { /* offline again or refused for now: the next chance sends it */ })
      .then(function () { sending = false; return show(sent, refused); });
  }

  function sendOne(tap, sent, refused) {
    var token = csrfToken();
    var params = new URLSearchParams(tap.body);
    params.set("csrf_token", token);
    return fetch(tap.url, {
      method: "POST",
      body: params,
      credentials: "same-origin",
      headers: {"Idempotency-Key": tap.key, "X-CSRFToken": token, "HX-Request": "true"}
    }).then(function (response) {
      // Signed out, an old token, or the server in trouble: keep it for the next chance.
      if (response.status === 400 || response.status === 401 || response.status >= 500) throw new Error("later");
      (response.status < 400 ? sent : refused).push(tap);
      return removeTap(tap.key);
    });
  }

  window.addEventListener("online", sendWaiting);
  window.addEventListener("offline", function () { show(); });
  show().then(sendWaiting);
})();
