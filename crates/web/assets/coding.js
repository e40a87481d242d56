// Sammen: coding an interview. Selecting text inside a segment narrows the codes saved for
// that segment to the selected passage, by filling the form's hidden start and end fields
// (character offsets into the transcript). Without this script the whole segment is coded.
(function () {
  "use strict";
  // Characters as the server counts them (Unicode scalar values), not UTF-16 units.
  function chars(s) { return Array.from(s).length; }
  function offsetIn(el, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(el);
    range.setEnd(node, offset);
    return chars(range.toString());
  }
  function label(n, start, end) {
    var root = document.getElementById("coding");
    var out = document.getElementById("pl-" + n);
    if (!root || !out) { return; }
    if (start === "" || end === "") { out.textContent = root.dataset.whole; return; }
    out.textContent = root.dataset.from.replace("{start}", start).replace("{end}", end);
  }
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection ? window.getSelection() : null;
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var range = sel.getRangeAt(0);
    var a = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    var el = a && a.closest ? a.closest(".segment-text") : null;
    if (!el || !el.contains(range.endContainer)) { return; }
    var n = el.dataset.for;
    var base = parseInt(el.dataset.start, 10) || 0;
    var from = offsetIn(el, range.startContainer, range.startOffset);
    var to = offsetIn(el, range.endContainer, range.endOffset);
    if (to <= from) { return; }
    var s = document.getElementById("ps-" + n);
    var e = document.getElementById("pe-" + n);
    if (!s || !e || s.form.querySelector("fieldset[disabled]")) { return; }
    s.value = String(base + from);
    e.value = String(base + to);
    label(n, s.value, e.value);
  });
})();
