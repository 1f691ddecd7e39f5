"""The browser editor's collections (Decap CMS), generated from the data model.

`python -m scripts schemas` writes them to schemas/bien-tap.yml beside the JSON Schemas, and a
test fails when the two disagree: a field added to scripts/model.py reaches the editor's form
the day it reaches the loader. The build adds the back end (from site.yml) and writes the whole
configuration to site-restricted/bien-tap/config.yml (scripts/editor/bundle.py).

Folder and file names follow `python -m scripts new`: visits/YYYY/MM/YYYY-MM-DD-unit.yml,
stories/YYYY/ascii-title.md, bulletins/YYYY/ban-tin-YYYY-MM.md. The list files (localities, cadres,
assignments, topics) are edited as the lists they are, one file per entry, through our own
format (editor/src/formats.js) that keeps the records nobody touched as they were written.
"""
from __future__ import annotations

import yaml

from .. import model as m
from ..load.convert import EMAIL_RE
from ..schema import SLUG_PATTERN, URL_PATTERN

# Fields whose day must be past or today: they record what happened. The validator refuses a
# report dated in the future; the form refuses these before the file is even written.
PAST_DATES = {(m.Visit, "date"), (m.Story, "date"), (m.Proposal, "resolved_on"),
              (m.Task, "confirmed_on"), (m.SourceRef, "date")}

# The model's help is written for someone reading YAML ("public hoặc restricted", "Chỉ cho
# branch_meeting"): in a form, these fields get words of their own.
LABELS = {
    "visibility": ("Chế độ hiển thị",
                   "Công khai: ai cũng đọc được; hạn chế: chỉ bản nội bộ. Để trống thì theo "
                   "mặc định của trang."),
    (m.Visit, "meeting"): ("Cuộc họp", "Chỉ điền khi dự sinh hoạt chi bộ hoặc dự họp cấp ủy."),
    (m.Proposal, "resolved_on"): ("Ngày giải quyết",
                                  "Bắt buộc khi kiến nghị đã giải quyết hoặc không giải quyết."),
    (m.Proposal, "id"): ("Mã kiến nghị",
                         "Chữ thường không dấu, nối bằng dấu gạch; không trùng trong báo cáo, "
                         "ví dụ nao-vet-kenh."),
    (m.Locality, "level"): ("Cấp", "Cấp hành chính, theo danh sách cấp của trang."),
    (m.Cadre, "level"): ("Cấp công tác", ""),
    (m.Level, "end"): ("Ngày cuối cùng cấp này còn", "Ví dụ cấp huyện: 30/06/2025."),
}

SLUG_HINT = "chỉ chữ thường không dấu, số và dấu gạch nối, ví dụ {example}"

# Ref kind -> (collection, file of a file collection or None, value, search, display)
RELATIONS = {
    # `tim` and `nhan` are added by our formats (editor/src/formats.js): the name or title
    # without accents, so that "nguyen thi lan" finds Nguyễn Thị Lan, and what a picker shows
    "cadre": ("can-bo", None, "records.*.id", ["records.*.tim", "records.*.name"],
              ["records.*.nhan"]),
    "locality": ("dia-ban", None, "records.*.id", ["records.*.tim", "records.*.name"],
                 ["records.*.nhan"]),
    "topic": ("chu-de", "chu-de", "records.*.id", ["records.*.tim", "records.*.name"],
              ["records.*.name"]),
    "story": ("bai-viet", None, "{{slug}}", ["tim", "title"], ["title"]),
    "level": ("cai-dat", "trang", "levels.*.id", ["levels.*.label"], ["levels.*.label"]),
}

SLUG_CONFIG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def _label_and_hint(cls, fl) -> tuple[str, str]:
    for key in ((cls, fl.name), fl.name):
        if key in LABELS:
            return LABELS[key]
    doc = fl.metadata["doc"]
    label, _, rest = doc.partition(";")
    rest = rest.strip()
    return label.strip(), (rest[:1].upper() + rest[1:] + ".") if rest else ""


