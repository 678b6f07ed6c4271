"""Word reports rendered with docxtpl from the unit's template (or the default one), with the figures filled in."""

import io

import jinja2
from django.utils import timezone
from django.utils.formats import date_format
from docxtpl import DocxTemplate

from ground.base.money import vnd
from ground.organisation.models import Organisation

from . import docx_templates
from .figures import year_figures
from .models import ReportTemplate

PLACEHOLDER = "……………………………………………………………………………………………"


def dmy(value):
    return date_format(value, "d/m/Y") if value else "…"


def template_bytes(organisation_id, name):
    """The unit's own template when uploaded, else the default."""
    own = ReportTemplate.objects.filter(organisation_id=organisation_id, name=name).first()
    if own and own.file:
        with own.file.open("rb") as f:
            return f.read()
    return docx_templates.DEFAULTS[name]()


def render(organisation, name, context):
    env = jinja2.Environment(autoescape=True)
    env.filters.update(vnd=vnd, dmy=dmy)
    doc = DocxTemplate(io.BytesIO(template_bytes(organisation.pk, name)))
    today = timezone.localdate()
    doc.render(
        {
            "organisation": organisation.name,
            "parent": "",
            "number": f"      -BC/{organisation.code}",
            "place_date": f"{organisation.place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}",
            "signer_title": "HIỆU TRƯỞNG",
            "strengths": PLACEHOLDER,
            "shortcomings": PLACEHOLDER,
            "next_steps": PLACEHOLDER,
            **context,
        },
        jinja_env=env,
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def work_report(organisation_id, year, *, half=False):
    organisation = Organisation.objects.get(pk=organisation_id)
    name = "half-year" if half else "year-end"
    return render(organisation, name, {"f": year_figures(organisation_id, year, half=half)})


def self_inspection(organisation_id, year):
    organisation = Organisation.objects.get(pk=organisation_id)
    return render(organisation, "self-inspection", {"f": year_figures(organisation_id, year)})
