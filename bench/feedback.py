"""Feedback pages under load of data: queries per request and time, small and large.

.venv/bin/python bench/feedback.py        (SQLite in a temporary file;
                                           also PostgreSQL when BENCH_DATABASE_URL is set)
"""

from datetime import timedelta

from harness import bench_app, databases, drop_tables, host_of, repeat

from tests.conftest import compile_catalogues, sign_in_client
from tests.factories import make_enrolment, make_feedback, make_organisation, make_placement, make_user
from webapp.accounts.models import OrganisationKind, Role
from webapp.extensions import db
from webapp.feedback import definition as spec
from webapp.timeutil import local_today

RUNS = 15
ANSWERS = {key: 1 + n % 4 for n, key in enumerate(spec.item_keys(spec.DEFAULT_DEFINITION))}


def build(size: int) -> dict:
    """One supervisor with `size` running placements (each due), one participant with `size` feedbacks."""
    lmu = make_organisation(kind=OrganisationKind.LABOUR_MARKET_UNIT)
    employer = make_organisation(lmu.programme, kind=OrganisationKind.PRIVATE_COMPANY)
    supervisor = make_user(Role.SUPERVISOR, employer)
    coach = make_user(Role.COACH, lmu)
    # The coach sees the participant's feedback only as the responsible coach (an enrolment).
    participant = make_enrolment(coach, make_user(Role.PARTICIPANT, lmu)).participant
    start = local_today() - timedelta(days=30)
    for _ in range(size):
        make_placement(make_user(Role.PARTICIPANT, lmu), supervisor, starts_on=start, ends_on=None)
    for n in range(size):
        placement = make_placement(participant, supervisor, starts_on=start - timedelta(days=100 + n), ends_on=None)
        make_feedback(placement, answers=ANSWERS, submitted=True)
    draft = make_feedback(make_placement(participant, supervisor, starts_on=start, ends_on=None))
    return {
        "supervisor": supervisor,
        "coach": coach,
        "participant": participant,
        "draft": draft.id,
        "given": make_feedback(make_placement(participant, supervisor), answers=ANSWERS, submitted=True).id,
    }


def run(url: str) -> None:
    app = bench_app(url, fresh_contexts=True)
    print(f"\n{host_of(url)}")
    print(f"{'request':44} {'size':>5} {'queries':>8} {'median ms':>10}")
    for size in (5, 100):
        with app.app_context():
            db.drop_all()
            db.create_all()
            people = build(size)
            client = app.test_client()
            cases = [
                ("GET /home/supervisor", people["supervisor"], lambda: client.get("/home/supervisor")),
                (
                    "GET /feedback/<id>/give (draft)",
                    people["supervisor"],
                    lambda: client.get(f"/feedback/{people['draft']}/give"),
                ),
                (
                    "POST /feedback/<id>/draft (htmx)",
                    people["supervisor"],
                    lambda: client.post(
                        f"/feedback/{people['draft']}/draft", data={"item-pace": "3"}, headers={"HX-Request": "true"}
                    ),
                ),
                (
                    "GET /feedback/participants/<id> (coach)",
                    people["coach"],
                    lambda: client.get(f"/feedback/participants/{people['participant'].id}"),
                ),
                ("GET /feedback/mine (participant)", people["participant"], lambda: client.get("/feedback/mine")),
                (
                    "GET /feedback/<id> (participant)",
                    people["participant"],
                    lambda: client.get(f"/feedback/{people['given']}"),
                ),
            ]
            for name, user, request in cases:
                sign_in_client(client, user.id)
                sample = repeat(request, RUNS)
                print(f"{name:44} {size:>5} {sample.queries:>8} {sample.median:>10.1f}")
    drop_tables(app)


def main() -> None:
    compile_catalogues()
    for _label, url in databases():
        run(url)


if __name__ == "__main__":
    main()
