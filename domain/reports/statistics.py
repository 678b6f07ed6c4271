"""Statistical report data of Circular 02/2023/TT-BNV (emulation and commendation): forms 0601 to 0605.N/BNV-TĐKT,
as XLSX, one sheet per form.

The forms' rows (mã số), units and columns follow the only text of the forms we could read: the templates of a
published implementation of the circular (lifephongphanmem/thiduakhenthuong, resources/views/BaoCao/TT022023/
Mau0601-0605.blade.php); the gazette's annex itself was not found (see the README, "Reports"). The reporting period
of the emulation and commendation field is 01/12 of the previous year to 30/11 of the report year (Circular 02/2023
art. on the statistical periods, as summarised by thuvienphapluat.vn and the Hưng Yên Department of Home Affairs).

Every cell is one of: a count from our data; a 0 the school's nature makes true (it has no enterprise, household,
ministry department...); or empty (None) where our data cannot tell (leadership level, gender, age, training,
awards our catalog does not hold). Each sheet says which, under the table.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, Q
from django.db.models.functions import Coalesce
from django.utils.formats import date_format

from domain.dossiers.models import AwardRecord
from domain.emulation.models import Movement
from ground.organisation import roles
from ground.organisation.models import AwardType, Organisation, StaffMember
from ground.printing.sheets import Book

CIRCULAR = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ"
RECEIVED = "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"
UNFILLED = "Ô để trống: dữ liệu của hệ thống không có thông tin này (xem ghi chú)."
M = AwardRecord.Method


def window(year):
    """The reporting period of the emulation and commendation field: 01/12 of the year before to 30/11."""
    return date(year - 1, 12, 1), date(year, 11, 30)


def _period_line(year):
    start, end = window(year)
    return f"Kỳ báo cáo năm {year}: từ ngày {date_format(start, 'd/m/Y')} đến ngày {date_format(end, 'd/m/Y')}"


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    headers: list
    build: callable
    notes: tuple = ()
    unit: str = ""
    widths: tuple = ()


# --- 0601: movements -------------------------------------------------------------------------------------------


def movements_in(organisation_id, year):
    """The movements launched in the period (date of the launching document, else the start)."""
    start, end = window(year)
    return (
        Movement.objects.filter(organisation_id=organisation_id)
        .annotate(launched=Coalesce("document_date", "start", output_field=DateField()))
        .filter(launched__range=(start, end))
    )


def _months(m):
    end = m.end or date(m.start.year, 12, 31)
    return (end.year - m.start.year) * 12 + end.month - m.start.month + 1


def form_0601(org, year):
    """Columns: total 1=(2+3+4), central level (2), ministry/province level (3), agency/unit (4). The school's own
    movements are of column 4 and of the scope "Cơ quan, tổ chức, đơn vị"."""
    movements = list(movements_in(org.pk, year))
    months = [_months(m) for m in movements]
    thematic = sum(1 for m in movements if m.kind != Movement.Kind.REGULAR)
    rows = [
        ("Tổng số", "01", len(movements)),
        ("1. Chia theo phạm vi tổ chức thi đua", "", None),
        ("- Toàn quốc", "02", 0),
        ("- Bộ, ban, ngành đoàn thể, địa phương", "03", 0),
        ("- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", "04", 0),
        ("- Cơ quan, tổ chức, đơn vị", "05", len(movements)),
        ("2. Chia theo thời hạn thi đua", "", None),
        ("- Dưới 1 năm", "06", sum(1 for n in months if n < 12)),
        ("- 1 năm", "07", sum(1 for n in months if n == 12)),
        ("- Từ 1 năm đến dưới 3 năm", "08", sum(1 for n in months if 12 < n < 36)),
        ("- Từ 3 năm đến dưới 5 năm", "09", sum(1 for n in months if 36 <= n < 60)),
        ("- Từ 5 năm trở lên", "10", sum(1 for n in months if n >= 60)),
        ("3. Chia theo phương thức tổ chức phong trào thi đua", "", None),
        ("- Thi đua theo chuyên đề", "11", thematic),
        ("- Thi đua thường xuyên hàng năm", "12", len(movements) - thematic),
    ]
    zero = lambda v: None if v is None else 0  # noqa: E731
    return [[label, code, value, zero(value), zero(value), value] for label, code, value in rows]


# --- 0602 / 0603: awards ---------------------------------------------------------------------------------------


def awards_in(organisation_id, year, decided_by):
    """The awards decided in the period (decision date) at a level: ``national`` (0602) or ``province`` (0603)."""
    start, end = window(year)
    return AwardRecord.objects.filter(
        organisation_id=organisation_id, decision_date__range=(start, end), award__decided_by=decided_by
    )


# 0602's columns: (header, award codes or "other", subject) in the form's order; None codes: not in our catalog.
NATIONAL_COLUMNS = [
    ("Các loại huân chương, huy chương (2) - Tập thể", None, "collective"),
    ("Các loại huân chương, huy chương (2) - Cá nhân", None, "person"),
    ("Giải thưởng Hồ Chí Minh (3) - Cá nhân", None, "person"),
    ("Giải thưởng Nhà nước (4) - Cá nhân", None, "person"),
    ("Danh hiệu vinh dự nhà nước (5) - Tập thể", None, "collective"),
    ("Danh hiệu vinh dự nhà nước (5) - Cá nhân", None, "person"),
    ("Cờ thi đua của Chính phủ (6) - Tập thể", None, "collective"),
    ("Bằng khen của Thủ tướng Chính phủ (7) - Tập thể", ["BANGKHEN_TTG"], "collective"),
    ("Bằng khen của Thủ tướng Chính phủ (7) - Cá nhân", ["BANGKHEN_TTG"], "person"),
    ("Chiến sĩ thi đua toàn quốc (8) - Cá nhân", ["CSTD_TQ"], "person"),
    ("Các hình thức khen thưởng khác (9) - Tập thể", "other", "collective"),
    ("Các hình thức khen thưởng khác (9) - Cá nhân", "other", "person"),
]
NAMED_NATIONAL = {c for _h, codes, _s in NATIONAL_COLUMNS if isinstance(codes, list) for c in codes}

# 0603's columns: Bằng khen (2), CSTĐ cấp tỉnh (3), Cờ thi đua (4), Huy hiệu / kỷ niệm chương (5).
PROVINCIAL_COLUMNS = [
    ("Bằng khen (2)", ["BANGKHEN_TINH"]),
    ("Chiến sĩ thi đua cấp bộ, cấp tỉnh (3)", ["CSTD_TINH"]),
    ("Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương (4)", ["CO_TINH"]),
    ("Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh (5)", None),
]


def _subject_q(subject):
    return Q(department__isnull=False) if subject == "collective" else Q(person__isnull=False)


def _national_counts(base):
    """[total, *one per column]; a column our catalog has no award for is empty."""
    values = []
    for _header, codes, subject in NATIONAL_COLUMNS:
        if codes is None:
            values.append(None)
            continue
        qs = base.filter(_subject_q(subject))
        qs = qs.exclude(award__code__in=NAMED_NATIONAL) if codes == "other" else qs.filter(award__code__in=codes)
        values.append(qs.count())
    return [base.count(), *values]


PROVINCIAL_CODES = [c for _h, codes in PROVINCIAL_COLUMNS for c in codes or []]


def _provincial_counts(base):
    by_code = dict(base.values_list("award__code").annotate(n=Count("pk")))
    values = [None if codes is None else sum(by_code.get(c, 0) for c in codes) for _h, codes in PROVINCIAL_COLUMNS]
    return [sum(v or 0 for v in values), *values]


def _by_subject_and_method(counts, base, *, section_numbers, heading):
    """The rows shared by 0602 and 0603: by subject (collective, enterprise, household, person, leadership levels)
    and by method. ``counts`` turns a queryset into the row's values."""
    shape = counts(base.none())
    empty, zero = [None] * len(shape), [None if v is None else 0 for v in shape]
    codes = iter(section_numbers)
    n = lambda: f"{next(codes):02d}"  # noqa: E731
    return [
        (heading, "", "", empty),
        ("- Tập thể", n(), "Tập thể", counts(base.filter(department__isnull=False))),
        ("Trong đó: Doanh nghiệp", n(), "Doanh nghiệp", zero),
        ("- Hộ gia đình", n(), "Hộ", zero),
        ("- Cá nhân", n(), "Người", counts(base.filter(person__isnull=False))),
        ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", n(), "Người", empty),
        ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", n(), "Người", empty),
        ("+ Doanh nhân", n(), "Người", zero),
        ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", n(), "Người", empty),
        (
            "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
            n(),
            "Người",
            empty,
        ),
        ("3. Chia theo phương thức khen thưởng", "", "", empty),
        ("- Thường xuyên", n(), "", counts(base.filter(method=M.REGULAR))),
        ("- Chuyên đề", n(), "", counts(base.filter(method=M.THEMATIC))),
        ("- Đột xuất", n(), "", counts(base.filter(method=M.ONE_OFF))),
        ("- Đối ngoại", n(), "", zero),
        ("- Cống hiến", n(), "", zero),
        ("- Niên hạn", n(), "", counts(base.filter(method=M.LONG_SERVICE))),
        ("- Kháng chiến", n(), "", zero),
    ]


