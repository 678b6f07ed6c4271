"""A signing key is opened and parsed once per process (issue 18): pyHanko parses it again at every signature."""

import io

from cryptography.hazmat.primitives import serialization
from reportlab.pdfgen import canvas

from domain.official import signing


def _pdf():
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Quyet dinh khen thuong")
    page.save()
    return out.getvalue()


def test_two_signatures_parse_the_key_once_and_both_verify(pki, monkeypatch):
    signing.forget_signers()
    parsed = []
    load = serialization.load_der_private_key
    monkeypatch.setattr(serialization, "load_der_private_key", lambda *a, **k: parsed.append(1) or load(*a, **k))
    path, passphrase = pki["principal"]
    signed = [
        signing.sign(_pdf(), pkcs12_path=str(path), passphrase=passphrase, reason="Ký thử", location="Lai Châu")[0]
        for _ in range(2)
    ]
    assert len(parsed) == 1
    roots = signing.trust_roots([str(pki["ca"])])
    assert all(signing.verify(pdf, roots).ok for pdf in signed)
    signing.forget_signers()
