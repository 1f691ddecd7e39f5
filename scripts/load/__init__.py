"""Load content/ into the model, collecting every problem instead of stopping at the first.

`load_content` reads each file once, converts it with the specs of `scripts.model`, and returns
the records with the problems found in each file on its own. Relations between records are the
validator's job (`scripts.validate`).
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from .. import messages as msg
from .. import model as m
from ..problems import Problems
from ..text import char_kind, hidden_offsets, line_col, nfc
from .convert import Ctx, convert_struct, example_value, id_problem, media_problem
from .layout import scan
from .markdown import first_heading, html_findings, media_refs, split_front_matter
from .yamlsrc import Map, Seq, SourceError, check_controls, decode, parse

# folder -> (record class, how records sit in a file)
LIST_KINDS = {"localities": m.Locality, "cadres": m.Cadre, "assignments": m.Assignment}


class _Reader:
    def __init__(self, root: Path, problems: Problems):
        self.root = root
        self.problems = problems

    def display(self, rel: str) -> str:
        return (self.root / rel).as_posix()

    def text(self, rel: str) -> str | None:
        """The file's text, NFC-normalised; None when it could not be read (reported)."""
        try:
            path = self.root / rel
            if path.is_symlink():
                raise SourceError(1, msg.media_outside(rel))
            text = nfc(decode(path.read_bytes()))
            check_controls(text)
            return text
        except SourceError as err:
            self.problems.error(self.display(rel), err.line, err.field, err.message)
            return None

    def yaml(self, rel: str, text: str | None, first_line: int = 1, empty=None):
        """The document's root node; None when unreadable or when it holds nothing, which is
        reported too (`empty`: the message, given what was found) unless `empty` is None."""
        if text is None:
            return None
        try:
            node = parse(text, first_line)
        except SourceError as err:
            self.problems.error(self.display(rel), err.line, err.field, err.message)
            return None
        if node is None and empty is not None:
            found = msg.EMPTY_FOUND[_emptiness(text)]
            self.problems.error(self.display(rel), max(first_line - 1, 1), "", empty(found))
        return node

    def ctx(self, rel: str) -> Ctx:
        return Ctx(self.display(rel), self.root, self.problems)


