"""The data model: every kind of record, its fields, and what each field accepts.

This module is the single source of truth. The loader converts YAML with the field specs
declared here; the validator checks the relations between records; the renderers read the
resulting objects. Each field's `doc` is the Vietnamese help shown to editors.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import date, timedelta
from functools import cache
from typing import Any

# ---- field specs -------------------------------------------------------------------------
# A spec says what a field accepts. `convert` lives in the loader (scripts/load/convert.py), which
# dispatches on the spec class, so that this module stays declarations only.


@dataclass(frozen=True)
class Text:
    example: str = "Chi bộ ấp An Định"
    multiline: bool = False


@dataclass(frozen=True)
class Slug:
    example: str = "an-nhon-an-dinh"


@dataclass(frozen=True)
class Ref:
    """An id of another kind; checked against the loaded records by the validator."""

    kind: str
    example: str = ""


@dataclass(frozen=True)
class Enum:
    choices: tuple[tuple[str, str], ...]  # (value, Vietnamese label)

    @property
    def values(self) -> list[str]:
        return [value for value, _ in self.choices]

    def label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


@dataclass(frozen=True)
class Date:
    pass


@dataclass(frozen=True)
class Int:
    minimum: int = 0
    example: str = "32"


@dataclass(frozen=True)
class Number:
    example: str = "500"


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class Email:
    example: str = "lan.nt@example.vn"


@dataclass(frozen=True)
class Url:
    example: str = "https://baodongkhoi.vn/bai-viet"


@dataclass(frozen=True)
class Media:
    example: str = "media/2020/xom-moi.jpg"


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class Struct:
    cls: type


def f(spec, *, required: bool = False, default: Any = None, doc: str = ""):
    """Declare a record field: its spec, whether it is required, and its help for editors."""
    meta = {"spec": spec, "required": required, "doc": doc}
    if isinstance(spec, ListOf):
        return field(default_factory=list, metadata=meta)
    return field(default=default, metadata=meta)


@cache
def spec_fields(cls) -> tuple:
    """The fields an editor writes (those declared with `f`), in declaration order."""
    return tuple(fl for fl in fields(cls) if "spec" in fl.metadata)


def field_default(fl) -> Any:
    if fl.default is not MISSING:
        return fl.default
    if fl.default_factory is not MISSING:
        return fl.default_factory()
    return None


@dataclass
class Loc:
    """Where a record (or nested object) was written: file, line, and the line of each key."""

    path: str
    line: int
    fields: dict[str, int] = field(default_factory=dict)

    def at(self, name: str) -> int:
        return self.fields.get(name, self.line)


@dataclass(kw_only=True)
class Obj:
    loc: Loc = field(default=None, repr=False, compare=False)


# ---- vocabularies ----------------------------------------------------------------------------

VISIBILITY = Enum((("public", "công khai"), ("restricted", "hạn chế")))
ROLE = Enum((
    ("follow_support", "theo dõi, hỗ trợ"),
    ("direct", "chỉ đạo toàn diện"),
    ("in_charge", "phụ trách"),
))
TASK_STATUS = Enum((
    ("registered", "đã đăng ký"),
    ("in_progress", "đang thực hiện"),
    ("done", "hoàn thành"),
    ("not_done", "không hoàn thành"),
))
VISIT_KIND = Enum((
    ("branch_meeting", "dự sinh hoạt chi bộ"),
    ("committee_meeting", "dự họp cấp ủy"),
    ("work_session", "làm việc"),
    ("field_survey", "khảo sát"),
    ("citizen_dialogue", "tiếp xúc, đối thoại với dân"),
    ("other", "khác"),
))
MEETING_KINDS = ("branch_meeting", "committee_meeting")
PROPOSAL_STATUS = Enum((
    ("open", "chưa giải quyết"),
    ("in_progress", "đang giải quyết"),
    ("resolved", "đã giải quyết"),
    ("declined", "không giải quyết"),
))
CLOSED_PROPOSAL = ("resolved", "declined")
STORY_KIND = Enum((
    ("exemplary_branch", "chi bộ tiêu biểu"),
    ("good_practice", "cách làm hay"),
    ("lesson", "bài học kinh nghiệm"),
))
STORY_STAGE = Enum((
    ("registered", "đăng ký xây dựng"),
    ("effective", "đã có hiệu quả"),
    ("recognised", "được công nhận"),
    ("replicated", "đã nhân rộng"),
))


# ---- site and vocabularies ----------------------------------------------------------------------

@dataclass(kw_only=True)
class Level(Obj):
    id: str = f(Slug("commune"), required=True, doc="Mã cấp, ví dụ province, commune")
    label: str = f(Text("Xã"), required=True, doc="Tên cấp hiển thị, ví dụ Tỉnh, Xã")
    start: date | None = f(Date(), doc="Ngày cấp này bắt đầu có; bỏ trống nếu có từ trước")
    end: date | None = f(Date(), doc="Ngày cuối cùng cấp này còn, ví dụ cấp huyện: 2025-06-30")

    def exists_on(self, day: date) -> bool:
        return alive(self, day)


def alive(record, day: date) -> bool:
    """Whether a unit or level with optional `start` and `end` exists on `day`."""
    return (record.start is None or record.start <= day) and (record.end is None
                                                              or day <= record.end)


@dataclass(kw_only=True)
class VisibilityDefaults(Obj):
    visits: str = f(VISIBILITY, default="restricted", doc="Mặc định cho báo cáo theo dõi")
    stories: str = f(VISIBILITY, default="public", doc="Mặc định cho điển hình, cách làm hay")
    bulletins: str = f(VISIBILITY, default="public", doc="Mặc định cho bản tin")
    contacts: str = f(VISIBILITY, default="restricted", doc="Điện thoại, email của cán bộ")
    pages: str = f(VISIBILITY, default="public", doc="Mặc định cho trang viết tay (pages/)")


@dataclass(kw_only=True)
class Term(Obj):
    id: str | None = f(Slug("nhiem-ky-2020-2025"), doc="Mã nhiệm kỳ; mặc định theo tên")
    label: str = f(Text("Nhiệm kỳ 2020 - 2025"), required=True, doc="Tên nhiệm kỳ")
    start: date = f(Date(), required=True, doc="Ngày bắt đầu")
    end: date = f(Date(), required=True, doc="Ngày kết thúc")


EDITOR_BACKEND = Enum((
    ("local", "trên máy này, bằng ./dev edit"),
    ("gitlab", "GitLab"),
    ("gitea", "Gitea"),
    ("forgejo", "Forgejo"),
))


@dataclass(kw_only=True)
class EditorSettings(Obj):
    backend: str = f(EDITOR_BACKEND, default="local", doc="Nơi trình biên tập lưu bài")
    repo: str | None = f(Text("ban-to-chuc/bantin"),
                         doc="Kho git trên máy chủ: nhóm/tên kho")
    base_url: str | None = f(Url("https://git.intranet.local"), doc="Địa chỉ máy chủ git")
    app_id: str | None = f(Text("a1b2c3d4e5f6"),
                           doc="Mã ứng dụng OAuth tạo trên máy chủ git cho trình biên tập")
    branch: str = f(Text("main"), default="main", doc="Nhánh được xuất bản")
    editorial_workflow: bool = f(Bool(), default=False,
                                 doc="Bài mới là bản nháp trên nhánh riêng, xuất bản khi duyệt "
                                     "(GitLab, Forgejo)")


@dataclass(kw_only=True)
class Site(Obj):
    title: str = f(Text("Theo dõi, hỗ trợ cơ sở"), required=True, doc="Tên trang")
    organization: str = f(Text("Ban Tổ chức Tỉnh ủy Bến Tre"), required=True,
                          doc="Cơ quan phát hành")
    description: str | None = f(Text("Bản tin nội bộ"), doc="Mô tả ngắn của trang")
    url: str | None = f(Url("https://intranet.local/bantin/"),
                        doc="Địa chỉ trang khi xuất bản; cần cho sơ đồ trang và nguồn tin")
    levels: list[Level] = f(ListOf(Struct(Level)), required=True,
                            doc="Các cấp hành chính, cấp trên trước; từ 2 đến 5 cấp")
    min_visits_per_month: int = f(Int(1, "1"), default=1,
                                  doc="Số lần xuống địa bàn tối thiểu mỗi tháng")
    max_proposal_open_days: int = f(Int(1, "30"), default=30,
                                    doc="Số ngày một kiến nghị chờ trả lời trước khi bị nêu là "
                                        "chờ lâu")
    visibility: VisibilityDefaults = f(Struct(VisibilityDefaults),
                                       doc="Chế độ hiển thị mặc định theo loại")
    terms: list[Term] = f(ListOf(Struct(Term)),
                          doc="Các nhiệm kỳ, để xem thống kê theo nhiệm kỳ")
    editor: EditorSettings | None = f(Struct(EditorSettings),
                                      doc="Trình biên tập trên trình duyệt (bản nội bộ)")


@dataclass(kw_only=True)
class Topic(Obj):
    id: str = f(Slug("sinh-hoat-chi-bo"), required=True, doc="Mã chủ đề")
    name: str = f(Text("Nâng cao chất lượng sinh hoạt chi bộ"), required=True, doc="Tên chủ đề")
    description: str | None = f(Text("Đổi mới nội dung sinh hoạt chi bộ."), doc="Mô tả")


# ---- people and places ----------------------------------------------------------------------

@dataclass(kw_only=True)
class Stats(Obj):
    party_members: int | None = f(Int(0, "5075"), doc="Số đảng viên")
    branches: int | None = f(Int(0, "56"), doc="Số chi bộ")
    households: int | None = f(Int(0, "1200"), doc="Số hộ gia đình")
    population: int | None = f(Int(0, "4800"), doc="Số dân")


@dataclass(kw_only=True)
class FormerParent(Obj):
    parent: str = f(Ref("locality", "an-nhon"), required=True, doc="Địa bàn cấp trên trước đây")
    until: date = f(Date(), required=True, doc="Ngày cuối cùng thuộc địa bàn cấp trên này")


@dataclass(kw_only=True)
class FormerName(Obj):
    name: str = f(Text("1"), required=True, doc="Tên trước đây")
    type: str | None = f(Text("Ấp"), doc="Loại trước đây, nếu khác")
    until: date = f(Date(), required=True, doc="Ngày cuối cùng mang tên này")


@dataclass(kw_only=True)
class Locality(Obj):
    id: str = f(Slug("an-nhon-an-dinh"), required=True, doc="Mã địa bàn")
    name: str = f(Text("An Định"), required=True, doc="Tên, không kèm loại")
    type: str = f(Text("Ấp"), required=True, doc="Loại: Tỉnh, Huyện, Xã, Phường, Ấp, Thôn...")
    level: str = f(Ref("level", "hamlet"), required=True, doc="Cấp, theo levels trong site.yml")
    parent: str | None = f(Ref("locality", "an-nhon"), doc="Địa bàn cấp trên trực tiếp")
    code: str | None = f(Text("83"), doc="Mã đơn vị hành chính")
    party_org: str | None = f(Text("Chi bộ ấp An Định"), doc="Tổ chức đảng của địa bàn")
    stats: Stats | None = f(Struct(Stats), doc="Số liệu")
    start: date | None = f(Date(), doc="Ngày thành lập; bỏ trống nếu có từ trước")
    end: date | None = f(Date(), doc="Ngày cuối cùng tồn tại (sáp nhập, chia tách, đổi tên)")
    successors: list[str] = f(ListOf(Ref("locality", "luong-mong-xom-moi")),
                              doc="Địa bàn kế tục sau ngày kết thúc")
    change_decision: str | None = f(Text("Nghị quyết số 837/NQ-UBTVQH14"),
                                    doc="Căn cứ của việc thay đổi")
    former_parents: list[FormerParent] = f(ListOf(Struct(FormerParent)),
                                           doc="Các địa bàn cấp trên trước đây, cũ nhất trước")
    former_names: list[FormerName] = f(ListOf(Struct(FormerName)),
                                       doc="Các tên trước đây, cũ nhất trước")

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}"

    def alive_on(self, day: date) -> bool:
        return alive(self, day)

    def parent_on(self, day: date) -> str | None:
        """The parent's id on `day`: the first former parent whose `until` is not past."""
        for former in self.former_parents:
            if former.until and day <= former.until:
                return former.parent
        return self.parent

    def full_name_on(self, day: date) -> str:
        """The unit's name with its type as it was on `day`."""
        for former in self.former_names:
            if former.until and day <= former.until:
                return f"{former.type or self.type} {former.name}"
        return self.full_name

    def parent_periods(self) -> list[tuple[date | None, date | None, str | None]]:
        """(first day, last day, parent) for each stretch of the unit's life under one parent,
        oldest first; None for a day means the life's open start or end."""
        periods, first = [], self.start
        for former in self.former_parents:
            if former.until is None:
                continue
            periods.append((first, former.until, former.parent))
            first = former.until + timedelta(days=1)
        periods.append((first, self.end, self.parent))
        return periods


