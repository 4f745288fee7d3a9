"""Page sizes the national-scale issue sets, checked in bytes (not time): a supervisor with
25 placed participants, missed feedback points and weeks to confirm gets a home page under
60 KB of HTML, in each of the four languages (Arabic and Tigrinya letters take two and three
bytes), because the home shows what needs doing now and links to the rest."""

import pytest
from sqlalchemy import func, select

from tests.conftest import sign_in_client
from webapp.accounts.models import User
from webapp.demo.scale import DEMO_SUPERVISOR, seed_scale
from webapp.extensions import db
from webapp.placements.models import Placement

LIMIT = 60_000


@pytest.mark.parametrize("language", ["sv", "en", "ar", "ti"])
def test_the_supervisor_home_with_25_placed_stays_under_60_kb(app, language):
    seed_scale(participants=600, coaches=15, employers=40, placements=120)
    supervisor = db.session.scalar(select(User.id).where(User.sign_in_name == DEMO_SUPERVISOR))
    db.session.get(User, supervisor).preferred_language = language
    db.session.commit()
    placed = db.session.scalar(select(func.count()).where(Placement.supervisor_id == supervisor))
    assert placed >= 25
    client = app.test_client()
    sign_in_client(client, supervisor)
    home = client.get("/home/supervisor")
    assert home.status_code == 200
    assert f'lang="{language}"' in home.get_data(as_text=True)
    assert len(home.data) < LIMIT, len(home.data)
    page = home.get_data(as_text=True)
    assert 'id="feedback-due"' in page and 'id="attendance-weeks"' in page
    every = client.get("/feedback/due").get_data(as_text=True)
    # Whatever the home leaves out is on the page it links to.
    assert every.count('class="due-item"') >= page.count('class="due-item"')
    if "/feedback/due" in page:
        assert every.count('class="due-item"') > page.count('class="due-item"')
