"""A form that failed as a full page starts with an error summary linked to its fields
(templates/_macros/forms.html form_errors), sign-in included."""

import re

from flask import render_template_string
from flask_babel import force_locale
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from webapp.fields import RadioChoiceField
from webapp.validation import options


def summary_of(html: str) -> str:
    found = re.search(r'<div class="form-errors error-summary" role="alert" tabindex="-1">(.*?)</div>', html, re.S)
    assert found, html
    return found.group(1)


def test_a_sign_in_with_empty_fields_links_each_message_to_its_field(client):
    html = client.post("/sign-in", data={"sign_in_name": "", "password": ""}).get_data(as_text=True)
    summary = summary_of(html)
    assert '<a href="#sign_in_name">' in summary
    assert '<a href="#password">' in summary
    assert 'id="sign_in_name"' in html and 'id="password"' in html


def test_a_wrong_password_is_said_in_the_summary_in_the_readers_language(client):
    response = client.post(
        "/sign-in", data={"sign_in_name": "nobody@example.org", "password": "wrong"}, headers={"Accept-Language": "ar"}
    )
    assert response.status_code == 422
    summary = summary_of(response.get_data(as_text=True))
    assert "يرجى تصحيح ما يلي:" in summary
    assert "<li>" in summary


def test_a_radio_group_is_linked_by_its_first_option_and_a_good_form_has_no_summary(app):
    class Form(FlaskForm):
        name = StringField("Name", validators=[DataRequired()])
        answer = RadioChoiceField("Answer", choices=options([("y", "Yes"), ("n", "No")]))

    template = '{% from "_macros/forms.html" import form_errors %}{{ form_errors(form) }}'
    with app.test_request_context(method="POST", data={}), force_locale("sv"):
        form = Form(meta={"csrf": False})
        form.validate()
        summary = summary_of(render_template_string(template, form=form))
        assert '<a href="#answer-0">' in summary
        assert "Det här behöver rättas:" in summary
    with app.test_request_context(method="POST", data={"name": "Amina", "answer": "y"}):
        form = Form(meta={"csrf": False})
        assert form.validate()
        assert "error-summary" not in render_template_string(template, form=form)
