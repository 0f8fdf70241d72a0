"""``/glossary`` in a real browser: the filter works as one types (no reload, ?q= kept in the address),
the A–Z / 拼音 index jumps to its letter and follows the filter, the page fits 360 px, and without
JavaScript the same filter runs on the server."""
from __future__ import annotations


def visible_terms(page) -> list[str]:
    return page.locator(".glossary-entry:visible h3").all_inner_texts()


def test_filter_hides_entries_as_one_types_without_a_reload(page, screenshot) -> None:
    page.goto("/glossary")
    assert visible_terms(page) == ["Deployment（部署）", "kube-proxy", "kubelet", "Pod（容器组）", "ReplicaSet（副本集）",
                                   "Service（服务）"]
    page.evaluate("window.__sameDocument = true")
    page.locator("#glossary-q").press_sequentially("副本")
    assert visible_terms(page) == ["ReplicaSet（副本集）"]
    assert page.locator("#glossary-count span").inner_text() == "1"
    assert page.evaluate("window.__sameDocument") is True  # no navigation happened
    assert page.evaluate("location.search") == "?q=%E5%89%AF%E6%9C%AC"
    assert page.locator(".glossary-letter:visible h2").all_inner_texts() == ["R"]
    assert page.locator('.glossary-index [data-letter="K"]').get_attribute("class") == "empty"
    page.locator("#glossary-q").fill("svc")
    assert visible_terms(page) == ["Service（服务）"]  # by its alias
    page.locator("#glossary-q").fill("zzz")
    assert visible_terms(page) == [] and page.locator("#glossary-none").is_visible()
    page.locator("#glossary-q").fill("")
    assert len(visible_terms(page)) == 6 and page.evaluate("location.search") == ""
    screenshot(page, "glossary")


def test_index_jumps_to_its_letter(page) -> None:
    page.set_viewport_size({"width": 1200, "height": 400})
    page.goto("/glossary")
    assert page.locator(".glossary-index a").all_inner_texts() == ["D", "K", "P", "R", "S"]
    assert page.locator(".glossary-index .empty").count() == 27 - 5
    page.locator(".glossary-index a", has_text="P").click()
    page.wait_for_function("location.hash === '#letter-P'")
    top = page.locator("#letter-P").bounding_box()["y"]
    assert page.evaluate("window.scrollY") > 0 and -2 <= top < 50  # scrolled to the top of the window
    assert page.locator("#letter-P .glossary-entry h3").all_inner_texts() == ["Pod（容器组）"]


def test_language_toggle_keeps_the_filter(page) -> None:
    page.goto("/glossary?q=豌豆荚")  # Pod's alias
    page.locator(".glossary-langs a", has_text="zh").click()
    page.wait_for_url("**/glossary?lang=zh&q=%E8%B1%8C%E8%B1%86%E8%8D%9A")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert visible_terms(page) == ["容器组（Pod）"]


def test_fits_360_px(phone, screenshot) -> None:
    phone.goto("/glossary")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    entry = phone.locator(".glossary-entry").first.bounding_box()
    assert entry["x"] <= 20 and entry["width"] >= 300  # no deep indents
    assert phone.locator("#glossary-q").bounding_box()["width"] >= 150
    screenshot(phone, "phone-glossary")


def test_without_javascript_the_server_filters(no_js_page) -> None:
    no_js_page.goto("/glossary")
    no_js_page.locator("#glossary-q").fill("svc")
    no_js_page.locator(".glossary-filter button").click()
    no_js_page.wait_for_url("**/glossary?q=svc")
    assert no_js_page.locator(".glossary-entry h3").all_inner_texts() == ["Service（服务）"]
    assert no_js_page.locator("#glossary-count span").inner_text() == "1"
