"""Crawl each role's pages with the Django test client and read their visible text (issue 16, part 7).

The vi pages must show no English UI string: the English msgids of our catalogue and viewflow's (every msgid whose
Vietnamese translation differs from it), found verbatim as a text node of the page (placeholders such as %(count)s
match any value). The en pages must show no Vietnamese UI string: the msgstr of our vi catalogue, found the same way.
Data (names, file names, codes) is what the page shows from the database: it is never a msgid, except for the few
words in ALLOWED below, which are data or codes in both languages.
"""

import collections
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import polib
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
VIEWFLOW = Path(__import__("viewflow").__file__).parent
DJANGO_FILTERS = Path(__import__("django_filters").__file__).parent

SKIP_TAGS = {"script", "style", "template", "noscript", "svg", "code", "pre", "textarea"}
VISIBLE_ATTRS = ("placeholder", "title", "aria-label", "alt", "label", "supporting-text", "headline")
MENU_LINK = re.compile(r'<a [^>]*class="[^"]*vf-page__menu-list-item[^"]*"[^>]*href="([^"]+)"')
LINK = re.compile(r'<a\s[^>]*?href="([^"#][^"]*)"')
VOID = {"input", "img", "br", "hr", "meta", "link", "source", "area", "col", "embed", "wbr", "base", "track"}
ICON = re.compile(r"(^|\s)(material-icons|material-symbols\S*|mdc-\S*__icon|vf-\S*icon\S*)(\s|$)")


class _Text(HTMLParser):
    """Collects the text nodes a reader sees: not scripts, styles, icon ligatures (<i class="material-icons">edit)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = []  # the tags we are inside of whose text is not shown
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self.hidden and attrs.get("type") != "hidden" and tag not in SKIP_TAGS:
            for name in VISIBLE_ATTRS:
                if attrs.get(name):
                    self.chunks.append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.chunks.append(attrs["value"])
        if tag in VOID:
            return
        if tag in SKIP_TAGS or tag == "md-icon" or ICON.search(attrs.get("class") or ""):
            self.hidden.append(tag)

    def handle_endtag(self, tag):
        if self.hidden and self.hidden[-1] == tag:
            self.hidden.pop()

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.chunks.append(data)


def visible_text(html):
    """The text nodes (and the visible attributes) of a page, each with its spaces collapsed."""
    parser = _Text()
    parser.feed(html)
    return [" ".join(chunk.split()) for chunk in parser.chunks if chunk.strip()]


PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdf]|%[sdf]|\{[a-z_0-9]*\}")
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def _pattern(text):
    parts = PLACEHOLDER.split(" ".join(text.split()))
    body = r".+?".join(re.escape(p) for p in parts)
    return rf"(?<!\w){body}(?!\w)"


def _letters(text):
    return sum(ch.isalpha() for ch in text)


def _po(path):
    return {e.msgid: e.msgstr for e in polib.pofile(str(path)) if not e.obsolete and "fuzzy" not in e.flags}


# Strings that are data or codes in both languages: a file type, a product, an abbreviation.
SAME_IN_BOTH = {"PDF", "Excel", "Email", "email", "OK", "ID", "API", "Swagger", "JSON", "CSV", "PKCS#12", "Viewflow",
                "Word", "XML", "URL", "PNG", "HTTP", "SHA-256"}

# codes: QĐ, TTr, HS-2026-00005, NĐ-CP, 06/2022/QH15, dd/mm/yyyy
CODE = re.compile(r"(?<!\w)(?:[A-ZĐ]{2,}|TTr|dd/mm/yyyy|[\w-]*\d[\w/.-]*)(?!\w)")
WORD = re.compile(r"[^\W\d_]+")
# The names of identifiers (check_completeness, After Check, Check_Completeness) are never shown raw.
IDENTIFIER = re.compile(r"\b[A-Za-z][a-z]+(?:_[A-Za-z]+)+\b")
FILE_OR_ADDRESS = re.compile(
    r"\S+\.(?:pdf|docx?|xlsx?|csv|png|jpe?g|zip|p12|xml|json)\b|\S+@\S+|https?://\S+|(?<!\S)/\S*", re.I
)


TEMPLATE_TAG = re.compile(r"{%.*?%}|{#.*?#}", re.S)
TEMPLATE_VAR = re.compile(r"{{.*?}}", re.S)


def hard_coded_text():
    """The text viewflow's templates write without gettext ("1-5 of 5", "Brief", "Open navigation menu")."""
    found = set()
    for path in (VIEWFLOW / "templates").rglob("*.html"):
        source = re.sub(r"{% comment %}.*?{% endcomment %}", "", path.read_text(), flags=re.S)
        source = TEMPLATE_VAR.sub("%s", TEMPLATE_TAG.sub("\n<br>", source))
        for chunk in visible_text(source):
            if _letters(PLACEHOLDER.sub("", chunk)) >= 2 and not re.search(r'[<="]|mdc-|block content', chunk):
                found.add(chunk)
    return found


