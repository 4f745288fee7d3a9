"""The team around a participant: the responsible coach adds and removes professionals, a
member sees their participants and their own steps, and everyone in the team writes notes."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import events
from ..access import allow
from ..accounts.models import Role
from ..enrolment.lookup import enrolment_of
from ..htmx import redirect_to, render, wants_fragment
from ..participants.services import coaches, participant_for
from ..plans.services import steps_given_to
from ..privacy.readlog import log_read
from . import notes as case_notes
from . import services
from .forms import AddMemberForm, NoteForm
from .home import for_participant as my_team
from .models import ACCESS, NoteVisibility, Part, TeamRole

bp = Blueprint("team", __name__)
STAFF = services.TEAM_STAFF_ROLES


def _team_context(participant, form=None) -> dict:
    enrolment = enrolment_of(participant)
    return {
        "participant": participant,
        "seats": services.team_of(participant),
        "responsible": enrolment is not None and enrolment.responsible_coach_id == current_user.id,
        "form": form or AddMemberForm(formdata=None),
        "access_table": ACCESS,
        "parts": list(Part),
        "roles": list(TeamRole),
    }


@bp.route("/participants/<int:participant_id>/team", methods=["GET", "POST"])
@allow(Role.COACH)
def manage(participant_id):
    """The participant's team, and the responsible coach's form to add a professional."""
    participant = participant_for(current_user, participant_id)
    form = AddMemberForm()
    status = 200
    if form.is_submitted():
        context = _team_context(participant, form)
        if not context["responsible"]:
            abort(403)
        status = 422
        if form.validate():
            try:
                row = services.add_member(current_user, participant, form.email.data, form.role.data)
            except services.TeamError as error:
                form.email.errors = [*form.email.errors, str(error.message)]
            else:
                events.team_member_added.send(
                    row, recipients=[row.member], url=url_for("plans.coach_view", participant_id=participant.id)
                )
                flash(_("%(name)s is in the team now.", name=row.member.full_name), "success")
                return redirect_to(url_for("team.manage", participant_id=participant.id))
    return render("team/manage.html", "team/_manage.html", status=status, **_team_context(participant, form))


@bp.post("/participants/<int:participant_id>/team/<int:member_id>/remove")
@allow(Role.COACH)
def remove(participant_id, member_id):
    """The responsible coach takes someone off the team: their access ends at once."""
    participant = participant_for(current_user, participant_id)
    if not _team_context(participant)["responsible"]:
        abort(403)
    row = services.remove_member(participant, member_id)
    flash(_("%(name)s is no longer in the team.", name=row.member.full_name), "success")
    return redirect_to(url_for("team.manage", participant_id=participant.id))


@bp.post("/participants/<int:participant_id>/team/leave")
@allow(*STAFF)
def leave(participant_id):
    """A member leaves a participant's team: their access ends at once."""
    if services.membership(current_user, participant_id) is None:
        abort(404)
    participant = participant_for(current_user, participant_id, part=Part.PLAN)
    services.remove_member(participant, current_user.id)
    flash(_("You are no longer in the team of %(name)s.", name=participant.full_name), "success")
    return redirect_to(url_for("team.my_steps"))


@bp.get("/team/steps")
@allow(*STAFF)
def my_steps():
    """A team member's participants and the steps given to them, not done first."""
    participants = services.participants_of(current_user)
    steps = steps_given_to(current_user, participants)
    log_read({p.id for p in participants} | {s.participant_id for s in steps})
    return render("team/my_steps.html", "team/_my_steps.html", steps=steps, participants=participants)


def _notes_context(participant, form=None) -> dict:
    may_write = case_notes_writable(participant)
    return {
        "participant": participant,
        "notes": case_notes.notes_of(participant),
        "may_write": may_write,
        "may_correct": lambda note: may_write and note.author_id == current_user.id,
        "form": form or NoteForm(formdata=None),
    }


def case_notes_writable(participant) -> bool:
    return coaches(current_user, participant.id) or services.may(current_user, participant, Part.NOTES, write=True)