def form_0602(org, year):
    base = awards_in(org.pk, year, AwardType.DecidedBy.NATIONAL)
    total = _national_counts(base)
    rows = [
        ("Tổng số", "01", "", total),
        ("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", "", "", [None] * len(total)),
        ("- Bộ, ban, ngành, đoàn thể Trung ương", "02", "Bộ, ngành", [None if v is None else 0 for v in total]),
        ("- Tỉnh, thành phố trực thuộc Trung ương", "03", "Tỉnh, TP", total),
        *_by_subject_and_method(
            _national_counts, base, section_numbers=range(6, 22), heading="2. Chia theo đối tượng khen thưởng"
        ),
    ]
    return [[label, code, unit, *values] for label, code, unit, values in rows]


def form_0603(org, year):
    base = awards_in(org.pk, year, AwardType.DecidedBy.PROVINCE).filter(award__code__in=PROVINCIAL_CODES)
    rows = [
        ("Tổng số", "01", "", _provincial_counts(base)),
        *_by_subject_and_method(
            _provincial_counts, base, section_numbers=range(2, 18), heading="1. Chia theo đối tượng khen thưởng"
        ),
    ]
    return [[label, code, unit, *values] for label, code, unit, values in rows]


# --- 0604 / 0605: the bodies and the civil servants doing emulation and commendation work -----------------------


