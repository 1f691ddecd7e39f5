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
    """Collation key in Vietnamese alphabetical order, word by word, tones compared after the
    letters.

    "Ấp" sorts after every "A..." word and "Đ" after "D", which code-point order gets wrong; a
    space or a punctuation mark sorts before any letter, so "Đồn Đạc" comes before "Đông Hiệp"
    as in a dictionary. A tone belongs to its syllable, wherever it is written: "Hoà" and "Hòa"
    (the old and the new placement, which official lists mix) sort as one.
    """
    primary: list[int] = []
    tones: list[int] = []
    for chunk in re.split(r"(\d+)", nfc(value)):  # composed: a mark never splits a word
        if chunk.isdigit():
            # Numbers compare by value ("Ấp 2" before "Ấp 10") and before letters.
            primary.append(-10**9 + int(chunk))
            continue
        for word in re.split(r"([^\w]+)", chunk):
            if not word:
                continue
            if not word[0].isalnum() and word[0] != "_":
                primary.append(0)  # a word boundary: before every letter
                continue
            letters = _letters(word)
            primary.extend(_RANK.get(base, 100 + ord(base[0])) for base, _ in letters)
            tones.append(max((tone for _, tone in letters), default=0))
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


# ---- characters that hide or disguise text -------------------------------------------------

# Bidi controls reorder what follows them and zero-width characters are invisible: either can
# make a value read differently from what it is (an id that looks like another, a hidden word).
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_HIDDEN_RE = re.compile(f"[{_CONTROL}{_BIDI}{_ZERO_WIDTH}]")
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
_BIDI_RE = re.compile(f"[{_BIDI}]")


def char_kind(ch: str) -> str:
    """`control`, `bidi` or `zero_width`: why a hidden character is refused."""
    if _CONTROL_RE.match(ch):
        return "control"
    return "bidi" if _BIDI_RE.match(ch) else "zero_width"


def find_hidden(value: str, controls: bool = True) -> int | None:
    """The offset of the first control, bidi or zero-width character (controls: also C0/C1)."""
    first = _HIDDEN_RE.search(value)
    if first is None or controls:  # the usual answer, in one pass
        return first.start() if first else None
    for match in _HIDDEN_RE.finditer(value):
        if controls or char_kind(match.group()) != "control":
            return match.start()
    return None


def hidden_offsets(value: str):
    """The offset of every bidi or zero-width character (and control character) in `value`."""
    return (match.start() for match in _HIDDEN_RE.finditer(value))


def find_control(value: str) -> int | None:
    """The offset of the first C0/C1 control character (tab, line feed, return allowed)."""
    match = _CONTROL_RE.search(value)
    return match.start() if match else None


def line_col(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    """1-based line (counted from `first_line`) and column of `offset` in `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1


# Letters of the scripts whose capitals and lower case look like Latin ones (а, е, о, р, с, х;
# Α, Β, Ε, Ο...). Checked only when the text holds one of them, which Vietnamese text never does.
_LOOKALIKE_RE = re.compile("[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]")
_WORD_RE = re.compile(r"\w+")


def script_of(ch: str) -> str | None:
    """`latin`, `cyrillic`, `greek` for a letter of those scripts, else None."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script.lower()
    return None


def mixed_script(value: str) -> tuple[str, str] | None:
    """(word, its first non-Latin letter) for a word mixing Latin with Cyrillic or Greek letters,
    the usual way of making a name look like another ("Xã An Nhơn" with a Cyrillic "а")."""
    if not _LOOKALIKE_RE.search(value):
        return None
    for word in _WORD_RE.findall(value):
        scripts = {script_of(ch) for ch in word} - {None}
        if "latin" in scripts and len(scripts) > 1:
            return word, next(ch for ch in word if script_of(ch) not in (None, "latin"))
    return None


def lookalike_letter(value: str) -> str | None:
    """The first Cyrillic or Greek letter of `value` (in an id, where only ASCII is allowed)."""
    match = _LOOKALIKE_RE.search(value)
    return match.group() if match and script_of(match.group()) else None


# ---- names that cannot be ids or file names ------------------------------------------------------

MAX_ID = 100  # ids become file names and addresses; far longer than any real one
# A record named `index` would replace its section's listing page (stories/index.md).
RESERVED_IDS = frozenset({"index"})
# Device names: Windows cannot create a file with these names, whatever the extension.
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                           *(f"lpt{i}" for i in range(1, 10))})


def windows_reserved(name: str) -> bool:
    """True for `con`, `NUL.yml`, `com1.tar.gz`...: names Windows refuses as files."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_NAMES
