// How the editor reads and writes our files. Decap CMS's own YAML formats rewrite a whole file
// from its data: comments go, and so does every record's layout. Ours keep the file's text as
// read (the hidden field `_nguon`) and rewrite, in that text, only the records (or keys) whose
// value changed, so that the records nobody touched in a list of 300 cadres stay byte for byte
// as written, comments and all. Within a changed record, the yaml library keeps comments and
// quoting but writes its own spacing.

// Keys the editor adds for its own use (accent-free search text, a unit's parent, what a picker
// shows); never written to a file.
const OWN_KEYS = new Set(["_nguon", "tim", "noi", "nhan"]);

export function fold(text) {
  return String(text ?? "")
    .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

// An empty value (a field left blank in the form) is no value: the file does not get `phone: ""`.
function isEmpty(value) {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

export function clean(value) {
  if (Array.isArray(value)) {
    return value.map(clean).filter((item) => !isEmpty(item));
  }
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (OWN_KEYS.has(key)) continue;
      const kept = clean(item);
      if (!isEmpty(kept)) out[key] = kept;
    }
    return out;
  }
  return typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
}

function stable(value) {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export const same = (a, b) => stable(clean(a)) === stable(clean(b));

// Change `node` (a node of `doc`) into `value`, keeping every part whose value is unchanged.
function update(YAML, doc, node, value) {
  const old = node && typeof node.toJS === "function" ? node.toJS(doc) : node?.value;
  if (node && same(old, value)) return node;
  if (YAML.isMap(node) && value && typeof value === "object" && !Array.isArray(value)) {
    for (const pair of [...node.items]) {
      const key = YAML.isScalar(pair.key) ? pair.key.value : pair.key;
      if (!(key in value)) node.delete(key);
    }
    for (const [key, item] of Object.entries(value)) {
      const child = node.get(key, true);
      if (child === undefined) node.set(key, doc.createNode(item));
      else node.set(key, update(YAML, doc, child, item));
    }
    return node;
  }
  if (YAML.isSeq(node) && Array.isArray(value)) {
    const byId = new Map();
    node.items.forEach((item) => {
      const id = YAML.isMap(item) ? item.get("id") : undefined;
      if (id !== undefined && !byId.has(id)) byId.set(id, item);
    });
    const ids = value.every((item) => item && typeof item === "object" && "id" in item);
    node.items = value.map((item, i) => {
      // records are matched by id when they have one (a record removed or moved keeps its
      // neighbours' layout), otherwise by position
      const previous = ids ? byId.get(item.id) : node.items[i];
      return previous === undefined ? doc.createNode(item) : update(YAML, doc, previous, item);
    });
    return node;
  }
  return doc.createNode(value);
}

const TO_STRING = { lineWidth: 0 };  // never fold a long line the editor did not write

// Where the line holding `offset` starts.
const lineStart = (source, offset) => source.lastIndexOf("\n", offset - 1) + 1;

// The comment and blank lines that end a piece of the file: they belong to the file, not to
// the record before them, and stay where they are when that record is rewritten.
function trailer(piece) {
  const lines = piece.split(/(?<=\n)/);
  let i = lines.length;
  while (i > 0 && /^\s*(#.*)?\r?\n?$/.test(lines[i - 1])) i -= 1;
  return lines.slice(i).join("");
}

function withNewline(text) {
  return text.endsWith("\n") ? text : `${text}\n`;
}

// The text of one item (of a list) or one pair (of a map), changed from `node` into `value`.
function rewritten(YAML, doc, node, value, asPair) {
  const changed = node === undefined ? doc.createNode(asPair ? value.value : value)
    : update(YAML, doc, asPair ? node.value : node, asPair ? value.value : value);
  const holder = new YAML.Document();
  holder.contents = asPair ? new YAML.YAMLMap() : new YAML.YAMLSeq();
  if (YAML.isNode(changed)) {
    changed.commentBefore = undefined;  // kept verbatim in the piece before
    changed.spaceBefore = false;
    if (!asPair) changed.comment = undefined;  // kept verbatim in this piece's trailer
  }
  holder.contents.items = [asPair ? holder.createPair(value.key, null) : changed];
  if (asPair) holder.contents.items[0].value = changed;
  return holder.toString(TO_STRING);
}

// Rewrite, in the file's own text, only the records (of a list file) or the keys (of a single
// record) whose value changed; every other byte stays. Null when the file is not a block list
// or map this can cut into pieces (then the whole document is written from its parsed form).
function splice(YAML, doc, source, value) {
  const root = doc.contents;
  if (!root || root.flow || !Array.isArray(root.items)) return null;
  const isList = YAML.isSeq(root) && Array.isArray(value);
  const isMap = YAML.isMap(root) && value && typeof value === "object" && !Array.isArray(value);
  if (!isList && !isMap) return null;
  const starts = root.items.map((item) => lineStart(source, (isList ? item : item.key).range[0]));
  if (starts.some((start, i) => i > 0 && start <= starts[i - 1])) return null;
  const pieces = starts.map((start, i) => source.slice(start, starts[i + 1] ?? source.length));
  let out = source.slice(0, starts[0] ?? source.length);
  const emit = (i, next) => {
    const old = isList ? root.items[i].toJS(doc) : root.items[i].value?.toJS?.(doc)
      ?? root.items[i].value?.value ?? null;
    if (same(old, isList ? next : next.value)) {
      out += withNewline(pieces[i]);
    } else {
      out += rewritten(YAML, doc, root.items[i], next, isMap) + trailer(pieces[i]);
    }
  };
  if (isList) {
    const ids = value.every((item) => item && typeof item === "object" && "id" in item);
    const byId = new Map(root.items.map((item, i) => [YAML.isMap(item) ? item.get("id") : i, i]));
    value.forEach((item, i) => {
      const at = ids ? byId.get(item.id) : (i < root.items.length ? i : undefined);
      if (at === undefined) out += rewritten(YAML, doc, undefined, item, false);
      else emit(at, item);
    });
  } else {
    const keys = root.items.map((pair) => (YAML.isScalar(pair.key) ? pair.key.value : pair.key));
    keys.forEach((key, i) => {
      if (key in value) emit(i, { key, value: value[key] });
    });
    for (const [key, item] of Object.entries(value)) {
      if (!keys.includes(key)) out += rewritten(YAML, doc, undefined, { key, value: item }, true);
    }
  }
  return out;
}

function write(YAML, source, value) {
  const data = clean(value);
  const doc = source ? YAML.parseDocument(source) : null;
  if (doc && !doc.errors.length && doc.contents) {
    const spliced = splice(YAML, doc, source, data);
    if (spliced !== null) return spliced;
    doc.contents = update(YAML, doc, doc.contents, data);
    return doc.toString(TO_STRING);
  }
  return new YAML.Document(data).toString(TO_STRING);
}

function read(YAML, text) {
  return YAML.parse(text) ?? null;
}

// A list file (localities, cadres, assignments, topics): the list is the field `records`.
export function listFormat(YAML) {
  return {
    fromFile(text) {
      const records = read(YAML, text);
      const list = Array.isArray(records) ? records : [];
      const byId = new Map(list.filter((r) => r && r.id).map((r) => [r.id, r]));
      for (const record of list) {
        if (!record || typeof record !== "object") continue;
        const parent = byId.get(record.parent);
        if (parent) record.noi = `(${parent.type ?? ""} ${parent.name ?? ""})`.replace("( ", "(");
        record.tim = fold([record.type, record.name, record.title, record.noi, record.id]
          .filter(Boolean).join(" "));
        // what a picker shows: "Ấp An Định (Xã An Qui)", "Nguyễn Thị Lan — Phó Trưởng Ban..."
        record.nhan = [[record.type, record.name].filter(Boolean).join(" "), record.noi]
          .filter(Boolean).join(" ") + (record.title ? ` — ${record.title}` : "");
      }
      return { records: list, _nguon: text };
    },
    toFile(data) {
      return write(YAML, data._nguon, data.records ?? []);
    },
  };
}

// One record per file (visit reports, site.yml). A report's `practices` names stories.
export function recordFormat(YAML, stories = new Map()) {
  return {
    fromFile(text) {
      const data = read(YAML, text);
      const record = data && typeof data === "object" ? data : {};
      return { ...toPaths(record, ["practices"], stories), _nguon: text };
    },
    toFile(data) {
      const { _nguon: source, ...record } = data;
      return write(YAML, source, toIds(record, ["practices"]));
    },
  };
}

const FRONT = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^---[ \t]*(?:\r?\n|$)/m;

// Stories, bulletins, pages: YAML front matter, then the Markdown body. A bulletin's
// `featured` names stories.
export function frontMatterFormat(YAML, stories = new Map()) {
  return {
    fromFile(text) {
      const found = text.startsWith("---") ? FRONT.exec(text) : null;
      if (!found) return { body: text };
      const data = read(YAML, found[1]);
      const record = data && typeof data === "object" ? data : {};
      // the story pickers search the title without accents too
      if (record.title) record.tim = fold(record.title);
      return { ...toPaths(record, ["featured"], stories),
               body: text.slice(found[0].length), _nguon: `${found[1]}\n` };
    },
    toFile(data) {
      const { _nguon: source, body = "", ...record } = data;
      const text = write(YAML, source, toIds(record, ["featured"]));
      const trimmed = String(body).replace(/\r\n?/g, "\n").replace(/\s+$/, "");
      return `---\n${text}---\n${trimmed ? `${trimmed}\n` : ""}`;
    },
  };
}

// A story's id is its file name (xom-moi-duong-hoa); the story picker's value is the story's
// path under stories/ (2020/xom-moi-duong-hoa), which `stories` maps ids to.
export function toPaths(record, keys, stories) {
  const out = { ...record };
  for (const key of keys) {
    if (Array.isArray(out[key])) out[key] = out[key].map((id) => stories.get(id) ?? id);
  }
  return out;
}

export function toIds(record, keys) {
  const out = { ...record };
  for (const key of keys) {
    if (Array.isArray(out[key])) out[key] = out[key].map((v) => String(v).split("/").pop());
  }
  return out;
}
