"""Load content/ into the model, collecting every problem instead of stopping at the first.

`load_content` reads each file once, converts it with the specs of `scripts.model`, and returns
the records with the problems found in each file on its own. Relations between records are the
validator's job (`scripts.validate`).
"""
from __future__ import annotations

import os
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
        self.data: dict[str, bytes] = {}  # bytes already read (and hashed) by the cache
        self.digests: dict[str, bytes] = {}  # files read here directly: site.yml, topics.yml

    def display(self, rel: str) -> str:
        return (self.root / rel).as_posix()

    def text(self, rel: str) -> str | None:
        """The file's text, NFC-normalised; None when it could not be read (reported)."""
        try:
            path = self.root / rel
            if path.is_symlink():
                raise SourceError(1, msg.media_outside(rel))
            raw = self.data.pop(rel, None)
            if raw is None:
                raw = path.read_bytes()
                self.digests[rel] = _digest(raw)
            text = nfc(decode(raw))
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


def _digest(data: bytes) -> bytes:
    from ..cache import digest
    return digest(data)


def _emptiness(text: str) -> str:
    """Why a YAML text parsed to nothing: `empty`, `comment` (comments only) or `null` (~)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return "empty"
    return "comment" if all(line.startswith("#") for line in lines) else "null"


def load_content(root: Path, problems: Problems, cache=None, *, jobs: int = 1
                 ) -> m.Content | None:
    """Every record under `root`; None only when site.yml itself is unusable.

    `cache`: a `scripts.cache.Store` (the on-disk cache of `check` and builds), or a dict kept
    by the preview server between runs; either way a file's records are reused only while its
    bytes are the same (see scripts/cache.py). `jobs`: processes that parse files not cached.
    """
    pending = open_content(root, problems, cache, jobs=jobs)
    return pending.content() if pending else None


# folder -> (how its files are read, record class, the site.yml visibility default they take)
_KINDS = {
    "localities": ("list", m.Locality, None),
    "cadres": ("list", m.Cadre, None),
    "assignments": ("list", m.Assignment, None),
    "visits": ("single", m.Visit, "visits"),
    "stories": ("markdown", m.Story, "stories"),
    "bulletins": ("markdown", m.Bulletin, "bulletins"),
    "pages": ("page", m.Page, "pages"),
}
_UNREADABLE = {"visits": "visit", "stories": "story", "bulletins": "bulletin"}
POOL_MIN = 2000  # files to parse below which starting processes costs more than it saves
BATCH = 500


class Pending:
    """The files are stat-ed, hashed where needed and the cache consulted; `fingerprint` names
    every input of the records, so that `check` can reuse its last output without loading them.
    `content()` then builds the records (parsing what the cache did not have)."""

    def __init__(self, reader: _Reader, layout, site: m.Site, topics: list, store, tasks: list):
        self.reader, self.layout, self.site, self.store = reader, layout, site, store
        self.topics, self.tasks = topics, tasks  # tasks: (folder, rel, entry)

    @property
    def fingerprint(self) -> str:
        import hashlib
        h = hashlib.sha256(self.store.header["code"].encode())
        h.update(repr((self.store.header["root"], self.store.header["real"],
                       sorted(self.reader.digests.items()), self.layout.files["media"],
                       [(rel, e.digest, e.env) for _, rel, e in self.tasks],
                       sorted(map(repr, self.reader.problems.items)))).encode())
        return h.hexdigest()

    def content(self) -> m.Content:
        content = m.Content(site=self.site, topics=self.topics)
        for folder, rel, entry in self.tasks:
            try:
                value, found = entry.result()
            except Exception:  # a stored result that cannot be restored: parse the file again
                [(*_, new)] = _load_batch(self.reader, [(folder, rel, entry.env, None)], False)
                value, found = new["value"], new["problems"]
            self.reader.problems.items.extend(found)
            if folder in LIST_KINDS:
                getattr(content, folder).extend(value)
            elif value:
                getattr(content, folder).append(value)
            elif folder in _UNREADABLE:
                content.unreadable.setdefault(_UNREADABLE[folder], set()).add(
                    PurePosixPath(rel).stem)
        content.media = list(self.layout.files["media"])
        return content


def open_content(root: Path, problems: Problems, cache=None, *, jobs: int = 1
                 ) -> Pending | None:
    """Scan, read site.yml, and have every other file's result at hand (cached or parsed)."""
    from ..cache import Store
    reader = _Reader(root, problems)
    layout = scan(root, problems)
    site = _load_site(reader) if layout.top.get("site.yml") else None
    if site is None:
        return None
    topics = _load_list(reader, "topics.yml", m.Topic) if layout.top.get("topics.yml") else []
    store = cache if isinstance(cache, Store) else Store.open(None, root)
    if isinstance(cache, dict):  # the preview's: its entries live in the dict between runs
        store.entries = cache
    media = _media_fingerprint(root)
    wanted = []
    for folder, (_, cls, visibility) in _KINDS.items():
        default = getattr(site.visibility, visibility) if visibility else None
        env = (default, media if _uses_media(cls) else None)
        wanted += [(folder, rel, env) for rel in layout.files[folder]]
    entries = _entries(reader, store, wanted, jobs)
    if isinstance(cache, dict):
        cache.clear()
        cache.update(store.seen)
    return Pending(reader, layout, site, topics, store, [(f, rel, entries[rel]) for f, rel, _ in wanted])


