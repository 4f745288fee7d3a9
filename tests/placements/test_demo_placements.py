"""The demo openings and Karin's running placement with Eva Holm: made once, however often seeded."""

from datetime import date

from sqlalchemy import func, select

from webapp.accounts.models import Role, User
from webapp.extensions import db
from webapp.placements import services
from webapp.placements.models import EmployerProfile, Opening, Placement, Proposal

from ..conftest import HX
from ..factories import make_participant, make_user


def counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(m)) for m in (EmployerProfile, Opening, Proposal, Placement)
    )


def test_demo_openings_and_placement_are_seeded_once(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    first = counts()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert counts() == first and first[1] >= 5
    eva = db.session.scalar(select(User).where(User.sign_in_name == "eva.holm@example.org"))
    running = services.supervised_by(eva, on=date(2026, 11, 23))
    assert [(p.participant.sign_in_name, p.title) for p in running] == [
        ("10000005", "Kök och servering på äldreboende")
    ]
    assert [d.weekday for d in running[0].schedule] == [0, 1, 2, 3]
    written = set(db.session.scalars(select(Opening.written_in)))
    assert {"sv", "en", "ar"} <= written


def test_the_programme_admin_home_links_the_setting(client, sign_in):
    sign_in(make_user(Role.PROGRAMME_ADMIN))
    body = client.get("/home/programme").get_data(as_text=True)
    assert "/openings/settings" in body and "får inte" in body


def test_the_coach_page_of_a_participant_is_page_and_fragment(client, sign_in):
    coach = make_user(Role.COACH)
    participant = make_participant(coach)
    sign_in(coach)
    page = client.get(f"/participants/{participant.id}/placements").get_data(as_text=True)
    fragment = client.get(f"/participants/{participant.id}/placements", headers=HX).get_data(as_text=True)
    assert "<html" in page and fragment.lstrip().startswith('<div id="placements-participant"')
