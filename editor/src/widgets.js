// The date field: typed as day/month/year (05/03/2017), as Vietnamese write dates, whatever the
// browser's language; stored as 2017-03-05, which the loader reads. A field of something that
// happened (a visit, a resolution) refuses a day after today.

const h = window.h;

export const today = () => {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function real(year, month, day) {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

// "5/3/2017", "05-03-2017", "05.03.2017" -> "2017-03-05"; null when it is no real day.
export function parseDay(text) {
  const value = String(text ?? "").trim();
  const iso = ISO.exec(value);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number)
    : dmy ? [dmy[3], dmy[2], dmy[1]].map(Number) : [];
  if (!year || !real(year, month, day)) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export const showDay = (iso) => {
  const m = ISO.exec(String(iso ?? ""));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(iso ?? "");
};

export const DateControl = window.createClass({
  isValid() {
    const value = this.props.value;
    if (value === undefined || value === null || value === "") return true;
    const iso = parseDay(value);
    if (!iso) {
      return { error: { message: `${this.props.field.get("label")}: cần một ngày có thật, `
        + "viết ngày/tháng/năm, ví dụ 05/03/2017." } };
    }
    if (this.props.field.get("khong_sau_hom_nay") && iso > today()) {
      return { error: { message: `${this.props.field.get("label")}: ngày ${showDay(iso)} ở `
        + `tương lai (hôm nay là ${showDay(today())}); chỉ ghi việc đã diễn ra.` } };
    }
    return true;
  },

  render() {
    const { value, forID, classNameWrapper, setActiveStyle, setInactiveStyle, onChange } =
      this.props;
    const shown = ISO.test(String(value ?? "")) ? showDay(value) : (value ?? "");
    return h("input", {
      type: "text", id: forID, className: classNameWrapper, value: shown,
      inputMode: "numeric", autoComplete: "off", placeholder: "ngày/tháng/năm",
      onFocus: setActiveStyle, onBlur: setInactiveStyle,
      // kept as typed until it is a whole day, then stored as the loader reads it
      onChange: (event) => onChange(parseDay(event.target.value) ?? event.target.value),
    });
  },
});

export const DatePreview = window.createClass({
  render() {
    return h("span", {}, showDay(this.props.value));
  },
});
