// The glossary page's filter: as the user types, entries whose data-search (the server's folded
// text: names, aliases, definitions; see kgraph/glossary/index.py) does not contain the folded
// filter text are hidden, with their empty letter groups and index letters; the count and the
// address (?q=) follow, without a reload. Without JavaScript the form submits ?q= instead.
(function () {
  "use strict";

  var input = document.getElementById("glossary-q");
  var form = input && input.form;
  var count = document.querySelector("#glossary-count span");
  var none = document.getElementById("glossary-none");
  if (!input) { return; }

  function fold(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function apply() {
    var wanted = fold(input.value);
    var shown = 0;
    Array.prototype.forEach.call(document.querySelectorAll(".glossary-letter"), function (group) {
      var visible = 0;
      Array.prototype.forEach.call(group.querySelectorAll(".glossary-entry"), function (entry) {
        var match = !wanted || entry.getAttribute("data-search").indexOf(wanted) >= 0;
        entry.hidden = !match;
        if (match) { visible += 1; }
      });
      group.hidden = visible === 0;
      shown += visible;
      var letter = document.querySelector('.glossary-index [data-letter="' + group.getAttribute("data-letter") + '"]');
      if (letter) { letter.classList.toggle("empty", visible === 0); }
    });
    count.textContent = String(shown);
    none.hidden = shown > 0;
    var url = new URL(window.location.href);
    if (input.value) { url.searchParams.set("q", input.value); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  input.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
})();
