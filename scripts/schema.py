"""JSON Schemas for the content files, generated from the data model, so that VS Code (with the
YAML extension) completes and checks fields offline. One source of truth: `python -m scripts
schemas` rewrites schemas/ from scripts/model.py, and a test fails when they disagree.

A schema checks one file's shape (keys, types, choices, id and date forms). Rules between
records (references, the hierarchy, overlapping assignments) remain the validator's.
"""
from __future__ import annotations

import json

from . import model as m

DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# What the loader accepts, roughly: http(s), a host, none of the characters that end a link.
URL_PATTERN = "^https?://[^\\s\"'<>\\\\{}`^|/@]+(/[^\\s\"'<>\\\\{}`^|]*)?$"

# file kind -> (record class, the file holds a list of them, the folder glob it applies to)
FILES = {
    "site": (m.Site, False, "content/site.yml"),
    "topics": (m.Topic, True, "content/topics.yml"),
    "localities": (m.Locality, True, "content/localities/**/*.yml"),
    "cadres": (m.Cadre, True, "content/cadres/**/*.yml"),
    "assignments": (m.Assignment, True, "content/assignments/**/*.yml"),
    "visits": (m.Visit, False, "content/visits/**/*.yml"),
    "stories": (m.Story, False, "content/stories/**/*.md"),
    "bulletins": (m.Bulletin, False, "content/bulletins/**/*.md"),
}


def spec_schema(spec) -> dict:
    if isinstance(spec, m.Enum):
        return {"enum": spec.values,
                "markdownEnumDescriptions": [label for _, label in spec.choices]}
    if isinstance(spec, m.Date):
        # YAML reads 2017-03-05 as a date, the VS Code extension as a string: accept both forms
        return {"type": "string", "pattern": DATE_PATTERN}
    if isinstance(spec, (m.Slug, m.Ref)):
        return {"type": "string", "pattern": SLUG_PATTERN}
    if isinstance(spec, m.Int):
        return {"type": "integer", "minimum": spec.minimum}
    if isinstance(spec, m.Number):
        return {"type": "number"}
    if isinstance(spec, m.Bool):
        return {"type": "boolean"}
    if isinstance(spec, m.Email):
        return {"type": "string", "format": "email"}
    if isinstance(spec, m.Url):
        return {"type": "string", "pattern": URL_PATTERN}
    if isinstance(spec, m.Media):
        return {"type": "string", "pattern": "^media/"}
    if isinstance(spec, m.ListOf):
        return {"type": "array", "items": spec_schema(spec.item)}
    if isinstance(spec, m.Struct):
        return object_schema(spec.cls)
    return {"type": ["string", "number"]}  # text: YAML may read "83" as a number


def object_schema(cls) -> dict:
    properties, required = {}, []
    for fl in m.spec_fields(cls):
        schema = spec_schema(fl.metadata["spec"])
        if cls is m.Site and fl.name == "levels":
            schema.update(minItems=2, maxItems=5)
        schema["description"] = fl.metadata["doc"]
        properties[fl.name] = schema
        if fl.metadata["required"]:
            required.append(fl.name)
    out = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def file_schema(kind: str) -> dict:
    cls, is_list, _ = FILES[kind]
    body = object_schema(cls)
    if is_list:
        body = {"type": "array", "items": body}
    return {"$schema": "http://json-schema.org/draft-07/schema#",
            "$id": f"{kind}.schema.json", "title": f"Nội dung: {kind}", **body}


def render_all() -> dict[str, str]:
    """{file name: JSON text} for schemas/, plus the VS Code settings that map them."""
    out = {f"{kind}.schema.json": json.dumps(file_schema(kind), ensure_ascii=False, indent=2)
           + "\n" for kind in FILES}
    settings = {"yaml.schemas": {f"./schemas/{kind}.schema.json": glob
                                 for kind, (_, _, glob) in FILES.items()
                                 if glob.endswith(".yml")},
                "files.encoding": "utf8", "files.eol": "\n", "editor.insertSpaces": True,
                "[yaml]": {"editor.tabSize": 2}}
    out["../.vscode/settings.json"] = json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
    from .editor.config import render_base  # the browser editor's collections, same source
    out["bien-tap.yml"] = render_base()
    return out
