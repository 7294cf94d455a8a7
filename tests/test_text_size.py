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
