// The editor at bien-tap/: Decap CMS with our formats, our date field and our previews.
import * as YAML from "./yaml/index.js";
import { listFormat, recordFormat, frontMatterFormat } from "./formats.js";
import { DateControl, DatePreview } from "./widgets.js";
import { registerPreviews } from "./preview.js";
import { PHRASES, merged } from "./tieng-viet.js";
import { nameButtons } from "./nhan-nut.js";

// Where each story is (id -> "2020/xom-moi-duong-hoa"): the story pickers' values are paths.
async function storyPaths() {
  try {
    const response = await fetch("bai-viet.json", { cache: "no-cache" });
    return new Map(Object.entries(response.ok ? await response.json() : {}));
  } catch {
    return new Map();
  }
}

// The site's own style sheets (their names carry a hash the build chose), for the previews.
async function siteStylesheets() {
  try {
    const response = await fetch("../", { cache: "no-cache" });
    const home = new DOMParser().parseFromString(await response.text(), "text/html");
    return [...home.querySelectorAll('link[rel="stylesheet"]')]
      .map((link) => new URL(link.getAttribute("href"), response.url).href);
  } catch {
    return [];
  }
}

const CMS = window.CMS;
const [stories, stylesheets] = await Promise.all([storyPaths(), siteStylesheets()]);
CMS.registerLocale("vi", merged(CMS.getLocale("vi"), PHRASES));
CMS.registerCustomFormat("yaml-danh-sach", "yml", listFormat(YAML));
CMS.registerCustomFormat("yaml-ban-ghi", "yml", recordFormat(YAML, stories));
CMS.registerCustomFormat("frontmatter-ban-ghi", "md", frontMatterFormat(YAML, stories));
// in place of Decap's own date widget (deprecated, and shown in the browser's language)
CMS.registerWidget("date", DateControl, DatePreview);
// A story saved in this session: where it is, for the story pickers. Decap gives a new entry
// to this event without its path, so the map is read again (`./dev edit` serves it as the
// content is now; a published build, as it was built).
CMS.registerEventListener({
  name: "postSave",
  handler: async ({ entry }) => {
    if (entry.get("collection") !== "bai-viet") return;
    for (const [id, path] of await storyPaths()) stories.set(id, path);
  },
});
registerPreviews(CMS, stylesheets);
CMS.init();
nameButtons();
