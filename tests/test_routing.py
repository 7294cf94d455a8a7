import pytest

from kiosk import create_app
from kiosk.state import kiosk_state


def test_root_redirects_to_the_default_language(client):
    response = client.get("/")
    assert response.status_code == 302 and response.location.endswith("/en/")


def test_healthz(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.sqlite3'}"})
    client = app.test_client()
    health = {"status": "ok", "cards": 19, "languages": list(kiosk_state(app).languages),
              "home": "/en/", "reset": "/en/text-size/?size=1&next=/en/"}
    assert client.get("/healthz").get_json() == {**health, "feedback": {"database": "not opened yet"}}
    client.get("/en/themes/child-neglect/")  # the first card opens the feedback database
    assert client.get("/healthz").get_json() == {**health, "feedback": {"database": "ok"}}


@pytest.mark.parametrize("path", [
    "/xx/",                                   # unknown language
    "/zz-ZZ/themes/mobile-families/",
    "/en/themes/no-such-card/",               # unknown card
    "/en/themes/../report/",                  # path tricks
    "/en/themes/..%2F..%2Fetc%2Fpasswd/",
    "/en/themes/mobile-families%2F..%2Fchild-neglect/",
    "/en/themes/" + "a" * 5000 + "/",         # very long slug
    "/en/themes/MOBILE-FAMILIES/",
    "/static/../content/contacts.yaml",
    "/en/nowhere/",
])
def test_unknown_pages_get_the_friendly_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page and 'class="report-panel"' in page
    assert "Traceback" not in page


def test_a_crash_shows_a_friendly_page_with_the_numbers():
    app = create_app({"TESTING": False})

    @app.route("/boom-for-test")
    def boom():
        raise RuntimeError("deliberate")

    response = app.test_client().get("/boom-for-test")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in page and 'href="tel:999"' in page and "deliberate" not in page


def test_a_page_not_found_offers_each_language_home_when_several_are_offered():
    client = create_app({"TESTING": True}).test_client()
    response = client.get("/ar/nowhere/")
    page = response.get_data(as_text=True)
    assert response.status_code == 404 and 'class="report-panel"' in page
    assert 'href="/en/" lang="en"' in page and 'href="/ar/" lang="ar"' in page
