// What Decap CMS's Vietnamese translation lacks (it falls back to English for these), and the
// words our editors use. Merged over Decap's own `vi` phrases before the editor starts.

export const PHRASES = {
  auth: { loginWithAzure: "Đăng nhập bằng Azure", loginWithForgejo: "Đăng nhập bằng Forgejo",
          loginWithGitea: "Đăng nhập bằng Gitea", loginWithGitLab: "Đăng nhập bằng GitLab" },
  collection: {
    // Decap's "＋" is a full-width sign most fonts on the intranet's machines lack
    collectionTop: { viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới",
                     groupBy: "Nhóm theo", newButton: "Thêm %{collectionLabel}" },
    entries: { unpublishedHeader: "Chưa xuất bản" },
    groups: { other: "Khác", negateLabel: "Không %{label}" },
  },
  editor: {
    editorControl: { field: { widgetLabel: "Trường %{widgetLabel}" } },
    editorControlPane: { i18n: { writingInLocale: "Đang viết bằng %{locale}",
                                 copyFromLocale: "Điền từ ngôn ngữ khác",
                                 copyFromLocaleConfirm: "Điền dữ liệu từ %{locale}?\nMọi nội dung "
                                   + "đang có sẽ bị ghi đè." } },
    editorInterface: { toggleI18n: "Bật, tắt đa ngôn ngữ", togglePreview: "Bật, tắt xem trước",
                       toggleScrollSync: "Cuộn cùng nhau", toggleNotes: "Bật, tắt ghi chú" },
    editorNotesPane: { title: "Ghi chú", emptyState: "Chưa có ghi chú.",
                       addNote: "Thêm ghi chú", addPlaceholder: "Viết ghi chú...",
                       editPlaceholder: "Sửa ghi chú...", save: "Lưu", cancel: "Hủy",
                       edit: "Sửa", delete: "Xóa", resolve: "Đã xong", unresolve: "Mở lại",
                       confirmDelete: "Xóa ghi chú này?",
                       shortcut: "Mẹo: nhấn Ctrl+Enter để thêm nhanh" },
    editorToolbar: {
      statusInfoTooltipDraft: "Bài đang là bản nháp. Khi viết xong, chuyển sang «Chờ duyệt».",
      statusInfoTooltipInReview: "Bài đang chờ duyệt; vẫn có thể sửa thêm trong lúc chờ.",
    },
    editorWidgets: {
      markdown: { bold: "Đậm", italic: "Nghiêng", strikethrough: "Gạch ngang", code: "Mã",
                  link: "Liên kết", linkPrompt: "Nhập địa chỉ liên kết", headings: "Tiêu đề mục",
                  quote: "Trích dẫn", bulletedList: "Danh sách gạch đầu dòng",
                  numberedList: "Danh sách đánh số", addComponent: "Thêm thành phần",
                  toggleMode: { rich: "Chuyển sang soạn thảo thường",
                                markdown: "Chuyển sang Markdown" } },
      image: { chooseMultiple: "Chọn ảnh", chooseUrl: "Chèn từ địa chỉ",
               replaceUrl: "Thay bằng địa chỉ", promptUrl: "Nhập địa chỉ ảnh",
               addMore: "Thêm ảnh", removeAll: "Bỏ hết ảnh" },
      file: { chooseUrl: "Chèn từ địa chỉ", chooseMultiple: "Chọn tệp",
              replaceUrl: "Thay bằng địa chỉ", promptUrl: "Nhập địa chỉ tệp",
              addMore: "Thêm tệp", removeAll: "Bỏ hết tệp" },
      datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
      list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
      object: { expand: "Mở ra", collapse: "Thu gọn" },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: { copy: "Chép", copyUrl: "Chép địa chỉ", copyPath: "Chép đường dẫn",
                        copyName: "Chép tên", copied: "Đã chép" },
    mediaLibraryModal: { close: "Đóng" },
  },
  ui: {
    settingsDropdown: { account: "Tài khoản" },
    toast: { onFailToPersist: "Chưa lưu được: %{details}", entrySaved: "Đã lưu.",
             noteAdded: "Đã thêm ghi chú", onFailToAddNote: "Không thêm được ghi chú: %{details}",
             noteUpdated: "Đã sửa ghi chú",
             onFailToUpdateNote: "Không sửa được ghi chú: %{details}",
             noteDeleted: "Đã xóa ghi chú",
             onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
             noteResolved: "Ghi chú đã xong", noteReopened: "Đã mở lại ghi chú",
             onFailToToggleNote: "Không đổi được ghi chú: %{details}" },
  },
};

export function merged(base, extra) {
  const out = { ...(base ?? {}) };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === "object" ? merged(out[key], value) : value;
  }
  return out;
}
