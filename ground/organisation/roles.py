"""Roles are groups; their permissions are declared here and synced after every migrate."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.utils.translation import gettext_lazy as _

DEPARTMENT_HEAD = "department_head"
SECRETARIAT = "secretariat"
COUNCIL_MEMBER = "council_member"
PRINCIPAL = "principal"
AUDITOR = "auditor"
ADMINISTRATOR = "administrator"
PROVINCE_CLIENT = "province_client"
STAFF = "staff"
RECORDS_CLERK = "records_clerk"
VICE_PRINCIPAL = "vice_principal"

LABELS = {
    DEPARTMENT_HEAD: _("Department head"),
    SECRETARIAT: _("Secretariat"),
    COUNCIL_MEMBER: _("Council member"),
    PRINCIPAL: _("Principal"),
    AUDITOR: _("Auditor"),
    ADMINISTRATOR: _("Administrator"),
    PROVINCE_CLIENT: _("Province client"),
    STAFF: _("Staff member"),
    RECORDS_CLERK: _("Records clerk"),
    VICE_PRINCIPAL: _("Vice-principal"),
}

_WORKFLOW_UI = ["workflows.view_dossierprocess"]
_SEE_ALL = ["dossiers.view_all_dossiers", *_WORKFLOW_UI]
_CATALOG_ADMIN = (
    [
        f"organisation.{action}_{model}"
        for model in ("organisation", "department", "staffmember", "period", "legalregime", "awardtype")
        for action in ("view", "add", "change")
    ]
    + [
        f"official.{action}_{model}"
        for model in (
            "basesalary",
            "documenttemplate",
            "signingcredential",
            "registersettings",
            "regimegrounds",
            "organisationseal",
            "certificatelayout",
            "delegation",
        )
        for action in ("view", "add", "change")
    ]
    + ["auth.view_user", "auth.add_user", "auth.change_user", "auth.view_group"]
)
# Working-day calendar and service levels (deadlines): data the administrator keeps up with the law.
_CATALOG_ADMIN += [
    f"{app}.{action}_{model}"
    for app, model in (("workdays", "calendarday"), ("deadlines", "servicelevel"))
    for action in ("view", "add", "change", "delete")
]
# Eligibility rules and the records they read (issue 9).
_CATALOG_ADMIN += (
    [f"eligibility.{action}_rule" for action in ("view", "add", "change")]
    + [
        f"records.{action}_{model}"
        for model in ("yearlyrating", "discipline", "pendingcase", "initiative")
        for action in ("view", "add", "change", "delete")
    ]
    + ["records.import_history", "emulation.import_registrations"]
    + [f"reports.{action}_reporttemplate" for action in ("view", "add", "change")]
    + [
        f"emulation.{action}_{model}"
        for model in ("movement", "registrationdeadline", "emulationplan", "cluster", "clustermember")
        for action in ("view", "add", "change")
    ]
)

# Council configuration (issue 4): voting rules, quotas, the council of each period and its members.
_CATALOG_ADMIN += [
    f"council.{action}_{model}"
    for model in ("votingrule", "quota", "council", "councilmember")
    for action in ("view", "add", "change", "delete")
]
# The law's texts and the school's regulation (issue 20); complaints' time limits; revocations are read here.
_CATALOG_ADMIN += [
    f"{app}.{action}_{model}"
    for app, model in (
        ("organisation", "legaltext"),
        ("organisation", "schoolregulation"),
        ("records", "complainttimelimit"),
    )
    for action in ("view", "add", "change")
] + ["dossiers.view_awardrevocation", "records.view_complaint"]
# Any staff member may object to a posted dossier (signed with their name); auditors stay read-only.
_OBJECT = ["council.file_objection"]

PERMISSIONS = {
    DEPARTMENT_HEAD: ["dossiers.nominate", *_WORKFLOW_UI, *_OBJECT],
    SECRETARIAT: [
        "dossiers.check_completeness",
        "council.run_session",
        "council.file_objection",
        "dossiers.record_province_decision",
        "records.import_history",
        "records.keep_complaints",
        "dossiers.revoke_award",
        "records.review_initiative",
        "emulation.import_registrations",
        "emulation.manage_movements",
        "fund.manage_fund",
        "reports.view_reports",
        "dossiers.prepare_batch",
        *_SEE_ALL,
    ],
    COUNCIL_MEMBER: [*_SEE_ALL, *_OBJECT],  # a seat on the period's council (CouncilMember) gives the vote
    PRINCIPAL: ["dossiers.sign", *_SEE_ALL, *_OBJECT],
    AUDITOR: ["dossiers.audit", *_SEE_ALL],
    # Unlocking a sign-in locked after repeated failures: deleting its django-axes access attempts.
    ADMINISTRATOR: [
        *_SEE_ALL,
        *_CATALOG_ADMIN,
        *_OBJECT,
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "audit.view_refusaltally",
        "jobs.view_job",  # the background work (read-only admin)
    ],
    PROVINCE_CLIENT: ["dossiers.province_client"],
    STAFF: _OBJECT,
    # Văn thư: numbers, dates and the organisation's signature; the outgoing register (issue 15).
    RECORDS_CLERK: ["dossiers.issue_document", *_SEE_ALL, *_OBJECT],
    # Signs only with a delegation in force (KT. / TL. / TUQ.), see official.delegations.
    VICE_PRINCIPAL: [*_SEE_ALL, *_OBJECT],
}


def sync_roles():
    """Create the role groups and give each exactly its permissions."""
    from django.contrib.auth.models import Group, Permission

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for name, perms in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def sync_roles_receiver(sender, apps=global_apps, **kwargs):
    # Historical app registries lack our models until the last migration ran.
    try:
        apps.get_model("workflows", "DossierProcess")
    except LookupError:
        return
    sync_roles()


def role_names(user):
    """The role codes of a user, e.g. ["secretariat"]."""
    if not user or not user.is_authenticated:
        return []
    return sorted(g for g in user.groups.values_list("name", flat=True) if g in LABELS)


def label(role_codes):
    """Readable role names of an audit event's comma-separated role codes."""
    names = {**LABELS, "system": _("System")}
    return ", ".join(str(names.get(code, code)) for code in role_codes.split(",") if code)
