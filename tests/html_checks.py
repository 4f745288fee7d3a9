"""What the Nu HTML checker and a screen reader trip on, checked quickly on a page's HTML:
attributes written as "None", ids used twice, <time datetime> with microseconds, a heading
level skipped (h1 then h3), a live region inside a heading, a required select whose first
option is a real choice, and an address autofill that needs a textarea on an input."""

import re
from collections import Counter
from html.parser import HTMLParser

HEADINGS = {f"h{n}": n for n in range(1, 7)}
# A valid datetime value: seconds may carry at most three decimals (HTML "valid time string").
TOO_PRECISE = re.compile(r":\d\d\.\d{4,}")


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.ids, self.levels, self.open_heading = [], Counter(), [], None
        self.required_select = None  # the name of a required select whose first option is still to come

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value == "None":
                self.problems.append(f'<{tag} {name}="None">')
            if name == "id" and value:
                self.ids[value] += 1
            if tag == "time" and name == "datetime" and value and TOO_PRECISE.search(value):
                self.problems.append(f'<time datetime="{value}">')
            if name == "role" and value in ("status", "alert", "log") and self.open_heading:
                self.problems.append(f'role="{value}" inside <{self.open_heading}>')
        named = dict(attrs)
        if tag == "select":
            self.required_select = named.get("name") if "required" in named and "multiple" not in named else None
        elif tag == "option" and self.required_select is not None:
            if named.get("value"):
                self.problems.append(f'<select name="{self.required_select}" required> starts with a real choice')
            self.required_select = None
        if tag == "input" and named.get("autocomplete") == "street-address":
            self.problems.append('<input autocomplete="street-address"> (a textarea\'s autofill)')
        if tag in HEADINGS:
            level = HEADINGS[tag]
            if self.levels and level > max(self.levels[-1], 1) + 1:
                self.problems.append(f"<{tag}> after <h{self.levels[-1]}>")
            self.levels.append(level)
            self.open_heading = tag

    def handle_endtag(self, tag):
        if tag == self.open_heading:
            self.open_heading = None


def html_problems(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    return reader.problems + [f'id="{i}" {n} times' for i, n in reader.ids.items() if n > 1]
