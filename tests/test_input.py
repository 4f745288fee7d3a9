"""Text from outside is cleaned before it reaches a view, a form or the database."""

from sqlalchemy import select

from webapp.accounts.models import Role
from webapp.extensions import db
from webapp.plans.models import Goal

from .conftest import HX
from .factories import make_user


def test_control_characters_are_dropped_and_lines_kept(client, sign_in):
    participant = make_user(Role.PARTICIPANT)
    sign_in(participant)
    response = client.post(
        f"/plans/{participant.id}/goals/new",
        headers=HX,
        data={"title": "Arbeta\x00 i\x1b kök\x7f", "description": "Rad ett\r\nrad\ttvå\x00"},
    )
    assert response.status_code == 204 and "HX-Redirect" in response.headers  # saved: htmx goes to the plan
    goal = db.session.scalar(select(Goal))
    assert goal.title == "Arbeta i kök"
    assert goal.description.replace("\r\n", "\n") == "Rad ett\nrad\ttvå"


def test_nul_in_a_search_and_a_path_is_no_error(client, sign_in):
    sign_in(make_user(Role.COACH))
    assert client.get("/activities/?q=h%00lsa").status_code == 200
    assert client.get("/feedback/templates/a%00b").status_code == 404
    assert client.get("/participants/99999999999999999999").status_code == 404
