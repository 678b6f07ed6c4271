from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseSalary(models.Model):
    """Mức lương cơ sở: the base for award amounts, from its effective date (data, as the law changes it)."""

    amount = models.PositiveIntegerField(_("amount (VND)"))
    effective_from = models.DateField(_("effective from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.amount:,} VND ({self.effective_from:%d/%m/%Y})"


class DocumentTemplate(models.Model):
    """The wording of a decision or submission letter, editable by the administrator (Decree 30/2020 layout).

    Text fields are Django templates: ``{{ dossier.reference }}``, ``{{ awardees }}``, ``{{ year }}`` …
    (see ``official.render.context``).
    """

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    doc_type = models.CharField(
        _("type"), max_length=10, choices=[("QĐ", _("Award decision")), ("TTr", _("Submission letter"))]
    )
    parent_body = models.CharField(_("governing body (upper line)"), max_length=120)
    issuing_body = models.CharField(_("issuing body"), max_length=120)
    title = models.CharField(_("title"), max_length=60)
    subject = models.TextField(_("subject line (trích yếu)"))
    authority = models.TextField(_("issuing authority line"), blank=True)
    grounds = models.TextField(_("legal grounds (one per line)"), blank=True)
    body = models.TextField(_("body"))
    recipients = models.TextField(_("recipients (Nơi nhận, one per line)"))
    signer_title = models.CharField(_("signer's title"), max_length=120)
    articles = models.BooleanField(
        _("one decision with an article per award"),
        default=False,
        help_text=_("Otherwise one decision per award decided by the school."),
    )

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [models.UniqueConstraint(fields=["organisation", "doc_type"], name="document_template_unique")]

    def __str__(self):
        return f"{self.get_doc_type_display()} — {self.organisation}"


class SigningCredential(models.Model):
    """A signer's certificate and key (PKCS#12) used for PAdES signatures.

    The file lives outside the media storage (``pkcs12_path``, readable by the application only); the passphrase
    is stored here for the demo's generated certificates — a production signer would use a token or an HSM.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signing_credential", verbose_name=_("signer")
    )
    pkcs12_path = models.CharField(_("PKCS#12 file"), max_length=500)
    passphrase = models.CharField(_("passphrase"), max_length=200, blank=True)
    subject = models.CharField(_("certificate subject"), max_length=255, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing credential")
        verbose_name_plural = _("signing credentials")

    def __str__(self):
        return self.subject or str(self.user)


class RegisterSettings(models.Model):
    """How the unit numbers its outgoing documents (sổ đăng ký văn bản đi, Decree 30/2020 Art. 15 and 16)."""

    class Style(models.TextChoices):
        STATE = "state", _("State style: 01/QĐ-TCT")
        PARTY = "party", _("Party style: 21-QĐ/TCT")

    organisation = models.OneToOneField(
        "organisation.Organisation",
        on_delete=models.CASCADE,
        related_name="register_settings",
        verbose_name=_("organisation"),
    )
    style = models.CharField(_("number format"), max_length=8, choices=Style.choices, default=Style.STATE)
    padding = models.PositiveSmallIntegerField(_("digits (zero-padded)"), default=2)
    parent_body = models.CharField(_("parent body (upper line)"), max_length=120, blank=True)
    groups = models.JSONField(
        _("registers by type"),
        default=dict,
        blank=True,
        help_text=_('Empty: one register for every type. Otherwise {"QĐ": "qd", "TTr": "other", ...}.'),
    )

    class Meta:
        verbose_name = _("outgoing register settings")
        verbose_name_plural = _("outgoing register settings")

    def __str__(self):
        return str(self.organisation)

    def group_of(self, doc_type):
        return (self.groups or {}).get(doc_type, (self.groups or {}).get("*", "")) if self.groups else ""

    def format(self, number, doc_type, code):
        n = f"{number:0{self.padding}d}"
        return f"{n}-{doc_type}/{code}" if self.style == self.Style.PARTY else f"{n}/{doc_type}-{code}"


class OutgoingRegister(models.Model):
    """One register per organisation, calendar year and group of types: the last number taken (row-locked)."""

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveIntegerField(_("year"))
    group = models.CharField(_("group"), max_length=20, blank=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("outgoing register")
        verbose_name_plural = _("outgoing registers")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "group"], name="outgoing_register_unique")
        ]

    def __str__(self):
        return f"{self.year} {self.group or '*'}: {self.last_number}"


class RegisterEntry(models.Model):
    """One line of the outgoing register: a number taken, never reused (a cancelled document keeps it)."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        CANCELLED = "cancelled", _("Cancelled")

    DOC_TYPES = [
        ("QĐ", _("Decision")),
        ("TTr", _("Submission letter")),
        ("CV", _("Official letter")),
        ("BB", _("Minutes")),
        ("KH", _("Plan")),
        ("BC", _("Report")),
        ("TB", _("Notice")),
        ("QC", _("Regulation")),
    ]

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    register = models.ForeignKey(
        OutgoingRegister, on_delete=models.PROTECT, related_name="entries", verbose_name=_("register")
    )
    year = models.PositiveIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("number and symbol"), max_length=60)
    doc_type = models.CharField(_("type"), max_length=10, choices=DOC_TYPES)
    issued_on = models.DateField(_("date"))
    subject = models.CharField(_("subject (trích yếu)"), max_length=500)
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    recipients = models.CharField(_("recipients"), max_length=500, blank=True)
    manual = models.BooleanField(_("registered by hand"), default=False)
    document = models.OneToOneField(
        "dossiers.IssuedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="register_entry",
        verbose_name=_("document"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ISSUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("outgoing register entry")
        verbose_name_plural = _("outgoing register entries")
        ordering = ["year", "register", "number"]
        constraints = [models.UniqueConstraint(fields=["register", "number"], name="register_number_unique")]

    def __str__(self):
        return self.symbol


class Delegation(models.Model):
    """Who signs on the principal's behalf, for a period (KT. / TL. / TUQ.), recorded and audited."""

    class Capacity(models.TextChoices):
        KT = "KT", _("KT. (deputy signing for the head)")
        TL = "TL", _("TL. (signing by order)")
        TUQ = "TUQ", _("TUQ. (signing by authorisation)")

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("on behalf of")
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("delegate")
    )
    capacity = models.CharField(_("capacity"), max_length=4, choices=Capacity.choices, default=Capacity.KT)
    head_title = models.CharField(_("head's title"), max_length=120, default="HIỆU TRƯỞNG")
    delegate_title = models.CharField(_("delegate's title"), max_length=120, default="PHÓ HIỆU TRƯỞNG")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing delegation")
        verbose_name_plural = _("signing delegations")

    def __str__(self):
        period = f"{self.valid_from:%d/%m/%Y}-{self.valid_to:%d/%m/%Y}"
        return f"{self.capacity}. {self.head_title} / {self.delegate} ({period})"


class RegimeGrounds(models.Model):
    """The legal texts a document cites under a legal regime (căn cứ), data that follows the law."""

    regime = models.OneToOneField(
        "organisation.LegalRegime", on_delete=models.CASCADE, related_name="grounds", verbose_name=_("regime")
    )
    lines = models.TextField(_("grounds (one per line)"))

    class Meta:
        verbose_name = _("legal grounds of a regime")
        verbose_name_plural = _("legal grounds of the regimes")

    def __str__(self):
        return str(self.regime)


class OrganisationSeal(models.Model):
    """The organisation's signing certificate (chữ ký số của cơ quan), applied by the records clerk."""

    organisation = models.OneToOneField(
        "organisation.Organisation", on_delete=models.PROTECT, related_name="seal", verbose_name=_("organisation")
    )
    pkcs12_path = models.CharField(_("PKCS#12 file"), max_length=500)
    passphrase = models.CharField(_("passphrase"), max_length=200, blank=True)
    subject = models.CharField(_("certificate subject"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("organisation's signing certificate")
        verbose_name_plural = _("organisation's signing certificates")

    def __str__(self):
        return self.subject or str(self.organisation)


class CertificateLayout(models.Model):
    """Where the certificate's lines go on the school's pre-printed blank (offsets in mm from the top left)."""

    organisation = models.OneToOneField(
        "organisation.Organisation",
        on_delete=models.CASCADE,
        related_name="certificate_layout",
        verbose_name=_("organisation"),
    )
    landscape = models.BooleanField(_("landscape A4"), default=True)
    offset_x = models.DecimalField(_("horizontal offset (mm)"), max_digits=5, decimal_places=1, default=0)
    offset_y = models.DecimalField(_("vertical offset (mm)"), max_digits=5, decimal_places=1, default=0)
    title_y = models.DecimalField(_("title line (mm from top)"), max_digits=5, decimal_places=1, default=62)
    name_y = models.DecimalField(_("name line (mm from top)"), max_digits=5, decimal_places=1, default=95)
    unit_y = models.DecimalField(_("unit line (mm from top)"), max_digits=5, decimal_places=1, default=110)
    reason_y = models.DecimalField(_("reason line (mm from top)"), max_digits=5, decimal_places=1, default=125)
    footer_y = models.DecimalField(_("date and signature (mm from top)"), max_digits=5, decimal_places=1, default=150)
    name_size = models.PositiveSmallIntegerField(_("name font size (pt)"), default=26)
    print_frame = models.BooleanField(_("print the frame (plain paper)"), default=True)

    class Meta:
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")

    def __str__(self):
        return str(self.organisation)


class Handover(models.Model):
    """Trao khen thưởng: a certificate handed over (date, who received it)."""

    document = models.ForeignKey(
        "dossiers.IssuedDocument", on_delete=models.PROTECT, related_name="handovers", verbose_name=_("document")
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="handovers", verbose_name=_("dossier")
    )
    handed_on = models.DateField(_("handed over on"))
    received_by = models.CharField(_("received by"), max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        constraints = [models.UniqueConstraint(fields=["document", "dossier"], name="handover_once")]

    def __str__(self):
        return f"{self.dossier} {self.handed_on:%d/%m/%Y}"
