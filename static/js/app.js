// Vägen: htmx configuration beyond the meta tag, nothing more. No framework.
(function () {
  "use strict";

  // Requests that never reach the server (no network): say so where the user will see it.
  document.addEventListener("htmx:sendError", function () {
    var region = document.getElementById("messages");
    if (!region) return;
    var p = document.createElement("p");
    p.className = "message error";
    p.setAttribute("role", "alert");
    p.textContent = document.body.dataset.offlineMessage;
    region.replaceChildren(p);
  });

  // Print buttons (no inline handlers: the content policy forbids them).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
