// "Allow messages on this phone": subscribe the installed app (its service worker) to Web
// Push and give the server its address and keys. Shown only where the browser can.
(function () {
  "use strict";
  var button = document.getElementById("notifications-push");
  if (!button || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
  button.hidden = false;
  function key(text) {
    var padded = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(padded), function (c) { return c.charCodeAt(0); });
  }
  button.addEventListener("click", function () {
    navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(button.dataset.vapidKey) });
    }).then(function (subscription) {
      var token = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
      return fetch(button.dataset.saveUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: JSON.stringify(subscription.toJSON())
      });
    }).then(function () { button.disabled = true; });
  });
})();