def _widget(cls, fl, spec) -> dict:
    """The Decap widget for one field spec (without name, label and required)."""
    if isinstance(spec, m.Enum):
        return {"widget": "select",
                "options": [{"label": label[:1].upper() + label[1:], "value": value}
                            for value, label in spec.choices]}
    if isinstance(spec, m.Date):
        # our widget (editor/src/widgets.js), registered under Decap's name for dates so that
        # {{year}} and {{month}} of a path are the record's
        out = {"widget": "date"}
        if (cls, fl.name) in PAST_DATES:
            out["khong_sau_hom_nay"] = True
        return out
    if isinstance(spec, m.Ref) and spec.kind in RELATIONS:
        collection, file, value, search, display = RELATIONS[spec.kind]
        out = {"widget": "relation", "collection": collection, "value_field": value,
               "search_fields": list(search), "display_fields": list(display),
               "options_length": 50}
        if file:
            out["file"] = file
        return out
    if isinstance(spec, (m.Slug, m.Ref)):  # a report's id (follow_up_of): too many to pick
        return {"widget": "string", "pattern": [SLUG_PATTERN, _slug_hint(spec.example)]}
    if isinstance(spec, m.Int):
        return {"widget": "number", "value_type": "int", "min": spec.minimum}
    if isinstance(spec, m.Number):
        return {"widget": "number", "value_type": "float"}
    if isinstance(spec, m.Bool):
        return {"widget": "boolean"}
    if isinstance(spec, m.Email):
        return {"widget": "string",
                "pattern": [EMAIL_RE.pattern, f"Địa chỉ email, ví dụ {spec.example}"]}
    if isinstance(spec, m.Url):
        return {"widget": "string",
                "pattern": [URL_PATTERN, f"Địa chỉ bắt đầu bằng http:// hoặc https://, "
                                         f"ví dụ {spec.example}"]}
    if isinstance(spec, m.Media):
        return {"widget": "image", "choose_url": False}
    if isinstance(spec, m.Struct):
        fields = fields_of(spec.cls)
        if not fl.metadata["required"]:
            # Decap checks an empty optional object's required fields too; the loader asks
            # for them only when the object is written, and says so
            for inner in fields:
                inner["required"] = False
        return {"widget": "object", "collapsed": not fl.metadata["required"], "fields": fields}
    if isinstance(spec, m.ListOf):
        return _list_widget(cls, fl, spec.item)
    return {"widget": "text" if spec.multiline else "string"}


def _list_widget(cls, fl, item) -> dict:
    if isinstance(item, m.Ref) and item.kind in RELATIONS:
        return {**_widget(cls, fl, item), "multiple": True}
    out = {"widget": "list", "collapsed": False,
           "add_to_top": False, "label_singular": _singular(cls, fl)}
    if isinstance(item, m.Struct):
        out["fields"] = fields_of(item.cls)
        out["summary"] = "{{fields.%s}}" % m.spec_fields(item.cls)[0].name
    else:
        inner = _widget(cls, fl, item)
        out["field"] = {"name": "muc", "label": out["label_singular"], **inner}
    return out


def _singular(cls, fl) -> str:
    label, _ = _label_and_hint(cls, fl)
    return {"findings": "ý", "difficulties": "khó khăn", "proposals": "kiến nghị",
            "practices": "cách làm", "lessons": "bài học", "results": "kết quả",
            "authors": "người viết", "tasks": "phần việc", "former_parents": "cấp trên trước",
            "former_names": "tên trước", "levels": "cấp", "terms": "nhiệm kỳ"
            }.get(fl.name, label.lower())


def _slug_hint(example: str) -> str:
    text = SLUG_HINT.format(example=example or "an-nhon-an-dinh")
    return text[:1].upper() + text[1:]


def field_config(cls, fl) -> dict:
    label, hint = _label_and_hint(cls, fl)
    spec = fl.metadata["spec"]
    out = {"name": fl.name, "label": label, **_widget(cls, fl, spec)}
    if hint:
        out["hint"] = hint
    if not fl.metadata["required"]:
        out["required"] = False
    if isinstance(spec, m.Bool) and fl.default is not None and fl.default is not m.MISSING:
        out["default"] = fl.default
    return out


def fields_of(cls, skip: tuple[str, ...] = ()) -> list[dict]:
    return [field_config(cls, fl) for fl in m.spec_fields(cls) if fl.name not in skip]


def _body(label: str) -> dict:
    return {"name": "body", "label": label, "widget": "markdown", "required": False,
            "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote",
                        "bulleted-list", "numbered-list"],
            "editor_components": [], "modes": ["rich_text", "raw"],
            "hint": "Phần bài viết; tiêu đề mục bắt đầu từ cỡ 2."}


def _source() -> dict:
    # the file's text as read, kept so that saving rewrites only what was edited
    return {"name": "_nguon", "widget": "hidden", "required": False}


def _folder(name, label, singular, folder, extension, fmt, fields, **extra) -> dict:
    return {"name": name, "label": label, "label_singular": singular,
            "folder": f"content/{folder}", "extension": extension, "format": fmt,
            "create": True, "delete": False, **extra, "fields": fields + [_source()]}


def _records(label, singular, cls, summary) -> dict:
    """A list file's records, the list the file is (the field our list format names)."""
    return {"name": "records", "label": label, "widget": "list", "collapsed": True,
            "add_to_top": False, "label_singular": singular, "summary": summary,
            "fields": fields_of(cls)}


