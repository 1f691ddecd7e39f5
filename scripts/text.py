"""Vietnamese text helpers: normalisation, slugs, folding, collation, dates.

Everything here is pure and small; the loader, the validator and the renderers all share it.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

# Combining marks as they appear after NFD decomposition.
_TONES = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
_VOWEL_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}  # breve, circumflex, horn

# The Vietnamese alphabet; letters outside it (f, j, w, z, digits) sort by code point after it.
_ALPHABET = [
    "a", "a\u0306", "a\u0302", "b", "c", "d", "đ", "e", "e\u0302", "g", "h", "i", "k", "l", "m",
    "n", "o", "o\u0302", "o\u031b", "p", "q", "r", "s", "t", "u", "u\u031b", "v", "x", "y",
]
_RANK = {letter: i + 1 for i, letter in enumerate(_ALPHABET)}

_SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """Lower-case and strip every diacritic, `đ` included: "Đồn Đạc" -> "don dac"."""
    decomposed = unicodedata.normalize("NFD", value.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def slugify(value: str) -> str:
    """ASCII id from Vietnamese text: "Chi bộ ấp Đồn Đạc" -> "chi-bo-ap-don-dac"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))


def _letters(word: str) -> list[tuple[str, int]]:
    """Split a word into (base letter with vowel marks, tone) pairs."""
    out: list[tuple[str, int]] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _VOWEL_MARKS and out:
            base, tone = out[-1]
            out[-1] = (base + ch, tone)
        elif ch in _TONES and out:
            base, _ = out[-1]
            out[-1] = (base, _TONES[ch])
        elif unicodedata.combining(ch):
            continue
        else:
            out.append((ch, 0))
    return out


def sort_key(value: str) -> tuple:
    """Collation key in Vietnamese alphabetical order, tones compared after the letters.

    "Ấp" sorts after every "A..." word and "Đ" after "D", which code-point order gets wrong.
    """
    primary: list[int] = []
    tones: list[int] = []
    for chunk in re.split(r"(\d+)", value):
        if chunk.isdigit():
            # Numbers compare by value ("Ấp 2" before "Ấp 10") and before letters.
            primary.append(-10**9 + int(chunk))
            tones.append(0)
            continue
        for base, tone in _letters(chunk):
            primary.append(_RANK.get(base, 100 + ord(base[0])))
            tones.append(tone)
    return (tuple(primary), tuple(tones), value)


def person_sort_key(name: str) -> tuple:
    """People sort by given name (the last word), then by the rest of the full name."""
    words = name.split()
    given = words[-1] if words else ""
    return (sort_key(given), sort_key(" ".join(words[:-1])))


# ---- dates -------------------------------------------------------------------------------

_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_VN_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(value: str) -> date | None:
    """Accept `YYYY-MM-DD` or day-first `D/M/YYYY`; None for anything else or an impossible day."""
    value = value.strip()
    if m := _ISO_RE.match(value):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _VN_RE.match(value):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def month_label(year: int, month: int) -> str:
    return f"tháng {month}/{year}"


# ---- Markdown safety -----------------------------------------------------------------------

# Characters Python-Markdown (with the tables extension) reads as syntax anywhere in a line;
# each is in its ESCAPED_CHARS, so a backslash shows it as itself.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# Characters that only start a block (heading, list item, numbered item) at the start of a line.
_MD_LEADING = re.compile(r"^([#+-]|\d+\.)")


def md_text(value: str) -> str:
    """Show a YAML value as plain text inside generated Markdown: never as HTML or syntax."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MD_INLINE.sub(r"\\\1", escaped)
    # A YAML block scalar may hold line breaks; inside a generated line they must stay spaces.
    escaped = " ".join(escaped.split())
    return _MD_LEADING.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escaped)
