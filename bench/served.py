"""The app as gunicorn serves it (webapp.wsgi), with one page more for bench/load.py: the
signed-in floor, the least any signed-in page of Vägen costs.

It is a participant's page with nothing on it: the sign-in session and the person read from
the database (one query), the access check, the header's unread count (one query), the
base template with the participant's navigation, the transaction's end. Every key page pays
this before it shows anything, so the benchmark can tell the cost of being signed in from
the cost of each page. Served only by the benchmark, never by the app.

    gunicorn -w 2 --threads 4 --chdir bench served:app
"""

from flask import make_response, render_template

from webapp.access import allow
from webapp.accounts.models import Role
from webapp.security import no_store
from webapp.wsgi import app

EMPTY_PAGE = app.jinja_env.from_string('{% extends "base.html" %}{% block content %}<h1>Vägen</h1>{% endblock %}')


@app.get("/bench/signed-in-floor")
@allow(Role.PARTICIPANT)
def signed_in_floor():
    return no_store(make_response(render_template(EMPTY_PAGE)))