@bp.route("/participants/<int:participant_id>/notes", methods=["GET", "POST"])
@allow(*STAFF)
def notes(participant_id):
    """The participant's case notes, newest first, and a form to write one."""
    form = NoteForm()
    if not form.is_submitted():
        participant = case_notes.participant_for_notes(current_user, participant_id)
        return render("team/notes.html", "team/_notes.html", **_notes_context(participant))
    participant = case_notes.participant_for_notes(current_user, participant_id, write=True)
    if not form.validate():
        return render("team/notes.html", "team/_notes.html", 422, **_notes_context(participant, form))
    note = case_notes.write_note(current_user, participant, form.text.data, form.visibility.data)
    _tell_readers(note)
    flash(_("The note is saved."), "success")
    return redirect_to(url_for("team.notes", participant_id=participant.id))


def _tell_readers(note) -> None:
    events.note_written.send(
        note, recipients=case_notes.readers(note), url=url_for("team.notes", participant_id=note.participant_id)
    )
    if note.visibility is NoteVisibility.PARTICIPANT:
        participant = enrolment_of(note.participant_id).participant
        events.note_written.send(note, recipients=[participant], url=url_for("team.my_notes"))


@bp.route("/notes/<int:note_id>/correct", methods=["GET", "POST"])
@allow(*STAFF)
def correct(note_id):
    """The author corrects a note; the earlier text stays in its history."""
    note = case_notes.note_for(current_user, note_id, write=True)
    form = NoteForm(data={"text": note.text, "visibility": note.visibility.value})
    status = 200
    if form.is_submitted():
        status = 422
        if form.validate():
            case_notes.correct_note(current_user, note, form.text.data, form.visibility.data)
            flash(_("The note is corrected. The earlier text is kept in its history."), "success")
            anchor = f"team-note-{note.id}"
            return redirect_to(url_for("team.notes", participant_id=note.participant_id, _anchor=anchor))
    return render("team/correct.html", "team/_correct.html", status=status, note=note, form=form)


@bp.get("/my-notes")
@allow(Role.PARTICIPANT)
def my_notes():
    """The notes the team wrote for the participant to read."""
    return render("team/my_notes.html", "team/_my_notes.html", notes=case_notes.own_notes(current_user))


@bp.get("/my-team")
@allow(Role.PARTICIPANT)
def mine():
    """The participant's team, and whom of them they let write to them."""
    return render("team/mine.html", "team/_my_team.html", team_heading="h1", **my_team(current_user))


@bp.post("/my-team/<int:member_id>/messages")
@allow(Role.PARTICIPANT)
def choose(member_id):
    """The participant lets a team member write to them (allow=yes) or stops them (allow=no);
    with htmx the member's line comes back, focus stays on its button and the change is read out."""
    allowed = {"yes": True, "no": False}.get(request.form.get("allow", ""))
    if allowed is None:
        abort(400)
    try:
        row, changed = services.choose_messages(current_user, member_id, allowed)
    except services.TeamError as error:
        # Refused in words on the whole team list (the line tapped may be gone from it).
        # The list is the page's h1 on /my-team, a section (h2) on the home page and the plan.
        current = urlsplit(request.headers.get("HX-Current-URL", "")).path
        heading = "h1" if not wants_fragment() or current == url_for("team.mine") else "h2"
        context = my_team(current_user)
        response = render(
            "team/mine.html", "team/_my_team.html", 422, choice_error=error.message, team_heading=heading, **context
        )
        if wants_fragment():
            response.headers["HX-Retarget"], response.headers["HX-Reswap"] = "#team-mine", "outerHTML"
        return response
    if changed and allowed:  # the member hears they can open the thread now (once per change)
        thread = url_for("messages.thread", participant_id=current_user.id)
        events.messages_allowed.send(row, recipients=[row.member], url=thread, participant=current_user.called)
    if wants_fragment():
        return render("team/_my_team_member.html", "team/_my_team_member.html", seat=services.Seat(row, True))
    name = row.member.full_name
    if allowed:
        flash(_("%(name)s can write to you now.", name=name), "success")
    else:
        flash(
            _("%(name)s can no longer write to you or read your messages. What they wrote stays.", name=name), "success"
        )
    return redirect_to(url_for("team.mine", _anchor=f"team-mine-member-{row.member_id}"))
