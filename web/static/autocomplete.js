// Term suggestions for every <input data-autocomplete="/api/terms"> (a WAI-ARIA combobox with a listbox).
// The text before the cursor goes to /api/terms; the reply's `matched` tail is what a chosen term replaces.
// Keys: ArrowDown/ArrowUp move, Enter takes the highlighted term (without submitting), Escape closes.
// Everything shown is set with textContent: no markup from the server is ever parsed.
(function () {
  "use strict";

  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var endpoint = input.getAttribute("data-autocomplete");
    var state = { terms: [], matched: "", active: -1, seq: 0, timer: null };

    function close() {
      list.hidden = true;
      list.textContent = "";
      state.terms = [];
      state.active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      state.active = index;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function option(term, i) {
      var li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var main = document.createElement("span");
      main.className = "term-label";
      main.lang = term.lang === "zh" ? "zh-CN" : (term.lang || "en");
      main.textContent = term.label;
      li.appendChild(main);
      var others = Object.keys(term.labels || {}).filter(function (lang) {
        return term.labels[lang] !== term.label;
      });
      others.forEach(function (lang) {
        var other = document.createElement("span");
        other.className = "term-other";
        other.lang = lang === "zh" ? "zh-CN" : lang;
        other.textContent = term.labels[lang];
        li.appendChild(other);
      });
      if (term.kind !== "prefLabel") {
        var note = document.createElement("span");
        note.className = "term-kind";
        note.textContent = term.kind === "hiddenLabel" ? "spelled " + term.matched : "alias " + term.matched;
        li.appendChild(note);
      }
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();  // keep the focus in the input
        choose(i);
      });
      return li;
    }

    function show(data) {
      list.textContent = "";
      state.terms = data.terms || [];
      state.matched = data.matched || "";
      state.active = -1;
      if (!state.terms.length) {
        close();
        return;
      }
      state.terms.forEach(function (term, i) { list.appendChild(option(term, i)); });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function choose(index) {
      var term = state.terms[index];
      var cursor = input.selectionStart === null ? input.value.length : input.selectionStart;
      var before = input.value.slice(0, Math.max(0, cursor - state.matched.length));
      var after = input.value.slice(cursor);
      input.value = before + term.label + after;
      var at = before.length + term.label.length;
      input.setSelectionRange(at, at);
      close();
      input.focus();
    }

    function lookup() {
      var cursor = input.selectionStart === null ? input.value.length : input.selectionStart;
      var prefix = input.value.slice(0, cursor);
      var seq = ++state.seq;
      if (!prefix.trim()) {
        close();
        return;
      }
      fetch(endpoint + "?limit=8&prefix=" + encodeURIComponent(prefix), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { terms: [] }; })
        .then(function (data) { if (seq === state.seq) { show(data); } })
        .catch(function () { if (seq === state.seq) { close(); } });
    }

    input.addEventListener("input", function () {
      clearTimeout(state.timer);
      state.timer = setTimeout(lookup, 120);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && state.terms.length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!open) { return; }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var n = state.terms.length;
        highlight(state.active < 0 ? (step > 0 ? 0 : n - 1) : (state.active + step + n) % n);
      } else if (event.key === "Enter" && open && state.active >= 0) {
        event.preventDefault();  // take the term; a second Enter submits
        choose(state.active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();  // a search input would otherwise clear itself
        state.seq++;
        close();
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", function () { state.seq++; close(); });
    input.form && input.form.addEventListener("submit", function () { state.seq++; close(); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();
