"""One choice check for every form: each list, radio group and set of checkboxes refuses an
answer it did not offer through fields.in_the_list, in our own translated words (WTForms' own
message is English for Tigrinya readers)."""

import importlib
import pkgutil

from flask_wtf import FlaskForm
from wtforms.fields import SelectFieldBase
from wtforms.fields.core import UnboundField

import webapp
from webapp import fields

# The kit's choice fields call in_the_list themselves; the day list leaves the day to the service.
KIT = (fields.ChoiceField, fields.RadioChoiceField, fields.CheckboxesField, fields.DayChoiceField)
# The log review is a filter that is never validated: an unknown mode shows the sample, and a
# staff member not in the list is asked for again (privacy/admin.py: _reviewed).
NOT_VALIDATED = {"webapp.privacy.forms.ReviewForm.mode", "webapp.privacy.forms.ReviewForm.staff"}


def _form_classes():
    for module in pkgutil.walk_packages(webapp.__path__, "webapp."):
        if module.name.endswith(".forms"):
            for value in vars(importlib.import_module(module.name)).values():
                if isinstance(value, type) and issubclass(value, FlaskForm) and value.__module__ == module.name:
                    yield value


def _choice_fields(form_class):
    for name in dir(form_class):
        value = getattr(form_class, name, None)
        if isinstance(value, UnboundField) and issubclass(value.field_class, SelectFieldBase):
            yield name, value


def _checks_with_the_kit(field: UnboundField) -> bool:
    if issubclass(field.field_class, KIT):
        return True
    validators = field.kwargs.get("validators") or (field.args[1] if len(field.args) > 1 else [])
    return field.kwargs.get("validate_choice") is False and any(
        getattr(v, "__qualname__", "") == "in_the_list.<locals>.check" for v in validators
    )


def test_every_choice_in_every_form_is_checked_by_in_the_list():
    forms = list(_form_classes())
    assert len(forms) > 20
    others = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in forms
        for name, field in _choice_fields(form)
        if not _checks_with_the_kit(field) and f"{form.__module__}.{form.__name__}.{name}" not in NOT_VALIDATED
    ]
    assert others == []


def test_an_answer_not_in_the_list_is_refused_in_the_words_users_have_always_read(app):
    from types import SimpleNamespace

    from webapp.enrolment.forms import CaseloadForm, EnrolmentForm, ShareForm

    stockholm = SimpleNamespace(id=1, name="Stockholm")
    anna = SimpleNamespace(id=7, full_name="Anna")
    with app.test_request_context(method="POST", data={"municipality": "2", "colleague": "8", "language": "xx"}):
        enrolment = EnrolmentForm([stockholm], meta={"csrf": False})
        share = ShareForm([anna], meta={"csrf": False})
        enrolment.validate(), share.validate()
        assert enrolment.municipality.errors == ["Välj en av kommunerna i listan."]
        assert enrolment.language.errors == ["Välj ett av språken i listan."]
        assert share.colleague.errors == ["Välj en av kollegorna i listan."]
    with app.test_request_context(method="POST", data={"municipality": "", "colleague": ""}):
        enrolment = EnrolmentForm([stockholm], meta={"csrf": False})
        share = ShareForm([anna], meta={"csrf": False})
        enrolment.validate(), share.validate()
        assert enrolment.municipality.errors == ["Välj en av kommunerna i listan."]  # "Choose" is not an answer
        assert share.colleague.errors == ["Välj en av kollegorna i listan."]
    with app.test_request_context("/?municipality=9&show=gone&sort=&phase="):
        from flask import request

        caseload = CaseloadForm([(1, "Stockholm")], formdata=request.args)
        filters = caseload.filters()
        assert (
            caseload.municipality.errors
            == caseload.show.errors
            == caseload.sort.errors
            == ["Välj ett alternativ i listan."]
        )
        assert not caseload.phase.errors and (filters.municipality_id, filters.show, filters.sort) == (
            None,
            "active",
            "name",
        )
