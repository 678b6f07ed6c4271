"""One school regulation: ``official.Regulation`` (number and date, cited by the documents' grounds) is merged into
the versioned ``organisation.SchoolRegulation`` (read by the council and the posting), then deleted.

Each row moves to the version of the same organisation with the same number, or the one in force from the same
date (linked: its empty fields filled in, nothing the council reads changes); otherwise it becomes a new version
signed and in force on its date, with the default values (those the council used while no version existed).
"""

from django.db import migrations


def move_regulations(apps, schema_editor):
    Regulation = apps.get_model("official", "Regulation")
    SchoolRegulation = apps.get_model("organisation", "SchoolRegulation")
    for old in Regulation.objects.order_by("issued_on", "id"):
        versions = SchoolRegulation.objects.filter(organisation_id=old.organisation_id)
        same = versions.filter(number=old.number).order_by("effective_from").first() if old.number else None
        same = same or versions.filter(effective_from=old.issued_on).first()
        if same is None:
            SchoolRegulation.objects.create(
                organisation_id=old.organisation_id,
                number=old.number,
                title=old.title or "Quy chế thi đua, khen thưởng",
                signed_on=old.issued_on,
                effective_from=old.issued_on,
                issued_by_title=old.issued_by_title,
            )
            continue
        changed = []
        for field, value in (("number", old.number), ("issued_by_title", old.issued_by_title)):
            if value and not getattr(same, field):
                setattr(same, field, value)
                changed.append(field)
        if changed:
            same.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("official", "0005_regime_grounds"),
        ("organisation", "0005_school_regulation_issued_by"),
    ]

    operations = [
        migrations.RunPython(move_regulations, migrations.RunPython.noop),
        migrations.DeleteModel(name="Regulation"),
    ]
