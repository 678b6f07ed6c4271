"""PAdES signatures with pyHanko: sign a PDF with a signer's PKCS#12, verify one against the trusted CAs."""

import functools
import io
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def sign(pdf_bytes, *, pkcs12_path, passphrase, reason, location):
    """The PDF with one PAdES baseline signature covering the whole file."""
    signer = load_signer(pkcs12_path, passphrase)
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKyHieuTruong",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf_bytes)), meta, signer=signer)
    return out.getvalue(), signer.signing_cert.subject.human_friendly


def load_signer(pkcs12_path, passphrase):
    """The signer of a PKCS#12 file, opened once per process: a new path, passphrase or file (the administrator
    changed the credential or replaced the file) is another key, so the cache never serves a stale one."""
    path = Path(pkcs12_path)
    stat = path.stat()
    signer = _load_signer(str(path), passphrase, stat.st_mtime_ns, stat.st_size)
    if signer is None:
        raise ValueError("the signing certificate could not be opened")
    return signer


@functools.lru_cache(maxsize=16)
def _load_signer(path, passphrase, _mtime_ns, _size):
    return signers.SimpleSigner.load_pkcs12(pfx_file=path, passphrase=passphrase.encode() or None)


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
class Verification:
    signed: bool  # a signature is there at all
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature value is correct for the certificate
    trusted: bool  # the certificate chains to a trusted CA
    whole_file: bool  # nothing was added after signing
    signer: str = ""
    signed_at: object = None
    problem: str = ""

    @property
    def ok(self):
        return self.signed and self.intact and self.valid and self.trusted and self.whole_file


def verify(pdf_bytes, roots):
    """Check every signature of the file; the first failing fact is reported."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 — a damaged file is an answer, not a crash
        return Verification(False, False, False, False, False, problem=f"{type(exc).__name__}: {exc}")
    if not signatures:
        return Verification(False, False, False, False, False, problem="no signature")
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    sig = signatures[0]
    try:
        status = validate_pdf_signature(sig, context)
    except Exception as exc:  # noqa: BLE001
        return Verification(True, False, False, False, False, problem=f"{type(exc).__name__}: {exc}")
    return Verification(
        signed=True,
        intact=status.intact,
        valid=status.valid,
        trusted=status.trusted,
        whole_file=status.coverage.name == "ENTIRE_FILE" and len(signatures) == 1,
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
    )
