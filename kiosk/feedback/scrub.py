"""Personal details taken out of a free-text comment before it is stored.

What can be found reliably is replaced by a marker: e-mail addresses ``[email]``, National Insurance numbers
``[ni-number]``, dates (any date may be a date of birth) ``[date]``, postcodes ``[postcode]`` and UK phone numbers
``[phone]`` (found by ``phonenumbers``, the library that checks the contact numbers), with long digit runs that look
like any other phone number taken as well. The order matters: a National Insurance number, a date or a postcode
holds digit groups that a phone matcher would take half of ("QQ 12 34 56 C" must not become "QQ [phone] C").

Names cannot be found reliably, so nothing pretends to: a comment that looks as if it holds a name (a title such
as "Mrs", "called ...", two capitalised words inside a sentence), or had anything replaced, is flagged for review,
as GOV.UK's feedback service flags suspected personal information rather than rewriting it.
"""

from __future__ import annotations

import dataclasses
import re

import phonenumbers

EMAIL = re.compile(r"[\w.+'-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\s*\.\s*[\w-]+)+", re.IGNORECASE)
# Two letters, six digits (in pairs, spaced or not, or dashed throughout), and usually a final letter A-D. A dash
# only between all the pairs, so a word before a date ("aa 1990-01-01") is not taken for one.
NI_NUMBER = re.compile(r"(?<![\w])[A-Z]{2}[ -]?\d{2}(?: ?\d{2} ?\d{2}|-\d{2}-\d{2})(?:[ -]?[A-D])?(?![\w-])",
                       re.IGNORECASE)
MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
DATE = re.compile(
    r"(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"                       # 2015-03-12
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"                       # 12/03/2015, 12.3.15
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{MONTHS})\.?,?(?:\s+\d{{4}}|\s+\d{{2}}(?!\d))?"  # 12th of March 2015
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"  # March 12, 2015
    r")(?!\d)", re.IGNORECASE)
POSTCODE = re.compile(r"(?<![\w])(?:GIR ?0AA|[A-Z]{1,2}\d{1,2}[A-Z]? ?\d[A-Z]{2})(?![\w])", re.IGNORECASE)
# Any other run of nine or more digits, spaced or punctuated like a phone number (a foreign number, a case number).
DIGIT_RUN = re.compile(r"\+?\(?\d(?:[\s().-]{0,2}\d){8,}")

TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\b\.?\s+\w", re.IGNORECASE)
NAMED = re.compile(r"\b(?:called|named|name is|name's|my name|his name|her name)\s+\w", re.IGNORECASE)
# Two capitalised words in a row, not at the start of a sentence ("... I met Jane Smith today").
CAPITALISED_PAIR = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\s+[A-Z][a-z]+\b")


@dataclasses.dataclass(frozen=True)
class Scrubbed:
    text: str
    needs_review: bool  # might still hold a name, or held something personal


def _phones(text: str) -> str:
    # long digit runs first: two numbers written with nothing between them are one run, which the phone matcher
    # would cut in odd places ("020 3000 0000020 3000 0000" left "020" behind)
    text = DIGIT_RUN.sub("[phone]", text)
    found = list(phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE))
    for match in reversed(found):
        text = text[:match.start] + "[phone]" + text[match.end:]
    return text


def looks_like_a_name(text: str) -> bool:
    return bool(TITLE.search(text) or NAMED.search(text) or CAPITALISED_PAIR.search(text))


def scrub(text: str) -> Scrubbed:
    """``text`` with every personal detail found replaced by its marker, and whether a person should look at it."""
    cleaned = EMAIL.sub("[email]", text)
    cleaned = NI_NUMBER.sub("[ni-number]", cleaned)
    cleaned = DATE.sub("[date]", cleaned)
    cleaned = POSTCODE.sub("[postcode]", cleaned)
    cleaned = _phones(cleaned)
    return Scrubbed(cleaned, needs_review=cleaned != text or "@" in cleaned or looks_like_a_name(cleaned))
