"""The pages whose lists the route crawl sees empty (no crawl role has rows in them), shown
with rows under the rendering watch: a team member's steps, the outbox, the read log, the
participant file, the results and an employer admin's openings. Templates query nothing (issue 11), with rows too."""

from sqlalchemy import select

from webapp.accounts.models import User
from webapp.auth.services import request_password_reset
from webapp.demo.seed import seed_demo
from webapp.extensions import db
from webapp.plans.models import Category, Doer, Goal
from webapp.plans.services import add_step
from webapp.timeutil import local_today

from .conftest import HX, sign_in_client, watching_rendering
from .test_every_route import PEOPLE, more_to_list

TITLE = "Ring Elin om bostaden"


def _person(name: str) -> User:
    return db.session.scalar(select(User).where(User.sign_in_name == name))


def test_lists_the_crawl_sees_empty_render_their_rows_without_a_query(app, monkeypatch):
    monkeypatch.setattr("webapp.demo.seed.hash_password", lambda password: "not-a-hash")  # argon2 is slow
    seed_demo()
    db.session.commit()
    more_to_list()  # adds Elin to Amina's team
    coach, participant = _person(PEOPLE["coach"]), _person(PEOPLE["participant"])
    member = _person("elin.ek@example.org")
    goal = db.session.scalar(select(Goal).where(Goal.participant_id == participant.id).order_by(Goal.id))
    add_step(goal, coach, title=TITLE, category=Category.EVERYDAY_LIFE, doer=Doer.OTHER, assignee_id=member.id)
    with app.test_request_context("/"):
        request_password_reset(coach.email)  # a mail in the programme's outbox
    db.session.commit()
    reader = app.test_client()
    sign_in_client(reader, coach)
    assert reader.get(f"/participants/{participant.id}").status_code == 200  # a read for the read log
    month = local_today().strftime("%Y-%m")
    pages = {
        member: {"/team/steps": TITLE},
        _person("maria.johansson@example.org"): {"/employers/": None},  # an employer's admin
        _person(PEOPLE["programme_admin"]): {
            "/outbox/": coach.email,
            "/privacy/review": coach.full_name,
            f"/results/participant-file/{month}": None,
            "/results": None,
            f"/results/time/{month}": None,
        },
    }
    found = []
    with watching_rendering(app) as rendering:
        for person, urls in pages.items():
            client = app.test_client()
            sign_in_client(client, person)
            for url, shown in urls.items():
                for headers in ({}, HX):
                    rendering.take()
                    response = client.get(url, headers=headers)
                    assert response.status_code == 200, url
                    if shown:
                        assert shown in response.get_data(as_text=True), url
                    found += [f"{url}: {query}" for query in rendering.take()]
    assert found == []
