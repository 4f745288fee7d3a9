"""The privacy notice and the accessibility statement: the programme's own details, in four
languages, linked from every page's footer and from sign-in, shown on the invitation."""

import pytest

from webapp.accounts.models import Role
from webapp.auth.services import issue_invitation
from webapp.extensions import db
from webapp.privacy.models import PrivacySetting

from ..factories import make_enrolment, make_user


def test_the_notice_shows_the_programmes_own_details(client):
    enrolment = make_enrolment()
    programme = enrolment.organisation.programme
    db.session.add(
        PrivacySetting(
            programme_id=programme.id,
            controller="Hässleholms kommun, 212000-0951",
            dpo_contact="dataskyddsombud@hassleholm.se",
            retention_months=36,
            accessibility_gaps="Maps have no text alternative.",
            accessibility_contact="tillganglighet@hassleholm.se",
        )
    )
    db.session.commit()
    client.set_cookie("lang", "en")
    page = client.get(f"/privacy/notice?programme={programme.id}").get_data(as_text=True)
    for text in (
        "Hässleholms kommun, 212000-0951",
        "dataskyddsombud@hassleholm.se",
        "36 months",
        "Taking part in the programme",
        "GDPR article 6.1 e",
        "IMY",
    ):
        assert text in page
    statement = client.get(f"/privacy/accessibility?programme={programme.id}").get_data(as_text=True)
    for text in ("partly compliant", "Maps have no text alternative.", "tillganglighet@hassleholm.se", "Digg"):
        assert text in statement


@pytest.mark.parametrize("lang", ["sv", "ar", "ti", "en"])
def test_every_page_footer_links_to_the_notices_in_each_language(client, lang):
    client.set_cookie("lang", lang)
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'href="/privacy/notice"' in page and 'href="/privacy/accessibility"' in page
    for url in ("/privacy/notice", "/privacy/accessibility"):
        response = client.get(url)
        assert response.status_code == 200 and f'lang="{lang}"' in response.get_data(as_text=True)


def test_the_participant_sees_the_notice_when_accepting_the_invitation(client):
    enrolment = make_enrolment()
    coach = enrolment.responsible_coach
    token = issue_invitation(enrolment.participant, coach)
    db.session.commit()
    client.set_cookie("lang", "en")
    page = client.get(f"/invitation/{token}").get_data(as_text=True)
    assert "How Vägen uses your personal information" in page
    assert f"/privacy/notice?programme={enrolment.organisation.programme_id}" in page


def test_only_a_programme_admin_changes_the_details(client, sign_in):
    sign_in(make_user(Role.COACH))
    assert client.post("/privacy/settings", data={"controller": "Someone"}).status_code == 403
