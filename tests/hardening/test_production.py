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


def _our_files(pattern, folders=("interfaces", "process", "domain", "ground")):
    """{path from the project's root: file} for our files matching ``pattern`` (no migrations)."""
    return {
        str(path.relative_to(ROOT)): path
        for folder in folders
        for path in (ROOT / folder).rglob(pattern)
        if "migrations" not in path.parts
    }


def _page_templates():
    pages = {
        name: path.read_text()
        for name, path in _our_files("*.html", ("templates", "interfaces", "process", "domain", "ground")).items()
        if "templates" in path.parts
    }
    for email in ("notification.html", "digest.html"):  # e-mails: no browser applies our policy to them
        pages.pop(f"ground/notifications/templates/notifications/{email}")
    assert len(pages) > 80
    return pages


def test_no_template_we_serve_writes_an_inline_style():
    """The policy allows no inline style: a style attribute or a <style> element without the nonce in a page template
    would be blocked in the browser (e-mails, which no browser applies our policy to, keep theirs)."""
    offending = [
        name
        for name, text in _page_templates().items()
        if re.search(r"\sstyle=", text) or re.search(r"<style(?![^>]*nonce=)", text)
    ]
    assert offending == []


def test_no_html_our_code_writes_has_an_inline_style_or_handler():
    """HTML built in Python (``format_html`` in list columns, ``mark_safe``) is served under the same policy: the
    inbox's overdue date once carried ``style="..."`` next to its class, refused on every overdue row."""
    offending = [
        f"{name}:{number}"
        for name, path in _our_files("*.py").items()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"<[a-z][^>]*\s(style|on[a-z]+)=", line)
    ]
    assert offending == []


def test_no_template_we_serve_writes_an_inline_script():
    """Nor any inline script: a <script> without ``src``, an event handler attribute (viewflow's "Back" buttons had
    ``onclick``; they are ``data-history-back`` now, see static/js/awards.js) or a ``javascript:`` address would do
    nothing in the browser, silently."""
    offending = [
        name
        for name, text in _page_templates().items()
        if re.search(r"<script(?![^>]*\bsrc=)", text) or re.search(r"\son[a-z]+=", text) or "javascript:" in text
    ]
    assert offending == []