def data_strings():
    """The text the database holds (names, titles, comments, file names, stored notifications): never a finding."""
    from django.apps import apps
    from django.db import models

    values = set()
    for model in apps.get_models():
        if not model.__module__.startswith(("domain.", "ground.", "process.", "interfaces.", "django.contrib.auth")):
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.FileField) and not f.choices
        ]
        if not fields or model._meta.db_table.startswith("auth_permission"):
            continue
        for row in model.objects.values_list(*fields)[:20000]:
            for value in row:
                if value:
                    value = str(value)
                    values.add(value.rsplit("/", 1)[-1] if "/" in value and "." in value[-6:] else value)
    for user in apps.get_model("auth", "User").objects.all():
        values.add(user.get_full_name())
    # codes (check_completeness, system) and the catalogue's English names are not data a vi page may show
    values |= {v.title() for v in values}  # a name in a heading
    return {
        " ".join(v.split())
        for v in values
        if _letters(v) >= 3 and (VIETNAMESE.search(v) or re.search(r"\d|[A-Z]{2}", v)) and "_" not in v
    }


class Catalog:
    """The strings a page in one language must not show, read from our catalogues and viewflow's msgids; the
    database's text (``data``) is taken out of a page before it is read."""

    def __init__(self, data=()):
        vi = _po(ROOT / "locale/vi/LC_MESSAGES/django.po")
        en = _po(ROOT / "locale/en/LC_MESSAGES/django.po")
        theirs = set(_po(VIEWFLOW / "locale/de/LC_MESSAGES/django.po"))
        theirs |= set(_po(DJANGO_FILTERS / "locale/de/LC_MESSAGES/django.po"))
        not_on = {"vi": set(hard_coded_text())}
        not_on["en"] = set()
        for msgid in set(vi) | set(en) | theirs:
            if "\n" in msgid or _letters(msgid) < 2 or msgid in SAME_IN_BOTH:
                continue
            shown_vi, shown_en = vi.get(msgid) or msgid, en.get(msgid) or msgid
            if shown_vi != shown_en:
                not_on["vi"].add(shown_en)
                not_on["en"].add(shown_vi)
            elif VIETNAMESE.search(msgid):
                not_on["en"].add(msgid)  # a Vietnamese source string with no English translation
            elif not vi.get(msgid):
                not_on["vi"].add(msgid)  # an English msgid with no Vietnamese translation
        # a translation may be the same in both languages for another msgid (a code, a name): never a finding
        both = not_on["vi"] & not_on["en"]
        self.words = {lang: self._compile(strings - both - SAME_IN_BOTH) for lang, strings in not_on.items()}
        # English words: those of the English strings, less any word a Vietnamese string or the data uses
        data = sorted({d for d in data if len(d) >= 4}, key=len, reverse=True)
        vietnamese_words = {w.lower() for s in not_on["en"] | set(data) for w in WORD.findall(s)}
        self.english = {
            w.lower() for s in not_on["vi"] for w in WORD.findall(PLACEHOLDER.sub(" ", s)) if len(w) >= 3
        } - vietnamese_words - {w.lower() for w in SAME_IN_BOTH}
        self.data = re.compile("|".join(rf"(?<!\w){re.escape(d)}(?!\w)" for d in data)) if data else None
        self._verdicts = {}

    @staticmethod
    def _compile(strings):
        # a text node that is one of the strings, whole (a label, a header, a button, a menu item), and any string
        # with a placeholder or of 3 words or more inside a node
        whole = {" ".join(s.split()).rstrip(":.…").strip() for s in strings if not PLACEHOLDER.search(s)}
        long = [s for s in strings if PLACEHOLDER.search(s) or len(s.split()) >= 3]
        long.sort(key=len, reverse=True)
        patterns = [_pattern(s) for s in long if _letters(PLACEHOLDER.sub("", s)) >= 2]
        # one alternation searched once per node (in C), not a search per string: thousands of them per node
        return whole, re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    def _ui(self, node):
        """The node without the database's text, and without codes, file names and addresses as well."""
        if self.data is not None:
            node = " ".join(self.data.sub(" ", node).split())
        return node, " ".join(CODE.sub(" ", FILE_OR_ADDRESS.sub(" ", node)).split())

    def untranslated(self, html, language):
        """The UI strings of the other language that the page shows."""
        return {node for node in visible_text(html) if self._foreign(node, language)}

    def _foreign(self, original, language):
        """Whether one text node is (or holds) a UI string of the other language (judged once per catalog: a menu's
        or a header's node is on every page of a crawl)."""
        key = (original, language)
        if key not in self._verdicts:
            self._verdicts[key] = self._judge(original, language)
        return self._verdicts[key]

    def _judge(self, original, language):
        whole, patterns = self.words[language]
        text, node = self._ui(original)
        if _letters(text) < 2:
            return False
        bare = node.rstrip(":.…*").strip()
        return bool(
            bare in whole
            or (patterns is not None and patterns.search(text))
            or IDENTIFIER.search(node)
            or (language == "en" and VIETNAMESE.search(node))
            or (language == "vi" and any(w.lower() in self.english for w in WORD.findall(node) if not w.isupper()))
        )