@dataclass(kw_only=True)
class Cadre(Obj):
    id: str = f(Slug("nguyen-thi-lan"), required=True, doc="Mã cán bộ")
    name: str = f(Text("Nguyễn Thị Lan"), required=True, doc="Họ và tên")
    title: str = f(Text("Phó Trưởng Ban Dân vận Huyện ủy"), required=True, doc="Chức vụ")
    organization: str = f(Text("Huyện ủy Mỏ Cày Bắc"), required=True, doc="Cơ quan")
    level: str = f(Ref("level", "district"), required=True, doc="Cấp công tác")
    committee_member: bool = f(Bool(), default=False, doc="Là cấp ủy viên")
    phone: str | None = f(Text("0275 3 812 345"), doc="Điện thoại (thông tin liên hệ)")
    email: str | None = f(Email(), doc="Email (thông tin liên hệ)")
    photo: str | None = f(Media("media/cadres/nguyen-thi-lan.jpg"), doc="Ảnh")


@dataclass(kw_only=True)
class Task(Obj):
    year: int = f(Int(2000, "2017"), required=True, doc="Năm đăng ký")
    title: str = f(Text("Vận động xây dựng tuyến đường hoa 500 m"), required=True,
                   doc="Phần việc đăng ký")
    status: str = f(TASK_STATUS, default="registered", doc="Tình trạng")
    confirmed_by: str | None = f(Text("Đảng ủy xã An Nhơn"), doc="Nơi xác nhận hoàn thành")
    confirmed_on: date | None = f(Date(), doc="Ngày xác nhận")

    @property
    def confirmed(self) -> bool:
        """Done, and the party committee's confirmation (who and when) recorded: what the
        yearly evaluation counts (seed 002)."""
        return self.status == "done" and bool(self.confirmed_by and self.confirmed_on)


