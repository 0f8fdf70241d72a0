// The search page with JavaScript: ask /api/ask and /api/search, show the answer without a reload,
// and keep the URL shareable (/?q=…, the same URL the form sends without JavaScript).
// The markup built here is the markup of web/templates/macros.html; all text goes in via textContent.
(function () {
  "use strict";

  var form = document.getElementById("ask-form");
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  var status = document.getElementById("status");
  var SEARCH_LIMIT = 5;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] !== null && attrs[name] !== undefined) { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // As kgraph.text.detect_lang: Chinese when CJK ideographs are at least as many as Latin words.
  function textLang(text) {
    var cjk = (String(text).match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g) || []).length;
    var words = (String(text).match(/[A-Za-z0-9\u00c0-\u024f]+/g) || []).length;
    return cjk && cjk >= words ? "zh-CN" : "en";
  }

  function encodePath(path) {
    return String(path).split("/").map(encodeURIComponent).join("/");
  }

  function noteUrl(c) {
    return "/notes/" + encodePath(c.source) + "#L" + c.start_line + "-L" + c.end_line;
  }

  function conceptHref(iri) {
    var at = String(iri).indexOf("/id/");
    return at < 0 ? "/" : String(iri).slice(at);
  }

  function sourceLink(c, cls) {
    var nodes = [el("a", { "class": cls, href: noteUrl(c) }, [
      el("span", { "class": "cite-title" }, [c.title || c.source]), "\n",
      el("span", { "class": "cite-lines" }, [c.source + ":" + c.start_line + "–" + c.end_line])
    ])];
    if (c.heading) { nodes.push(el("div", { "class": "cite-heading" }, [c.heading])); }
    return nodes;
  }

  // /api/ask gives the answer's parts: runs of text, a quote's with the index of the citation it
  // quotes, which becomes the "[n]" link to that citation (n counted from 1).
  function answerText(parts, lang) {
    var text = parts.map(function (part) { return part.text; }).join("");
    var p = el("p", { "class": "answer-text", lang: lang ? (lang === "zh" ? "zh-CN" : lang) : textLang(text) });
    parts.forEach(function (part) {
      if (part.text) { p.appendChild(document.createTextNode(part.text)); }
      if (part.citation !== null && part.citation !== undefined) {
        var n = part.citation + 1;
        p.appendChild(el("a", { "class": "cite-ref", href: "#cite-" + n }, ["[" + n + "]"]));
      }
    });
    return p;
  }

  function answerCard(a) {
    var card = el("section", { id: "answer", "class": "answer-card " + (a.answered ? "answered" : "unanswered"),
                               "aria-labelledby": "answer-heading" }, [
      el("h2", { id: "answer-heading" }, ["Answer"]),
      el("p", { "class": "question" }, ["Question: ", el("q", { lang: textLang(a.question) }, [a.question])]),
      answerText(a.parts || [], a.lang)
    ]);
    if (a.entities && a.entities.length) {
      card.appendChild(el("ul", { "class": "entities", "aria-label": "Concepts" }, a.entities.map(function (e) {
        return el("li", {}, [el("a", { href: conceptHref(e.iri), lang: textLang(e.label) }, [e.label])]);
      })));
    }
    if (a.citations && a.citations.length) {
      card.appendChild(el("h3", {}, ["Sources"]));
      card.appendChild(el("ol", { "class": "citations" }, a.citations.map(function (c, i) {
        return el("li", { id: "cite-" + (i + 1), "class": "citation" }, sourceLink(c, "citation-link").concat([
          el("blockquote", { "class": "cite-quote", lang: textLang(c.quote) }, [c.quote || ""])
        ]));
      })));
    }
    if (a.sparql) {
      card.appendChild(el("details", { "class": "answer-sparql" }, [
        el("summary", {}, ["SPARQL behind this answer"]),
        el("pre", {}, [el("code", {}, [a.sparql])]),
        el("a", { href: "/sparql?query=" + encodeURIComponent(a.sparql) }, ["Open it in the query editor"])
      ]));
    }
    return card;
  }

  // /api/search gives each hit's snippet as plain text and the [start, end) ranges that matched
  // (in characters, i.e. code points): the ranges become <mark>s, all of it stays text.
  function snippet(h) {
    var p = el("p", { "class": "snippet" });
    var chars = Array.from(h.snippet_text || ""), at = 0;
    (h.highlights || []).forEach(function (range) {
      if (range[0] > at) { p.appendChild(document.createTextNode(chars.slice(at, range[0]).join(""))); }
      p.appendChild(el("mark", {}, [chars.slice(range[0], range[1]).join("")]));
      at = range[1];
    });
    if (at < chars.length) { p.appendChild(document.createTextNode(chars.slice(at).join(""))); }
    p.setAttribute("lang", textLang(p.textContent));
    return p;
  }

  function hitList(hits) {
    var section = el("section", { id: "passages", "class": "passages", "aria-labelledby": "passages-heading" }, [
      el("h2", { id: "passages-heading" }, ["Matching passages"])
    ]);
    if (!hits.length) {
      section.appendChild(el("p", { "class": "empty" }, ["No passage matches."]));
      return section;
    }
    section.appendChild(el("ol", { "class": "hits" }, hits.map(function (h) {
      return el("li", { "class": "hit" }, sourceLink(h, "hit-link").concat([snippet(h)]));
    })));
    return section;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.message || ("HTTP " + response.status)); }
        return body;
      });
    });
  }

  function show(nodes) {
    results.textContent = "";
    nodes.forEach(function (node) { results.appendChild(node); });
  }

  function run(question, push) {
    var q = encodeURIComponent(question);
    status.textContent = "Searching…";
    if (push) { history.pushState({ q: question }, "", "/?q=" + q); }
    document.title = question + " · kgraph";
    return Promise.all([
      getJSON("/api/ask?q=" + q),
      getJSON("/api/search?limit=" + SEARCH_LIMIT + "&q=" + q).catch(function () { return null; })
    ]).then(function (replies) {
      var hits = replies[1] && (replies[1].results || []);
      show([answerCard(replies[0])].concat(hits ? [hitList(hits)] : []));
      status.textContent = "";
    }).catch(function (error) {
      show([el("p", { "class": "error-message" }, [error.message])]);
      status.textContent = "";
    });
  }

  form.addEventListener("submit", function (event) {
    var question = input.value.trim();
    event.preventDefault();
    if (question) { run(question, true); }
  });

  window.addEventListener("popstate", function () {
    var question = new URLSearchParams(location.search).get("q") || "";
    input.value = question;
    if (question) {
      run(question, false);
    } else {
      show([]);
      document.title = "Search · kgraph";
    }
  });
})();
