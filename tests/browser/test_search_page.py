"""The search page in a real browser: answers with citations in zh and en, citations into the notes,
keyboard autocomplete, escaping of what users type, and the same page without JavaScript.

The answers come from ``/api/ask`` and ``/api/search`` (``KnowledgeBase.ask``/``search``) over
``data/notes``; the page is checked for what it shows, the answerer's own tests for what it says.
"""
from __future__ import annotations

import re
from urllib.parse import quote

ZH_QUESTION = "Deployment 和 Pod 是什么关系？"
EN_QUESTION = "What manages ReplicaSets?"
XSS = """<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2;alert(2)</script>"""


def ask(page, question: str) -> None:
    page.goto("/")
    page.evaluate("window.__sameDocument = true")
    page.fill("#q", question)
    page.locator("#q").press("Enter")
    page.locator("#answer").wait_for()


def citations(page) -> list[dict]:
    return page.locator("#answer .citation").evaluate_all("""items => items.map(li => ({
        href: li.querySelector('a.citation-link').getAttribute('href'),
        quote: li.querySelector('.cite-quote').textContent }))""")


def test_chinese_question_shows_answer_and_citations(page, screenshot) -> None:
    ask(page, ZH_QUESTION)
    assert page.evaluate("window.__sameDocument") is True  # updated in place, no reload
    assert page.url.endswith("/?q=" + quote(ZH_QUESTION, safe=""))
    assert page.locator("#answer").get_attribute("class") == "answer-card answered"
    assert page.locator("#answer .question q").inner_text() == ZH_QUESTION
    assert page.locator("#answer .question q").get_attribute("lang") == "zh-CN"
    assert page.locator("#answer .answer-text").get_attribute("lang") == "zh-CN"
    assert page.locator("#answer .answer-text").inner_text().strip()
    cited = citations(page)
    assert cited and all(re.fullmatch(r"/notes/workloads\.md#L\d+-L\d+", c["href"]) for c in cited)
    assert any("Deployment用于管理Pod、ReplicaSet" in c["quote"] for c in cited)
    assert set(page.locator("#answer .entities a").evaluate_all("els => els.map(e => e.getAttribute('href'))")) >= {
        "/id/Deployment", "/id/Pod"}
    screenshot(page, "answer-zh")


def test_english_question_shows_answer_and_citations(page, screenshot) -> None:
    ask(page, EN_QUESTION)
    assert page.locator("#answer").get_attribute("class") == "answer-card answered"
    assert page.locator("#answer .answer-text").get_attribute("lang") == "en"
    assert "Deployment" in page.locator("#answer .answer-text").inner_text()
    cited = citations(page)
    assert any(c["href"] == "/notes/workloads.md#L14-L14" for c in cited)
    assert page.locator("#passages").is_visible()
    screenshot(page, "answer-en")


def test_following_an_answer_citation_highlights_its_lines(page, screenshot) -> None:
    ask(page, EN_QUESTION)
    first = citations(page)[0]
    start, end = map(int, re.search(r"#L(\d+)-L(\d+)$", first["href"]).groups())
    page.locator("#answer a.citation-link").first.click()
    page.wait_for_url(re.compile(re.escape(first["href"]) + "$"))
    highlighted = page.locator("#note .hl")
    assert highlighted.count() >= 1
    spans = highlighted.evaluate_all("els => els.map(e => e.getAttribute('data-lines').split('-').map(Number))")
    assert all(a <= end and b >= start for a, b in spans)
    squash = lambda text: "".join(text.split())
    assert squash(first["quote"]) in squash(" ".join(highlighted.all_inner_texts()))
    assert highlighted.first.evaluate("el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }")
    screenshot(page, "note-highlight-from-answer", full_page=False)


def test_back_and_forward_keep_the_url_and_the_answer_in_step(page) -> None:
    ask(page, ZH_QUESTION)
    page.fill("#q", EN_QUESTION)
    page.locator("#q").press("Enter")
    page.locator("#answer .question q", has_text=EN_QUESTION).wait_for()
    page.go_back()
    page.locator("#answer .question q", has_text=ZH_QUESTION).wait_for()
    assert page.input_value("#q") == ZH_QUESTION


def test_autocomplete_by_keyboard(page) -> None:
    page.goto("/")
    box, listbox = page.locator("#q"), page.locator("#q-list")
    box.press_sequentially("什么是副本")
    listbox.locator("[role=option]").first.wait_for()
    assert listbox.locator("[role=option] .term-label").all_inner_texts()[0] == "副本集"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "q-list-0"
    assert listbox.locator("[aria-selected=true] .term-label").inner_text() == "副本集"
    box.press("Enter")
    assert page.input_value("#q") == "什么是副本集"
    assert listbox.is_hidden() and box.get_attribute("aria-expanded") == "false"
    assert page.url.endswith("/")  # Enter took the term; it did not submit

    box.fill("")
    box.press_sequentially("what manages repl")
    listbox.locator("[role=option]").nth(1).wait_for()
    assert listbox.locator("[role=option] .term-label").all_inner_texts()[:2] == ["ReplicaSet", "ReplicationController"]
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowUp")
    assert listbox.locator("[aria-selected=true] .term-label").inner_text() == "ReplicaSet"
    box.press("Escape")
    assert listbox.is_hidden()
    assert page.input_value("#q") == "what manages repl"  # Escape closed the list, kept the text
    box.press("i")
    listbox.locator("[role=option]").first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    assert page.input_value("#q") == "what manages ReplicaSet"
    box.press("Enter")  # now the question goes
    page.locator("#answer").wait_for()


def test_markup_typed_into_the_search_box_is_shown_not_run(page) -> None:
    ask(page, XSS)
    assert page.locator("#answer .question q").inner_text() == XSS
    assert page.locator("#answer img, #answer script, #results img, #results script").count() == 0
    assert page.evaluate("window.__xss") is None
    page.goto("/?q=" + quote(XSS, safe=""))  # the server-rendered page, with JavaScript on
    assert page.locator("#answer .question q").inner_text() == XSS
    assert page.input_value("#q") == XSS
    assert page.evaluate("window.__xss") is None


def test_works_without_javascript(no_js_page, page, screenshot) -> None:
    no_js_page.goto("/")
    no_js_page.fill("#q", EN_QUESTION)
    no_js_page.locator("#ask-form button[type=submit]").click()
    no_js_page.wait_for_url("**/?q=What+manages+ReplicaSets%3F")
    assert "Deployment" in no_js_page.locator("#answer .answer-text").inner_text()
    server = {"answer": no_js_page.locator("#answer .answer-text").inner_text(), "citations": citations(no_js_page),
              "passages": no_js_page.locator("#passages .hit a.hit-link").evaluate_all("els => els.map(e => e.href)")}
    assert server["citations"] and server["passages"]
    screenshot(no_js_page, "answer-en-no-js")
    no_js_page.locator("#answer a.citation-link").first.click()
    no_js_page.wait_for_url(re.compile(r"/notes/.+#L\d+-L\d+$"))
    assert no_js_page.locator("#note [data-lines]").count() > 0

    ask(page, EN_QUESTION)  # the page JavaScript builds shows the same
    assert {"answer": page.locator("#answer .answer-text").inner_text(), "citations": citations(page),
            "passages": page.locator("#passages .hit a.hit-link").evaluate_all("els => els.map(e => e.href)")} == server


def test_answer_usable_at_360_px(phone, screenshot) -> None:
    phone.goto("/?q=" + quote(ZH_QUESTION, safe=""))
    phone.locator("#answer").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.locator("#q").bounding_box()["width"] >= 200
    screenshot(phone, "phone-answer-zh")
