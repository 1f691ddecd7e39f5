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
_PROPOSALS = [
    ("nao-vet-kenh", "Đề nghị hỗ trợ kinh phí nạo vét kênh nội đồng.", "UBND huyện"),
    ("sua-duong", "Đề nghị sửa chữa đoạn đường liên ấp bị sụt lún.", "Phòng Kinh tế - Hạ tầng"),
    ("bon-nuoc", "Đề nghị hỗ trợ bồn chứa nước cho hộ nghèo.", "Ủy ban MTTQ xã"),
    ("tap-huan", "Đề nghị mở lớp bồi dưỡng cho bí thư chi bộ mới.", "Ban Tổ chức Huyện ủy"),
]
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
        n = max(self.sizes.units, 4)
        districts = max(1, round(n / 100))
        communes = max(districts, round(n * 0.17))
        hamlets = max(1, n - 1 - districts - communes)
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
    for u in units[1:]:
        cadre_level = "district" if u.level == "hamlet" else "province"
        _add_term(g, u, cadre_level, cadres, assignments)
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


def _add_term(g: _Generator, unit: _Unit, level: str, cadres: list, assignments: list) -> None:
    """One or two cadres over the term: about one unit in ten changes hands midway."""
    changes = g.rng.random() < 0.1
    middle = TERM_START + timedelta(days=g.rng.randint(200, 1500))
    periods = [(TERM_START, middle - timedelta(days=1)), (middle, None)] if changes \
        else [(TERM_START, None)]
    for start, end in periods:
        name = g.person()
        cadre_id = g.unique(slugify(name))
        cadres.append({"id": cadre_id, "name": name, "title": g.rng.choice(_TITLES[level]),
                       "organization": "Tỉnh ủy Mẫu" if level == "province" else "Huyện ủy",
                       "level": level})
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


def _visits(g, out: Path, assignments: list, by_id: dict, story_ids: list[str], count: int,
            log) -> None:
    rng = g.rng
    if not assignments:
        return
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
        if rng.random() < 0.3:
            pid, text, to = rng.choice(_PROPOSALS)
            status = rng.choice(["open", "in_progress", "resolved", "declined"])
            lines += ["proposals:", f"  - id: {pid}", f"    text: {_q(text)}", f"    to: {_q(to)}",
                      f"    status: {status}"]
            if status in ("resolved", "declined"):
                lines.append(f"    resolved_on: {(day + timedelta(days=rng.randint(0, 90))).isoformat()}")
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
