"""The participant's side of privacy: who read my information, my consents, my data; and the
coach recording a consent."""

import json

from flask import Blueprint, Response, flash, make_response, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from ..access import allow
from ..accounts.models import Role
from ..htmx import redirect_to, render, render_form
from ..participants.services import participant_for
from ..security import no_store
from . import consent as consents
from . import mydata, services
from .forms import ConsentForm
from .models import ConsentMethod, Purpose

bp = Blueprint("privacy", __name__, url_prefix="/privacy")


@bp.get("/reads")
@allow(Role.PARTICIPANT)
def reads():
    """Which organisations and roles read my information, and when."""
    rows, more = services.reads_of(current_user)
    return no_store(render("privacy/reads.html", "privacy/_reads.html", rows=rows, more=more))


def _purpose(value: str) -> Purpose:
    try:
        return Purpose(value)
    except ValueError:
        raise NotFound() from None


def _my_consents(status=200):
    return no_store(
        render(
            "privacy/consents.html", "privacy/_consents.html", status=status, states=consents.consents_of(current_user)
        )
    )


@bp.get("/consents")
@allow(Role.PARTICIPANT)
def my_consents():
    """What I have agreed to, on what each use of my information rests, and withdrawing."""
    return _my_consents()


@bp.post("/consents/<purpose>/withdraw")
@allow(Role.PARTICIPANT)
def withdraw(purpose):
    """Withdraw a consent; what it allowed stops at once."""
    purpose = _purpose(purpose)
    try:
        consents.withdraw(current_user, purpose, current_user)
    except consents.NotBasedOnConsent:
        flash(
            _(
                "This use of your information does not rest on your consent, so it cannot be withdrawn here. "
                "If you want to leave the programme, talk to your coach."
            ),
            "error",
        )
        return _my_consents(422)
    flash(_('Your consent is withdrawn: "%(purpose)s" has stopped.', purpose=purpose.label), "success")
    return _my_consents()


@bp.post("/consents/<purpose>/give")
@allow(Role.PARTICIPANT)
def give(purpose):
    """Give a consent again (or for the first time) in Vägen."""
    purpose = _purpose(purpose)
    if not purpose.rests_on_consent:
        raise NotFound()
    consents.record(current_user, purpose, ConsentMethod.IN_APP, current_user)
    flash(_('Thank you. You agreed to "%(purpose)s".', purpose=purpose.label), "success")
    return _my_consents()


@bp.route("/participants/<int:participant_id>/consents", methods=["GET", "POST"])
@allow(Role.COACH)
def coach_consents(participant_id):
    """The coach records a consent given on paper or in conversation, and sees them all."""
    participant = participant_for(current_user, participant_id)
    form = ConsentForm()
    if form.validate_on_submit():
        consents.record(
            participant,
            form.purpose.data,
            form.method.data,
            current_user,
            consents.noon(form.given_on.data),
        )
        flash(_("The consent is recorded."), "success")
        return redirect_to(url_for("privacy.coach_consents", participant_id=participant.id))
    return no_store(
        render_form(
            "privacy/coach_consents.html",
            "privacy/_coach_consents.html",
            form,
            participant=participant,
            states=consents.consents_of(participant),
        )
    )


@bp.get("/my-data")
@allow(Role.PARTICIPANT)
def my_data():
    """Everything Vägen holds about me, as a page that prints well."""
    parts = mydata.by_part(mydata.everything_about(current_user))
    return no_store(make_response(render_template("privacy/my_data.html", parts=parts)))


@bp.get("/my-data.json")
@allow(Role.PARTICIPANT)
def my_data_json():
    """The same, as a file to keep or take elsewhere."""
    body = json.dumps(mydata.as_json(current_user, mydata.everything_about(current_user)), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="vagen-my-data.json"'
    return no_store(response)


from . import admin, notices  # noqa: E402,F401  (the admin's views and the notices, on the same blueprint)