@dataclass(kw_only=True)
class Assignment(Obj):
    cadre: str = f(Ref("cadre", "nguyen-thi-lan"), required=True, doc="Cán bộ được phân công")
    locality: str = f(Ref("locality", "an-nhon-an-dinh"), required=True, doc="Địa bàn")
    role: str = f(ROLE, default="follow_support", doc="Hình thức phân công")
    start: date = f(Date(), required=True, doc="Ngày bắt đầu")
    end: date | None = f(Date(), doc="Ngày kết thúc; bỏ trống nếu còn hiệu lực")
    decision: str | None = f(Text("Quyết định số 123-QĐ/HU ngày 01/3/2016"),
                             doc="Căn cứ phân công")
    min_visits_per_month: int | None = f(Int(0, "2"), doc="Số lần tối thiểu mỗi tháng")
    tasks: list[Task] = f(ListOf(Struct(Task)), doc="Phần việc đăng ký hằng năm")

    @property
    def id(self) -> str:
        return f"{self.cadre}--{self.locality}--{self.start.isoformat()}"

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


# ---- reports and stories ------------------------------------------------------------------------

@dataclass(kw_only=True)
class Meeting(Obj):
    members_total: int | None = f(Int(0, "32"), doc="Tổng số đảng viên")
    members_present: int | None = f(Int(0, "29"), doc="Số đảng viên dự họp")
    on_time: bool | None = f(Bool(), doc="Họp đúng giờ")
    content_prepared: bool | None = f(Bool(), doc="Chi ủy chuẩn bị nội dung trước")
    resolution_adopted: bool | None = f(Bool(), doc="Có kết luận, nghị quyết")
    tasks_assigned: bool | None = f(Bool(), doc="Phân công nhiệm vụ cho đảng viên")


