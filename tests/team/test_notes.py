"""Case notes follow their visibility, a correction keeps the earlier text, every read is logged."""

from sqlalchemy import select

from webapp import events
from webapp.extensions import db
from webapp.privacy.models import ReadLog
from webapp.team import notes, services
from webapp.team.models import CaseNote, CaseNoteVersion, NoteVisibility, TeamRole

from ..conftest import HX
from .conftest import share_with_other_organisations


def _team(people):
    share_with_other_organisations(people)
    services.add_member(people.coach, people.participant, people.social.email, TeamRole.SOCIAL_SERVICES)
    db.session.commit()


def test_notes_follow_their_visibility(client, sign_in, team_people):
    _team(team_people)
    pid = team_people.participant.id
    sign_in(team_people.coach)
    heard = []
    events.note_written.connect(
        lambda note, recipients, url: heard.append(([r.id for r in recipients], url)), weak=False
    )
    try:
        for text, visibility in (("Välkommen till teamet", "participant"), ("Skuld hos kronofogden", "team")):
            answer = client.post(f"/participants/{pid}/notes", data={"text": text, "visibility": visibility})
            assert answer.status_code == 303
    finally:
        events.note_written.receivers.clear()
    notes_url = f"/participants/{pid}/notes"
    # The team hears of both; the participant only of the note written for them.
    assert heard == [([team_people.social.id], notes_url), ([pid], "/my-notes"), ([team_people.social.id], notes_url)]

    sign_in(team_people.social)
    page = client.get(notes_url)
    assert page.status_code == 200 and "Välkommen till teamet" in page.text and "Skuld hos kronofogden" in page.text
    sign_in(team_people.participant)
    mine = client.get("/my-notes")
    assert mine.status_code == 200 and "Välkommen till teamet" in mine.text and "Skuld hos kronofogden" not in mine.text
    assert client.get(notes_url).status_code == 403
    sign_in(team_people.outsider)
    assert client.get(notes_url).status_code == 404


def test_a_correction_keeps_the_earlier_text(client, sign_in, team_people):
    _team(team_people)
    pid = team_people.participant.id
    sign_in(team_people.social)
    client.post(f"/participants/{pid}/notes", data={"text": "Möte 3 december", "visibility": "team"})
    note = db.session.scalar(select(CaseNote))
    form = client.get(f"/notes/{note.id}/correct")
    assert form.status_code == 200 and "Möte 3 december" in form.text
    empty = client.post(f"/notes/{note.id}/correct", data={"text": "", "visibility": "team"}, headers=HX)
    assert empty.status_code == 422 and "Please fill in this field." in empty.text
    saved = client.post(f"/notes/{note.id}/correct", data={"text": "Möte 4 december", "visibility": "participant"})
    assert saved.status_code == 303
    page = client.get(f"/participants/{pid}/notes").text
    assert "Möte 4 december" in page and "Earlier versions" in page and "Möte 3 december" in page
    texts = db.session.scalars(select(CaseNoteVersion.text).order_by(CaseNoteVersion.number)).all()
    assert texts == ["Möte 3 december", "Möte 4 december"]
    db.session.expire_all()
    assert db.session.get(CaseNote, note.id).visibility is NoteVisibility.PARTICIPANT
    # Only the author corrects their note: not the coach, not anyone else.
    sign_in(team_people.coach)
    assert client.get(f"/participants/{pid}/notes").status_code == 200
    assert client.post(f"/notes/{note.id}/correct", data={"text": "Annat", "visibility": "team"}).status_code == 404
    assert len(db.session.scalars(select(CaseNoteVersion)).all()) == 2


def test_every_read_of_notes_is_logged_and_consent_ends_it(client, sign_in, team_people):
    from webapp.privacy import consent
    from webapp.privacy.models import Purpose

    _team(team_people)
    pid = team_people.participant.id
    notes.write_note(team_people.coach, team_people.participant, "Bra samtal", NoteVisibility.TEAM)
    db.session.commit()
    sign_in(team_people.social)
    for _ in range(2):
        assert client.get(f"/participants/{pid}/notes").status_code == 200
    rows = db.session.scalars(select(ReadLog).where(ReadLog.participant_id == pid)).all()
    assert [(r.reader_id, r.what) for r in rows] == [(team_people.social.id, "team.notes")] * 2
    consent.withdraw(team_people.participant, Purpose.OTHER_ORGANISATIONS, team_people.participant)
    db.session.commit()
    assert client.get(f"/participants/{pid}/notes").status_code == 404
    assert client.post(f"/participants/{pid}/notes", data={"text": "x", "visibility": "team"}).status_code == 404
    assert len(db.session.scalars(select(ReadLog).where(ReadLog.participant_id == pid)).all()) == 2
