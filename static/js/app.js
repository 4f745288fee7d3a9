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

  // Reflections written on a phone survive a lost connection: the text is kept on the
  // device (keyed by the form's data-draft) until the server confirms the save.
  var DRAFT = "vagen-draft:";
  function keepDrafts(root) {
    root.querySelectorAll("[data-draft-saved]").forEach(function (el) {
      localStorage.removeItem(DRAFT + el.dataset.draftSaved);
    });
    root.querySelectorAll("form[data-draft]").forEach(function (form) {
      var saved = localStorage.getItem(DRAFT + form.dataset.draft);
      var area = form.querySelector("textarea");
      if (saved !== null && area && area.value !== saved) area.value = saved;
    });
  }
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-draft]");
    if (form && event.target.tagName === "TEXTAREA") {
      try { localStorage.setItem(DRAFT + form.dataset.draft, event.target.value); } catch (e) { /* full or private */ }
    }
  });
  // Shared phones: signing out forgets every unsaved draft.
  document.addEventListener("submit", function (event) {
    if (!event.target.matches("form.sign-out")) return;
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf(DRAFT) === 0) localStorage.removeItem(key);
    });
  });
  document.addEventListener("DOMContentLoaded", function () { keepDrafts(document); });
  document.addEventListener("htmx:load", function (event) { keepDrafts(event.detail.elt.parentNode || document); });
})();
