"""/notes/<path> in a real browser: line ranges highlighted and scrolled to; nothing from a note runs."""
from __future__ import annotations


def test_line_range_is_highlighted_and_scrolled_to(page) -> None:
    page.set_viewport_size({"width": 1200, "height": 300})
    page.goto("/notes/services.md#L9-L10")
    assert (page.locator("html").get_attribute("lang"), page.locator("#note").get_attribute("lang")) == ("en", "en")
    highlighted = page.locator("#note .hl")
    assert highlighted.evaluate_all("els => els.map(e => e.getAttribute('data-lines'))") == ["9-9", "10-10"]
    assert highlighted.all_inner_texts() == ["kube-proxy: implements the Service virtual IP",
                                             "kubelet: talks to the container runtime"]
    assert page.evaluate("scrollY") > 0
    page.evaluate("location.hash = '#L3-L4'")
    assert page.locator("#note .hl").evaluate_all("els => els.map(e => e.getAttribute('data-lines'))") == ["3-4"]
    page.goto("/notes/workloads.md")
    assert page.locator("#note").get_attribute("lang") == "zh-CN"
    assert page.locator("h1.note-title").inner_text() == "工作负载"


def test_script_and_onerror_in_a_note_do_not_run(page, screenshot) -> None:
    page.goto("/notes/xss.md")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") is None
    note = page.locator("#note")
    assert note.locator("script, img, svg, iframe, [onerror], [onload], a[href^='javascript']").count() == 0
    assert page.locator("script").evaluate_all("els => els.map(e => e.getAttribute('src'))") == [
        "/static/autocomplete.js", "/static/note.js"]
    text = note.inner_text()
    assert "以及图片" in text and "[外部图片]" in text and "点我" in text
    screenshot(page, "note-xss")
