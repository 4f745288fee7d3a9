"""Every route, as every role, on the demo data: never a 500, never someone else's page, and
never a query while a template renders (templates show what the view gives them, issue 11).

Each GET route is requested with its URL parameters filled with real ids of the demo data,
with an id that does not exist and, for text parameters, junk; as a full page and as an
htmx request. Each POST route is sent an empty form. One demo seeding per role."""

import itertools
import math
import re
from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import select

from webapp.access import PUBLIC, SIGNED_IN, declared_access
from webapp.accounts.models import Membership, Organisation, Programme, Role, User
from webapp.catalogue.models import Activity, Referral
from webapp.demo.seed import seed_demo
from webapp.documents.models import Document
from webapp.enrolment.models import Enrolment
from webapp.extensions import db
from webapp.feedback.models import Feedback, FeedbackTemplate
from webapp.notifications.models import Notification
from webapp.participants.services import visible_to
from webapp.placements.models import Opening, Placement, Proposal
from webapp.plans.models import Appointment, Goal, Step
from webapp.privacy.models import Purpose
from webapp.team.models import CaseNote
from webapp.timeutil import local_today

from .conftest import HX, counting, sign_in_client, watching_rendering
from .factories import make_placement
from .html_checks import html_problems

MISSING = 999999
JUNK = "junk value"
# role -> the demo people signed in as (None: nobody signed in)
PEOPLE = {
    "anonymous": None,
    "participant": "10000001",  # Amina: plan, feedback, a placement at Kvarnen
    "coach": "sara.lindqvist@example.org",
    "supervisor": "nils.aberg@example.org",  # Dawit's attendance
    "organisation_admin": "mats.ohlsson@example.org",
    "programme_admin": "lena.persson@example.org",
}
MAX_COMBINATIONS = 64


def _ids(model):
    return list(db.session.scalars(select(model.id).order_by(model.id))) + [MISSING]


def _own_first(ids, user, owners):
    """The viewer's own records first: they are the ones that render a whole page."""
    if user is None:
        return ids
    return sorted(ids, key=lambda i: (i == MISSING, user.id not in owners.get(i, ())))


def parameter_values(user=None) -> dict[str, list]:
    """Values to try for each URL parameter name, from the demo data."""
    today = local_today()
    monday = today - timedelta(days=today.weekday())
    starts = sorted({p.starts_on for p in db.session.scalars(select(Placement))})
    days = [today.isoformat(), *(d.isoformat() for d in starts[:2]), "2026-02-30", "0001-01-01", "9999-12-31", "junk"]
    mondays = [
        monday.isoformat(),
        *((d - timedelta(days=d.weekday())).isoformat() for d in starts[:1]),
        (monday + timedelta(days=1)).isoformat(),
        "0001-01-01",
        "9999-12-27",
        "junk",
    ]
    months = [
        today.strftime("%Y-%m"),
        *(d.strftime("%Y-%m") for d in starts[:1]),
        "2026-13",
        "0001-01",
        "9999-12",
        "junk",
    ]
    participants = list(db.session.scalars(select(User.id).where(User.sign_in_name.like("1000000%"))))
    seen = Visibility(user).coached | ({user.id} if user else set())
    related = {
        p.id: {user.id} if user and (p.supervisor_id == user.id or p.participant_id in seen) else set()
        for p in db.session.scalars(select(Placement))
    }
    goals = {g.id: {user.id} if user and g.participant_id in seen else set() for g in db.session.scalars(select(Goal))}
    steps = {t.id: {user.id} if user and t.participant_id in seen else set() for t in db.session.scalars(select(Step))}
    feedback = {f.id: related.get(f.placement_id, set()) for f in db.session.scalars(select(Feedback))}
    notes = {
        n.id: {user.id} if user and n.participant_id in seen else set() for n in db.session.scalars(select(CaseNote))
    }
    appointments = {
        a.id: {user.id} if user and a.participant_id in seen else set() for a in db.session.scalars(select(Appointment))
    }
    documents = {
        d.id: {user.id} if user and d.participant_id in seen else set() for d in db.session.scalars(select(Document))
    }
    return {
        "participant_id": _own_first(
            participants, user, {p: {user.id} if user and p in seen else set() for p in participants}
        )
        + [MISSING],
        "coach_id": list(db.session.scalars(select(Membership.user_id).where(Membership.role == Role.COACH)))
        + [MISSING],
        "organisation_id": _ids(Organisation),
        "programme_id": _ids(Programme),
        "placement_id": _own_first(_ids(Placement), user, related),
        "activity_id": _ids(Activity),
        "referral_id": _ids(Referral),
        "feedback_id": _own_first(_ids(Feedback), user, feedback),
        "proposal_id": _ids(Proposal),
        "opening_id": _ids(Opening),
        "goal_id": _own_first(_ids(Goal), user, goals),
        "step_id": _own_first(_ids(Step), user, steps),
        "appointment_id": _own_first(_ids(Appointment), user, appointments),
        "key": sorted(set(db.session.scalars(select(FeedbackTemplate.key)))) + [JUNK],
        "token": [JUNK, "a" * 43],
        "day": days,
        "monday": mondays,
        "month": months,
        "filename": ["css/app.css"],
        "service_id": list(db.session.scalars(select(Activity.hsds_id))) + [JUNK],
        "purpose": [p.value for p in Purpose] + [JUNK],
        "notification_id": _own_first(
            _ids(Notification),
            user,
            {n.id: {n.recipient_id} for n in db.session.scalars(select(Notification))},
        ),
        "member_id": list(db.session.scalars(select(Membership.user_id).where(Membership.role == Role.COACH)))[:2]
        + [MISSING],
        "note_id": _own_first(_ids(CaseNote), user, notes),
        "document_id": _own_first(_ids(Document), user, documents),
    }