@dataclass(kw_only=True)
class Proposal(Obj):
    id: str = f(Slug("nao-vet-kenh"), required=True, doc="Mã kiến nghị, không trùng trong báo cáo")
    text: str = f(Text("Đề nghị huyện hỗ trợ kinh phí nạo vét kênh nội đồng."), required=True,
                  doc="Nội dung kiến nghị")
    to: str | None = f(Text("UBND huyện Mỏ Cày Bắc"), doc="Nơi nhận")
    status: str = f(PROPOSAL_STATUS, default="open", doc="Tình trạng")
    due: date | None = f(Date(), doc="Hạn giải quyết")
    resolved_on: date | None = f(Date(), doc="Ngày giải quyết (bắt buộc khi resolved, declined)")
    response: str | None = f(Text("Huyện bố trí kinh phí trong đợt 2."), doc="Trả lời")


@dataclass(kw_only=True)
class Visit(Obj):
    id: str = f(Slug("2017-03-05-an-dinh"), doc="Mã báo cáo; mặc định là tên tệp")
    date: date = f(Date(), required=True, doc="Ngày xuống địa bàn")
    cadre: str = f(Ref("cadre", "nguyen-thi-lan"), required=True, doc="Cán bộ báo cáo")
    locality: str = f(Ref("locality", "an-nhon-an-dinh"), required=True, doc="Địa bàn")
    kind: str = f(VISIT_KIND, required=True, doc="Hình thức")
    meeting: Meeting | None = f(Struct(Meeting),
                                doc="Chỉ cho branch_meeting, committee_meeting")
    topics: list[str] = f(ListOf(Ref("topic", "sinh-hoat-chi-bo")), doc="Chủ đề")
    summary: str = f(Text("Chi bộ sinh hoạt đúng giờ.", multiline=True), required=True,
                     doc="Tóm tắt")
    findings: list[str] = f(ListOf(Text("Các tổ tự quản báo cáo tiến độ hằng tháng.", True)),
                            doc="Tình hình nắm được")
    difficulties: list[str] = f(ListOf(Text("Kênh nội đồng bồi lắng, thiếu nước ngọt.", True)),
                                doc="Khó khăn, vướng mắc")
    proposals: list[Proposal] = f(ListOf(Struct(Proposal)), doc="Kiến nghị, đề xuất")
    follow_up_of: str | None = f(Ref("visit", "2017-02-06-an-dinh"),
                                 doc="Báo cáo trước mà báo cáo này theo dõi tiếp")
    practices: list[str] = f(ListOf(Ref("story", "xom-moi-duong-hoa")),
                             doc="Điển hình, cách làm hay đã thấy")
    visibility: str | None = f(VISIBILITY, doc="public hoặc restricted")


