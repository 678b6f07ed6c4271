"""The user guide (docs/huong-dan/) shows the pages as they are: every screenshot it uses exists and is one the
browser tests take (tests/browser/test_roles.py, UPDATE_GUIDE_SCREENSHOTS=1), every role has its page."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "huong-dan"
IMAGE = re.compile(r"!\[[^\]]*\]\(img/([^)]+)\.png\)")


def _taken_by_the_browser_tests():
    source = (ROOT / "tests" / "browser" / "test_roles.py").read_text()
    names = set(re.findall(r'shot\(\w+, "([^"]+)"\)', source))
    roles = re.search(r"ROLES = \[(.*?)\]", source, re.S).group(1)
    names |= {f"home-{username.replace('.', '-')}" for username in re.findall(r'"([^"]+)"', roles)}
    return names


def test_every_screenshot_of_the_guide_exists_and_is_taken_by_the_browser_tests():
    taken = _taken_by_the_browser_tests()
    used = {name for page in GUIDE.glob("*.md") for name in IMAGE.findall(page.read_text())}
    assert used, "the guide shows no screenshot"
    assert used <= taken, f"not taken by tests/browser/test_roles.py: {sorted(used - taken)}"
    missing = sorted(name for name in used if not (GUIDE / "img" / f"{name}.png").is_file())
    assert not missing, f"run UPDATE_GUIDE_SCREENSHOTS=1 pytest -n 0 tests/browser/test_roles.py: {missing}"


def test_the_index_links_a_page_per_role_and_the_readme_links_the_guide():
    index = (GUIDE / "README.md").read_text()
    pages = {path.name for path in GUIDE.glob("*.md")} - {"README.md"}
    linked = set(re.findall(r"\]\(([a-z-]+\.md)\)", index))
    assert pages and linked == pages
    assert "docs/huong-dan/" in (ROOT / "README.md").read_text()
