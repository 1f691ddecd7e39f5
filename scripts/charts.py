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

# Sized for a phone: a chart is drawn 4.2 inches (302 pt) wide and shown at most that wide
# (site.css), so that at 390 px, where it shrinks to the text's width, its smallest text still
# renders at 11 CSS px or more; on a desktop it keeps its drawn size.
WIDTH = 4.2
plt.rcParams.update({
    "svg.fonttype": "none",
    "svg.hashsalt": "theo-doi-ho-tro",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 11,
    "xtick.labelsize": 10.5,
    "ytick.labelsize": 10.5,
    "legend.fontsize": 10.5,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "figure.dpi": 96,
})

# Okabe and Ito's palette, told apart with every common colour blindness; no meaning rests on
# red against green: what is done is blue, what waits is orange or vermilion, and each chart
# names its series in a legend under it and gives its figures in a table beside it.
BLUE, ORANGE, VERMILION, SKY, GREY = "#0072b2", "#e69f00", "#d55e00", "#56b4e9", "#8c8c8c"
STATUS_COLORS = {"open": VERMILION, "in_progress": ORANGE, "resolved": BLUE, "declined": GREY}
RULE_MAP = LinearSegmentedColormap.from_list("rule", [VERMILION, ORANGE, BLUE])


def vn_number(value: float) -> str:
    """1234 -> "1.234", 12.5 -> "12,5": Vietnamese groups thousands with dots and writes
    decimals after a comma."""
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_percent(share: float) -> str:
    return vn_number(round(share * 100, 1)) + "%"


def _counts(axis) -> None:
    """Counts are whole: integer ticks only, written the Vietnamese way."""
    axis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=5))
    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: vn_number(v)))


def _thin(ax, labels: list[str], most: int = 4) -> None:
    """At most `most` labels along x, evenly spaced, so that months never overlap."""
    step = max(1, -(-len(labels) // most))
    ax.set_xticks(range(0, len(labels), step), labels[::step])


def _legend_below(ax, n: int) -> None:
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=min(n, 2))


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
    fmt = matplotlib.ticker.FuncFormatter(lambda v, _: vn_percent(v))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)


@memo
def coverage(levels: list[str], covered: list[int], uncovered: list[int]) -> str:
    fig, ax = plt.subplots(figsize=(WIDTH, 1.1 + 0.5 * len(levels)))
    ax.barh(levels, covered, color=BLUE, label="Có cán bộ theo dõi")
    # no hatching: matplotlib draws it as a CSS url() fill, which the publishing gate refuses
    ax.barh(levels, uncovered, left=covered, color=ORANGE, label="Chưa có ai")
    for i, (c, u) in enumerate(zip(covered, uncovered)):
        ax.text(c + u, i, f" {vn_number(c)}/{vn_number(c + u)}", va="center")
    ax.invert_yaxis()
    ax.set_xlabel("Số địa bàn")
    _counts(ax.xaxis)
    ax.set_xlim(0, max(c + u for c, u in zip(covered, uncovered)) * 1.3 or 1)
    _legend_below(ax, 2)
    return _svg(fig)


@memo
def share_histogram(shares: list[float]) -> str:
    """How many assignments met the monthly rule in each fifth of their months."""
    bins = [0] * 5
    for share in shares:
        bins[min(int(share * 5), 4)] += 1
    labels = ["0–19%", "20–39%", "40–59%", "60–79%", "80–100%"]
    fig, ax = plt.subplots(figsize=(WIDTH, 2.8))
    ax.bar(labels, bins, color=[RULE_MAP(i / 4) for i in range(5)])
    for i, value in enumerate(bins):
        ax.text(i, value, vn_number(value), ha="center", va="bottom")
    ax.set_xlabel("Tỷ lệ số tháng đạt quy định")
    ax.set_ylabel("Số phân công")
    _counts(ax.yaxis)
    ax.tick_params(axis="x", rotation=30)
    return _svg(fig)


@memo
def stacked_status(labels: list[str], series: dict[str, list[int]], names: dict[str, str],
                   horizontal: bool = False) -> str:
    n = len(labels)
    fig, ax = plt.subplots(figsize=(WIDTH, 1.4 + 0.62 * n) if horizontal else (WIDTH, 3.2))
    base = [0] * n
    positions = range(n)
    for status, values in series.items():
        if horizontal:
            ax.barh(positions, values, left=base, color=STATUS_COLORS[status],
                    label=names[status], height=0.5)
        else:
            ax.bar(positions, values, bottom=base, color=STATUS_COLORS[status],
                   label=names[status])
        base = [b + v for b, v in zip(base, values)]
    if horizontal:
        _names_above(ax, labels)
        ax.set_xlabel("Số kiến nghị")
        _counts(ax.xaxis)
    else:
        _thin(ax, labels)
        ax.set_ylabel("Số kiến nghị")
        _counts(ax.yaxis)
    _legend_below(ax, len(series))
    return _svg(fig)


@memo
def attendance(months: list[str], rates: list[float]) -> str:
    fig, ax = plt.subplots(figsize=(WIDTH, 2.8))
    ax.plot(range(len(months)), rates, marker="o", color=BLUE)
    _thin(ax, months)
    ax.set_ylim(0, 1.05)
    _percent_axis(ax, "y")
    ax.set_ylabel("Tỷ lệ dự họp")
    ax.grid(axis="y", alpha=0.3)
    return _svg(fig)


@memo
def shares_bar(labels: list[str], values: list[float]) -> str:
    fig, ax = plt.subplots(figsize=(WIDTH, 0.8 + 0.62 * len(labels)))
    ax.barh(range(len(labels)), values, color=BLUE, height=0.5)
    for i, v in enumerate(values):
        ax.text(v, i, f" {vn_percent(v)}", va="center")
    ax.set_xlim(0, 1.3)
    ax.set_xticks([0, 0.5, 1])
    _percent_axis(ax)
    _names_above(ax, labels)
    return _svg(fig)


def _names_above(ax, labels: list[str]) -> None:
    """Bars named on a line above each, not beside: a long name (an addressee, a requirement)
    would widen the chart and shrink its text on a phone."""
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    for i, label in enumerate(labels):
        ax.text(0, i - 0.3, label if len(label) <= 44 else label[:43] + "…", va="bottom")
    ax.set_ylim(len(labels) - 0.5, -0.85)


@memo
def tasks(years: list[str], series: dict[str, list[int]]) -> str:
    colors = [GREY, BLUE, ORANGE, VERMILION]
    fig, ax = plt.subplots(figsize=(WIDTH, 3.2))
    width = 0.8 / max(len(series), 1)
    for k, (name, values) in enumerate(series.items()):
        ax.bar([i + k * width for i in range(len(years))], values, width, label=name,
               color=colors[k % len(colors)])
    shown = [i for i in range(len(years))][::max(1, -(-len(years) // 6))]
    ax.set_xticks([i + width * (len(series) - 1) / 2 for i in shown], [years[i] for i in shown])
    ax.set_ylabel("Số phần việc")
    _counts(ax.yaxis)
    _legend_below(ax, len(series))
    return _svg(fig)
