"""The inline scripts the theme prints (Material 9.8), by fingerprint.

A fingerprint is the SHA-256 of the script with its `new URL("…",location)` argument replaced by
BASE (that argument is the page's path to the site root). The build refuses any other inline
script (scripts/secure.py) and pins these by hash in the Content-Security-Policy. After upgrading
the theme, build, read the refused scripts in the pages, and add their fingerprints here only if
they come from the theme's own templates:

    .venv/bin/python -m scripts csp --fingerprints site/

A Python file rather than a text file: MkDocs copies every other file of the theme folder into
the site, but never `.py` files.
"""

KNOWN = {
    "9e2703283f0df807387b5b1d4db3fd62df6ca101c78ef8cd4b96451e9587f552":
        "Material: __md_scope, __md_get/__md_set (head)",
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e":
        "Material: colour palette from local storage (body)",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f":
        "Material: open the content tab named in the address (body)",
}
