"""The production switch: `check --deploy` is clean with HTTPS=true, and every answer carries the security headers."""

import os
import re
import secrets
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.helpers import login

pytestmark = pytest.mark.django_db


def test_check_deploy_is_clean_under_the_production_switch():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tdkt.example.gov.vn",
        "HTTPS": "true",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_the_switch_deploy_check_names_what_is_missing():
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "HTTPS": "false"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "security.W004" in result.stderr + result.stdout


def test_every_page_and_api_answer_carries_the_csp(client, people):
    for path in ("/accounts/login/", "/api/v1/awards/", "/api/docs/"):
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
    login(client, people["thuongtruc"])
    response = client.get("/dossiers/")
    assert response.status_code == 200 and "default-src 'self'" in response["Content-Security-Policy"]
    assert "onchange=" not in response.content.decode()


def test_no_template_we_serve_writes_an_inline_style():
    """The policy allows no inline style: a style attribute or a <style> element without the nonce in a page template
    would be blocked in the browser (e-mails, which no browser applies our policy to, keep theirs)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pages = [
        path
        for folder in ("templates", "interfaces", "process", "domain")
        for path in (root / folder).rglob("*.html")
        if "templates" in path.parts
    ]
    assert len(pages) > 80
    offending = [
        str(path.relative_to(root))
        for path in pages
        if re.search(r"\sstyle=", path.read_text()) or re.search(r"<style(?![^>]*nonce=)", path.read_text())
    ]
    assert offending == []
