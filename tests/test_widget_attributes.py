"""Form fields render their attributes through webapp.widget_attributes.html_params: the same
text as WTForms' own function, only faster."""

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from wtforms import Form, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from webapp.validation import options
from webapp.widget_attributes import html_params, use_fast_html_params, wtforms_html_params

KEYS = st.sampled_from(["id", "class_", "for_", "name", "value", "data_hx_post", "aria_describedby", "required"])
VALUES = st.one_of(
    st.booleans(),
    st.integers(),
    st.text(),
    st.text().map(Markup),
    st.sampled_from(['a "quoted" <b>&amp;</b>', Markup('<i>"x"</i>'), "ክፍሊ", "مرحبا"]),
)


# No deadline: a busy machine must not fail a test of what is written.
@settings(deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_writes_what_wtforms_writes(attributes):
    assert html_params(**attributes) == wtforms_html_params(**attributes)
    assert isinstance(html_params(**attributes), Markup)


def test_fields_render_with_it_exactly_as_before():
    class Sample(Form):
        name = StringField("Namn <&>", [InputRequired(), Length(max=20)], render_kw={"class": "wide"})
        secret = PasswordField("Lösenord")
        note = TextAreaField("Anteckning")
        pick = SelectField("Välj", choices=options([("a", 'A "ett"'), ("b", "B")]))

    form = Sample(data={"name": 'Amina "A" <Ali>', "note": "x & y"})
    expected = {f.name: (str(f(aria_invalid="true", data_x="1")), str(f.label())) for f in form}
    assert "&quot;" in expected["name"][0] or "&#34;" in expected["name"][0]

    use_fast_html_params()
    rendered = {f.name: (str(f(aria_invalid="true", data_x="1")), str(f.label())) for f in form}

    assert rendered == expected
