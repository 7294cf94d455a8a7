import html
import re

import pytest

from kiosk import content
from kiosk.content import phones
from kiosk.settings import PROJECT_DIR
from tests.helpers import NUMBERS

KEY_MESSAGES = [
    "Think the Unthinkable",
    "A Seen Child is Not a Safe Child",
    "Assessment is a Process, Not a One-off Event",
    "Interaction is Not the Same as 'Attachment'",
    "Neglect is a Relationship Issue",
    "Consensus Isn't Always Safe",
    "Parental Participation is Not the Same as Cooperation",
    "Professional Involvement is Not the Same as Engagement",
    "Domestic Violence is a Serious Risk Factor",
]
POSTER_THEMES = [
    "Mobile Families",
    "Disabled Children",
    "Listening to Children",
    "Mental Health Problems in Children & Young People",
    "Domestic Abuse",
    "Professional Parents",
    "Information Sharing",
    "Child Neglect",
    "Lost in Translation",
    "Anti-Social Behaviour in Young People - They're Vulnerable Children Too",
]
# The source's "questions to consider", exactly, by the card that carries them.
SOURCE_QUESTIONS = {
    "Assessment is a Process, Not a One-off Event": ["Who are the adults?", "What is their story?"],
    "Interaction is Not the Same as 'Attachment'": [
        "What is the quality of the parents' responsiveness to the child?",
        "What evidence have you observed in the child's behaviour that suggests secure, ambivalent, avoidant, disordered?",
        "What research supports your view?",
    ],
    "Neglect is a Relationship Issue": [
        "What is going on in the relationship between the parent and child that has allowed this to happen?",
        "Where do the parents' priorities lie?",
        "Does the parent have a sense of the child's 'otherness'?",
        "How aware is the parent of the child's needs, personality, strengths and struggles?",
        "What is it like to be that child's age and living in that household?",
    ],
    "Professional Involvement is Not the Same as Engagement": [
        "Even once you communicate your concern to other workers, how sure are you that you are understood?",
        "What actions are they taking?",
        "How do you know?",
    ],
}


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def card_pages(client) -> dict[str, str]:
    home = client.get("/en/").get_data(as_text=True)
    links = re.findall(r'href="(/en/themes/[^"]+/)"', home)
    return {link: client.get(link).get_data(as_text=True) for link in links}


def h1(page: str) -> str:
    return text_of(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)).strip()


def test_home_lists_every_card_in_its_group(client):
    home = client.get("/en/").get_data(as_text=True)
    key_section, poster_section = (text_of(part) for part in home.split('id="poster-themes-heading"'))
    for title in KEY_MESSAGES:
        assert title in key_section, title
    for title in POSTER_THEMES:
        assert title in poster_section, title


def test_every_card_renders_with_its_listed_title(client):
    titles = sorted(h1(page) for page in card_pages(client).values())
    assert titles == sorted(KEY_MESSAGES + POSTER_THEMES)


@pytest.mark.parametrize("title", SOURCE_QUESTIONS)
def test_key_message_cards_carry_all_the_source_questions(client, title):
    page = next(p for p in card_pages(client).values() if h1(p) == title)
    questions = re.search(r'<ul class="questions">(.*?)</ul>', page, re.S).group(1)
    shown = [text_of(q).strip() for q in re.findall(r"<li>(.*?)</li>", questions, re.S)]
    assert shown == SOURCE_QUESTIONS[title]


def test_key_messages_without_source_questions_show_none(client):
    without = [page for page in card_pages(client).values()
               if h1(page) in KEY_MESSAGES and h1(page) not in SOURCE_QUESTIONS]
    assert len(without) == len(set(KEY_MESSAGES) - set(SOURCE_QUESTIONS)) > 0
    for page in without:
        assert "Questions to consider" not in page, h1(page)


def test_poster_theme_cards_have_points_questions_and_cited_sources(client):
    posters = [page for page in card_pages(client).values() if h1(page) in POSTER_THEMES]
    assert len(posters) == len(POSTER_THEMES) == 10
    for page in posters:
        points = re.search(r'<ul class="key-points">(.*?)</ul>', page, re.S).group(1)
        assert 3 <= points.count("<li>") <= 6, h1(page)
        assert 2 <= page.count("</li>", page.index('class="questions"'), page.index('class="sources"')) <= 4
        cited = set(re.findall(r'href="#source-([^"]+)"', points))
        listed = set(re.findall(r'id="source-([^"]+)"', page))
        assert cited and cited <= listed, h1(page)


def test_the_library_shows_each_number_as_written_and_dials_it_in_international_form():
    library = content.load(PROJECT_DIR / "content")
    assert {phone.display: phone.tel for phone in library.phones.values()} == NUMBERS
    assert list(library.phones) == [contact.id for contact in library.contacts.contacts]


@pytest.mark.parametrize(("written", "dialled"), [("9 9 9", "tel:999"), ("112", "tel:112"),
                                                  ("+44 (0)20 8489 4470", "tel:+442084894470"),
                                                  ("020-8489-4470", "tel:+442084894470")])
def test_a_number_is_dialled_however_it_is_spaced(written, dialled):
    assert phones.phone_for(written, "GB") == phones.Phone(written, dialled)


def test_cards_come_key_messages_first_then_poster_themes_each_in_their_order():
    cards = list(content.load(PROJECT_DIR / "content").cards.values())
    assert [card.group for card in cards] == sorted((card.group for card in cards), key=lambda g: g != "key-message")
    for group in ("key-message", "poster-theme"):
        orders = [card.order for card in cards if card.group == group]
        assert orders == sorted(orders) and orders