@dataclass(kw_only=True)
class Result(Obj):
    label: str = f(Text("Chiều dài tuyến đường hoa"), required=True, doc="Chỉ tiêu")
    value: float = f(Number(), required=True, doc="Con số")
    unit: str = f(Text("m"), required=True, doc="Đơn vị")


@dataclass(kw_only=True)
class SourceRef(Obj):
    title: str = f(Text("Nâng cao chất lượng sinh hoạt chi bộ thôn, khu"), required=True,
                   doc="Tên bài")
    publisher: str | None = f(Text("Báo Quảng Ninh"), doc="Cơ quan đăng")
    date: date | None = f(Date(), doc="Ngày đăng")
    url: str | None = f(Url(), doc="Địa chỉ bài")


@dataclass(kw_only=True)
class Story(Obj):
    id: str = f(Slug("xom-moi-duong-hoa"), doc="Mã bài; mặc định là tên tệp")
    title: str = f(Text("Chi bộ thôn Xóm Mới bàn việc làm đường hoa"), required=True,
                   doc="Tiêu đề")
    date: date = f(Date(), required=True, doc="Ngày")
    kind: str = f(STORY_KIND, required=True, doc="Loại")
    locality: str = f(Ref("locality", "luong-mong-xom-moi"), required=True, doc="Địa bàn")
    branch: str | None = f(Text("Chi bộ thôn Xóm Mới"), doc="Chi bộ; mặc định theo địa bàn")
    topics: list[str] = f(ListOf(Ref("topic", "sinh-hoat-chi-bo")), doc="Chủ đề")
    summary: str = f(Text("Chi bộ đưa việc cụ thể của thôn vào nghị quyết tháng.", True),
                     required=True, doc="Tóm tắt, một đoạn")
    stage: str | None = f(STORY_STAGE, doc="Giai đoạn")
    practices: list[str] = f(ListOf(Text("Chi ủy họp trước để chọn việc đưa ra bàn.", True)),
                             doc="Cách làm cụ thể")
    results: list[Result] = f(ListOf(Struct(Result)), doc="Kết quả bằng con số")
    lessons: list[str] = f(ListOf(Text("Nghị quyết chỉ rõ việc, người, thời hạn.", True)),
                           doc="Bài học")
    recognition: str | None = f(Text("Chi bộ tiêu biểu nhiều năm liền"), doc="Khen thưởng")
    source: SourceRef | None = f(Struct(SourceRef), doc="Nguồn bài viết")
    authors: list[str] = f(ListOf(Text("Phòng Tuyên truyền")), doc="Người viết")
    image: str | None = f(Media(), doc="Ảnh minh họa")
    visibility: str | None = f(VISIBILITY, doc="public hoặc restricted")
    body: str = field(default="", repr=False)
    body_line: int = field(default=1, repr=False)


