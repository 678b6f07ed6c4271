"""The award catalog as it stands in domain.md: defaults, loaded by a data migration.

Each row belongs to a legal regime; the administrator edits them afterwards.
``load_catalog`` is idempotent and takes an app registry so a migration can call it.
"""

from datetime import date
from decimal import Decimal

REGIMES = [
    ("law-2013-decree-91", "Luật TĐKT 2003/2013, Nghị định 91/2017/NĐ-CP", date(2017, 7, 31), date(2023, 12, 31)),
    ("law-2022-decree-98", "Luật TĐKT 06/2022/QH15, Nghị định 98/2023/NĐ-CP", date(2024, 1, 1), date(2025, 6, 30)),
    ("decree-152-2025", "Luật TĐKT 06/2022/QH15, Nghị định 152/2025/NĐ-CP", date(2025, 7, 1), None),
]

# code, name_vi, name_en, subject, decided_by, coefficient, collective coefficient, criteria
AWARDS = [
    (
        "LDTT",
        "Lao động tiên tiến",
        "Advanced Worker",
        "individual",
        "unit",
        "0.3",
        None,
        "Hoàn thành tốt nhiệm vụ; không vi phạm kỷ luật.",
    ),
    (
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "Grassroots Emulation Fighter",
        "individual",
        "unit",
        "1.0",
        None,
        "Đạt Lao động tiên tiến năm xét và (hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận).",
    ),
    (
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        "Advanced Collective",
        "collective",
        "unit",
        "0.8",
        "0.8",
        "Hoàn thành tốt nhiệm vụ.",
    ),
    (
        "GIAYKHEN",
        "Giấy khen của Hiệu trưởng",
        "Principal's Certificate of Merit",
        "both",
        "unit",
        "0.3",
        "0.6",
        "Có thành tích tiêu biểu.",
    ),
    (
        "TTLDXS",
        "Tập thể lao động xuất sắc",
        "Excellent Collective",
        "collective",
        "province",
        "1.5",
        "1.5",
        "Mọi thành viên hoàn thành nhiệm vụ, ≥ 70 % đạt LĐTT, ≥ 1 CSTĐCS, không ai bị kỷ luật.",
    ),
    (
        "BANGKHEN_TINH",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Certificate of Merit of the Provincial Chairman",
        "both",
        "province",
        "1.0",
        "2.0",
        "2 năm liên tục CSTĐCS, hoặc ≥ 2 năm liên tục HTXSNV và có 2 sáng kiến.",
    ),
    (
        "CSTD_TINH",
        "Chiến sĩ thi đua cấp tỉnh",
        "Provincial Emulation Fighter",
        "individual",
        "province",
        "3.0",
        None,
        "3 lần liên tục CSTĐCS và có sáng kiến được công nhận cấp tỉnh.",
    ),
    (
        "CO_TINH",
        "Cờ thi đua của UBND tỉnh",
        "Emulation Flag of the Provincial People's Committee",
        "collective",
        "province",
        "8.0",
        "8.0",
        "Đơn vị dẫn đầu cụm, khối thi đua.",
    ),
    (
        "BANGKHEN_TTG",
        "Bằng khen của Thủ tướng Chính phủ",
        "Prime Minister's Certificate of Merit",
        "both",
        "national",
        "3.5",
        "7.0",
        "Có quá trình thành tích xuất sắc lâu dài.",
    ),
    (
        "CSTD_TQ",
        "Chiến sĩ thi đua toàn quốc",
        "National Emulation Fighter",
        "individual",
        "national",
        "4.5",
        None,
        "2 lần liên tục CSTĐ cấp tỉnh và có sáng kiến hiệu quả phạm vi toàn quốc.",
    ),
]

# Coefficients that differ by regime (domain.md): Bằng khen tỉnh 1.5 under Decree 152.
OVERRIDES = {("decree-152-2025", "BANGKHEN_TINH"): ("1.5", "3.0")}


def catalog_model(apps, name):
    """A catalog model from an app registry. The catalog moved from ``dossiers`` to ``organisation`` (issue 14):
    the data migrations written before the move see it in ``dossiers``."""
    try:
        return apps.get_model("organisation", name)
    except LookupError:
        return apps.get_model("dossiers", name)


def load_catalog(apps):
    LegalRegime = catalog_model(apps, "LegalRegime")
    AwardType = catalog_model(apps, "AwardType")
    for code, name, start, end in REGIMES:
        regime, _ = LegalRegime.objects.update_or_create(
            code=code, defaults={"name": name, "effective_from": start, "effective_to": end}
        )
        for row in AWARDS:
            a_code, name_vi, name_en, subject, decided_by, coef, coll, criteria = row
            coef, coll = OVERRIDES.get((code, a_code), (coef, coll))
            AwardType.objects.update_or_create(
                regime=regime,
                code=a_code,
                defaults={
                    "name_vi": name_vi,
                    "name_en": name_en,
                    "subject": subject,
                    "decided_by": decided_by,
                    "coefficient": Decimal(coef),
                    "collective_coefficient": Decimal(coll) if coll else None,
                    "criteria": criteria,
                },
            )
