import re

import pytest

from kiosk.settings import PROJECT_DIR

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@pytest.mark.parametrize("path", ["/", "/en/", "/en/report/", "/en/themes/child-neglect/", "/en/nope/",
                                  "/healthz", "/static/css/kiosk.css", "/static/js/kiosk.js"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    for name, value in HEADERS.items():
        assert headers[name] == value
    csp = [part.strip() for part in headers["Content-Security-Policy"].split(";")]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert not any("unsafe-inline" in part or "unsafe-eval" in part for part in csp)


def test_pages_have_no_inline_script_or_style(site_pages):
    for path, page in site_pages.items():
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert "<style" not in page and " style=" not in page and re.search(r"\son\w+=", page) is None, path


def test_nothing_refers_to_another_host(site_pages):
    assets = [p.read_text() for p in (PROJECT_DIR / "static").rglob("*") if p.suffix in (".css", ".js")]
    for text in [*site_pages.values(), *assets]:
        assert not re.search(r"""(src|href|action)=["']?(https?:)?//""", text)
        assert not re.search(r"""url\(\s*["']?(https?:)?//|@import""", text)
