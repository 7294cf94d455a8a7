import pytest


def test_text_size_works_without_javascript_and_is_kept(client):
    response = client.get("/en/text-size/?size=3&next=/en/report/")
    assert response.status_code == 302 and response.location == "/en/report/"
    page = client.get("/en/themes/child-neglect/").get_data(as_text=True)
    assert 'class="text-size-3"' in page


def test_text_size_never_redirects_off_site(client):
    for target in ("//example.org/", "https://example.org/", "/\\example.org"):
        response = client.get("/en/text-size/", query_string={"size": "2", "next": target})
        assert response.location == "/en/"


def test_unknown_text_size_is_ignored(client):
    client.get("/en/text-size/?size=99&next=/en/")
    assert 'class="text-size-1"' in client.get("/en/").get_data(as_text=True)


@pytest.mark.parametrize("target", [
    "/\r\n/x", "/en/\r\nSet-Cookie: a=b",       # line breaks: a header split, or a crash
    "/\t/evil.example", "/\n/evil.example", "\t//evil.example",  # browsers drop tabs and newlines: //evil.example
    "/\x00/evil.example", "/\x7f", "https:evil.example", "javascript:alert(1)", "///evil.example", " //evil.example",
])
def test_text_size_goes_home_for_anything_but_a_plain_same_site_path(client, target):
    response = client.get("/en/text-size/", query_string={"size": "2", "next": target})
    assert response.status_code == 302 and response.location == "/en/"


def test_text_size_with_a_line_break_in_next_goes_home_rather_than_failing(client):
    response = client.get("/en/text-size/?size=2&next=/%0a/x")
    assert response.status_code == 302 and response.location == "/en/"


def test_text_size_keeps_the_query_of_a_same_site_path(client):
    response = client.get("/en/text-size/", query_string={"size": "2", "next": "/en/search/?q=neglect"})
    assert response.location == "/en/search/?q=neglect"
