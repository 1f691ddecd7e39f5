"""Charts drawn at build time as static SVG with matplotlib: no script, no network, printable.

Text stays text in the SVG (svg.fonttype "none"), so Vietnamese labels render with the reader's
sans-serif font and stay searchable and small. Output is deterministic: fixed ids, no date.
"""
from __future__ import annotations

import functools
import hashlib
import io
import os
import time
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
from matplotlib.colors import LinearSegmentedColormap  # noqa: E402

plt.rcParams.update({
    "svg.fonttype": "none",
    "svg.hashsalt": "theo-doi-ho-tro",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "figure.dpi": 96,
})

RED, GREEN, AMBER, GREY, BLUE = "#c62828", "#2e7d32", "#f9a825", "#9e9e9e", "#1565c0"
STATUS_COLORS = {"open": RED, "in_progress": AMBER, "resolved": GREEN, "declined": GREY}
RULE_MAP = LinearSegmentedColormap.from_list("rule", [RED, AMBER, GREEN])


def _folder() -> Path:
    from .cache import default_folder
    return default_folder().parent / "charts"


@functools.cache
def _code() -> str:
    """What a drawing depends on besides its figures: this module and matplotlib."""
    return hashlib.sha256(Path(__file__).read_bytes()
                          + matplotlib.__version__.encode()).hexdigest()


def _load(path: Path) -> str | None:
    """A stored drawing whose checksum holds, or None (missing, truncated, tampered with).
    Its time is renewed: drawings no build used for a while are pruned (`prune`)."""
    try:
        checksum, svg = path.read_text(encoding="utf-8").split("\n", 1)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if hashlib.sha256(svg.encode()).hexdigest() != checksum:
        return None
    try:
        os.utime(path)
    except OSError:
        pass
    return svg


KEEP_DAYS = 30  # figures change every day; drawings no build used for a month are dropped


def prune(now: float | None = None) -> int:
    """Delete the drawings no build has used for KEEP_DAYS, so that the folder does not grow
    with every day's figures. Returns how many were deleted."""
    limit = (now if now is not None else time.time()) - KEEP_DAYS * 86400
    removed = 0
    for path in _folder().glob("*/*.svg"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _store(path: Path, svg: str) -> None:
    try:  # a drawing that cannot be kept is only drawn again next time
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(hashlib.sha256(svg.encode()).hexdigest() + "\n" + svg,
                             encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def memo(draw):
    """Charts are pure: the same figures give the same SVG. A drawing is kept in memory (the
    preview regenerates on every save) and on disk beside the record cache, keyed by its
    figures and this module's code, so that a build after a day's reports draws only the charts
    whose figures changed."""
    drawn: dict[str, str] = {}

    @functools.wraps(draw)
    def cached(*args, **kwargs):
        key = repr((draw.__name__, args, sorted(kwargs.items())))
        if key not in drawn:
            name = hashlib.sha256((_code() + key).encode()).hexdigest()
            path = _folder() / f"{name[:2]}/{name}.svg"
            svg = _load(path)
            if svg is None:
                svg = draw(*args, **kwargs)
                _store(path, svg)
            drawn[key] = svg
        return drawn[key]
    return cached


def _svg(fig, tight: bool = True) -> str:
    """The figure as SVG text. A tight box costs a second layout pass; large grids set their
    margins themselves instead."""
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight" if tight else None,
                metadata={"Date": None})
    plt.close(fig)
    return out.getvalue()


def _percent_axis(ax, axis: str = "x") -> None:
    fmt = matplotlib.ticker.PercentFormatter(1.0, decimals=0)
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)


@memo
def coverage(levels: list[str], covered: list[int], uncovered: list[int]) -> str:
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.45 * len(levels)))
    ax.barh(levels, covered, color=GREEN, label="Có cán bộ theo dõi")
    ax.barh(levels, uncovered, left=covered, color=RED, label="Chưa có ai")
    for i, (c, u) in enumerate(zip(covered, uncovered)):
        ax.text(c + u, i, f"  {c}/{c + u}", va="center")
    ax.invert_yaxis()
    ax.set_xlabel("Số địa bàn")
    ax.set_xlim(0, max(c + u for c, u in zip(covered, uncovered)) * 1.15 or 1)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25 - 0.3 / len(levels)), ncol=2,
              frameon=False, fontsize=8)
    return _svg(fig)


