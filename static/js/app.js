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

  // After an htmx swap, focus goes where the change is and the one live region (#announcer)
  // says what happened: a screen reader otherwise hears nothing and focus falls to <body>.
  // - A reply with a problem (a 422 form, an error retargeted to #messages): focus the first
  //   message (the error summary, else a field's error) and announce it.
  // - A reply that succeeded: if the tap's element is gone (the swap replaced it), focus the
  //   region's message, else its heading, else the region; announce the same text.
  // - Swaps the reader did not ask for by a tap (typing in a filter, autosave) keep focus
  //   where it is; a region marked data-announce ("" for its own text, or a selector) is read.
  // - A toggle's line marked data-keep-focus as well keeps the focus on its button (same id).
  var PROBLEMS = ".error-summary, .form-errors, .message.error, .error:not(:empty)";
  var MESSAGES = ".message, [role=status]";
  var HEADINGS = "h1, h2, h3, h4, legend";
  var settledAnnouncement = null;

  function textOf(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }
  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region || !text) return;
    // Emptied first, then filled on the next frame: the same words twice are read twice.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text.slice(0, 300); }, 50);
  }
  function focusOn(el) {
    if (!el) return;
    if (!el.matches("a[href], button, input, select, textarea, [tabindex]")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: false });
  }
  function first(root, selector) {
    if (root.matches && root.matches(selector)) return root;
    return root.querySelector(selector);
  }
  function askedByTap(detail) {
    var trigger = detail.requestConfig && detail.requestConfig.triggeringEvent;
    if (!trigger) return true;  // htmx.ajax or a boosted link: a deliberate act
    return trigger.type === "submit" || trigger.type === "click";
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var region = event.target;
    if (!(region instanceof Element) || !region.isConnected || !textOf(region)) return;
    // One swap may bring several regions (out of band): a problem wins over the rest.
    if (settledAnnouncement && settledAnnouncement.problem) return;
    var detail = event.detail || {};
    var failed = detail.xhr && detail.xhr.status >= 400;
    var problem = first(region, PROBLEMS);
    var tapped = askedByTap(detail);
    var lost = !document.activeElement || document.activeElement === document.body ||
      !document.activeElement.isConnected || region.contains(document.activeElement);
    if (problem && (failed || tapped)) {
      settledAnnouncement = { focus: problem, text: textOf(problem), problem: true };
      return;
    }
    var marked = region.closest("[data-announce]") || region.querySelector("[data-announce]");
    if (marked) {
      var selector = marked.getAttribute("data-announce");
      var said = selector ? marked.querySelector(selector) : marked;
      settledAnnouncement = { focus: null, text: textOf(said) };
      // A toggle (data-keep-focus): its button keeps its id, htmx gave it the focus back, and
      // there it stays; only the new state is read out.
      if (marked.hasAttribute("data-keep-focus") && tapped && !failed && region.contains(document.activeElement)) return;
    }
    if (!tapped || failed) return;
    var message = first(region, MESSAGES) || document.querySelector("#messages " + MESSAGES);
    var target = message || first(region, HEADINGS);
    if (lost) settledAnnouncement = { focus: (message && region.contains(message)) ? message : (target || region), text: textOf(target) };
    else if (message) settledAnnouncement = { focus: null, text: textOf(message) };
  });
  // Focus after settling: htmx restores the focus it saw before the swap in between.
  document.addEventListener("htmx:afterSettle", function () {
    var next = settledAnnouncement;
    settledAnnouncement = null;
    if (!next) return;
    if (next.focus && next.focus.isConnected) focusOn(next.focus);
    announce(next.text);
  });
  // A link in the error summary focuses its field without changing the address: a form
  // posted from /sign-in#password would otherwise come back focused on the password, not
  // on the next summary.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
    (field.closest(".field, fieldset") || field).scrollIntoView({ block: "start" });
  });
  // A failed full-page form comes back with its error summary: start there.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("main .error-summary");
    if (summary) { focusOn(summary); announce(textOf(summary)); }
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
