"""The language a page is mostly written in, read from its text (no database).

Singapore's government sites publish pages in Chinese, Malay and Tamil beside English. Neither
Isomer nor Wagtail marks them, so a screen reader reads a Chinese page with English rules. A page
gets a language when more than half of its words are in it: Han characters (about 1.5 to a
word) for Chinese, Tamil-script words for Tamil, and for Latin-script text, Malay when its
common words clearly outnumber English ones. Otherwise it keeps the site's language (English).
"""

import re

CHINESE, MALAY, TAMIL = "zh", "ms", "ta"
MIN_WORDS = 8  # less text than this tells nothing (a title of eight words does)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TAMIL_WORD = re.compile(r"[\u0b80-\u0bff]+")
LATIN_WORD = re.compile(r"[A-Za-z]+")
MARKUP = re.compile(
    r"<[^>]*>|\{[%{].*?[%}]\}|\]\([^)]*\)|https?://\S+|&\w+;|\b[\w.+-]+@[\w-]+\.[\w.]+", re.S
)
MALAY_WORDS = frozenset(
    "dan yang untuk dengan ini itu di ke dari pada adalah tidak akan kepada oleh dalam juga "
    "atau boleh telah sebagai mereka kami kita anda bagi serta lebih tersebut perlu hendaklah "
    "sila setiap semua jika apabila bahawa iaitu ialah".split()
)
ENGLISH_WORDS = frozenset(
    "the and of to in for is on that with as are be by this it from at or an will was have "
    "has not you your we our their they which can more all".split()
)


def detect_language(text: str) -> str:
    """ "zh", "ms" or "ta" when most of ``text`` is in that language, else "" (the site's)."""
    text = MARKUP.sub(" ", text or "")
    latin = [word.lower() for word in LATIN_WORD.findall(text)]
    words = {
        CHINESE: len(HAN.findall(text)) / 1.5,
        TAMIL: len(TAMIL_WORD.findall(text)),
        "latin": len(latin),
    }
    total = sum(words.values())
    if total < MIN_WORDS:
        return ""
    for language in (CHINESE, TAMIL):
        if words[language] > total / 2:
            return language
    if words["latin"] > total / 2:
        malay = sum(word in MALAY_WORDS for word in latin)
        english = sum(word in ENGLISH_WORDS for word in latin)
        if malay >= 5 and malay > 2 * english:
            return MALAY
    return ""