def form_0604(org, year):
    """The organisations doing emulation and commendation work of ministries and provinces: a school has none of
    these kinds (Vụ, its phòng, Ban / phòng of the Department of Home Affairs)."""
    rows = [
        ("Tổng số", "01", "Tổ chức", 0),
        ("Chia theo cơ cấu tổ chức bộ máy", "", "", None),
        ("- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "02", "Vụ", 0),
        ("- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "03", "Phòng", 0),
        ("- Cấp ban thuộc Sở Nội vụ", "04", "Ban", 0),
        ("- Cấp phòng thuộc Sở Nội vụ", "05", "Phòng", 0),
    ]
    return [list(r) for r in rows]


def emulation_staff(organisation_id):
    """The people doing the unit's emulation and commendation work: active staff holding the secretariat role."""
    return StaffMember.objects.filter(
        organisation_id=organisation_id,
        is_active=True,
        user__is_active=True,
        user__groups__name=roles.SECRETARIAT,
    ).distinct()


def form_0605(org, year):
    """Column 1: the staff holding the secretariat role today; column 2 (women) and every breakdown: empty, the
    system records no gender, age, training level or seniority."""
    rows = [
        ("Tổng số", "01", emulation_staff(org.pk).count(), None),
        ("1. Chia theo độ tuổi", "", None, None),
        ("- Từ 30 trở xuống", "02", None, None),
        ("- Từ 31 đến 40", "03", None, None),
        ("- Từ 41 đến 50", "04", None, None),
        ("- Từ 51 đến 55", "05", None, None),
        ("- Từ 56 đến 60", "06", None, None),
        ("- Trên 60 tuổi", "07", None, None),
        ("2. Chia theo trình độ đào tạo", "", None, None),
        ("- Sơ cấp", "08", None, None),
        ("- Trung cấp", "09", None, None),
        ("- Cao đẳng", "10", None, None),
        ("- Đại học", "11", None, None),
        ("- Trên đại học", "12", None, None),
        ("3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng", "", None, None),
        ("- Dưới 5 năm", "13", None, None),
        ("- Từ 5 đến 10 năm", "14", None, None),
        ("- Từ 10 năm trở lên", "15", None, None),
    ]
    return [list(r) for r in rows]


AWARD_NOTES = (
    "Số liệu: các khen thưởng của trường (tập thể, cá nhân) có quyết định ký trong kỳ báo cáo, theo ngày quyết định.",
    "Mã số 07, 08, 12 (doanh nghiệp, hộ gia đình, doanh nhân) và phương thức đối ngoại, cống hiến, kháng chiến: "
    "0, trường không có đối tượng này và hệ thống không ghi nhận các phương thức này.",
    "Mã số chia theo cấp lãnh đạo (cấp bộ/tỉnh, cấp vụ/sở, từ phó phòng trở lên, người trực tiếp công tác): "
    "để trống, hệ thống không phân loại chức vụ của người được khen.",
)

FORMS = {
    f.code: f
    for f in [
        Form(
            "0601",
            "SỐ PHONG TRÀO THI ĐUA",
            [
                "",
                "Mã số",
                "Tổng số 1=(2+3+4)",
                "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương) (2)",
                "Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương (3)",
                "Cơ quan, tổ chức, đơn vị (4)",
            ],
            form_0601,
            notes=(
                "Số liệu: các phong trào thi đua do trường phát động (ngày văn bản phát động, nếu không có thì ngày "
                "bắt đầu, trong kỳ báo cáo); trường thuộc cột 4 và phạm vi “Cơ quan, tổ chức, đơn vị”.",
                "Thời hạn: từ ngày bắt đầu đến ngày kết thúc của phong trào (không có ngày kết thúc: hết năm).",
                "Phương thức: phong trào thường xuyên hằng năm ở mã số 12; chuyên đề, đột xuất, niên hạn ở mã số 11.",
            ),
            unit="Đơn vị tính: Phong trào",
            widths=(60, 8, 14, 22, 26, 18),
        ),
        Form(
            "0602",
            "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
            ["", "Mã số", "Đơn vị tính", "Tổng số (1)", *[h for h, _c, _s in NATIONAL_COLUMNS]],
            form_0602,
            notes=(
                *AWARD_NOTES,
                "Khen thưởng cấp Nhà nước không do trường quyết định: số liệu là các quyết định đã ghi nhận vào hệ "
                "thống (bước “Quyết định của tỉnh/Trung ương”). Đề nghị của trường trình Thủ tướng qua tỉnh: mã số "
                "03 bằng tổng số, mã số 02 bằng 0.",
                "Cột 2-6 (huân chương, huy chương, giải thưởng Hồ Chí Minh, giải thưởng Nhà nước, danh hiệu vinh dự "
                "nhà nước, Cờ thi đua của Chính phủ): để trống, danh mục khen thưởng của hệ thống chưa có các hình "
                "thức này; hình thức cấp Nhà nước khác trong danh mục được tính ở cột 9.",
                "Mã số 04, 05 không có trong mẫu biểu tham chiếu (mẫu nhảy từ 03 sang 06).",
            ),
            widths=(60, 8, 12, 10, *([14] * len(NATIONAL_COLUMNS))),
        ),
        Form(
            "0603",
            "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
            ["", "Mã số", "Đơn vị tính", "Tổng số (1)", *[h for h, _c in PROVINCIAL_COLUMNS]],
            form_0603,
            notes=(
                *AWARD_NOTES,
                "Khen thưởng cấp tỉnh không do trường quyết định: số liệu là các quyết định của tỉnh đã ghi nhận "
                "vào hệ thống.",
                "Cột 5 (huy hiệu, kỷ niệm chương): để trống, danh mục của hệ thống chưa có hình thức này.",
                "Danh hiệu cấp tỉnh không có cột trong biểu (ví dụ Tập thể lao động xuất sắc) không được tính.",
            ),
            widths=(60, 8, 12, 10, 12, 18, 22, 22),
        ),
        Form(
            "0604",
            "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, "
            "THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
            ["", "Mã số", "Đơn vị tính", "Số lượng (1)"],
            form_0604,
            notes=(
                "Biểu dành cho bộ, ngành, tỉnh (Vụ Thi đua - Khen thưởng, Ban Thi đua - Khen thưởng thuộc Sở Nội vụ). "
                "Trường không có tổ chức ở các cấp này: mọi mã số bằng 0.",
            ),
            widths=(60, 8, 12, 14),
        ),
        Form(
            "0605",
            "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, "
            "THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
            ["", "Mã số", "Tổng số (1)", "Trong đó: Nữ (2)"],
            form_0605,
            notes=(
                "Mã số 01 cột 1: số người đang giữ vai trò Thường trực/Thư ký thi đua - khen thưởng trong hệ thống "
                "(tài khoản còn hoạt động), tại ngày lập biểu.",
                "Cột 2 (nữ) và các dòng chia theo độ tuổi, trình độ đào tạo, thâm niên: để trống, hệ thống không "
                "ghi giới tính, ngày sinh, trình độ đào tạo, thâm niên công tác thi đua, khen thưởng.",
                "Mẫu biểu tham chiếu in mã số 14 hai lần; dòng “Từ 10 năm trở lên” ghi mã số 15.",
            ),
            unit="Đơn vị tính: Người",
            widths=(60, 8, 14, 16),
        ),
    ]
}


def _indent(row):
    """The form's "- " and "+ " rows indented by spaces, as printed (and so never read as a formula)."""
    label = row[0]
    if isinstance(label, str) and label[:1] in "-+":
        label = ("  " if label[0] == "-" else "    ") + label
    return [label, *row[1:]]


def _sheet(book, org, year, form):
    book.sheet(
        f"{form.code}.N",
        heading=[
            f"Biểu số: {form.code}.N/BNV-TĐKT",
            CIRCULAR,
            RECEIVED,
            f"Đơn vị báo cáo: {org.name}",
            "Đơn vị nhận báo cáo: ……………………………",
            form.title,
            _period_line(year),
            *([form.unit] if form.unit else []),
        ],
        headers=form.headers,
        rows=[_indent(r) for r in form.build(org, year)],
        widths=form.widths,
        footer=["", "Ghi chú:", UNFILLED, *[f"• {n}" for n in form.notes]],
    )


def statistics_xlsx(organisation_id, year, forms=None):
    """The workbook of the forms (all five unless ``forms`` names some), one sheet each."""
    org = Organisation.objects.get(pk=organisation_id)
    book = Book()
    for code in forms or FORMS:
        _sheet(book, org, year, FORMS[code])
    return book.bytes()