def _emptiness(text: str) -> str:
    """Why a YAML text parsed to nothing: `empty`, `comment` (comments only) or `null` (~)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return "empty"
    return "comment" if all(line.startswith("#") for line in lines) else "null"


def load_content(root: Path, problems: Problems, cache: dict | None = None
                 ) -> m.Content | None:
    """Every record under `root`; None only when site.yml itself is unusable.

    `cache` (kept by the preview server between runs) holds each file's records and problems
    while its size and modification time stay the same, so that a save re-reads one file.
    """
    reader = _Reader(root, problems)
    layout = scan(root, problems)
    site = _load_site(reader) if layout.top.get("site.yml") else None
    if site is None:
        return None
    if cache is not None:
        _prune(cache, root, layout)
    content = m.Content(site=site)
    if layout.top.get("topics.yml"):
        content.topics = _load_list(reader, "topics.yml", m.Topic)
    for folder, cls in LIST_KINDS.items():
        for rel in layout.files[folder]:
            getattr(content, folder).extend(
                _cached(reader, cache, rel, lambda: _load_list(reader, rel, cls)))
    defaults = site.visibility
    for folder, kind, load, cls, default in (
            ("visits", "visit", _load_single, m.Visit, defaults.visits),
            ("stories", "story", _load_markdown, m.Story, defaults.stories),
            ("bulletins", "bulletin", _load_markdown, m.Bulletin, defaults.bulletins)):
        for rel in layout.files[folder]:
            record = _cached(reader, cache, rel, lambda: load(reader, rel, cls, default))
            if record:
                getattr(content, folder).append(record)
            else:
                content.unreadable.setdefault(kind, set()).add(PurePosixPath(rel).stem)
    for rel in layout.files["pages"]:
        page = _cached(reader, cache, rel, lambda: _load_page(reader, rel, defaults.pages))
        if page:
            content.pages.append(page)
    content.media = list(layout.files["media"])
    return content


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def _prune(cache: dict, root: Path, layout) -> None:
    """Forget files that are gone, and everything when site.yml (visibility defaults) changed."""
    site = _stamp(root / "site.yml")
    if cache.get("site.yml") != site:
        cache.clear()
        cache["site.yml"] = site
    present = {rel for files in layout.files.values() for rel in files}
    for rel in [k for k in cache if k != "site.yml" and k not in present]:
        del cache[rel]


def _cached(reader: _Reader, cache: dict | None, rel: str, load):
    if cache is None:
        return load()
    stamp = _stamp(reader.root / rel)
    hit = cache.get(rel)
    if hit and hit[0] == stamp:
        reader.problems.items.extend(hit[2])
        return hit[1]
    mark = len(reader.problems.items)
    value = load()
    cache[rel] = (stamp, value, reader.problems.items[mark:])
    return value


def _load_site(reader: _Reader) -> m.Site | None:
    text = reader.text("site.yml")
    node = reader.yaml("site.yml", text, empty=lambda found: msg.empty_file(
        found, _example_line(m.Site)))
    if node is None:
        return None
    site = convert_struct(m.Site, node, reader.ctx("site.yml"))
    if not isinstance(site, m.Site) or not site.levels:
        return None
    if site.visibility is None:
        site.visibility = m.VisibilityDefaults()
    return site


def _load_list(reader: _Reader, rel: str, cls) -> list:
    example = m.spec_fields(cls)[0].metadata["spec"]
    node = reader.yaml(rel, reader.text(rel), empty=lambda found: msg.empty_list_file(
        found, getattr(example, "example", "")))
    if node is None:
        return []
    ctx = reader.ctx(rel)
    if not isinstance(node, Seq):
        ctx.error(node.line, "", msg.expected_file_list(getattr(example, "example", "")))
        return []
    records = []
    for item in node.items:
        record = convert_struct(cls, item, ctx)
        if isinstance(record, cls):
            records.append(record)
    return records


def _default_id(reader: _Reader, rel: str, node: Map, cls) -> str | None:
    """Records kept one per file take their id from the file name unless they give one."""
    if "id" in node.entries:
        return None
    stem = PurePosixPath(rel).stem
    problem = id_problem(stem, _id_example(cls), suggest=False)
    if problem:
        reader.problems.error(reader.display(rel), node.line, "id", problem)
        return None
    return stem


def _id_example(cls) -> str:
    return next(fl.metadata["spec"].example for fl in m.spec_fields(cls) if fl.name == "id")


def _example_line(cls) -> str:
    """`name: value` for the first required field (the first field if none is required)."""
    specs = m.spec_fields(cls)
    first = next((fl for fl in specs if fl.metadata["required"]), specs[0])
    return f"{first.name}: {example_value(first.metadata['spec'])}"


def _finish(reader: _Reader, rel: str, node, cls, visibility_default: str, extra=None):
    ctx = reader.ctx(rel)
    if not isinstance(node, Map):
        ctx.error(getattr(node, "line", 1), "", msg.expected_mapping("date: 2017-03-05"))
        return None
    defaults = {"visibility": visibility_default}
    default_id = _default_id(reader, rel, node, cls)
    if default_id:
        defaults["id"] = default_id
    record = convert_struct(cls, node, ctx, defaults=defaults)
    if not isinstance(record, cls):
        return None
    for name, value in (extra or {}).items():
        setattr(record, name, value)
    return record


def _load_single(reader: _Reader, rel: str, cls, visibility_default: str):
    node = reader.yaml(rel, reader.text(rel), empty=lambda found: msg.empty_file(
        found, _example_line(cls)))
    if node is None:
        return None
    return _finish(reader, rel, node, cls, visibility_default)


def _load_markdown(reader: _Reader, rel: str, cls, visibility_default: str):
    text = reader.text(rel)
    if text is None:
        return None
    try:
        front, front_line, body, body_line = split_front_matter(text, required=True)
    except SourceError as err:
        reader.problems.error(reader.display(rel), err.line, err.field, err.message)
        return None
    _check_body(reader, rel, body, body_line)
    node = reader.yaml(rel, front, front_line, empty=lambda found: msg.empty_front_matter(
        found, _example_line(cls)))
    if node is None:
        return None
    return _finish(reader, rel, node, cls, visibility_default,
                   {"body": body, "body_line": body_line})


def _check_body(reader: _Reader, rel: str, body: str, first_line: int) -> None:
    _check_hidden(reader, rel, body, first_line)
    for found in html_findings(body, first_line):  # errors, and warnings for harmless removals
        report = reader.problems.warn if found.warning else reader.problems.error
        report(reader.display(rel), found.line, "", found.message)
    for line, path in media_refs(body, first_line):
        problem = media_problem(path, reader.root)
        if problem:
            reader.problems.error(reader.display(rel), line, "", problem)


def _check_hidden(reader: _Reader, rel: str, body: str, first_line: int) -> None:
    """Bidi and zero-width characters in a body, one report per line: invisible, they can make
    the page read differently from its source (control characters were refused with the file)."""
    reported = set()
    for offset in hidden_offsets(body):
        line, column = line_col(body, offset, first_line)
        if line not in reported:
            reported.add(line)
            label = msg.char_label(ord(body[offset]), char_kind(body[offset]))
            reader.problems.error(reader.display(rel), line, "", msg.hidden_in_body(label, column))


def _load_page(reader: _Reader, rel: str, visibility_default: str) -> m.Page | None:
    """A hand-written page: optional front matter (title, description, visibility), converted
    like every other kind, and its body without it."""
    text = reader.text(rel)
    if text is None:
        return None
    try:
        front, front_line, body, body_line = split_front_matter(text, required=False)
    except SourceError as err:
        reader.problems.error(reader.display(rel), err.line, err.field, err.message)
        return None
    _check_body(reader, rel, body, body_line)
    node = Map({}, 1)
    if front is not None:
        node = reader.yaml(rel, front, front_line, empty=lambda found: msg.empty_front_matter(
            found, _example_line(m.Page)))
        if node is None:
            return None
    page = convert_struct(m.Page, node, reader.ctx(rel),
                          defaults={"visibility": visibility_default})
    if not isinstance(page, m.Page):
        return None
    page.path = PurePosixPath(rel).relative_to("pages").as_posix()
    page.title = page.title or first_heading(body) or \
        PurePosixPath(rel).stem.replace("-", " ").capitalize()
    page.body, page.body_line = body, body_line
    return page
