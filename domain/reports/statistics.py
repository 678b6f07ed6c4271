"""Statistical report data of Circular 02/2023/TT-BNV (emulation and commendation), as XLSX.

Produced: Biểu 0601.N/BNV-TĐKT (số phong trào thi đua) and Biểu 0603.N/BNV-TĐKT (khen thưởng cấp bộ, ngành, tỉnh)
with the forms' rows (mã số) and columns, read from a published implementation of the circular's forms; the school
fills the column of its own level. What our data cannot tell (e.g. individuals by leadership level, enterprises,
households) is left empty, never guessed. See the README ("Reports") for what was verified.
"""

from datetime import date

from django.db.models import Count, Q

from domain.dossiers.models import AwardRecord
from domain.emulation.models import Movement
from ground.organisation.models import Organisation
from ground.printing.sheets import Book

HEADER = [
    "Biểu số: {form}",
    "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
    "Đơn vị báo cáo: {unit}",
    "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo",
]

# Biểu 0603: provincial awards the school's staff and units received, by award column.
PROVINCIAL = {"BANGKHEN_TINH": 1, "CSTD_TINH": 2, "CO_TINH": 3}


def _months(m):
    end = m.end or date(m.start.year, 12, 31)
    return (end.year - m.start.year) * 12 + end.month - m.start.month + 1


def form_0601(org, year):
    """Movements of the unit (column 4: cơ quan, tổ chức, đơn vị), by scope, duration and method."""
    movements = list(Movement.objects.filter(organisation_id=org.pk, start__year__lte=year).exclude(end__year__lt=year))
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
    return [
        [label, code, value, 0 if value is not None else None, 0 if value is not None else None, value]
        for label, code, value in rows
    ]


def form_0603(org, year):
    """Provincial awards received in the year, by subject and method; columns: total, Bằng khen, CSTĐ cấp tỉnh,
    Cờ thi đua, Huy hiệu."""
    base = AwardRecord.objects.filter(organisation_id=org.pk, year=year, award__code__in=PROVINCIAL)

    def counts(q=None):
        by_code = dict(base.filter(q or Q()).values_list("award__code").annotate(n=Count("pk")))
        cols = [by_code.get(code, 0) for code in PROVINCIAL] + [0]
        return [sum(cols), *cols]

    empty = [None] * 5
    M = AwardRecord.Method
    rows = [
        ("Tổng số", "01", "", counts()),
        ("1. Chia theo đối tượng khen thưởng", "", "", empty),
        ("- Tập thể", "02", "Tập thể", counts(Q(department__isnull=False))),
        ("Trong đó: Doanh nghiệp", "03", "Doanh nghiệp", [0] * 5),
        ("- Hộ gia đình", "04", "Hộ", [0] * 5),
        ("- Cá nhân", "05", "Người", counts(Q(person__isnull=False))),
        ("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "06", "Người", empty),
        ("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "07", "Người", empty),
        ("+ Doanh nhân", "08", "Người", empty),
        ("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "09", "Người", empty),
        ("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu", "10", "Người", empty),
        ("3. Chia theo phương thức khen thưởng", "", "", empty),
        ("- Thường xuyên", "11", "", counts(Q(method=M.REGULAR))),
        ("- Chuyên đề", "12", "", counts(Q(method=M.THEMATIC))),
        ("- Đột xuất", "13", "", counts(Q(method=M.ONE_OFF))),
        ("- Đối ngoại", "14", "", [0] * 5),
        ("- Cống hiến", "15", "", [0] * 5),
        ("- Niên hạn", "16", "", counts(Q(method=M.LONG_SERVICE))),
        ("- Kháng chiến", "17", "", [0] * 5),
    ]
    return [[label, code, unit, *values] for label, code, unit, values in rows]


def statistics_xlsx(organisation_id, year):
    org = Organisation.objects.get(pk=organisation_id)
    book = Book()
    book.sheet(
        "0601.N",
        heading=[h.format(form="0601.N/BNV-TĐKT", unit=org.name) for h in HEADER]
        + ["SỐ PHONG TRÀO THI ĐUA", f"Năm {year}", "Đơn vị tính: Phong trào"],
        headers=[
            "",
            "Mã số",
            "Tổng số 1=(2+3+4)",
            "Cấp Trung ương (2)",
            "Cấp bộ, ban, ngành, đoàn thể trung ương, tỉnh (3)",
            "Cơ quan, tổ chức, đơn vị (4)",
        ],
        rows=form_0601(org, year),
        widths=[60, 8, 14, 16, 22, 18],
    )
    book.sheet(
        "0603.N",
        heading=[h.format(form="0603.N/BNV-TĐKT", unit=org.name) for h in HEADER]
        + [
            "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
            f"Năm {year}",
        ],
        headers=[
            "",
            "Mã số",
            "Đơn vị tính",
            "Tổng số (1)",
            "Bằng khen (2)",
            "Chiến sĩ thi đua cấp bộ, cấp tỉnh (3)",
            "Cờ thi đua (4)",
            "Huy hiệu (kỷ niệm chương) (5)",
        ],
        rows=form_0603(org, year),
        widths=[60, 8, 12, 12, 12, 18, 14, 16],
    )
    return book.bytes()
