// Previews that look like the site's pages: the same headings, labels and order as
// scripts/render/templates/story.html and visit.html, styled by the site's own style sheets
// (read from the site's home page by bien-tap.js).

import { showDay } from "./widgets.js";

const h = window.h;

// The Vietnamese label of a choice, from the field's options in the configuration.
function choiceLabel(collection, path, value) {
  let fields = collection.get("fields");
  let field;
  for (const name of path) {
    field = fields?.find((f) => f.get("name") === name);
    fields = field?.get("fields");
  }
  const option = field?.get("options")?.find((o) => o.get("value") === value);
  return option ? option.get("label").toLowerCase() : value;
}

// A picked record's name: the relation widget keeps the picked entry's data; a record of a list
// file is found in it by id. Values not picked in this session show as their id.
function named(props, field, collection, value) {
  const data = props.fieldsMetaData?.getIn([field, collection, value]);
  const records = data?.get?.("records");
  const record = records?.find?.((r) => r.get("id") === value);
  if (record) {
    return [record.get("type"), record.get("name"), record.get("noi")].filter(Boolean).join(" ");
  }
  if (data?.get?.("title")) return data.get("title");
  return value ? String(value).split("/").pop() : "";
}

const item = (label, ...value) => h("li", {}, h("strong", {}, label), " ", ...value);
const list = (items) => h("ul", {}, ...items.map((text) => h("li", {}, String(text ?? ""))));
const js = (value) => (value && value.toJS ? value.toJS() : value);

function page(...children) {
  return h("div", { className: "md-container bien-tap-preview" },
    h("main", { className: "md-main" },
      h("div", { className: "md-main__inner md-grid" },
        h("div", { className: "md-content" },
          h("article", { className: "md-content__inner md-typeset" }, ...children)))));
}

function StoryPreview(props) {
  const { entry, collection } = props;
  const get = (name) => js(entry.getIn(["data", name]));
  const topics = get("topics") ?? [];
  const results = get("results") ?? [];
  const facts = [
    item("Địa bàn:", named(props, "locality", "dia-ban", get("locality"))),
    get("branch") && item("Chi bộ, đảng bộ:", get("branch")),
    get("kind") && item("Loại:", choiceLabel(collection, ["kind"], get("kind"))),
    get("stage") && item("Giai đoạn:", choiceLabel(collection, ["stage"], get("stage"))),
    topics.length > 0 && item("Chủ đề:",
      topics.map((t) => named(props, "topics", "chu-de", t)).join(", ")),
    item("Ngày:", showDay(get("date"))),
    get("recognition") && item("Khen thưởng:", get("recognition")),
  ].filter(Boolean);
  return page(
    h("h1", {}, get("title") || "(chưa có tiêu đề)"),
    h("p", {}, h("strong", {}, get("summary") ?? "")),
    h("ul", {}, ...facts),
    results.length > 0 && h("h2", {}, "Kết quả"),
    results.length > 0 && h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, "Chỉ tiêu"), h("th", {}, "Kết quả"))),
      h("tbody", {}, ...results.map((r) => h("tr", {}, h("td", {}, r.label ?? ""),
        h("td", {}, h("strong", {}, Number(r.value ?? 0).toLocaleString("vi-VN")), " ",
          r.unit ?? ""))))),
    ...[["Cách làm", get("practices")], ["Bài học", get("lessons")]]
      .filter(([, items]) => items && items.length)
      .flatMap(([name, items]) => [h("h2", {}, name), list(items)]),
    get("body") && h("h2", {}, "Câu chuyện"),
    get("body") && props.widgetFor("body"),
  );
}

function proposalText(collection, p) {
  const status = choiceLabel(collection, ["proposals", "status"], p.status ?? "open");
  const due = p.due ? `, hạn ${showDay(p.due)}` : "";
  return `${p.text ?? ""} — ${p.to || "chưa ghi nơi nhận"}; ${status}${due}`
    + `${p.response ? `. ${p.response}` : ""}`;
}

function VisitPreview(props) {
  const { entry, collection } = props;
  const get = (name) => js(entry.getIn(["data", name]));
  const meeting = get("meeting");
  const sections = [["Tình hình nắm được", get("findings")],
                    ["Khó khăn, vướng mắc", get("difficulties")]]
    .filter(([, items]) => items && items.length);
  const proposals = get("proposals") ?? [];
  const cadre = named(props, "cadre", "can-bo", get("cadre"));
  const kind = get("kind") ? choiceLabel(collection, ["kind"], get("kind")) : "";
  return page(
    h("h2", {}, `${showDay(get("date")) || "(chưa có ngày)"} · `
      + `${named(props, "locality", "dia-ban", get("locality")) || "(chưa chọn địa bàn)"}`),
    (cadre || kind) && h("p", {}, [cadre, kind].filter(Boolean).join(" · ")),
    h("p", {}, get("summary") ?? ""),
    meeting && meeting.members_total ? h("p", {},
      `Dự họp ${meeting.members_present ?? "?"}/${meeting.members_total} đảng viên`) : null,
    ...sections.flatMap(([name, items]) => [h("p", {}, h("strong", {}, name)), list(items)]),
    proposals.length > 0 && h("p", {}, h("strong", {}, "Kiến nghị, đề xuất")),
    proposals.length > 0 && list(proposals.map((p) => proposalText(collection, p))),
  );
}

function BulletinPreview(props) {
  const get = (name) => js(props.entry.getIn(["data", name]));
  return page(h("h1", {}, get("title") || "(chưa có tiêu đề)"),
    h("p", {}, `Số ${get("number") ?? "?"} · ${showDay(get("date"))}`),
    props.widgetFor("body"));
}

function PagePreview(props) {
  return page(h("h1", {}, props.entry.getIn(["data", "title"]) || ""), props.widgetFor("body"));
}

export function registerPreviews(CMS, stylesheets) {
  for (const href of stylesheets) CMS.registerPreviewStyle(href);
  CMS.registerPreviewStyle(new URL("xem-truoc.css", document.baseURI).href);
  CMS.registerPreviewTemplate("bai-viet", StoryPreview);
  CMS.registerPreviewTemplate("bao-cao", VisitPreview);
  CMS.registerPreviewTemplate("ban-tin", BulletinPreview);
  CMS.registerPreviewTemplate("trang", PagePreview);
}