def urls_for(app, rule, values) -> list[str]:
    names = sorted(rule.arguments)
    lists = [values[name] for name in names]
    if math.prod(len(v) for v in lists) > MAX_COMBINATIONS:
        # Fewer ids (the viewer's own first, and the missing one), every text value.
        lists = [v if not isinstance(v[-1], int) else v[:2] + [MISSING] for v in lists]
    with app.test_request_context():
        return [url_for(rule.endpoint, **dict(zip(names, combo, strict=True))) for combo in itertools.product(*lists)]


def routes(app, method):
    return [r for r in app.url_map.iter_rules() if method in r.methods and r.endpoint != "static"]


class Visibility:
    """What the signed-in person may see, worked out from the data. A coach's caseload is the
    one rule of participants.services (visible_to); the rest is independent of the views."""

    def __init__(self, user: User | None):
        self.user = user
        self.roles = user.roles if user else set()
        self.organisations = {m.organisation_id for m in user.memberships} if user else set()
        self.coached = {p.id for p in visible_to(user)} if Role.COACH in self.roles else set()

    def may_see_participant(self, participant_id) -> bool:
        if self.user is not None and participant_id == self.user.id:
            return True
        return participant_id in self.coached

    def administers_programme_of(self, participant_id) -> bool:
        """A programme admin may open the certified-time certificate of their programme's participants."""
        programmes = (
            {o.programme_id for o in self.user.organisations_where(Role.PROGRAMME_ADMIN)} if self.user else set()
        )
        enrolment = db.session.scalar(select(Enrolment).where(Enrolment.participant_id == participant_id))
        return enrolment is not None and enrolment.organisation.programme_id in programmes

    def problems(self, endpoint, access, kwargs) -> list[str]:
        found = []
        user = self.user
        if user is None:
            if access != PUBLIC:
                found.append("anonymous got a page that is not public")
            return found
        if access not in (PUBLIC, SIGNED_IN) and not self.roles.intersection(access):
            found.append(f"role {sorted(r.value for r in self.roles)} got a page for {access}")
        if (
            "participant_id" in kwargs
            and not self.may_see_participant(kwargs["participant_id"])
            and not (endpoint == "results.certificate" and self.administers_programme_of(kwargs["participant_id"]))
        ):
            found.append("another participant's page")
        if "goal_id" in kwargs:
            goal = db.session.get(Goal, kwargs["goal_id"])
            if goal is None or not self.may_see_participant(goal.participant_id):
                found.append("another participant's goal")
        if "step_id" in kwargs:
            step = db.session.get(Step, kwargs["step_id"])
            if step is None or not self.may_see_participant(step.participant_id):
                found.append("another participant's step")
        if "note_id" in kwargs:
            note = db.session.get(CaseNote, kwargs["note_id"])
            if note is None or not self.may_see_participant(note.participant_id):
                found.append("another participant's note")
        if "feedback_id" in kwargs:
            feedback = db.session.get(Feedback, kwargs["feedback_id"])
            placement = feedback and db.session.get(Placement, feedback.placement_id)
            if placement is None or not (placement.participant_id == user.id or placement.supervisor_id == user.id):
                found.append("someone else's feedback")
        if "notification_id" in kwargs:
            notification = db.session.get(Notification, kwargs["notification_id"])
            if notification is None or notification.recipient_id != user.id:
                found.append("someone else's notification")
        if "document_id" in kwargs:
            document = db.session.get(Document, kwargs["document_id"])
            if document is None or not self.may_see_participant(document.participant_id):
                found.append("another participant's document")
        if "placement_id" in kwargs:
            placement = db.session.get(Placement, kwargs["placement_id"])
            if placement is None or not (
                placement.supervisor_id == user.id or self.may_see_participant(placement.participant_id)
            ):
                found.append("someone else's placement")
        if (
            "organisation_id" in kwargs
            and Role.PROGRAMME_ADMIN not in self.roles
            and kwargs["organisation_id"] not in self.organisations
        ):
            found.append("another organisation's page")
        if "proposal_id" in kwargs:
            proposal = db.session.get(Proposal, kwargs["proposal_id"])
            opening = proposal and db.session.get(Opening, proposal.opening_id)
            if opening is None or opening.organisation_id not in self.organisations:
                found.append("another organisation's proposal")
        if endpoint in ("placements.edit_opening", "catalogue.edit"):
            model = Opening if endpoint.startswith("placements") else Activity
            record = db.session.get(model, kwargs.get("opening_id", kwargs.get("activity_id")))
            if record is None or record.organisation_id not in self.organisations:
                found.append("another organisation's record to edit")
        return found


