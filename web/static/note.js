// The note view: #L12-L20 (or #L12) highlights the innermost blocks overlapping lines 12–20 and
// scrolls to the first. Blocks carry data-lines="start-end" (see kgraph/web/note_view.py).
(function () {
  "use strict";

  var note = document.getElementById("note");
  var status = document.getElementById("highlight-status");

  function range(el) {
    var parts = el.getAttribute("data-lines").split("-");
    return [parseInt(parts[0], 10), parseInt(parts[1], 10)];
  }

  function apply() {
    Array.prototype.forEach.call(note.querySelectorAll(".hl"), function (el) { el.classList.remove("hl"); });
    var m = /^#L(\d+)(?:-L?(\d+))?$/.exec(location.hash);
    if (!m) { status.textContent = ""; return; }
    var a = parseInt(m[1], 10), b = parseInt(m[2] || m[1], 10);
    var overlapping = Array.prototype.filter.call(note.querySelectorAll("[data-lines]"), function (el) {
      var r = range(el);
      return r[0] <= b && r[1] >= a;
    });
    var leaves = overlapping.filter(function (el) {
      return !overlapping.some(function (other) { return other !== el && el.contains(other); });
    });
    if (!leaves.length) {
      status.textContent = "Lines " + a + "–" + b + " are not in this note.";
      return;
    }
    leaves.forEach(function (el) { el.classList.add("hl"); });
    status.textContent = "Showing lines " + a + "–" + b + ".";
    leaves[0].scrollIntoView({ block: "center" });
  }

  window.addEventListener("hashchange", apply);
  apply();
})();
