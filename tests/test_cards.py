import html
import re

import pytest

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
