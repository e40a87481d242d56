// Sammen: the little behaviour that plain HTML lacks. Everything works without it.
(function () {
  "use strict";
  // Ask before destructive actions (delete, reset). The form still posts without JS.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (form && form.dataset && form.dataset.confirm) {
      if (!window.confirm(form.dataset.confirm)) { ev.preventDefault(); }
    }
  });
  // Upload progress of a file form sent by htmx (the import of a large spreadsheet).
  document.addEventListener("htmx:xhr:progress", function (ev) {
    var bar = document.getElementById("upload-progress");
    if (bar && ev.detail && ev.detail.lengthComputable) {
      bar.value = Math.round((ev.detail.loaded / ev.detail.total) * 100);
    }
  });
  // Move focus to the error summary so screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
  // The menu is one disclosure on a phone; on a wider screen it is open (and its toggle
  // hidden by the style sheet), so that its state matches what is shown.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : null;
  function fitMenu() {
    var menu = document.getElementById("nav-toggle");
    if (menu && wide) { menu.open = wide.matches; }
  }
  document.addEventListener("DOMContentLoaded", fitMenu);
  if (wide && wide.addEventListener) { wide.addEventListener("change", fitMenu); }
})();