def _entries(reader: _Reader, store, wanted: list, jobs: int) -> dict:
    """rel -> cache Entry for every wanted file: reused when its stat vouches for its digest
    or its bytes hash to the stored digest, parsed otherwise (in `jobs` processes if many)."""
    from .. import cache as c
    out, todo = {}, []
    root = str(reader.root)  # a string join: 60,000 Path objects cost a warm run half a second
    for folder, rel, env in wanted:
        entry = store.known(rel, c.stamp(os.path.join(root, rel)))
        if entry is not None and entry.env == env:
            out[rel] = entry
        else:
            old = store.entries.get(rel)
            todo.append((folder, rel, env, old.digest if old and old.env == env else None))
    if jobs > 1 and len(todo) >= POOL_MIN:
        batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
        results = _in_pool(str(reader.root), batches, jobs)
    else:
        results = [_load_batch(reader, todo, pack=False)]
    for batch in results:
        for rel, env, stamp, digest, new in batch:
            old = store.entries.get(rel)
            if new is None:  # same bytes as the stored entry
                old.stamp = stamp
                out[rel] = old
            else:
                out[rel] = c.Entry(digest, env, stamp, **new)
    store.seen = {rel: e for rel, e in out.items() if e.digest is not None}
    store.dirty = bool(todo) or store.seen.keys() != store.entries.keys()
    return out


def _in_pool(root: str, batches: list, jobs: int) -> list:
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor
    # fork is fastest and safe in a single-threaded process; the preview server has threads
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        return list(pool.map(_load_batch_in_worker, [root] * len(batches), batches))


def _load_batch_in_worker(root: str, batch: list) -> list:
    return _load_batch(_Reader(Path(root), Problems()), batch, pack=True)


def _load_batch(reader: _Reader, batch: list, pack: bool) -> list:
    """(rel, env, stamp, digest, new) per file: `new` None when the bytes hash to `expected`,
    else the fresh result ({"value", "problems"}, or {"blob"} pickled to cross processes).
    The stat is taken before the bytes are read, so that it can never vouch for newer bytes."""
    import pickle
    from .. import cache as c
    out = []
    for folder, rel, env, expected in batch:
        taken = c.now_ns()
        stamp = c.stamp(reader.root / rel)
        data = None
        if stamp is not None:  # symlinks and the unreadable go to the loader, which reports them
            try:
                data = (reader.root / rel).read_bytes()
            except OSError:
                stamp = None
        digest = c.digest(data) if data is not None else None
        if digest is not None and digest == expected:
            out.append((rel, env, stamp if c.settled(stamp, taken) else None, digest, None))
            continue
        if data is not None:
            reader.data[rel] = data
        mark = len(reader.problems.items)
        value = _load_one(reader, folder, rel, env[0])
        found = reader.problems.items[mark:]
        del reader.problems.items[mark:]
        new = {"blob": pickle.dumps((value, found), protocol=5)} if pack else \
            {"value": value, "problems": found}
        if digest is None:  # nothing to key it by: used this once, never stored
            stamp = None
        elif not c.settled(stamp, taken):
            stamp = None
        out.append((rel, env, stamp, digest, new))
    return out


def _load_one(reader: _Reader, folder: str, rel: str, default: str | None):
    how, cls, _ = _KINDS[folder]
    if how == "list":
        return _load_list(reader, rel, cls)
    if how == "single":
        return _load_single(reader, rel, cls, default)
    if how == "markdown":
        return _load_markdown(reader, rel, cls, default)
    return _load_page(reader, rel, default)


def _uses_media(cls) -> bool:
    """Whether loading a record of `cls` looks at content/media/ (media fields, or a body)."""
    if cls in (m.Story, m.Bulletin, m.Page):
        return True
    for fl in m.spec_fields(cls):
        spec = fl.metadata["spec"]
        spec = spec.item if isinstance(spec, m.ListOf) else spec
        if isinstance(spec, m.Media) or isinstance(spec, m.Struct) and _uses_media(spec.cls):
            return True
    return False


def _media_fingerprint(root: Path) -> str:
    """Every name, kind and link target under content/media/: what media checks look at."""
    import hashlib
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root / "media"):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = os.path.join(dirpath, name)
            kind = "l" + os.readlink(path) + "\0" + os.path.realpath(path) \
                if os.path.islink(path) else "d" if os.path.isdir(path) else \
                "f" if os.path.isfile(path) else "o"
            h.update(f"{os.path.relpath(path, root)}\0{kind}\n".encode("utf-8", "replace"))
    return h.hexdigest()


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
