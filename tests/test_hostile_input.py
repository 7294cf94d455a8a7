"""Property-based: whatever an attacker or a careless editor sends (any path, query, Host, Accept-Language or
Cookie; any bytes in a catalogue), the kiosk answers with a page, never a crash. Bounded by the hypothesis
profile in conftest.py ("suite" for the test command, "long" for a thorough run)."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import create_app
from kiosk.i18n import catalogues, checks
from kiosk.security import CONTENT_SECURITY_POLICY
from tests.helpers import TRANSLATIONS_DIR

# what WSGI hands the app: header values and the unquoted path as latin-1 text (waitress refuses CR and LF itself)
latin1 = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=80)
path_bytes = st.lists(st.one_of(st.sampled_from([b"/", b"..", b"%", b"en", b"tr", b"themes", b"child-neglect",
                                                 b"text-size", b"report", b"\\", b"//", b"\x00", b"\xff", b"\n"]),
                                st.binary(max_size=6)), max_size=8).map(b"".join)


def check_page(response) -> None:
    assert response.status_code < 500, response.status_code
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "Permissions-Policy" in response.headers and "Cache-Control" in response.headers
    if response.status_code >= 400:
        page = response.get_data(as_text=True)
        assert 'class="report-panel"' in page and 'href="tel:999"' in page and "Traceback" not in page
    if "Location" in response.headers:
        location = response.headers["Location"]
        assert location.startswith("/") and not location.startswith("//") and "\\" not in location
        assert not any(ord(ch) < 0x21 for ch in location)


@given(path=path_bytes)
def test_any_path_gets_a_page(app, path):
    response = app.test_client().get("/", environ_overrides={"PATH_INFO": "/" + path.decode("latin-1")})
    check_page(response)


@given(query=st.binary(max_size=60), target=latin1, size=latin1)
def test_any_query_gets_a_page_and_redirects_stay_on_the_site(app, query, target, size):
    client = app.test_client()
    check_page(client.get("/en/", environ_overrides={"QUERY_STRING": query.decode("latin-1")}))
    check_page(client.get("/en/text-size/", query_string={"next": target, "size": size}))
    check_page(client.get("/en/text-size/", environ_overrides={"QUERY_STRING": "next=" + query.decode("latin-1")}))


@given(host=latin1, languages=latin1, cookie=latin1)
def test_any_host_language_or_cookie_header_gets_a_page(app, host, languages, cookie):
    headers = {"HTTP_HOST": host, "HTTP_ACCEPT_LANGUAGE": languages, "HTTP_COOKIE": cookie}
    for path in ("/", "/en/", "/en/report/", "/healthz", "/nowhere/"):
        check_page(app.test_client().get(path, environ_overrides=headers))


# --- catalogues ----------------------------------------------------------------------------------------------

SHIPPED_PO = (TRANSLATIONS_DIR / "tr" / "LC_MESSAGES" / "messages.po").read_bytes()

edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 20), st.binary(max_size=12)), min_size=1, max_size=4)


def damage(data: bytes, changes) -> bytes:
    """Each change: at a point (a fraction of the way through), remove some bytes and put others in."""
    for where, remove, insert in changes:
        at = int(where * len(data))
        data = data[:at] + insert + data[at + remove:]
    return data


@pytest.fixture(scope="module")
def catalogue_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "translations"
    (folder / "tr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(TRANSLATIONS_DIR / "messages.pot", folder / "messages.pot")
    return folder


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=edits)
def test_any_bytes_in_a_catalogue_give_a_clear_error_or_a_valid_load(catalogue_folder, changes):
    po_path = catalogue_folder / "tr" / "LC_MESSAGES" / "messages.po"
    po_path.write_bytes(damage(SHIPPED_PO, changes))
    po_path.with_suffix(".mo").unlink(missing_ok=True)
    findings = checks.check_catalogue(po_path)  # never raises: every problem is a finding with a line
    assert all(f.line >= 1 and str(f).startswith(catalogues.display(po_path)) for f in findings)
    try:
        catalogues.compile_if_stale(po_path)
    except catalogues.CatalogueError as err:
        assert str(err).startswith(catalogues.display(po_path)) and "\n" not in str(err)


@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=edits)
def test_a_damaged_catalogue_never_breaks_a_page(catalogue_folder, changes):
    po_path = catalogue_folder / "tr" / "LC_MESSAGES" / "messages.po"
    po_path.write_bytes(damage(SHIPPED_PO, changes))
    client = create_app({"TESTING": True, "TRANSLATIONS_DIR": str(catalogue_folder)}).test_client()
    for path in ("/tr/", "/tr/report/", "/tr/themes/child-neglect/", "/en/translators/", "/en/"):
        check_page(client.get(path))
