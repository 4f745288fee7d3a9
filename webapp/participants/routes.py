"""Coaches add participants and hand them an invitation link or QR code."""

from flask import Blueprint, flash, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ..access import allow
from ..accounts.models import Role
from ..auth.services import absolute_url, issue_invitation, latest_invitation
from ..enrolment import services as enrolment
from ..enrolment.forms import EnrolmentForm, entry_of
from ..enrolment.routes import record_context
from ..htmx import redirect_to, render, render_form
from . import services
from .forms import SendInvitationForm
from .invitations import ContactError, send_invitation

bp = Blueprint("participants", __name__, url_prefix="/participants")

# A freshly made invitation is shown once, right after it is made: only its hash is stored.
FRESH_INVITATION = "fresh_invitation"


def invitation_context(participant, raw_token=None, send_form=None) -> dict:
    context = {
        "participant": participant,
        "invitation": latest_invitation(participant),
        "link": None,
        "qr": None,
        "send_form": send_form or SendInvitationForm(formdata=None),
    }
    if raw_token:
        import segno  # only a new invitation needs it

        link = absolute_url("auth.accept_invitation", token=raw_token)
        context["link"] = link
        context["qr"] = Markup(
            segno.make(link, error="m").svg_inline(scale=5, title=_("QR code for the invitation link"))
        )
    return context


@bp.route("/new", methods=["GET", "POST"])
@allow(Role.COACH)
def new():
    """Enrol a participant (the coach becomes responsible); the next page shows their invitation."""
    organisation = current_user.organisations_where(Role.COACH)[0]
    form = EnrolmentForm(enrolment.municipalities_for(organisation), organisation.municipality_id)
    if form.validate_on_submit():
        participant = enrolment.enrol(current_user, organisation, entry_of(form))
        session[FRESH_INVITATION] = {
            "participant": participant.id,
            "token": issue_invitation(participant, current_user),
        }
        flash(_("%(name)s is added.", name=participant.full_name), "success")
        return redirect_to(url_for("participants.detail", participant_id=participant.id))
    return render_form("participants/new.html", "participants/_form.html", form)


@bp.get("/<int:participant_id>")
@allow(Role.COACH)
def detail(participant_id):
    """A participant, as their coach sees them, with their invitation."""
    participant = services.participant_for(current_user, participant_id)
    fresh = session.pop(FRESH_INVITATION, None)
    raw = fresh["token"] if fresh and fresh.get("participant") == participant.id else None
    return render(
        "participants/detail.html",
        "participants/_invitation.html",
        **invitation_context(participant, raw),
        **record_context(current_user, participant),
    )


@bp.post("/<int:participant_id>/invitation")
@allow(Role.COACH)
def invite(participant_id):
    """A new invitation link (the old one stops working), e.g. for a forgotten password."""
    participant = services.participant_for(current_user, participant_id)
    raw = issue_invitation(participant, current_user)
    return render(
        "participants/detail.html",
        "participants/_invitation.html",
        **invitation_context(participant, raw),
        **record_context(current_user, participant),
    )


@bp.post("/<int:participant_id>/send-invitation")
@allow(Role.COACH)
def send(participant_id):
    """Send a new invitation link by e-mail or SMS; the page shows the same link and code."""
    participant = services.participant_for(current_user, participant_id)
    form = SendInvitationForm()
    raw, status = None, 422
    if form.validate_on_submit():
        try:
            raw, kind = send_invitation(participant, current_user, form.to.data)
            flash(
                _("The invitation is sent by e-mail.") if kind == "email" else _("The invitation is sent by SMS."),
                "success",
            )
            form, status = None, 200
        except ContactError as error:
            form.to.errors = [str(error.message)]
    return render(
        "participants/detail.html",
        "participants/_invitation.html",
        status=status,
        **invitation_context(participant, raw, form),
        **record_context(current_user, participant),
    )
