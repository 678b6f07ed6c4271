"""A Giấy khen or a Bằng khen is no danh hiệu: the unit's decision template, where it is still the default wording,
says "tặng danh hiệu" only for titles (``AwardType.is_title``). A template the administrator edited is left alone."""

from django.db import migrations

OLD = {
    "subject": "Về việc tặng danh hiệu {{ award_names }} năm {{ year }}",
    "body": "{% for g in groups %}Điều {{ forloop.counter }}. Tặng danh hiệu “{{ g.award.name_vi }}” năm {{ year }} cho {{ g.awardees|length }} {% if g.collective %}tập thể{% else %}cá nhân{% endif %} có tên trong danh sách kèm theo; mức tiền thưởng: hệ số {{ g.coefficient }} lần mức lương cơ sở {{ base_salary }} đồng.\n{% endfor %}Điều {{ groups|length|add:1 }}. Tiền thưởng (tổng cộng {{ total_text }} đồng) chi từ nguồn quỹ thi đua, khen thưởng của Trường.\nĐiều {{ groups|length|add:2 }}. Chánh Văn phòng, Trưởng các khoa, phòng có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
}
NEW = {
    "subject": "Về việc tặng {{ award_phrase }} năm {{ year }}",
    "body": "{% for g in groups %}Điều {{ forloop.counter }}. Tặng {% if g.award.is_title %}danh hiệu {% endif %}“{{ g.award.name_vi }}” năm {{ year }} cho {{ g.awardees|length }} {% if g.collective %}tập thể{% else %}cá nhân{% endif %} có tên trong danh sách kèm theo; mức tiền thưởng: hệ số {{ g.coefficient }} lần mức lương cơ sở {{ base_salary }} đồng.\n{% endfor %}Điều {{ groups|length|add:1 }}. Tiền thưởng (tổng cộng {{ total_text }} đồng) chi từ nguồn quỹ thi đua, khen thưởng của Trường.\nĐiều {{ groups|length|add:2 }}. Chánh Văn phòng, Trưởng các khoa, phòng có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
}


def forwards(apps, schema_editor):
    DocumentTemplate = apps.get_model("official", "DocumentTemplate")
    for field, old in OLD.items():
        DocumentTemplate.objects.filter(doc_type="QĐ", **{field: old}).update(**{field: NEW[field]})


class Migration(migrations.Migration):
    dependencies = [("official", "0006_regulation_merged_into_school_regulation")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
