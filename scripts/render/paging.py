"""Long lists cut into pages of bounded size, with a pager between them.

A page of a province's reports, proposals or cadres grows with the content: 100 reports of a
district's month weigh 230 KB, a district's proposals several megabytes — too much for a phone on
a slow link. Lists are cut into parts; part 1 keeps the page's own address (so links to it stay
good), later parts live in a folder named after it: `visits/2024-05/an-hai/trang-2.md`,
`stories/index/trang-2.md`. No record id can be `index`, and a folder named after a page holds
nothing else, so no part can take the address of a record.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")

# Items per page, sized so that a page with the theme stays well under 150 KB at the longest
# records the sample and a real province write (a report with findings and proposals ≈ 2 KB).
REPORTS = 40
ROWS = 200
ITEMS = 100


def part_path(base: str, number: int) -> str:
    """`visits/2024-05/an-hai.md`, 2 → `visits/2024-05/an-hai/trang-2.md`; part 1 is `base`."""
    if number == 1:
        return base
    return f"{base.removesuffix('.md')}/trang-{number}.md"


@dataclass(frozen=True)
class Pager:
    """What a page shows to move between the parts of its list."""

    current: int
    paths: tuple[str, ...]

    @property
    def many(self) -> bool:
        return len(self.paths) > 1

    @property
    def suffix(self) -> str:
        """What a part's title adds: " (trang 2/5)", nothing for a list on one page."""
        return f" (trang {self.current}/{len(self.paths)})" if self.many else ""

    @property
    def previous(self) -> str | None:
        return self.paths[self.current - 2] if self.current > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.current] if self.current < len(self.paths) else None

    def numbers(self) -> list[tuple[int, str | None]]:
        """(number, path) for the parts to show: all of a short list; of a long one the
        first, the last and the two either side of the current, with (0, None) for a gap."""
        near = {1, len(self.paths), *range(self.current - 2, self.current + 3)}
        out: list[tuple[int, str | None]] = []
        for number, path in enumerate(self.paths, 1):
            if number in near:
                out.append((number, path))
            elif out and out[-1][0]:
                out.append((0, None))
        return out


@dataclass(frozen=True)
class Part(Generic[T]):
    path: str
    items: Sequence[T]
    pager: Pager


def split(base: str, items: Sequence[T], size: int) -> list[Part[T]]:
    """`items` in parts of at most `size`; an empty list is one empty part (the page exists)."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [items]
    paths = tuple(part_path(base, n) for n in range(1, len(chunks) + 1))
    return [Part(path, chunk, Pager(n, paths))
            for n, (path, chunk) in enumerate(zip(paths, chunks), 1)]
