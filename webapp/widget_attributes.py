"""WTForms writes every attribute of every input, select and label through markupsafe's
string formatter, which made each form field cost ~40 µs to render: the sign-in form alone
spent a third of its request there. `html_params` below writes the same text (same order,
same escaping, `True` as a bare attribute, `False` left out) with plain string operations,
and `use_fast_html_params()` hands it to WTForms' widgets and labels.
tests/test_widget_attributes.py holds it to WTForms' own function on any input."""

from markupsafe import Markup, escape
from wtforms import widgets
from wtforms.fields import core as fields_core
from wtforms.widgets import core as widgets_core

wtforms_html_params = widgets_core.html_params


def html_params(**kwargs) -> Markup:
    """WTForms' `html_params`: `class_="x"` -> `class="x"`, `data_a_b` -> `data-a-b`, sorted."""
    params = []
    for key, value in sorted(kwargs.items()):
        key = key.rstrip("_")
        if key.startswith(("data_", "aria_")):
            key = key.replace("_", "-")
        if value is True:
            params.append(str(escape(key)))
        elif value is not False:
            params.append(f'{escape(key)}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return Markup(" ".join(params))


def use_fast_html_params() -> None:
    """Every place WTForms looks the function up: the widgets module (select, textarea,
    option), the classes that keep it as a static method (input, button), and the package
    that labels import it from."""
    widgets_core.html_params = html_params
    widgets.html_params = html_params
    for widget in (widgets_core.Input, widgets_core.Button):
        widget.html_params = staticmethod(html_params)
    if fields_core.widgets is not widgets:  # labels would still write through the old one
        raise RuntimeError("WTForms' labels no longer take html_params from wtforms.widgets")