def more_to_list() -> None:
    """What the demo leaves out, so that the lists of the participant's and the coach's pages have
    rows to show (and a template that reads a row's relations is seen doing it): a team member,
    case notes, a document, messages both ways, a proposal for an opening, a disputed day and
    referrals to activities, each made by the verb the app uses."""
    from webapp.attendance.services import Month
    from webapp.catalogue.models import ReferralStatus
    from webapp.catalogue.services import decide, may_refer, refer
    from webapp.documents.models import DocumentKind
    from webapp.documents.services import upload
    from webapp.messages.services import send
    from webapp.placements.matching import answer, propose
    from webapp.placements.models import OpeningStatus
    from webapp.privacy import consent
    from webapp.privacy.models import ConsentMethod
    from webapp.results.certify import dispute, month_hours
    from webapp.team.models import NoteVisibility, TeamRole
    from webapp.team.notes import write_note
    from webapp.team.services import add_member

    coach = db.session.scalar(select(User).where(User.sign_in_name == PEOPLE["coach"]))
    participant = db.session.scalar(select(User).where(User.sign_in_name == PEOPLE["participant"]))
    # Someone of another organisation (the participant agrees), seen by none of the people the
    # crawl signs in as.
    consent.record(participant, Purpose.OTHER_ORGANISATIONS, ConsentMethod.PAPER, coach)
    add_member(coach, participant, "elin.ek@example.org", TeamRole.SOCIAL_SERVICES)
    for visibility in NoteVisibility:
        write_note(coach, participant, f"A note for the {visibility.value}.", visibility)
    upload(coach, participant, DocumentKind.CV, "cv.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "/")
    send(coach, participant, "Hej Amina!", None, "/")
    send(participant, participant, "Hej Sara!", None, "/")
    # An opening of the supervisor's workplace, so that their page of proposals has one too
    # (the participant says they are interested: only then does the employer see it).
    supervisor = db.session.scalar(select(User).where(User.sign_in_name == PEOPLE["supervisor"]))
    workplaces = {m.organisation_id for m in supervisor.memberships}
    opening = min(
        db.session.scalars(select(Opening).where(Opening.status == OpeningStatus.OPEN)),
        key=lambda o: (o.organisation_id not in workplaces, o.id),
    )
    answer(participant, propose(coach, participant.id, opening.id, "A good fit.").id, interested=True)
    # A confirmed day the supervisor's participant says is wrong (the supervisor's home lists it).
    placement = db.session.scalars(
        select(Placement).where(Placement.supervisor_id == supervisor.id).order_by(Placement.id)
    ).first()
    today = local_today()
    for month in (Month(today.replace(day=1)), Month((today.replace(day=1) - timedelta(days=1)).replace(day=1))):
        days = [r.day for r in month_hours(placement.participant, month).rows if r.placement.id == placement.id]
        if days:
            dispute(placement.participant, month, placement.id, days[0], "I was not there that day.", today)
            break
    # An activity the participant takes part in (accepted) and one they wait for.
    referable = [a for a in db.session.scalars(select(Activity).order_by(Activity.id)) if may_refer(coach, a)]
    taking_part = next(a for a in referable if a.places_free > 0)
    decide(refer(coach, taking_part, participant.id, "Worth a try.", None), ReferralStatus.ACCEPTED)
    waiting = next(a for a in referable if a is not taking_part)
    refer(coach, waiting, participant.id, "Later, perhaps.", None, waiting_list=True)
    db.session.commit()


def htmx_left_out_but_used(page: str) -> list[str]:
    """A page that empties base.html's htmx block carries no hx- attribute but the body's CSRF
    header: as every role, since the header and the pages also shown signed in differ."""
    if "/static/vendor/htmx-" in page or "<body" not in page:
        return []
    return [f"{used} without htmx" for used in re.findall(r"\s(hx-[a-z-]+)=", page) if used != "hx-headers"]


def _sign_in(client, role):
    user = None
    if PEOPLE[role] is not None:
        user = db.session.scalar(select(User).where(User.sign_in_name == PEOPLE[role]))
        sign_in_client(client, user)
    return user


def _kwargs(url, app):
    adapter = app.url_map.bind("localhost")
    return adapter.match(url.split("?")[0], method="GET")[1]


def _tried(urls, access, visibility):
    """All the addresses, or one when the role guard refuses before the view reads any parameter."""
    refused = access not in (PUBLIC, SIGNED_IN) and not visibility.roles.intersection(access)
    return urls[:1] if refused else urls


@pytest.mark.parametrize("role", list(PEOPLE))
def test_every_route_as_every_role(app, client, role, monkeypatch):
    monkeypatch.setattr("webapp.demo.seed.hash_password", lambda password: "not-a-hash")  # argon2 is slow
    seed_demo()
    db.session.commit()
    more_to_list()
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # a crash is a 500 like in production
    user = _sign_in(client, role)
    visibility = Visibility(user)
    values = parameter_values(user)
    failures, seen = [], []
    with watching_rendering(app) as rendering:
        for rule in routes(app, "GET"):
            access = declared_access(app, rule.endpoint)
            for url in _tried(urls_for(app, rule, values), access, visibility):
                kwargs = _kwargs(url, app)
                for headers in ({}, HX):
                    rendering.take()
                    response = client.get(url, headers=headers)
                    label = f"{role} GET {url}{' (htmx)' if headers else ''}"
                    failures += [f"{label}: a query while rendering {query}" for query in rendering.take()]
                    if response.status_code >= 500:
                        failures.append(f"{label}: {response.status_code}")
                    elif response.status_code == 200:
                        seen.append(rule.endpoint)
                        if not headers and response.mimetype == "text/html":
                            failures += [f"{label}: {problem}" for problem in html_problems(response.text)]
                            failures += [f"{label}: {problem}" for problem in htmx_left_out_but_used(response.text)]
                        failures += [
                            f"{label}: 200 on {problem}"
                            for problem in visibility.problems(rule.endpoint, access, kwargs)
                        ]
        # An address no view answers: its error page reads who is signed in before it renders.
        for headers in ({}, HX):
            rendering.take()
            response = client.get("/no-such-page", headers=headers)
            label = f"{role} GET /no-such-page{' (htmx)' if headers else ''}"
            failures += [f"{label}: a query while rendering {query}" for query in rendering.take()]
            if response.status_code != 404:
                failures.append(f"{label}: {response.status_code}")
    # The test reaches real pages: each person sees their own home page, with and without htmx.
    home = {"anonymous": "auth.sign_in"}.get(role, f"home.{role}")
    assert seen.count(home) >= 2, sorted(set(seen))

    # Empty forms to every POST route; signing out last, as it ends the session.
    ends_session = ("auth.sign_out", "account.sign_out_everywhere")
    with watching_rendering(app) as rendering:
        for rule in sorted(routes(app, "POST"), key=lambda r: r.endpoint in ends_session):
            for url in _tried(urls_for(app, rule, values), declared_access(app, rule.endpoint), visibility):
                rendering.take()
                response = client.post(url, data={})
                failures += [f"{role} POST {url}: a query while rendering {query}" for query in rendering.take()]
                if response.status_code >= 500:
                    failures.append(f"{role} POST {url}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_the_rendering_watch_names_the_template_and_starts_afresh_for_each_request(app):
    """What the crawl reports: the template being rendered and the SQL; and a template that failed
    half-way (it never says it is done) does not make the next request's queries count."""
    from flask import render_template_string

    with watching_rendering(app) as rendering, app.test_request_context("/"):
        render_template_string("{{ ask() }}", ask=lambda: db.session.scalar(select(User.id)))
        assert [query.split(" FROM")[0] for query in rendering.take()] == [
            "a template from a string: SELECT app_user.id"
        ]
        with pytest.raises(ZeroDivisionError):
            render_template_string("{{ 1 // 0 }}")
        rendering.take()
        db.session.scalar(select(User.id))  # a view's own query, after the failed page
        assert rendering.take() == []


def test_the_rendering_watch_sees_a_relationship_loaded_on_first_use_without_sql(app):
    """A template that reads a relationship the view did not load is reported even when the
    object was in the session already (no SQL this time; with other data there would be)."""
    from flask import render_template_string

    placement = make_placement()
    db.session.commit()
    participant = db.session.get(User, placement.participant_id)  # in the session from here on
    db.session.expire(placement, ["participant"])
    with watching_rendering(app) as rendering, app.test_request_context("/"):
        with counting() as statements:
            render_template_string("{{ placement.participant.full_name }}", placement=placement)
        assert statements == [] and participant is placement.participant
        assert rendering.take() == ["a template from a string: Placement.participant loaded on first use"]
