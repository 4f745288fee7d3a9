// Vägen: htmx configuration beyond the meta tag, nothing more. No framework.
(function () {
  "use strict";

  // Requests that never reach the server (no network): say so where the user will see it.
  document.addEventListener("htmx:sendError", function (event) {
    // Taps that may wait on the phone say so themselves (offline.js).
    if (event.detail.elt.closest && event.detail.elt.closest("form[data-offline-label]")) return;
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
  // Changing language reloads the page: what was typed in its forms comes back (this tab
  // only, once). Forms are matched by their order on the page, fields by name.
  var TYPED = "vagen-typed:" + location.pathname + location.search;
  document.addEventListener("submit", function (event) {
    if (!event.target.matches("form.language-switcher")) return;
    var typed = [];
    document.querySelectorAll("main form").forEach(function (form, f) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || /^(hidden|password|submit|button|file)$/.test(el.type)) return;
        if (el.type === "checkbox" || el.type === "radio") typed.push([f, el.name, el.value, el.checked]);
        else if (el.value) typed.push([f, el.name, el.value]);
      });
    });
    try { sessionStorage.setItem(TYPED, JSON.stringify(typed)); } catch (e) { /* full or private */ }
  });
  function restoreTyped() {
    var raw = sessionStorage.getItem(TYPED);
    if (raw === null) return;
    sessionStorage.removeItem(TYPED);
    var forms = document.querySelectorAll("main form");
    JSON.parse(raw).forEach(function (entry) {
      var form = forms[entry[0]];
      if (!form) return;
      form.querySelectorAll('[name="' + CSS.escape(entry[1]) + '"]').forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") { if (el.value === entry[2]) el.checked = entry[3]; }
        else el.value = entry[2];
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { restoreTyped(); keepDrafts(document); });
  document.addEventListener("htmx:load", function (event) { keepDrafts(event.detail.elt.parentNode || document); });
})();
