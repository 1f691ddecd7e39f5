"""Problems found in the content: collected everywhere, reported together, sorted by place."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import messages as msg


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    warning: bool = False
    # For a reference to a missing id: that id (so `check --changed` can show what refers to a
    # record a change removed or renamed). Not printed.
    target: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:"
        what = f" {self.field}:" if self.field else ""
        level = f" {msg.WARNING}:" if self.warning else ""
        return f"{where}{what}{level} {self.message}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, field_name: str, message: str,
              target: str | None = None) -> None:
        self.items.append(Problem(path, line, field_name, message, target=target))

    def warn(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(Problem(path, line, field_name, message, warning=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    def harden(self) -> None:
        """Strict mode (`check --strict`, every build): a warning stops the build like an error,
        with the same message."""
        self.items = [replace(p, warning=False) if p.warning else p for p in self.items]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.field, p.message))

    def only(self, paths: set[str], ids: set[str]) -> "Problems":
        """The problems in these files, or in references to these ids."""
        return Problems([p for p in self.items if p.path in paths or p.target in ids])


class ContentError(Exception):
    """Raised once, after every problem was collected, when the content cannot be built."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} problems")
        self.problems = problems

    def __reduce__(self):  # crosses from the build's generation process with its problems
        return ContentError, (self.problems,)