def internal_links(html, pattern=LINK):
    links = []
    for href in pattern.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        if not href.startswith("/") or href.startswith("//"):
            continue
        links.append(href)
    return links


NEVER = ("/accounts/logout", "/i18n/", "/static/", "/media/", "/admin/logout", "/api/")


def shape(url):
    """The URL with its numbers and query values hidden: pages of one shape are one template."""
    parsed = urlparse(url)
    path = re.sub(r"\d+", "N", parsed.path)
    query = "&".join(sorted(q.split("=")[0] for q in parsed.query.split("&") if q))
    return f"{path}?{query}"


def crawl(client, user, language, *, per_shape=2, depth=2, limit=250):
    """Log in as ``user`` and open, in ``language``: every page of the menus (followed from page to page), and the
    links of those pages (task, dossier, session pages) and of theirs (forms: edit, attach, withdraw…) down to
    ``depth``, at most ``per_shape`` pages of each shape. Returns {url: (status, from_menu)} and {url: html}."""
    client.logout()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    statuses, pages, shapes = {}, {}, collections.Counter()
    queue = collections.deque([("/home/", True, 0)])
    while queue and len(statuses) < limit:
        url, from_menu, level = queue.popleft()
        if url in statuses or url.startswith(NEVER):
            continue
        if not from_menu:
            if shapes[shape(url)] >= per_shape:
                continue
            shapes[shape(url)] += 1
        response = client.get(url, follow=True)
        statuses[url] = (response.status_code, from_menu)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = html
        queue.extend((link, True, 0) for link in internal_links(html, MENU_LINK))
        if level < depth:
            queue.extend((link, False, level + 1) for link in internal_links(html))
    return statuses, pages
