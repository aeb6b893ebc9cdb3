// Tacitus dashboard: a few enhancements on top of server-rendered pages (all work without it).
(function () {
  "use strict";
  // Leave empty fields out of the URL so shared links stay short.
  document.addEventListener("htmx:configRequest", function (evt) {
    var p = evt.detail.parameters;
    var keys = p instanceof FormData ? Array.from(p.keys()) : Object.keys(p);
    keys.forEach(function (k) {
      var v = p instanceof FormData ? p.get(k) : p[k];
      if (v === "" || v === null || (k === "sort" && v === "-time")) {
        if (p instanceof FormData) { p.delete(k); } else { delete p[k]; }
      }
    });
  });
  // After an evidence panel arrives, move the keyboard focus to it.
  document.addEventListener("htmx:afterSettle", function (evt) {
    var panel = document.getElementById("evidence-panel");
    if (panel && evt.detail.target && evt.detail.target.id === "evidence-panel") {
      panel.focus();
    }
  });
  // Scroll the article box (not the page) so the evidence sentence shows in its upper third.
  document.addEventListener("DOMContentLoaded", function () {
    var mark = document.getElementById("evidence");
    var box = document.getElementById("article-text");
    if (mark && box) { box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3); }
  });
  // "/" jumps to the search field, as on many sites.
  document.addEventListener("keydown", function (evt) {
    var search = document.getElementById("f-text");
    var tag = (evt.target && evt.target.tagName) || "";
    if (evt.key === "/" && search && !/INPUT|SELECT|TEXTAREA/.test(tag)) {
      evt.preventDefault();
      search.focus();
    }
  });
})();