@dataclass(kw_only=True)
class Bulletin(Obj):
    id: str = f(Slug("ban-tin-2023-05"), doc="Mã bản tin; mặc định là tên tệp")
    title: str = f(Text("Bản tin tháng 5/2023"), required=True, doc="Tiêu đề")
    number: int = f(Int(1, "12"), required=True, doc="Số bản tin, không trùng")
    date: date = f(Date(), required=True, doc="Ngày phát hành")
    featured: list[str] = f(ListOf(Ref("story", "xom-moi-duong-hoa")), doc="Bài nổi bật")
    visibility: str | None = f(VISIBILITY, doc="public hoặc restricted")
    draft: bool = f(Bool(), default=False,
                    doc="Bản nháp: chưa xuất bản; xóa dòng này khi bản tin đã xong")
    body: str = field(default="", repr=False)
    body_line: int = field(default=1, repr=False)


@dataclass(kw_only=True)
class Page(Obj):
    """A hand-written page under content/pages/: optional front matter, then Markdown.

    `path` is relative to content/pages/; `body` is the Markdown without the front matter and
    `body_line` the file line it starts on. `title` is always set after loading: the front
    matter's, else the first `# ` heading, else the file name.
    """

    title: str | None = f(Text("Giới thiệu"),
                          doc="Tiêu đề; mặc định là dòng # đầu tiên, rồi tên tệp")
    description: str | None = f(Text("Trang giới thiệu bản tin và cách dùng."),
                                doc="Mô tả ngắn, cho kết quả tìm kiếm")
    visibility: str | None = f(VISIBILITY, doc="public hoặc restricted; mặc định public")
    path: str = field(default="")
    body: str = field(default="", repr=False)
    body_line: int = field(default=1, repr=False)


@dataclass
class Content:
    """Everything loaded from content/, after validation."""

    site: Site
    topics: list[Topic] = field(default_factory=list)
    localities: list[Locality] = field(default_factory=list)
    cadres: list[Cadre] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    bulletins: list[Bulletin] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    # Ids of records whose file could not be read; references to them are not reported again.
    unreadable: dict[str, set] = field(default_factory=dict)
    # Kinds of which this audience does not see every record: figures built on them would
    # reveal restricted records or mislead, so they are left out.
    withheld: set[str] = field(default_factory=set)