def _list_collection(name, label, singular, folder, cls, summary) -> dict:
    records = _records(label, singular, cls, summary)
    return _folder(name, label, f"tệp {label.lower()}", folder, "yml", "yaml-danh-sach",
                   [records], identifier_field="records", editor={"preview": False},
                   description=f"Mỗi tệp là một danh sách {label.lower()}; mở tệp, tìm "
                               f"{singular} trong danh sách để sửa.")


def collections() -> list[dict]:
    # {{year}} and {{month}} of a path are those of the record's own `date` field (Decap
    # infers it by its name and widget), as `new` files them
    year, month = "{{year}}", "{{month}}"
    return [
        _folder("bao-cao", "Báo cáo theo dõi", "báo cáo", "visits", "yml", "yaml-ban-ghi",
                fields_of(m.Visit, skip=("id",)),
                identifier_field="summary", slug="{{fields.date}}-{{fields.locality}}",
                path=f"{year}/{month}/{{{{slug}}}}",
                summary="{{fields.date | date('DD/MM/YYYY')}} · {{fields.summary | truncate(90)}}",
                # no default order: on a git server, sorting reads every report of the
                # province first; the local back end lists the newest first by itself
                sortable_fields=[{"field": "date", "label": "Ngày"}],
                description="Mỗi báo cáo là một lần cán bộ xuống địa bàn; mới nhất trước."),
        _folder("bai-viet", "Điển hình, cách làm hay", "bài", "stories", "md",
                "frontmatter-ban-ghi", fields_of(m.Story, skip=("id",)) + [_body("Câu chuyện")],
                slug="{{fields.title}}", path=f"{year}/{{{{slug}}}}",
                summary="{{fields.title}} ({{fields.date | date('DD/MM/YYYY')}})",
                sortable_fields=[{"field": "date", "label": "Ngày", "default_sort": "desc"},
                                 {"field": "title", "label": "Tiêu đề"}]),
        _folder("ban-tin", "Bản tin", "bản tin", "bulletins", "md", "frontmatter-ban-ghi",
                fields_of(m.Bulletin, skip=("id",)) + [_body("Nội dung")],
                slug=f"ban-tin-{year}-{month}", path=f"{year}/{{{{slug}}}}",
                summary="Số {{fields.number}}: {{fields.title}}",
                sortable_fields=[{"field": "number", "label": "Số", "default_sort": "desc"}]),
        _folder("trang", "Trang", "trang", "pages", "md", "frontmatter-ban-ghi",
                fields_of(m.Page) + [_body("Nội dung")], slug="{{fields.title}}",
                identifier_field="title"),
        _list_collection("dia-ban", "Địa bàn", "địa bàn", "localities", m.Locality,
                         "{{fields.type}} {{fields.name}}"),
        _list_collection("can-bo", "Cán bộ", "cán bộ", "cadres", m.Cadre,
                         "{{fields.name}} — {{fields.title}}"),
        _list_collection("phan-cong", "Phân công", "phân công", "assignments", m.Assignment,
                         "{{fields.cadre}} · {{fields.locality}} · từ "
                         "{{fields.start | date('DD/MM/YYYY')}}"),
        # a file collection's format is the collection's, not the file's
        {"name": "chu-de", "label": "Chủ đề", "delete": False, "format": "yaml-danh-sach",
         "editor": {"preview": False},
         "files": [{"name": "chu-de", "label": "Danh sách chủ đề", "file": "content/topics.yml",
                    "fields": [_records("Chủ đề", "chủ đề", m.Topic, "{{fields.name}}"),
                               _source()]}]},
        # read only by the pickers of levels; the site's settings are edited in git
        {"name": "cai-dat", "label": "Cài đặt", "hide": True, "editor": {"preview": False},
         "format": "yaml-ban-ghi",
         "files": [{"name": "trang", "label": "Cài đặt trang", "file": "content/site.yml",
                    "fields": [{"name": "levels", "label": "Các cấp", "widget": "list",
                                "fields": fields_of(m.Level)}, _source()]}]},
    ]


def base_config() -> dict:
    """Everything but the back end: what schemas/bien-tap.yml holds."""
    # the site's own mark on the sign-in page, not Decap's
    return {"locale": "vi", "logo": {"src": "../assets/images/favicon.svg"},
            "media_folder": "content/media", "public_folder": "media",
            "slug": dict(SLUG_CONFIG), "show_preview_links": False,
            "search": True, "collections": collections()}


def render_base() -> str:
    header = ("# Tạo từ scripts/model.py bằng `python -m scripts schemas`; đừng sửa tay.\n"
              "# Trình biên tập (bien-tap/) của bản nội bộ đọc tệp này, thêm phần kết nối kho.\n")
    return header + dump(base_config())


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)

