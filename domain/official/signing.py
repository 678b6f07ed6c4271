"""PAdES signatures with pyHanko.

The signer certifies the document allowing form filling only (DocMDP P=2) with a visible signature (name, title,
time); the records clerk then fills the number and date fields and adds the organisation's signature, each as an
incremental update, so the signer's signature stays valid. Loaded signing credentials are cached per process.
"""

import asyncio
import functools
import hashlib
import io
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import pem, x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from reportlab.pdfgen import canvas

from ground.printing.pdf import register_serif

SIGNER_FIELD = "ChuKyNguoiKy"
SEAL_FIELD = "ChuKyCoQuan"


class WrongPin(ValueError):
    """The key could not be opened with the PIN / passphrase given."""


# The parts of a certificate's subject people read, in this order (asn1crypto's human_friendly labels them in
# English: "Common Name: …, Organization: …, Country: …").
SUBJECT_PARTS = (
    "common_name",
    "title",
    "organizational_unit_name",
    "organization_name",
    "locality_name",
    "state_or_province_name",
    "country_name",
)


def subject_name(name):
    """A certificate subject as its values only: "Phạm Quang Vinh, Trường Chính trị tỉnh Lai Châu, VN"."""
    values = name.native
    parts = [values.get(key) for key in SUBJECT_PARTS if values.get(key)]
    return ", ".join(", ".join(p) if isinstance(p, list) else str(p) for p in parts) or name.human_friendly


def _appearance(lines, width, height, size, *, align="center"):
    """A one-page PDF of ``width`` x ``height`` points with ``lines`` in Liberation Serif (embedded subset), drawn by
    ReportLab: it becomes a form field's or the signature's appearance, with every Vietnamese letter exact."""
    fonts = register_serif()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(width, height))
    c.setFont(fonts["regular"], size)
    leading = size * 1.2
    top = (height + leading * len(lines)) / 2 - size
    for i, line in enumerate(lines):
        y = top - i * leading
        if align == "center":
            c.drawCentredString(width / 2, y, line)
        else:
            c.drawString(2, y, line)
    c.save()
    return buffer.getvalue()


def certify(pdf_bytes, *, signer, box, page, appearance, reason, location, seal_box=None):
    """The signer's certifying signature (form filling allowed afterwards), visible in ``box`` on ``page``.

    ``appearance`` is the stamp's text (name, title, time); ``seal_box`` reserves the organisation's signature field.
    """
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    if seal_box:
        fields.append_signature_field(writer, fields.SigFieldSpec(SEAL_FIELD, on_page=page, box=seal_box))
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNER_FIELD,
        certify=True,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    width, height = box[2] - box[0], box[3] - box[1]
    with tempfile.NamedTemporaryFile(suffix=".pdf") as stamp:
        stamp.write(_appearance(appearance.splitlines(), width, height, 9, align="left"))
        stamp.flush()
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer,
            stamp_style=StaticStampStyle.from_pdf_file(stamp.name, border_width=0),
            new_field_spec=fields.SigFieldSpec(SIGNER_FIELD, on_page=page, box=box),
        )
        signed = pdf_signer.sign_pdf(writer, bytes_reserved=signer.room).getvalue()
    return signed, subject_name(signer.signing_cert.subject)


def _fill(writer, values):
    """Write each text field's value and its appearance (Liberation Serif, Vietnamese letters), then lock it."""
    filled = set()
    for ref in writer.root["/AcroForm"]["/Fields"]:
        form_field = ref.get_object()
        name = str(form_field.get("/T", ""))
        if name not in values:
            continue
        rect = [float(x) for x in form_field["/Rect"]]
        text, size = values[name]
        drawn = _appearance([text], rect[2] - rect[0], rect[3] - rect[1], size)
        appearance = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(drawn)), page_ix=0)
        form_field["/V"] = pdf_string(text)
        form_field["/AP"] = generic.DictionaryObject({pdf_name("/N"): appearance})
        form_field["/Ff"] = generic.NumberObject(1)  # read-only once filled
        writer.update_container(form_field)
        filled.add(name)
    if not filled:
        raise ValueError("the document has no number field to fill in")


