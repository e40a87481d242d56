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
  // Move focus to the error summary so screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
