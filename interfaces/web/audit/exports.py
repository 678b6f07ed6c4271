"""The trail in files an inspector can keep: events as CSV / Excel, one dossier's trail as JSON / PDF."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ground.organisation.roles import label as role_label
from ground.printing import pdf, spreadsheets

from .actions import label as action_label


def _columns():
    return [
        _("Event"),
        _("Time"),
        _("Person"),
        _("Role"),
        _("Action"),
        _("Dossier"),
        _("Department"),
        _("Object"),
        _("Step"),
        _("Comment"),
        _("Changes"),
        _("Data"),
        _("IP address"),
        _("Request id"),
        _("Hash"),
    ]


def _row(event):
    dossier = event.dossier
    return [
        event.pk,
        date_format(timezone.localtime(event.at), "d/m/Y H:i:s"),
        event.actor_name,
        role_label(event.role),
        str(action_label(event.action)),
        dossier.reference if dossier else "",
        dossier.department.name if dossier else "",
        event.object_repr,
        event.step,
        event.comment,
        _json(event.changes) if event.changes else "",
        _json(event.data) if event.data else "",
        event.ip or "",
        event.request_id,
        event.hash,
    ]


def _json(value):
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def events_csv(events):
    """CSV lines, streamed (printing.spreadsheets neutralises formulas)."""
    return spreadsheets.csv_lines(_columns(), (_row(event) for event in events.iterator(chunk_size=2000)))


def events_xlsx(events):
    rows = (_row(event) for event in events.iterator(chunk_size=2000))
    return spreadsheets.xlsx_bytes(_("Audit events"), _columns(), rows)


def trail_json(trail, *, exported_by):
    dossier = trail["dossier"]
    return {
        "dossier": {
            "id": dossier.pk,
            "reference": dossier.reference,
            "award": dossier.award.code,
            "nominee": str(dossier.nominee),
            "department": dossier.department.name,
            "period": dossier.period.year,
            "status": dossier.status,
            "created_at": dossier.created_at,
        },
        "documents": [
            {
                "id": d.pk,
                "kind": d.kind,
                "filename": d.filename,
                "version": d.version,
                "current": d.is_current,
                "size": d.size,
                "sha256": d.sha256,
                "uploaded_by": d.uploaded_by.username if d.uploaded_by else None,
                "uploaded_at": d.uploaded_at,
            }
            for d in trail["documents"]
        ],
        "steps": [{k: v for k, v in s.items() if k not in ("duration",)} | _seconds(s) for s in trail["steps"]],
        "events": [
            {
                "id": e.pk,
                "at": e.at,
                "actor": e.actor_name,
                "role": e.role,
                "action": e.action,
                "object": {"type": e.object_type, "id": e.object_id, "repr": e.object_repr} if e.object_type else None,
                "step": e.step,
                "comment": e.comment,
                "changes": e.changes,
                "data": e.data,
                "ip": e.ip,
                "request_id": e.request_id,
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in trail["events"]
        ],
        "exported_at": timezone.now(),
        "exported_by": exported_by,
    }


def _seconds(step):
    return {"duration_seconds": int(step["duration"].total_seconds())}


def trail_json_bytes(trail, *, exported_by):
    return json.dumps(trail_json(trail, exported_by=exported_by), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)


def trail_pdf(trail, *, exported_by):
    dossier = trail["dossier"]
    title = _("Audit trail of dossier %(reference)s") % {"reference": dossier.reference}
    when = date_format(timezone.localtime(), "d/m/Y H:i")
    story = [
        pdf.para(title, "title"),
        pdf.para(
            _("%(award)s — %(nominee)s — %(department)s — period %(period)s — status: %(status)s")
            % {
                "award": dossier.award.name,
                "nominee": dossier.nominee,
                "department": dossier.department.name,
                "period": dossier.period.year,
                "status": dossier.get_status_display(),
            }
        ),
        pdf.para(_("Steps"), "heading"),
        pdf.table(
            [_("Step"), _("Person"), _("Started"), _("Finished"), _("Duration")],
            [
                [
                    s["title"],
                    s["owner"],
                    _local(s["started"]),
                    _local(s["finished"]) if s["finished"] else _("open"),
                    duration_text(s["duration"]),
                ]
                for s in trail["steps"]
            ],
            [55, 40, 28, 28, 29],
        ),
        pdf.para(_("Documents"), "heading"),
        pdf.table(
            [_("Document"), _("Version"), _("Uploaded"), _("SHA-256")],
            [[d.filename, d.version, _local(d.uploaded_at), d.sha256] for d in trail["documents"]],
            [55, 15, 28, 82],
        ),
        pdf.para(_("Events"), "heading"),
        pdf.table(
            [_("Time"), _("Person"), _("Action"), _("Comment / changes"), _("Hash")],
            [
                [
                    _local(e.at),
                    f"{e.actor_name}\n{role_label(e.role)}",
                    action_label(e.action),
                    "\n".join(filter(None, [e.comment, _json(e.changes) if e.changes else ""])),
                    e.hash,
                ]
                for e in trail["events"]
            ],
            [24, 34, 36, 50, 36],
        ),
    ]
    footer = _("Exported %(when)s by %(who)s") % {"when": when, "who": exported_by}
    return pdf.render(story, title=title, footer=footer)


def _local(value):
    return date_format(timezone.localtime(value), "d/m/Y H:i")


def duration_text(delta):
    """'2 d 3 h 5 min' — how long a step took."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [_("%(n)d d") % {"n": days}] if days else []
    if hours or days:
        parts.append(_("%(n)d h") % {"n": hours})
    parts.append(_("%(n)d min") % {"n": mins})
    return " ".join(parts)
