"""Every route that shows a participant's data to someone else writes exactly one read-log row
per participant shown, per request; a new route that does not fails here.

Two checks against the url_map: (1) each route with a participant-like argument is declared
LOGGED or EXEMPT (webapp/privacy/readlog.py); (2) every GET route, requested as every staff
role on the demo data: each participant whose name is on the page has exactly one row for
that request, and a LOGGED route with a participant in its URL logs that participant."""

import html

import pytest
from sqlalchemy import func, select

from webapp.access import declared_access
from webapp.accounts.models import User
from webapp.demo.seed import seed_demo
from webapp.extensions import db
from webapp.privacy.models import ReadLog
from webapp.privacy.readlog import EXEMPT, LOGGED, PARTICIPANT_ARGUMENTS

from ..conftest import HX
from ..crawl import response_text
from ..test_every_route import Visibility, _kwargs, _sign_in, _tried, parameter_values, routes, urls_for

STAFF = ["coach", "supervisor", "organisation_admin", "programme_admin"]


def test_every_route_with_a_participant_argument_is_declared(app):
    undeclared = sorted(
        r.endpoint
        for r in app.url_map.iter_rules()
        if PARTICIPANT_ARGUMENTS.intersection(r.arguments) and r.endpoint not in LOGGED and r.endpoint not in EXEMPT
    )
    assert undeclared == [], "declare these LOGGED or EXEMPT in webapp/privacy/readlog.py"
    assert not LOGGED & set(EXEMPT)
    assert set(app.view_functions) >= LOGGED, sorted(LOGGED - set(app.view_functions))


def _names(participant: User) -> list[str]:
    return [html.escape(n) for n in {participant.full_name, participant.short_name} if n]


@pytest.mark.parametrize("role", STAFF)
def test_each_page_logs_each_participant_it_shows_once(app, client, role, monkeypatch):
    monkeypatch.setattr("webapp.demo.seed.hash_password", lambda password: "not-a-hash")
    seed_demo()
    db.session.commit()
    participants = list(db.session.scalars(select(User).where(User.sign_in_name.like("1000000%"))))
    user = _sign_in(client, role)
    visibility, values = Visibility(user), parameter_values(user)
    failures, checked = [], set()
    for rule in routes(app, "GET"):
        access = declared_access(app, rule.endpoint)
        for url in _tried(urls_for(app, rule, values), access, visibility):
            for headers in ({}, HX):
                before = db.session.scalar(select(func.max(ReadLog.id))) or 0
                response = client.get(url, headers=headers)
                rows = list(db.session.scalars(select(ReadLog).where(ReadLog.id > before)))
                logged = [r.participant_id for r in rows]
                label = f"{role} GET {url}{' (htmx)' if headers else ''}"
                if len(logged) != len(set(logged)):
                    failures.append(f"{label}: more than one row for a participant: {logged}")
                if response.status_code != 200:
                    if rows:
                        failures.append(f"{label}: {response.status_code} but logged {logged}")
                    continue
                body = response_text(response)
                shown = {p.id for p in participants if any(n in body for n in _names(p))}
                if shown - set(logged):
                    failures.append(f"{label}: shows participants {sorted(shown - set(logged))} without a log row")
                kwargs = _kwargs(url, app)
                if rule.endpoint in LOGGED and "participant_id" in kwargs and kwargs["participant_id"] not in logged:
                    failures.append(f"{label}: did not log participant {kwargs['participant_id']}")
                if rows:
                    checked.add(rule.endpoint)
                    assert all(r.reader_id == user.id and r.reader_role and r.organisation_id for r in rows)
    assert not failures, "\n".join(failures)
    assert checked, "no page logged a read"
