"""A signed-in person's pages, reached by following links, and the forms on them."""

import re
from collections import deque
from html.parser import HTMLParser

from .conftest import HX

LINK = re.compile(r'(?:href|hx-get)="(/[^"#]*)"')


def response_text(response) -> str:
    """What a person can read in the response: its text, or every cell of a spreadsheet."""
    if "spreadsheetml" in (response.content_type or ""):
        from io import BytesIO

        from openpyxl import load_workbook

        book = load_workbook(BytesIO(response.get_data()), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return response.get_data(as_text=True)


def crawl(client, start: str, known=(), limit: int = 150, fragments: bool = True) -> dict[str, str]:
    """Every page (and its htmx fragment) reachable by links from `start`, plus `known`: {url: text}."""
    seen, queue = {}, deque([start, *known])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(("/static/", "/sign-out")):
            continue
        response = client.get(url)
        seen[url] = response_text(response)
        assert response.status_code < 500, url
        if response.status_code in (301, 302, 303) and response.location.startswith("/"):
            queue.appendleft(response.location)
        elif response.status_code == 200:
            if fragments:
                seen[url + " (htmx)"] = response_text(client.get(url, headers=HX))
            queue.extend(link.replace("&amp;", "&") for link in LINK.findall(seen[url]))
    return seen


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                self._form["fields"].setdefault(attrs["name"], []).append(attrs.get("value") or "y")
            elif kind not in ("submit", "button", "file"):
                self._form["fields"].setdefault(attrs["name"], []).insert(0, attrs.get("value") or "")
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self._form["fields"].setdefault(self._select, [])
        elif tag == "option" and self._select:
            self._form["fields"][self._select].append(attrs.get("value") or "")
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self._form["fields"][self._textarea] = [""]

    def handle_data(self, data):
        if self._textarea:
            self._form["fields"][self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def post_forms(html: str) -> list[dict]:
    """The POST forms of a page: [{"action": url, "fields": {name: [values, the first the default]}}]."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms
