// The SPARQL editor with JavaScript: run the query through the protocol endpoint itself (POST /sparql),
// show a table (SELECT/ASK) or Turtle (CONSTRUCT/DESCRIBE) or the error, and keep /sparql?query=… in
// the address bar so the page can be shared. Mirrors the server's rendering in web/templates/sparql.html.
(function () {
  "use strict";

  var form = document.getElementById("sparql-form");
  var textarea = document.getElementById("query");
  var output = document.getElementById("sparql-results");
  var prefixes = JSON.parse(document.getElementById("sparql-prefixes").textContent);
  var base = output.getAttribute("data-base");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function compact(iri) {
    var names = Object.keys(prefixes);
    for (var i = 0; i < names.length; i++) {
      var ns = prefixes[names[i]], local = iri.slice(ns.length);
      if (iri.indexOf(ns) === 0 && local && /^[\p{L}\p{N}_.\-]+$/u.test(local)) { return names[i] + ":" + local; }
    }
    return iri;
  }

  function localHref(iri) {
    var kinds = ["/id/", "/notes/"];
    for (var i = 0; i < kinds.length; i++) {
      if (iri.indexOf(base + kinds[i]) === 0) { return iri.slice(base.length); }
    }
    return "";
  }

  function cell(term) {
    if (!term) { return el("td", { "class": "" }); }
    if (term.type === "uri") {
      var href = localHref(term.value), text = compact(term.value);
      return el("td", { "class": "uri" }, [href ? el("a", { href: href }, [text]) : text]);
    }
    if (term.type === "bnode") { return el("td", { "class": "bnode" }, ["_:" + term.value]); }
    var lang = term["xml:lang"];
    if (!lang) { return el("td", { "class": "literal" }, [term.value]); }
    return el("td", { "class": "literal", lang: lang === "zh" ? "zh-CN" : lang }, [
      term.value, " ", el("span", { "class": "lang-tag" }, ["@" + lang])
    ]);
  }

  function table(data, truncated) {
    if ("boolean" in data) {
      return [el("p", { "class": "result-summary" }, ["ASK: ", el("strong", { "class": "boolean" }, [String(data.boolean)])])];
    }
    var vars = data.head.vars, rows = data.results.bindings;
    var summary = rows.length + (rows.length === 1 ? " row" : " rows") + (truncated ? " (truncated at the row limit)" : "");
    return [
      el("p", { "class": "result-summary" }, [summary]),
      el("div", { "class": "table-wrap" }, [el("table", { "class": "results-table" }, [
        el("thead", {}, [el("tr", {}, vars.map(function (v) { return el("th", { scope: "col" }, ["?" + v]); }))]),
        el("tbody", {}, rows.map(function (b) { return el("tr", {}, vars.map(function (v) { return cell(b[v]); })); }))
      ])])
    ];
  }

  function failure(status, body) {
    return [el("div", { "class": "query-error", role: "alert" }, [
      el("p", {}, [el("strong", {}, [status + " · " + String(body.error || "error").replace(/_/g, " ")])]),
      el("pre", {}, [body.message || ""])
    ])];
  }

  function show(nodes) {
    output.textContent = "";
    nodes.forEach(function (node) { output.appendChild(node); });
  }

  function run() {
    var query = textarea.value;
    history.replaceState(null, "", "/sparql?query=" + encodeURIComponent(query));
    show([el("p", { "class": "result-summary" }, ["Running…"])]);
    fetch("/sparql", {
      method: "POST",
      headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" },
      body: new URLSearchParams({ query: query })
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      var truncated = response.headers.get("X-Kgraph-Truncated") === "true";
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (body) { show(failure(response.status, body)); });
      }
      if (type.indexOf("application/sparql-results+json") === 0) {
        return response.json().then(function (data) { show(table(data, truncated)); });
      }
      return response.text().then(function (text) {
        show([el("p", { "class": "result-summary" }, ["Graph result as Turtle" + (truncated ? " (truncated)" : "")]),
              el("pre", { "class": "turtle" }, [el("code", {}, [text])])]);
      });
    }).catch(function (error) {
      show(failure("network", { message: String(error) }));
    });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  textarea.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  document.querySelectorAll("a.example").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      textarea.value = link.getAttribute("data-query");
      run();
    });
  });
})();
