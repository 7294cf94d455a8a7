"""Walk every page in the pseudo-locale: every visible string must be pseudo-localised (so none escaped
gettext), and no text may overflow its box when it is 40% longer."""

import pytest

from kiosk.i18n import pseudo
from kiosk.state import kiosk_state

# Text nodes that are not translated by design: other languages' names (lang="..."), source citations and
# reference tags (translate="no"), and data such as phone numbers (digits and punctuation only).
UNLOCALISED_TEXT = """() => {
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim(), el = node.parentElement;
    if (!text || /^[\\d\\s+()\\-–.,;:%·\\/]+$/.test(text)) continue;
    if (el.closest('[translate="no"], script, style')) continue;
    if (el.closest('[lang]').getAttribute('lang') !== document.documentElement.lang) continue;
    if (!(text.startsWith('[') && text.endsWith(']'))) bad.push(text.slice(0, 80));
  }
  if (!document.title.includes('[')) bad.push('<title> ' + document.title);
  for (const el of document.querySelectorAll('[aria-label]'))
    if (!el.getAttribute('aria-label').startsWith('[')) bad.push('aria-label ' + el.getAttribute('aria-label'));
  return bad;
}"""

# Text that spills out of its box, or off the screen (text not drawn, such as a folded list, apart). Rows built to scroll sideways (the language strip on a
# phone, wide tables) are scroll containers: what is scrolled out of view there is not overflow.
OVERFLOWING = """() => {
  const bad = [];
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  // for screen readers only (.visually-hidden, or a label a phone's header keeps in such a 1px clipped box, issue 15)
  const screenReaderOnly = (el) => { for (let a = el; a; a = a.parentElement) if (a.classList.contains('visually-hidden') ||
    (getComputedStyle(a).clipPath === 'inset(50%)' && a.offsetWidth <= 1)) return true; return false; };
  const inScroller = (el) => { for (let a = el; a && a !== document.body; a = a.parentElement) if (scrolls(a)) return true; return false; };
  if (document.documentElement.scrollWidth > window.innerWidth) bad.push('page scrolls sideways');
  for (const el of document.querySelectorAll('body *')) {
    if (!el.textContent.trim() || screenReaderOnly(el) || !el.checkVisibility() || inScroller(el) || getComputedStyle(el).display === 'inline') continue;
    if (el.scrollWidth > el.clientWidth + 1)
      bad.push(el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40));
    const box = el.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 || box.left < -1)
      bad.push('outside the screen: ' + el.tagName + '.' + el.className);
  }
  return bad;
}"""


def pseudo_pages(app_pages):
    return [path.replace("/en/", f"/{pseudo.CODE}/", 1) for path in app_pages]


@pytest.fixture(scope="module")
def pages(live_url):
    from kiosk import create_app

    library = kiosk_state(create_app()).library
    return ["/en-XA/", "/en-XA/report/", "/en-XA/no-such-page/", "/en-XA/translators/",
            "/en-XA/translators/child-neglect/"] + [f"/en-XA/themes/{slug}/" for slug in library.cards]


@pytest.mark.parametrize("size", [(390, 844), (1080, 1920)], ids=["phone", "portrait-kiosk"])
def test_every_visible_string_is_pseudo_localised_and_fits(browser, live_url, pages, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        problems = {}
        for path in pages:
            page.goto(live_url + path)
            found = page.evaluate(UNLOCALISED_TEXT) + page.evaluate(OVERFLOWING)
            if found:
                problems[path] = found
        assert problems == {}
    finally:
        page.close()