def seal(pdf_bytes, *, values, signer, reason, location):
    """Fill the number and date (``values``: field -> (text, size)) and add the organisation's signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    _fill(writer, values)
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    sealed = signers.PdfSigner(meta, signer=signer).sign_pdf(writer, bytes_reserved=signer.room).getvalue()
    return sealed, subject_name(signer.signing_cert.subject)


def sign(pdf_bytes, *, pkcs12_path, passphrase, reason, location):
    """One plain PAdES signature covering the whole file (documents without a number to fill in)."""
    signer = load_signer(pkcs12_path, passphrase)
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNER_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf_bytes)), meta, signer=signer)
    return out.getvalue(), subject_name(signer.signing_cert.subject)


def load_signer(pkcs12_path, passphrase):
    """The signer of a PKCS#12 file, opened once per process: a new path, passphrase or file (the administrator
    changed the credential or replaced the file) is another key, so the cache never serves a stale one."""
    path = Path(pkcs12_path)
    stat = path.stat()
    try:
        signer = _load_signer(str(path), passphrase or "", stat.st_mtime_ns, stat.st_size)
    except Exception as exc:  # noqa: BLE001 — a wrong passphrase surfaces as several error types
        raise WrongPin(str(exc)) from exc
    if signer is None:
        raise WrongPin("the signing certificate could not be opened")
    return signer


class _KeptKeySigner(signers.SimpleSigner):
    """pyHanko's signer parses its private key again at every signature (some 28 ms for an RSA key, with the
    library's checks); this one parses it once, and is itself kept per process (``_load_signer``)."""

    @functools.cached_property
    def _private_key(self):
        return serialization.load_der_private_key(self.signing_key.dump(), password=None)

    def sign_raw(self, data, digest_algorithm):
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if mechanism.signature_algo != "rsassa_pkcs1v15" or not isinstance(self._private_key, RSAPrivateKey):
            return super().sign_raw(data, digest_algorithm)  # other key types: as pyHanko does it
        return self._private_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))

    @functools.cached_property
    def room(self):
        """The room left in the PDF for this signer's signature container (``bytes_reserved``). pyHanko estimates it
        before every signature by building a dry-run container (some 10 ms): for our signatures (PAdES, SHA-256, no
        timestamp) it is the same each time, so it is estimated once, the same way."""
        attributes = PdfCMSSignedAttributes(signing_time=datetime.now(tz=UTC))
        digest = hashlib.sha256().digest()
        dry = asyncio.run(
            self.async_sign(digest, "sha256", dry_run=True, use_pades=True, signed_attr_settings=attributes)
        )
        hex_length = len(dry.dump()) * 2  # written into the PDF as a hexadecimal string
        return hex_length + 2 * (hex_length // 4)  # pyHanko's margin of 50 %


@functools.lru_cache(maxsize=16)
def _load_signer(path, passphrase, _mtime_ns, _size):
    loaded = signers.SimpleSigner.load_pkcs12(pfx_file=path, passphrase=passphrase.encode() or None)
    if loaded is None:
        return None
    return _KeptKeySigner(  # pyHanko builds a plain SimpleSigner whatever the class it is asked through
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
        signature_mechanism=loaded.signature_mechanism,
    )


def forget_signers():
    """Drop every opened signer (the administrator saved or removed a credential)."""
    _load_signer.cache_clear()


def trust_roots(paths):
    roots = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            roots += [x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True)]
        else:
            roots.append(x509.Certificate.load(data))
    return roots


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    signed_at: object
    intact: bool
    valid: bool
    trusted: bool
    unchanged_since: bool  # nothing after it but what it allowed (form filling, later signatures)

    @property
    def ok(self):
        return self.intact and self.valid and self.trusted and self.unchanged_since


@dataclass(frozen=True)
class Verification:
    signed: bool  # a signature is there at all
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature value is correct for the certificate
    trusted: bool  # the certificate chains to a trusted CA
    whole_file: bool  # nothing was added after signing but what the signatures allowed
    signer: str = ""
    signed_at: object = None
    problem: str = ""
    signatures: list = field(default_factory=list)

    @property
    def ok(self):
        return self.signed and self.intact and self.valid and self.trusted and self.whole_file


def _check(sig, context, last):
    status = validate_pdf_signature(sig, context)
    if last:
        unchanged = status.coverage.name == "ENTIRE_FILE"
    else:
        level = status.modification_level
        unchanged = status.docmdp_ok and level is not None and level <= ModificationLevel.FORM_FILLING
    return SignatureCheck(
        field=sig.field_name,
        signer=subject_name(status.signing_cert.subject),
        signed_at=status.signer_reported_dt,
        intact=status.intact,
        valid=status.valid,
        trusted=status.trusted,
        unchanged_since=bool(unchanged),
    )


def verify(pdf_bytes, roots):
    """Check every signature of the file: each intact, valid and trusted; only form filling and later signatures
    after the first; nothing at all after the last. The first signature's facts are the headline."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 — a damaged file is an answer, not a crash
        return Verification(False, False, False, False, False, problem=f"{type(exc).__name__}: {exc}")
    if not signatures:
        return Verification(False, False, False, False, False, problem="no signature")
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    checks = []
    try:
        for i, sig in enumerate(signatures):
            checks.append(_check(sig, context, last=i == len(signatures) - 1))
    except Exception as exc:  # noqa: BLE001
        return Verification(True, False, False, False, False, problem=f"{type(exc).__name__}: {exc}")
    first = checks[0]
    return Verification(
        signed=True,
        intact=all(c.intact for c in checks),
        valid=all(c.valid for c in checks),
        trusted=all(c.trusted for c in checks),
        whole_file=all(c.unchanged_since for c in checks),
        signer=first.signer,
        signed_at=first.signed_at,
        signatures=checks,
    )
