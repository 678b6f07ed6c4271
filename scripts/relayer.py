"""Rewrite imports of the old flat app layout to the layered one (issue 14). Usage: relayer.py FILE...

Kept for branches written before the move: run it on the files a branch adds or changes, then run
``make lint`` (ruff sorts the imports, lint-imports checks the layers). Only import statements and a few
dotted strings (settings, task names) are rewritten; permission strings such as "dossiers.nominate" are
left alone. Idempotent.
"""

import re
import sys
from pathlib import Path

# Old module path -> new module path; the longest matching prefix wins.
MOVES = {
    # ground
    "audit": "ground.audit",
    "audit.views": "interfaces.web.audit.views",
    "audit.urls": "interfaces.web.audit.urls",
    "audit.forms": "interfaces.web.audit.forms",
    "audit.selectors": "interfaces.web.audit.selectors",
    "audit.exports": "interfaces.web.audit.exports",
    "audit.actions": "interfaces.web.audit.actions",
    "workdays": "ground.workdays",
    "notifications": "ground.notifications",
    "notifications.views": "interfaces.web.notifications.views",
    "notifications.urls": "interfaces.web.notifications.urls",
    "notifications.context_processors": "interfaces.web.notifications.context_processors",
    "printing": "ground.printing",
    "dossiers.errors": "ground.base.errors",
    "dossiers.roles": "ground.organisation.roles",
    "dossiers.catalog_data": "ground.organisation.catalog_data",
    "dossiers.models.organisation": "ground.organisation.models",
    "dossiers.models.catalog": "ground.organisation.models",
    "dossiers.management.commands.compiletranslations": "ground.base.management.commands.compiletranslations",
    # domain
    "dossiers": "domain.dossiers",
    "dossiers.views": "interfaces.web.dossiers.views",
    "dossiers.urls": "interfaces.web.dossiers.urls",
    "dossiers.forms": "interfaces.web.dossiers.forms",
    "records": "domain.records",
    "records.views": "interfaces.web.records.views",
    "records.urls": "interfaces.web.records.urls",
    "records.forms": "interfaces.web.records.forms",
    "emulation": "domain.emulation",
    "emulation.views": "interfaces.web.emulation.views",
    "emulation.urls": "interfaces.web.emulation.urls",
    "emulation.forms": "interfaces.web.emulation.forms",
    "eligibility": "domain.eligibility",
    "eligibility.views": "interfaces.web.eligibility.views",
    "eligibility.urls": "interfaces.web.eligibility.urls",
    "eligibility.forms": "interfaces.web.eligibility.forms",
    "eligibility.demo": "interfaces.demo.history",
    "official": "domain.official",
    "official.views": "interfaces.web.official.views",
    "official.urls": "interfaces.web.official.urls",
    "council": "domain.council",
    "council.views": "interfaces.web.council.views",
    "council.urls": "interfaces.web.council.urls",
    "council.forms": "interfaces.web.council.forms",
    "council.pages": "interfaces.web.council.pages",
    "deadlines": "domain.deadlines",
    "province": "domain.province",
    "province.views": "interfaces.web.province.views",
    "province.urls": "interfaces.web.province.urls",
    # process
    "workflows": "process.workflows",
    "workflows.demo": "interfaces.demo.seed",
    "workflows.management.commands.seed_demo": "interfaces.demo.management.commands.seed_demo",
    # interfaces
    "api": "interfaces.api",
}
# Names that left their module: (old module, name) -> new module.
_ORG = ("Organisation", "Department", "StaffMember", "Period", "LegalRegime", "AwardType")
NAME_MOVES = {
    **{("dossiers.models", name): "ground.organisation.models" for name in _ORG},
    ("deadlines.policies", "People"): "ground.organisation.people",
    ("dossiers.policies", "staff_of"): "ground.organisation.selectors",
    ("dossiers.forms", "show_domain_error"): "ground.base.forms",
    ("dossiers.selectors", "dossier_eligibility"): "domain.eligibility.selectors",
    ("dossiers.selectors", "dossiers_eligibility"): "domain.eligibility.selectors",
    **{
        ("dossiers.services.dossiers", name): "process.workflows.outcomes"
        for name in (
            "dossier_sign_decision",
            "dossier_sign_submission",
            "dossier_record_province_decision",
            "dossier_submission_symbol",
            "dossier_require_eligible",
            "PROVINCE_RESULTS",
        )
    },
}
ORDERED = sorted(MOVES, key=len, reverse=True)
TOPS = sorted({m.split(".")[0] for m in MOVES})


def new_path(module):
    for old in ORDERED:
        if module == old or module.startswith(old + "."):
            return MOVES[old] + module[len(old) :]
    return module


IMPORT = re.compile(r"^(?P<indent>\s*)import (?P<mod>[\w.]+)(?P<rest>.*)$")
FROM = re.compile(r"^(?P<indent>\s*)from (?P<mod>[\w.]+) import (?P<names>.*)$")
STRING = re.compile(r"""(?P<q>["'])(?P<mod>(?:{})\.[\w.]+)(?P=q)""".format("|".join(TOPS)))


def _split_names(text):
    return [n.strip() for n in text.replace("(", "").replace(")", "").split(",") if n.strip()]


def rewrite_from(indent, mod, names_text, lines, i):
    """``from mod import a, b``: a name that is itself a moved submodule gets its own line."""
    names_block = names_text
    consumed = 0
    if names_text.strip().startswith("(") and ")" not in names_text:
        while ")" not in names_block:
            consumed += 1
            names_block += " " + lines[i + consumed].strip()
    names = _split_names(names_block.split("#")[0])
    base = new_path(mod)
    plain, own = [], []
    for name in names:
        leaf, _, alias = name.partition(" as ")
        if (mod, leaf) in NAME_MOVES:
            own.append(f"{indent}from {NAME_MOVES[mod, leaf]} import {name}")
            continue
        sub = new_path(f"{mod}.{leaf}")
        if sub != f"{base}.{leaf}":
            parent, _, newleaf = sub.rpartition(".")
            alias = alias or (leaf if newleaf != leaf else "")
            own.append(f"{indent}from {parent} import {newleaf}" + (f" as {alias}" if alias else ""))
        else:
            plain.append(name)
    out = []
    if plain:
        out.append(f"{indent}from {base} import {', '.join(plain)}")
    out.extend(own)
    return out, consumed


def rewrite(text):
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FROM.match(line)
        if m and m.group("mod").split(".")[0] in TOPS:
            new, consumed = rewrite_from(m.group("indent"), m.group("mod"), m.group("names"), lines, i)
            out.extend(new)
            i += 1 + consumed
            continue
        m = IMPORT.match(line)
        if m and m.group("mod").split(".")[0] in TOPS:
            line = f"{m.group('indent')}import {new_path(m.group('mod'))}{m.group('rest')}"
        else:
            line = STRING.sub(lambda s: f"{s['q']}{_string_path(s['mod'])}{s['q']}", line)
        out.append(line)
        i += 1
    return "\n".join(out)


def _string_path(dotted):
    """Dotted strings naming code (middleware, tasks, handlers), not permissions ("dossiers.nominate")."""
    head = dotted.rsplit(".", 1)[0]
    moved = new_path(head)
    if moved == head or "." not in head and head in TOPS and dotted.count(".") == 1:
        return dotted
    return moved + dotted[len(head) :]


def main(paths):
    for name in paths:
        path = Path(name)
        if path.suffix != ".py" or not path.exists() or path.name == "relayer.py":
            continue
        text = path.read_text()
        new = rewrite(text)
        if new != text:
            path.write_text(new)
            sys.stdout.write(f"rewrote {path}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
