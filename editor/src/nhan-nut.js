// Decap CMS draws a list item's buttons (open or fold it, remove it) as bare icons, and its
// preview frame without a title: a screen reader says only "button", "frame". Name them, in
// Vietnamese, whenever the form draws them.

const TOP_BAR = '[class*="ListItemTopBar"]';

function name(bar) {
  const buttons = [...bar.querySelectorAll(":scope > button")];
  if (buttons.length === 0) return;
  const [toggle] = buttons;
  if (!toggle.hasAttribute("aria-label")) toggle.setAttribute("aria-label", "Mở ra hoặc thu gọn mục");
  const remove = buttons.length > 1 ? buttons[buttons.length - 1] : null;
  if (remove && !remove.hasAttribute("aria-label")) {
    remove.setAttribute("aria-label", "Bỏ mục này khỏi danh sách");
  }
  const handle = bar.querySelector('[aria-roledescription="sortable"]');
  if (handle && !handle.hasAttribute("aria-label")) handle.setAttribute("aria-label", "Kéo để đổi thứ tự");
}

export function nameButtons(root = document.body) {
  const run = () => {
    root.querySelectorAll(TOP_BAR).forEach(name);
    // its visible words ("Thêm báo cáo") are its name, not Decap's English label
    root.querySelectorAll('[class*="-CollectionTopNewButton"][aria-label]')
      .forEach((button) => button.removeAttribute("aria-label"));
    // the sign-in page's mark is the site's: named by the site's title, not "Logo"
    root.querySelectorAll('[class*="-CustomIconWrapper"] img[alt="Logo"]').forEach((img) => {
      img.alt = document.title.replace(/^Biên tập · /, "");
    });
    const preview = root.querySelector("iframe#preview-pane:not([title])");
    if (preview) preview.setAttribute("title", "Xem trước, như trên trang");
  };
  new MutationObserver(run).observe(root, { childList: true, subtree: true });
  run();
}
