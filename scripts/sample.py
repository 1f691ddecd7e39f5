"""Generate a valid, varied content tree of any size, the same for the same seed.

For benchmarks and scale tests: one province over the 2020-2025 term, units on four levels,
a cadre for each assignment, visit reports spread over the term, stories and monthly bulletins.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .text import slugify

TERM_START = date(2020, 10, 1)
TERM_END = date(2025, 9, 30)

_SYLLABLES = ["An", "Bình", "Phú", "Tân", "Long", "Mỹ", "Hòa", "Thạnh", "Phước", "Đông", "Tây",
              "Thới", "Lợi", "Hưng", "Thuận", "Định", "Khánh", "Nhơn", "Quới", "Điền", "Lộc",
              "Trung", "Hiệp", "Xuân", "Sơn", "Đồng", "Lương", "Thành", "Hải", "Vĩnh", "Mới"]
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Đặng", "Bùi", "Đỗ",
           "Ngô", "Dương", "Lý", "Cao", "Tạ"]
_MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Quốc", "Thu", "Hữu", "Kim"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
          "Lan", "Linh", "Long", "Mai", "Nam", "Ngọc", "Phúc", "Quang", "Sơn", "Tâm", "Thảo",
          "Trang", "Tuấn", "Vân", "Yến", "Ánh", "Ân", "Ơn", "Ý"]
_TITLES = {
    "province": ["Phó Trưởng Ban Tổ chức Tỉnh ủy", "Phó Giám đốc Sở Nông nghiệp",
                 "Phó Chủ tịch Ủy ban MTTQ tỉnh", "Ủy viên Ban Thường vụ Tỉnh ủy"],
    "district": ["Phó Trưởng Ban Dân vận Huyện ủy", "Chánh Văn phòng Huyện ủy",
                 "Trưởng phòng Nội vụ huyện", "Chủ tịch Hội Nông dân huyện"],
}
TOPICS = [
    ("sinh-hoat-chi-bo", "Nâng cao chất lượng sinh hoạt chi bộ"),
    ("thuc-hien-nghi-quyet", "Tổ chức thực hiện nghị quyết"),
    ("nong-thon-moi", "Xây dựng nông thôn mới"),
    ("dan-van", "Công tác dân vận"),
    ("phat-trien-dang-vien", "Phát triển và quản lý đảng viên"),
    ("nuoc-ngot-han-man", "Trữ nước ngọt, phòng chống hạn mặn"),
]
_SUMMARIES = [
    "Chi bộ sinh hoạt đúng giờ; chi ủy chuẩn bị nội dung trước, thảo luận sôi nổi.",
    "Buổi sinh hoạt rà lại nghị quyết tháng trước; một số việc còn chậm.",
    "Chi bộ bàn kế hoạch vận động nhân dân trữ nước ngọt cho mùa khô.",
    "Đảng viên báo cáo tình hình các tổ tự quản; nghị quyết giao việc cụ thể.",
    "Nội dung sinh hoạt còn dàn trải; đã góp ý chi ủy chọn việc trọng tâm.",
    "Làm việc với chi ủy về kế hoạch chăm lo hộ nghèo.",
]
# Chance that a hamlet's cadre also follows the hamlet before it: with 1,000 hamlets, about
# 1,130 cadres for 1,144 units, as in the province the benchmarks were first measured on.
_SHARED_HAMLETS = 0.18
_PRACTICES = ["Chi ủy họp trước để chọn một việc cụ thể đưa ra bàn.",
              "Mỗi đảng viên theo dõi một tổ tự quản và báo cáo hằng tháng.",
              "Nghị quyết ghi rõ việc, người phụ trách và thời hạn.",
              "Kỳ sinh hoạt sau mở đầu bằng việc rà lại nghị quyết tháng trước."]


@dataclass
class Sizes:
    units: int = 1000
    visits: int = 60000
    stories: int = 500
    bulletins: int = 60
    seed: int = 1


@dataclass
class _Unit:
    id: str
    name: str
    type: str
    level: str
    parent: str | None
    children: list = field(default_factory=list)


def _q(value: str) -> str:
    """A YAML scalar that is always read back as the same string."""
    return json.dumps(value, ensure_ascii=False)


class _Generator:
    def __init__(self, sizes: Sizes):
        self.sizes = sizes
        self.rng = random.Random(sizes.seed)
        self.used_ids: set[str] = set()

    def unique(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.used_ids:
            candidate, n = f"{base}-{n}", n + 1
        self.used_ids.add(candidate)
        return candidate

    def place_name(self) -> str:
        return " ".join(self.rng.sample(_SYLLABLES, 2))

    def person(self) -> str:
        return f"{self.rng.choice(_FAMILY)} {self.rng.choice(_MIDDLE)} {self.rng.choice(_GIVEN)}"

    def units(self) -> list[_Unit]:
        """`sizes.units` hamlets (the level cadres visit most) under communes, districts and the
        province, in a province's proportions: 1,000 hamlets make 1,144 units."""
        hamlets = max(self.sizes.units, 4)
        districts = max(1, round(hamlets / 100))
        communes = max(districts, round(hamlets * 0.133))
        province = _Unit("tinh-mau", "Mẫu", "Tỉnh", "province", None)
        out = [province]
        for i in range(districts):
            name = self.place_name()
            unit = _Unit(self.unique(slugify(name)), name, "Huyện", "district", province.id)
            province.children.append(unit)
            out.append(unit)
        parents = out[1:]
        for i in range(communes):
            parent = parents[i % len(parents)]
            name = self.place_name()
            unit = _Unit(self.unique(slugify(name)), name, self.rng.choice(["Xã", "Xã", "Phường"]),
                         "commune", parent.id)
            parent.children.append(unit)
            out.append(unit)
        commune_list = [u for u in out if u.level == "commune"]
        for i in range(hamlets):
            parent = commune_list[i % len(commune_list)]
            number = len(parent.children) + 1
            unit = _Unit(self.unique(f"{parent.id}-ap-{number}"), str(number), "Ấp", "hamlet",
                         parent.id)
            parent.children.append(unit)
            out.append(unit)
        return out


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(out: Path, sizes: Sizes, log=print) -> dict[str, int]:
    """Write a content tree into `out` (which must not exist yet); return the counts."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(str(out))
    g = _Generator(sizes)
    rng = g.rng
    _write(out / "site.yml", "\n".join([
        "title: Theo dõi, hỗ trợ cơ sở (dữ liệu sinh tự động)",
        "organization: Ban Tổ chức Tỉnh ủy Mẫu",
        "levels:", "  - {id: province, label: Tỉnh}", "  - {id: district, label: Huyện}",
        "  - {id: commune, label: Xã}", "  - {id: hamlet, label: Ấp}", ""]))
    _write(out / "topics.yml", "".join(f"- id: {t}\n  name: {_q(n)}\n" for t, n in TOPICS))

    units = g.units()
    by_id = {u.id: u for u in units}
    lines = []
    for u in units:
        lines += [f"- id: {u.id}", f"  name: {_q(u.name)}", f"  type: {u.type}",
                  f"  level: {u.level}"] + ([f"  parent: {u.parent}"] if u.parent else [])
        if u.level == "hamlet":
            lines.append(f"  stats: {{party_members: {rng.randint(12, 45)}}}")
    _write(out / "localities" / "units.yml", "\n".join(lines) + "\n")

    cadres, assignments = [], []
    shared: dict[str, str] = {}
    for u in units[1:]:
        cadre_level = "district" if u.level == "hamlet" else "province"
        _add_term(g, u, cadre_level, cadres, assignments, shared)
    _write(out / "cadres" / "cadres.yml", "".join(
        f"- id: {c['id']}\n  name: {_q(c['name'])}\n  title: {_q(c['title'])}\n"
        f"  organization: {_q(c['organization'])}\n  level: {c['level']}\n" for c in cadres))
    _write(out / "assignments" / "assignments.yml", "".join(
        f"- cadre: {a['cadre']}\n  locality: {a['locality']}\n  start: {a['start']}\n"
        + (f"  end: {a['end']}\n" if a["end"] else "") for a in assignments))

    story_ids = _stories(g, out, units, sizes.stories)
    _visits(g, out, assignments, by_id, story_ids, sizes.visits, log)
    _bulletins(g, out, story_ids, sizes.bulletins)
    return {"units": len(units), "cadres": len(cadres), "assignments": len(assignments),
            "visits": sizes.visits, "stories": len(story_ids), "bulletins": sizes.bulletins}


def _add_term(g: _Generator, unit: _Unit, level: str, cadres: list, assignments: list,
              shared: dict) -> None:
    """One or two cadres over the term: about one unit in ten changes hands midway, and a
    district cadre sometimes follows two neighbouring hamlets of one commune (`shared`: the
    cadre of the last hamlet of each commune still free to take a second one)."""
    changes = g.rng.random() < 0.1
    middle = TERM_START + timedelta(days=g.rng.randint(200, 1500))
    periods = [(TERM_START, middle - timedelta(days=1)), (middle, None)] if changes \
        else [(TERM_START, None)]
    for start, end in periods:
        cadre_id = None
        if unit.level == "hamlet" and not changes:
            cadre_id = shared.pop(unit.parent, None) if g.rng.random() < _SHARED_HAMLETS \
                else None
        if cadre_id is None:
            name = g.person()
            cadre_id = g.unique(slugify(name))
            cadres.append({"id": cadre_id, "name": name, "title": g.rng.choice(_TITLES[level]),
                           "organization": "Tỉnh ủy Mẫu" if level == "province" else "Huyện ủy",
                           "level": level})
            if unit.level == "hamlet" and not changes:
                shared[unit.parent] = cadre_id
        assignments.append({"cadre": cadre_id, "locality": unit.id, "start": start.isoformat(),
                            "end": end.isoformat() if end else None,
                            "start_date": start, "end_date": end or TERM_END})


def _stories(g: _Generator, out: Path, units: list[_Unit], count: int) -> list[str]:
    rng = g.rng
    candidates = [u for u in units if u.level in ("commune", "hamlet")] or units
    ids = []
    for i in range(count):
        unit = candidates[(i * 7919) % len(candidates)]
        story_id = f"dien-hinh-{i + 1:04d}"
        day = TERM_START + timedelta(days=rng.randint(0, (TERM_END - TERM_START).days))
        topics = rng.sample([t for t, _ in TOPICS], 2)
        _write(out / "stories" / f"{day.year}" / f"{story_id}.md", "\n".join([
            "---", f"title: {_q(f'Cách làm hay số {i + 1} ở {unit.type} {unit.name}')}",
            f"date: {day.isoformat()}", f"kind: {rng.choice(['exemplary_branch', 'good_practice', 'lesson'])}",
            f"locality: {unit.id}", f"topics: [{', '.join(topics)}]",
            f"summary: {_q('Chi bộ đưa một việc cụ thể của địa phương vào nghị quyết tháng và giao cho từng đảng viên.')}",
            "practices:", *[f"  - {_q(p)}" for p in rng.sample(_PRACTICES, 2)],
            "results:", f"  - {{label: Đảng viên tham gia, value: {rng.randint(10, 40)}, unit: người}}",
            "---",
            "Chi bộ chọn một việc cụ thể, bàn kỹ trong sinh hoạt và phân công từng đảng viên.",
            "", "Sau mỗi tháng, chi bộ rà lại kết quả và rút kinh nghiệm.", ""]))
        ids.append(story_id)
    return ids


# Visit reports are written from these pieces: a sentence, sometimes a detail after it, so that
# reports vary in length as real ones do. `{n}` is a small number.
_FINDINGS = [
    "Chi bộ duy trì sinh hoạt định kỳ vào ngày 3 hằng tháng",
    "Tỷ lệ đảng viên dự sinh hoạt đạt trên {n}0%",
    "Các tổ nhân dân tự quản báo cáo tiến độ hằng tháng",
    "Nghị quyết tháng trước đã triển khai xong hai trong ba việc",
    "Số hộ nghèo còn {n} hộ, giảm so với đầu năm",
    "Mỗi đảng viên được phân công theo dõi một tổ nhân dân tự quản",
    "Mô hình trồng dừa xen ca cao được nhiều hộ hưởng ứng",
    "Ấp đã vận động được {n} hộ hiến đất mở rộng đường",
    "Ban nhân dân ấp phối hợp tốt với các đoàn thể trong công tác vận động",
    "Chi bộ đã kết nạp {n} đảng viên mới trong năm",
    "Biên bản sinh hoạt ghi đủ ý kiến phát biểu và kết luận của chủ trì",
    "Các hộ dân đã trữ nước ngọt đủ dùng trong mùa khô",
    "Quỹ khuyến học của ấp được duy trì và công khai hằng quý",
    "Tình hình an ninh trật tự ổn định, không có điểm nóng",
]
_DIFFICULTIES = [
    "Kênh nội đồng bồi lắng, thiếu nước ngọt vào mùa khô",
    "Một số đảng viên lớn tuổi, sức khỏe yếu nên ít dự sinh hoạt",
    "Đường liên ấp xuống cấp, đi lại khó khăn khi mưa",
    "Kinh phí hoạt động của chi bộ còn hạn hẹp",
    "Nhiều đảng viên trẻ đi làm ăn xa, khó bố trí dự sinh hoạt",
    "Giá nông sản thấp, đời sống một bộ phận nhân dân còn khó khăn",
    "Nguồn quần chúng ưu tú để bồi dưỡng kết nạp đảng còn ít",
    "Xâm nhập mặn sớm hơn mọi năm, ảnh hưởng vườn cây ăn trái",
    "Một số hộ chưa đồng thuận chủ trương mở rộng đường",
    "Cán bộ ấp kiêm nhiệm nhiều việc, ít thời gian cho công tác dân vận",
    "Nội dung sinh hoạt chuyên đề chưa được chuẩn bị kỹ",
]
_DETAILS = [
    "nhất là ở tổ {n}",
    "nhờ chi ủy phân công cụ thể từng việc và kiểm tra hằng tuần",
    "trong {n} tháng gần đây",
    "theo báo cáo của trưởng ấp và ý kiến của các đoàn thể tại buổi làm việc",
    "chi ủy đã đưa vào nghị quyết tháng để theo dõi",
    "cần tiếp tục theo dõi trong các kỳ sinh hoạt tới",
]
# (id, text, addressee); each status has its own kind of answer.
_PROPOSALS = [
    ("nao-vet-kenh", "Đề nghị hỗ trợ kinh phí nạo vét kênh nội đồng.", "UBND huyện"),
    ("sua-duong", "Đề nghị sửa chữa đoạn đường liên ấp bị sụt lún.", "Phòng Kinh tế - Hạ tầng"),
    ("bon-nuoc", "Đề nghị hỗ trợ bồn chứa nước cho hộ nghèo.", "Ủy ban MTTQ xã"),
    ("tap-huan", "Đề nghị mở lớp bồi dưỡng cho bí thư chi bộ mới.", "Ban Tổ chức Huyện ủy"),
    ("den-duong", "Đề nghị lắp đèn chiếu sáng tuyến đường từ ấp ra trung tâm xã, phục vụ học "
     "sinh đi học buổi tối.", "UBND xã"),
    ("giong-cay", "Đề nghị hỗ trợ giống cây chịu mặn cho các hộ trồng lúa.",
     "Phòng Nông nghiệp và Phát triển nông thôn"),
    ("nha-van-hoa", "Đề nghị sửa mái nhà văn hóa ấp trước mùa mưa.", "UBND xã"),
    ("vay-von", "Đề nghị tạo điều kiện cho hộ cận nghèo vay vốn chăn nuôi.",
     "Ngân hàng Chính sách xã hội huyện"),
]
_RESPONSES = {
    "open": ["Đã chuyển đến nơi nhận, chưa có trả lời."],
    "in_progress": ["Đã khảo sát hiện trạng, đang lập dự toán.",
                    "Đang chờ bố trí vốn trong kế hoạch quý tới.",
                    "Xã đã làm việc với các hộ liên quan; đang hoàn chỉnh hồ sơ trình huyện."],
    "resolved": ["Huyện bố trí kinh phí trong đợt 2; đã thi công xong.",
                 "Đã giải quyết; ấp tổ chức nghiệm thu với sự tham gia của nhân dân.",
                 "Đã thực hiện xong trong tháng {n}; nhân dân đồng tình."],
    "declined": ["Chưa có nguồn kinh phí trong năm nay; sẽ xem xét trong kế hoạch năm sau.",
                 "Không thuộc thẩm quyền của xã; đã hướng dẫn ấp gửi đến cơ quan có thẩm quyền."],
}


def _sentence(rng: random.Random, text: str) -> str:
    """`text` as a sentence, half the time with a detail after it."""
    if rng.random() < 0.5:
        text += ", " + rng.choice(_DETAILS)
    return text.replace("{n}", str(rng.randint(2, 9))) + "."


def _sentences(rng: random.Random, pieces: list[str], low: int, high: int) -> list[str]:
    return [_sentence(rng, text) for text in rng.sample(pieces, rng.randint(low, high))]


def _proposal_lines(rng: random.Random, day: date) -> list[str]:
    """One to three proposals in every status; most closed or under way ones have an answer."""
    lines = ["proposals:"]
    for pid, text, to in rng.sample(_PROPOSALS, rng.randint(1, 3)):
        status = rng.choice(["open", "open", "in_progress", "resolved", "declined"])
        lines += [f"  - id: {pid}", f"    text: {_q(text)}", f"    to: {_q(to)}",
                  f"    status: {status}"]
        if status in ("open", "in_progress") and rng.random() < 0.3:
            lines.append(f"    due: {(day + timedelta(days=rng.randint(15, 120))).isoformat()}")
        if status in ("resolved", "declined"):
            lines.append(f"    resolved_on: {(day + timedelta(days=rng.randint(0, 90))).isoformat()}")
        if rng.random() < (0.15 if status == "open" else 0.8):
            answer = rng.choice(_RESPONSES[status]).replace("{n}", str(rng.randint(2, 6)))
            lines.append(f"    response: {_q(answer)}")
    return lines


def _yaml_list(name: str, items: list[str]) -> list[str]:
    return [f"{name}:", *[f"  - {_q(item)}" for item in items]] if items else []


def _visits(g, out: Path, assignments: list, by_id: dict, story_ids: list[str], count: int,
            log) -> None:
    rng = g.rng
    if not assignments:
        return
    earlier: dict[str, list[tuple[date, str]]] = {}  # unit -> its reports so far, to follow up
    for n in range(count):
        a = assignments[rng.randrange(len(assignments))]
        span = (a["end_date"] - a["start_date"]).days
        day = a["start_date"] + timedelta(days=rng.randint(0, max(span, 0)))
        unit = by_id[a["locality"]]
        visit_id = f"{day.isoformat()}-{unit.id}-{n}"
        kind = "branch_meeting" if unit.level == "hamlet" else rng.choice(
            ["committee_meeting", "work_session", "field_survey"])
        lines = [f"date: {day.isoformat()}", f"cadre: {a['cadre']}", f"locality: {unit.id}",
                 f"kind: {kind}"]
        if kind in ("branch_meeting", "committee_meeting"):
            total = rng.randint(12, 40)
            lines.append(f"meeting: {{members_total: {total}, members_present: "
                         f"{total - rng.randint(0, 6)}, on_time: {str(rng.random() < .85).lower()}, "
                         f"content_prepared: {str(rng.random() < .8).lower()}, resolution_adopted: "
                         f"{str(rng.random() < .9).lower()}, tasks_assigned: "
                         f"{str(rng.random() < .75).lower()}}}")
        lines += [f"topics: [{rng.choice(TOPICS)[0]}]", f"summary: {_q(rng.choice(_SUMMARIES))}"]
        lines += _yaml_list("findings", _sentences(rng, _FINDINGS, 2, 5))
        lines += _yaml_list("difficulties", _sentences(rng, _DIFFICULTIES, 1, 4))
        if rng.random() < 0.7:
            lines += _proposal_lines(rng, day)
        before = [e for e in earlier.get(unit.id, ()) if e[0] < day]
        if before and rng.random() < 0.2:
            lines.append(f"follow_up_of: {max(before)[1]}")
        earlier.setdefault(unit.id, []).append((day, visit_id))
        if story_ids and rng.random() < 0.05:
            lines.append(f"practices: [{rng.choice(story_ids)}]")
        _write(out / "visits" / f"{day.year}" / f"{day.month:02d}" / f"{visit_id}.yml",
               "\n".join(lines) + "\n")
        if log and n and n % 10000 == 0:
            log(f"  … {n} báo cáo")


def _bulletins(g: _Generator, out: Path, story_ids: list[str], count: int) -> None:
    for i in range(count):
        year, month = TERM_START.year + (TERM_START.month - 1 + i) // 12, \
            (TERM_START.month - 1 + i) % 12 + 1
        day = date(year, month, 28)
        featured = g.rng.sample(story_ids, min(3, len(story_ids)))
        _write(out / "bulletins" / f"{year}" / f"ban-tin-{year}-{month:02d}.md", "\n".join([
            "---", f"title: {_q(f'Bản tin tháng {month}/{year}')}", f"number: {i + 1}",
            f"date: {day.isoformat()}", f"featured: [{', '.join(featured)}]", "---",
            "Tin tức, cách làm hay và việc cần chú ý trong tháng.", ""]))
