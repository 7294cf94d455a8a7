import logging
import re

import pytest

from kiosk import create_app
from kiosk.security import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY
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


@pytest.mark.parametrize("path", ["/en/", "/en/report/", "/en/nope/", "/healthz", "/en/manifest.webmanifest",
                                  "/service-worker.js", "/static/css/kiosk.css", "/"])
def test_every_response_says_how_to_cache_it_and_refuses_device_features(client, path):
    headers = client.get(path).headers
    assert headers["Permissions-Policy"] == PERMISSIONS_POLICY and "camera=()" in headers["Permissions-Policy"]
    assert headers["Cache-Control"] == ("no-store" if path == "/healthz" else "no-cache")


@pytest.mark.parametrize("host", [".", "..", "a..b", "-" * 64 + ".example", "x" * 300, "[::1", "a b", "a:99999"])
def test_a_host_header_the_app_cannot_use_gets_the_400_page_with_the_numbers(client, host):
    response = client.get("/en/", headers={"Host": host})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'class="report-panel"' in page and 'href="tel:999"' in page
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_redirects_never_carry_the_host_header(client):
    for path in ("/", "/en/text-size/?size=2&next=/en/report/"):
        response = client.get(path, headers={"Host": "evil.example"})
        assert response.status_code == 302 and "evil" not in response.headers["Location"]
        assert response.headers["Location"].startswith("/")


def test_trusted_hosts_answers_only_those_names_and_loopback():
    client = create_app({"TESTING": True, "TRUSTED_HOSTS": ["kiosk.intranet.example"]}).test_client()
    assert client.get("/en/", headers={"Host": "kiosk.intranet.example"}).status_code == 200
    assert client.get("/en/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    refused = client.get("/en/", headers={"Host": "evil.example"})
    assert refused.status_code == 400 and 'class="report-panel"' in refused.get_data(as_text=True)


def test_trusted_hosts_setting_reads_a_list_and_refuses_a_bad_name():
    from kiosk.settings import resolve

    resolved = resolve({"KIOSK_TRUSTED_HOSTS": "kiosk.intranet.example, .partnership.example",
                        "KIOSK_SETTINGS": "/nonexistent/settings.yaml"})
    assert resolved.values["trusted_hosts"].value == ["kiosk.intranet.example", ".partnership.example"]
    bad = resolve({"KIOSK_TRUSTED_HOSTS": "http://x/", "KIOSK_SETTINGS": "/nonexistent/settings.yaml"})
    assert bad.values["trusted_hosts"].value is None
    assert any("trusted_hosts" in line and "expected host names" in line for line in bad.problems)


def test_a_bad_host_over_a_real_server_gets_the_page_not_a_bare_500(served):
    status, headers, body = served.get("/en/", host=".")
    assert status == 400 and 'class="report-panel"' in body and "Permissions-Policy" in headers


def test_a_missing_trailing_slash_redirects_to_a_path_not_to_the_host_header(client):
    response = client.get("/en", headers={"Host": "evil.example"})
    assert response.status_code == 308 and response.headers["Location"] == "/en/"


def test_a_query_that_is_not_utf8_gets_the_400_page_not_a_crash(client):
    response = client.get("/en/text-size/", environ_overrides={"QUERY_STRING": "next=\x80"})
    assert response.status_code == 400 and 'class="report-panel"' in response.get_data(as_text=True)


# --- closing what mutation testing found (issue 18): each test below failed on a surviving mutant -------------

def test_when_the_app_itself_fails_the_guard_answers_with_the_numbers_and_every_header(caplog):
    # A failure after the page is made (in an after_request function) is past the app's error pages; testing
    # mode lets Flask raise it, as a bug in Flask or a middleware would, out to the guard.
    app = create_app({"TESTING": True})

    @app.after_request
    def fail(response):
        raise RuntimeError("deliberate")

    with caplog.at_level(logging.ERROR):
        response = app.test_client().get("/en/report/")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and 'href="tel:999"' in page and "deliberate" not in page
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "request failed outside the app's error pages: /en/report/" in caplog.messages


def test_a_request_without_a_query_string_is_served(app):
    # PEP 3333: QUERY_STRING may be absent; a WSGI server other than waitress may leave it out
    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(path="/en/report/").get_environ()
    del environ["QUERY_STRING"]
    statuses = []
    body = b"".join(app.wsgi_app(environ, lambda status, headers, exc_info=None: statuses.append(status)))
    assert statuses == ["200 OK"] and b'href="tel:999"' in body


def test_each_refused_request_is_logged_with_why_and_at_most_200_characters_of_the_host(client, caplog):
    with caplog.at_level(logging.WARNING):
        client.get("/en/", headers={"Host": "a b"})
        client.get("/en/", headers={"Host": "x" * 300})
        client.get("/en/text-size/", environ_overrides={"QUERY_STRING": "next=\x80"})
    assert [message for message in caplog.messages if message.startswith("refused")] == [
        "refused a request with Host header 'a b'", f"refused a request with Host header '{'x' * 200}'",
        "refused a request with a query that is not UTF-8"]


@pytest.mark.parametrize(("location", "kept"), [
    ("http://evil.example/en/report/?a=1", "/en/report/?a=1"), ("//evil.example/x", "/x"),
    ("/\\evil.example/x", "/evil.example/x"), ("/en/#top", "/en/"), ("/en/", "/en/"), ("/Xenon/", "/Xenon/")])
def test_every_redirect_leaves_for_a_path_on_this_site(location, kept):
    from flask import Response

    from kiosk.security import keep_redirects_on_site

    response = Response(status=302, headers={"Location": location})
    keep_redirects_on_site(response)
    assert response.headers["Location"] == kept


@pytest.mark.parametrize("host", ["localhost:8000", "LOCALHOST", "127.0.0.1", "[::1]:8000", "[::1]"])
def test_with_trusted_hosts_set_loopback_is_still_answered_however_it_is_written(host):
    from kiosk.security import is_good_host

    assert is_good_host(host, ["kiosk.intranet.example"])


@pytest.mark.parametrize("host", ["[::2]:8000", "[fe80::1]", "evil.example", "evil.example:8000"])
def test_with_trusted_hosts_set_other_hosts_are_refused(host):
    from kiosk.security import is_good_host

    assert not is_good_host(host, ["kiosk.intranet.example"])


@pytest.mark.parametrize(("target", "path"), [
    ("/en/report/", "/en/report/"), ("/en/search/?q=moving house", "/en/search/?q=moving house"),
    ("/en/themes/x/?size=2#top", "/en/themes/x/?size=2"), ("en/report/", None), ("http:/en/", None),
    ("//evil.example/", None), ("/\tevil", None), ("/en/\x7f", None), ("", None)])
def test_next_is_kept_only_as_a_path_on_this_site(target, path):
    from kiosk.views import same_site_path

    assert same_site_path(target) == path
