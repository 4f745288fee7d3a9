"""Two programmes, one of them full of canaries: as every staff role of the other, no page,
fragment, list, search, export or outbox shows a canary (issue 10: tenancy)."""

import re

import pytest
from sqlalchemy import select

from tests.conftest import sign_in_client
from webapp.accounts.models import OrganisationKind, Role, User
from webapp.auth.services import request_password_reset
from webapp.demo.seed import seed_demo
from webapp.documents import storage
from webapp.documents.models import Document, DocumentKind
from webapp.extensions import db
from webapp.feedback import definition as spec
from webapp.feedback.services import save_template
from webapp.messages.models import Message
from webapp.outbox.models import OutboxMessage

from .crawl import crawl
from .factories import (
    make_activity,
    make_employer,
    make_enrolment,
    make_feedback,
    make_opening,
    make_organisation,
    make_placement,
    make_programme,
    make_proposal,
    make_referral,
    make_user,
)

CANARY = "Kanarie"
STAFF = {
    "coach": "sara.lindqvist@example.org",
    "supervisor": "nils.aberg@example.org",
    "organisation_admin": "mats.ohlsson@example.org",
    "programme_admin": "lena.persson@example.org",
}
# Lists, searches and exports a crawl from the home page might not reach by a link.
KNOWN = [
    "/outbox/",
    "/feedback/templates",
    "/activities/",
    "/activities/?q=hälsa",
    "/activities/export.json",
    "/activities/published",
    "/activities/referrals",
    "/activities/mine",
    "/openings/",
    "/openings/?q=lager",
    "/employers/",
    "/openings/settings",
    "/home/coach?q=Deltagare",
    "/placements/mine",
    "/feedback/mine",
]


def canary_programme():
    """Another programme where every name, title and text carries the canary."""
    programme = make_programme(name=f"{CANARY}programmet")
    unit = make_organisation(programme, name=f"{CANARY} arbetsmarknadsenhet")
    employer = make_employer(programme=programme, name=f"{CANARY} AB")
    coach = make_user(
        Role.COACH,
        unit,
        full_name=f"{CANARY} Coach",
        email="kanarie.coach@example.org",
        sign_in_name="kanarie.coach@example.org",
    )
    make_user(Role.PROGRAMME_ADMIN, unit, full_name=f"{CANARY} Programadmin")
    make_user(Role.ORGANISATION_ADMIN, employer, full_name=f"{CANARY} Organisationsadmin")
    supervisor = make_user(Role.SUPERVISOR, employer, full_name=f"{CANARY} Handledare")
    participant = make_enrolment(coach, make_user(Role.PARTICIPANT, unit, full_name=f"{CANARY} Deltagare")).participant
    placement = make_placement(participant, supervisor, title=f"{CANARY} praktik", organisation=employer)
    make_feedback(placement, submitted=True, texts={"went_well": f"{CANARY} gjorde bra"})
    opening = make_opening(employer, title=f"{CANARY} lager", tasks=f"{CANARY} packar")
    make_proposal(opening, participant, coach)
    activity = make_activity(unit, title=f"{CANARY} hälsa", description=f"{CANARY} promenerar", is_public=False)
    make_referral(activity, participant, coach, note=f"{CANARY} behöver tolk")
    db.session.add(Message(participant_id=participant.id, author_id=coach.id, body=f"{CANARY} meddelande", token="k"))
    db.session.add(
        Document(
            participant_id=participant.id,
            uploaded_by_id=coach.id,
            kind=DocumentKind.CV,
            file_name=f"{CANARY} CV.pdf",
            key=storage.store(b"%PDF-1.4 Kanarie"),
            media_type="application/pdf",
            size=16,
        )
    )
    definition = dict(spec.DEFAULT_DEFINITION, title={c: f"{CANARY} mall" for c in ("sv", "en", "ar", "ti")})
    save_template(programme.id, "kanarie_mall", definition, coach)
    from flask import current_app

    with current_app.test_request_context():
        request_password_reset("kanarie.coach@example.org")
    db.session.commit()
    return programme


@pytest.mark.parametrize("role", list(STAFF))
def test_no_staff_role_sees_another_programmes_canaries(app, client, role, monkeypatch):
    monkeypatch.setattr("webapp.demo.seed.hash_password", lambda password: "not-a-hash")  # argon2 is slow
    seed_demo()
    canary_programme()
    user = db.session.scalar(select(User).where(User.sign_in_name == STAFF[role]))
    sign_in_client(client, user)
    pages = crawl(client, "/", KNOWN)
    assert len(pages) > 10
    leaks = [url for url, text in pages.items() if CANARY.casefold() in text.casefold()]
    assert not leaks, leaks


def test_a_programme_admin_cannot_obtain_a_reset_link_of_any_account(client, sign_in):
    """Lena (programme A) asks for a reset of a colleague's and another programme's account:
    the link is in no page she can open, nor in any stored body."""
    home = make_programme()
    admin = make_user(Role.PROGRAMME_ADMIN, make_organisation(home))
    colleague = make_user(Role.COACH, make_organisation(home))
    stranger = make_user(Role.COACH, make_organisation(kind=OrganisationKind.WELFARE_OFFICE))
    sign_in(admin)
    for person in (colleague, stranger):
        assert client.post("/password/forgot", data={"email": person.email}).status_code == 303
    links = [m.delivery["text"] for m in db.session.scalars(select(OutboxMessage))]
    tokens = [re.search(r"/password/reset/(\S+)", text).group(1) for text in links]
    assert len(tokens) == 2
    pages = crawl(client, "/", KNOWN)
    for token in tokens:
        assert not [url for url, text in pages.items() if token in text]
        assert not db.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.body.contains(token) | OutboxMessage.html_body.contains(token))
        )


def test_the_crawl_would_find_a_canary(app, client):
    """The control: the canary programme's own coach meets canaries on the same crawl."""
    canary_programme()
    coach = db.session.scalar(select(User).where(User.sign_in_name == "kanarie.coach@example.org"))
    sign_in_client(client, coach)
    pages = crawl(client, "/", KNOWN)
    found = {url for url, text in pages.items() if CANARY in text}
    assert {"/home/coach", "/activities/?q=hälsa", "/openings/?q=lager"} <= found
    assert any(url.endswith("/messages") for url in found) and any(url.endswith("/documents") for url in found)
