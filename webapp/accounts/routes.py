"""An organisation's people, for its admins and the programme's admins."""

from flask import Blueprint, flash
from flask_babel import gettext as _
from flask_login import current_user

from ..access import allow
from ..auth import throttle
from ..auth.services import send_staff_invitation
from ..htmx import render
from . import services
from .forms import StaffMemberForm
from .models import Role

bp = Blueprint("accounts", __name__, url_prefix="/organisations")

ADMINS = (Role.ORGANISATION_ADMIN, Role.PROGRAMME_ADMIN)


def _members_page(organisation, form, status=200):
    return render(
        "accounts/detail.html",
        "accounts/_members.html",
        status=status,
        organisation=organisation,
        members=services.members_of(organisation),
        form=form,
    )


@bp.get("/<int:organisation_id>")
@allow(*ADMINS)
def detail(organisation_id):
    """An organisation and its people."""
    organisation = services.organisation_for(current_user, organisation_id)
    return _members_page(organisation, StaffMemberForm())


@bp.post("/<int:organisation_id>/members")
@allow(*ADMINS)
def add_member(organisation_id):
    """Add a staff member; they get an emailed link to choose a password."""
    organisation = services.organisation_for(current_user, organisation_id)
    form = StaffMemberForm()
    if not form.validate_on_submit():
        return _members_page(organisation, form, 422)
    try:
        throttle.hit_mail_form("add-member", current_user)
    except throttle.Throttled as refusal:
        form.form_errors.append(refusal.message())
        return _members_page(organisation, form, 429)
    try:
        user = services.add_staff_member(
            organisation, form.full_name.data, form.email.data, Role(form.role.data), form.language.data
        )
    except services.EmailTaken:
        form.email.errors.append(_("Someone in Vägen already has this email."))
        return _members_page(organisation, form, 422)
    send_staff_invitation(user, current_user)
    flash(_("%(name)s is added. We have emailed them a link to choose a password.", name=user.full_name), "success")
    return _members_page(organisation, StaffMemberForm(formdata=None))
