"""Shared by the bench scripts: a scratch PostgreSQL database, migrated, with Django set up."""

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


def scratch_database(name):
    """Point Django at a fresh database ``<DATABASE_URL's database>__<name>`` on its server (PostgreSQL), migrate it."""
    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/awards")
    url = urlparse(base)
    if not url.scheme.startswith("postgres"):
        sys.exit("The benches run on PostgreSQL: set DATABASE_URL=postgres://...")
    # Named after DATABASE_URL's database too: benches of several checkouts on one server never drop each other's.
    name = f"{url.path.lstrip('/') or 'awards'}__{name}"[:63]
    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url._replace(path=f"/{name}").geturl()
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-media-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")  # Django's test client
    sys.path.insert(0, str(ROOT))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]


def report(line=""):
    """A line of the bench's figures on standard output (the bench's result, not a log message)."""
    sys.stdout.write(f"{line}\n")
