"""The wording a unit starts from; the administrator edits its own copy (``DocumentTemplate``) in the admin.

Each text is a Django template. A line ``[[awardees]]`` in the body is where the list of awardees is printed.
"""

DEFAULTS = {
    "QĐ": {
        "title": "QUYẾT ĐỊNH",
        "subject": "Về việc tặng danh hiệu {{ award.name }} năm {{ year }}",
        "authority": "HIỆU TRƯỞNG {{ organisation.name|upper }}",
        "grounds": (
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, "
            "khen thưởng;\n"
            "Xét đề nghị của Hội đồng Thi đua - Khen thưởng {{ organisation.name }}."
        ),
        "body": (
            "Điều 1. Tặng danh hiệu “{{ award.name }}” năm {{ year }} cho {{ awardees|length }} "
            "{% if collective %}tập thể{% else %}cá nhân{% endif %} có tên sau đây:\n"
            "[[awardees]]\n"
            "Điều 2. Mức tiền thưởng thực hiện theo quy định hiện hành (hệ số {{ coefficient }} lần mức lương cơ sở "
            "{{ base_salary }} đồng), từ nguồn quỹ thi đua, khen thưởng của Trường.\n"
            "Điều 3. Chánh Văn phòng, Trưởng các khoa, phòng có liên quan và {% if collective %}các tập thể"
            "{% else %}các cá nhân{% endif %} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
        ),
        "recipients": "Như Điều 3;\nĐảng ủy, Ban Giám hiệu;\nLưu: VT, TĐKT.",
        "signer_title": "HIỆU TRƯỞNG",
    },
    "TTr": {
        "title": "TỜ TRÌNH",
        "subject": "Về việc đề nghị tặng {{ award.name }} năm {{ year }}",
        "authority": "Kính gửi: Ban Thi đua - Khen thưởng tỉnh {{ organisation.place }}",
        "grounds": (
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, "
            "khen thưởng;\n"
            "Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng {{ organisation.name }}."
        ),
        "body": (
            "{{ organisation.name }} kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng “{{ award.name }}” "
            "năm {{ year }} cho {{ awardees|length }} {% if collective %}tập thể{% else %}cá nhân{% endif %} "
            "có tên sau đây:\n"
            "[[awardees]]\n"
            "(Có hồ sơ đề nghị kèm theo.)\n"
            "Kính trình Ban Thi đua - Khen thưởng tỉnh xem xét, trình Chủ tịch Ủy ban nhân dân tỉnh quyết định."
        ),
        "recipients": "Như trên;\nLưu: VT, TĐKT.",
        "signer_title": "HIỆU TRƯỞNG",
    },
}

HEADER = {"parent_body": "UBND TỈNH {place}", "issuing_body": "TRƯỜNG CHÍNH TRỊ"}