@memo
def share_histogram(shares: list[float]) -> str:
    """How many assignments met the monthly rule in each tenth of their months."""
    bins = [0] * 10
    for share in shares:
        bins[min(int(share * 10), 9)] += 1
    labels = [f"{10 * i}–{10 * i + 10}%" for i in range(10)]
    fig, ax = plt.subplots(figsize=(7, 2.6))
    ax.bar(labels, bins, color=[RULE_MAP(i / 9) for i in range(10)])
    ax.set_xlabel("Tỷ lệ số tháng đạt quy định")
    ax.set_ylabel("Số phân công")
    ax.tick_params(axis="x", labelsize=7)
    return _svg(fig)


@memo
def heatmap(rows: list[str], months: list[str], ratios: list[list[float | None]],
            counts: list[list[int | None]]) -> str:
    """Units by month: green when the monthly minimum was met, red when no visit; blank when
    no whole month of assignment."""
    import numpy as np
    data = np.array([[np.nan if v is None else min(v, 1.0) for v in row] for row in ratios])
    label_width = 0.3 + 0.062 * max((len(r) for r in rows), default=4)  # inches at 7 pt
    height = 0.75 + 0.22 * len(rows)
    width = label_width + 0.34 * len(months) + 0.2
    fig, ax = plt.subplots(figsize=(width, height))
    fig.subplots_adjust(left=label_width / width, right=1 - 0.1 / width,
                        top=1 - 0.1 / height, bottom=0.6 / height)
    ax.imshow(np.ma.masked_invalid(data), cmap=RULE_MAP, vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(rows)), rows)
    ax.set_xticks(range(len(months)), months, rotation=90 if len(months) > 12 else 0)
    ax.tick_params(labelsize=7)
    if len(rows) * len(months) <= 400:
        for i, row in enumerate(counts):
            for j, value in enumerate(row):
                if value is not None:
                    ax.text(j, i, str(value), ha="center", va="center", fontsize=7)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return _svg(fig, tight=False)


@memo
def stacked_status(labels: list[str], series: dict[str, list[int]], names: dict[str, str],
                   horizontal: bool = False) -> str:
    n = len(labels)
    fig, ax = plt.subplots(figsize=(7, 0.6 + 0.35 * n) if horizontal else (7, 2.8))
    base = [0] * n
    for status, values in series.items():
        if horizontal:
            ax.barh(labels, values, left=base, color=STATUS_COLORS[status], label=names[status])
        else:
            ax.bar(labels, values, bottom=base, color=STATUS_COLORS[status], label=names[status])
        base = [b + v for b, v in zip(base, values)]
    if horizontal:
        ax.invert_yaxis()
        ax.set_xlabel("Số kiến nghị")
    else:
        ax.set_ylabel("Số kiến nghị")
        ax.tick_params(axis="x", labelsize=7, rotation=90 if n > 12 else 0)
    ax.legend(frameon=False, fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.18
              if not horizontal else -0.1 - 0.5 / max(n, 1)))
    return _svg(fig)


@memo
def attendance(months: list[str], rates: list[float]) -> str:
    fig, ax = plt.subplots(figsize=(7, 2.6))
    ax.plot(months, rates, marker="o", color=BLUE)
    ax.set_ylim(0, 1.05)
    _percent_axis(ax, "y")
    ax.set_ylabel("Tỷ lệ đảng viên dự họp")
    ax.tick_params(axis="x", labelsize=7, rotation=90 if len(months) > 12 else 0)
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig)


@memo
def shares_bar(labels: list[str], values: list[float]) -> str:
    fig, ax = plt.subplots(figsize=(7, 0.5 + 0.4 * len(labels)))
    ax.barh(labels, values, color=BLUE)
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.0%}", va="center")
    ax.set_xlim(0, 1.12)
    _percent_axis(ax)
    ax.invert_yaxis()
    return _svg(fig)


@memo
def tasks(years: list[str], series: dict[str, list[int]]) -> str:
    colors = [GREY, GREEN, AMBER, RED]
    fig, ax = plt.subplots(figsize=(7, 2.6))
    width = 0.8 / max(len(series), 1)
    for k, (name, values) in enumerate(series.items()):
        ax.bar([i + k * width for i in range(len(years))], values, width, label=name,
               color=colors[k % len(colors)])
    ax.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(years))], years)
    ax.set_ylabel("Số phần việc")
    ax.legend(frameon=False, fontsize=8, ncol=len(series))
    return _svg(fig)
