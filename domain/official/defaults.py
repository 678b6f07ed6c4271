"""The wording a unit starts from; the administrator edits its own copy (``DocumentTemplate``) in the admin.

Each text is a Django template. A line ``[[awardees]]`` in the body is where the list of awardees is printed.
"""

GROUNDS = (
    "{% for line in regime_grounds %}{{ line }}\n{% endfor %}"
    "{% if regulation %}Căn cứ {{ regulation }};\n{% endif %}"
    "{% for day in sessions %}Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng "
    "ngày {{ day|date:'d/m/Y' }};\n"
    "{% endfor %}"
)

DEFAULTS = {
    "QĐ": {
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc tặng {{ award_phrase }} năm {{ year }}",
        "authority": "HIỆU TRƯỞNG {{ organisation.name|upper }}",
        "grounds": GROUNDS + "Xét đề nghị của Hội đồng Thi đua - Khen thưởng {{ organisation.name }}.",
        "body": (
            "{% for g in groups %}Điều {{ forloop.counter }}. Tặng {% if g.award.is_title %}danh hiệu {% endif %}"
            "“{{ g.award.name_vi }}” "
            "năm {{ year }} cho "
            "{{ g.awardees|length }} {% if g.collective %}tập thể{% else %}cá nhân{% endif %} có tên trong danh sách "
            "kèm theo; mức tiền thưởng: hệ số {{ g.coefficient }} lần mức lương cơ sở {{ base_salary }} đồng.\n"
            "{% endfor %}"
            "Điều {{ groups|length|add:1 }}. Tiền thưởng (tổng cộng {{ total_text }} đồng) chi từ nguồn quỹ thi đua, "
            "khen thưởng của Trường.\n"
            "Điều {{ groups|length|add:2 }}. Chánh Văn phòng, Trưởng các khoa, phòng có liên quan và các cá nhân, "
            "tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
        ),
        "recipients": "Như Điều {{ groups|length|add:2 }};\nĐảng ủy, Ban Giám hiệu;\nLưu: VT, TĐKT.",
        "signer_title": "HIỆU TRƯỞNG",
    },
    "TTr": {
        "title": "TỜ TRÌNH",
        "subject": "Về việc đề nghị tặng {{ award_names }} năm {{ year }}",
        "authority": "Kính gửi: Ban Thi đua - Khen thưởng tỉnh {{ organisation.place }}",
        "grounds": GROUNDS + "Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng {{ organisation.name }}.",
        "body": (
            "{{ organisation.name }} kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng "
            "{% for g in groups %}“{{ g.award.name_vi }}” cho {{ g.awardees|length }} "
            "{% if g.collective %}tập thể{% else %}cá nhân{% endif %}{% if not forloop.last %}, {% endif %}{% endfor %}"
            " năm {{ year }} có tên trong danh sách kèm theo.\n"
            "(Có hồ sơ đề nghị của từng cá nhân, tập thể kèm theo.)\n"
            "Kính trình Ban Thi đua - Khen thưởng tỉnh xem xét, trình Chủ tịch Ủy ban nhân dân tỉnh quyết định."
        ),
        "recipients": "Như trên;\nLưu: VT, TĐKT.",
        "signer_title": "HIỆU TRƯỞNG",
    },
}

# The legal texts of each regime (seeded into ``RegimeGrounds``; the administrator edits them as the law changes).
REGIME_GROUNDS = {
    "law-2013-decree-91": (
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi "
        "đua, khen thưởng ngày 16 tháng 11 năm 2013;\n"
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;"
    ),
    "law-2022-decree-98": (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;"
    ),
    "decree-152-2025": (
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, "
        "khen thưởng;"
    ),
}
HEADER = {"parent_body": "UBND TỈNH {place}", "issuing_body": "TRƯỜNG CHÍNH TRỊ"}


def load_regime_grounds(apps):
    """Seed each regime's legal grounds (idempotent; a migration and the tests call it)."""
    LegalRegime = apps.get_model("organisation", "LegalRegime")
    RegimeGrounds = apps.get_model("official", "RegimeGrounds")
    for regime in LegalRegime.objects.filter(code__in=REGIME_GROUNDS):
        RegimeGrounds.objects.get_or_create(regime=regime, defaults={"lines": REGIME_GROUNDS[regime.code]})
