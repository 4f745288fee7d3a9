"""Every form, fuzzed: whatever text arrives in whichever field, the answer is never a 500.

The forms are found, not listed: every POST route of the url_map, with the fields of a
form posting to it on the pages its people reach (a new form is covered automatically);
a POST route no page reaches gets every field name seen anywhere. Each route is posted
by a person allowed to use it, on the demo data."""

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from tests.conftest import sign_in_client
from webapp.access import PUBLIC, SIGNED_IN, declared_access
from webapp.accounts.models import User
from webapp.demo.seed import seed_demo
from webapp.extensions import db

from .crawl import crawl, post_forms
from .test_every_route import PEOPLE, parameter_values, routes, urls_for

NASTY = [
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x7f\x85\x9c",
    "line\r\nbreak\ttab",
    "x" * 5000,
    "ن" * 300,
    "مرحبا بالعالم",
    "ሰላም ዓለም",
    "👩‍👩‍👧‍👦" * 40,
    "\u202eevil\u202c",
    "\ufeff",
    " ",
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "25:61",
    "<script>x</script>",
    "%s%(x)s",
]
JUNK = st.one_of(st.text(max_size=60), st.sampled_from(NASTY))
EXAMPLES = 6


def _sign_in(client, role):
    with client.session_transaction() as session:
        session.clear()
    if PEOPLE[role] is not None:
        sign_in_client(client, db.session.scalar(select(User).where(User.sign_in_name == PEOPLE[role])))


def _endpoint(app, url):
    try:
        return app.url_map.bind("localhost").match(url.split("?")[0], method="POST")[0]
    except HTTPException:
        return None


def _forms_by_endpoint(app, client) -> tuple[dict, set]:
    """{endpoint: (role, url, fields)} from the forms each person meets; every field name seen."""
    found, names = {}, set()
    for role in PEOPLE:
        _sign_in(client, role)
        for page, html in crawl(client, "/" if PEOPLE[role] else "/sign-in", limit=70, fragments=False).items():
            for form in post_forms(html):
                url = form["action"] or page
                endpoint = _endpoint(app, url)
                names.update(form["fields"])
                if endpoint and endpoint != "auth.sign_out":
                    found.setdefault(endpoint, (role, url, form["fields"]))
    return found, names


def _role_for(access) -> str:
    if access == PUBLIC:
        return "anonymous"
    if access == SIGNED_IN:
        return "participant"
    return next(role for role in PEOPLE if role != "anonymous" and any(r.value == role for r in access))


def test_no_form_answers_500_to_any_text(app, client, monkeypatch):
    monkeypatch.setattr("webapp.demo.seed.hash_password", lambda password: "not-a-hash")  # argon2 is slow
    seed_demo()
    db.session.commit()
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # a crash is a 500 like in production
    found, names = _forms_by_endpoint(app, client)
    targets = []
    for rule in routes(app, "POST"):
        if rule.endpoint == "auth.sign_out":
            continue
        if rule.endpoint in found:
            targets.append((rule.endpoint, *found[rule.endpoint]))
            continue
        role = _role_for(declared_access(app, rule.endpoint))
        _sign_in(client, role)
        user = db.session.scalar(select(User).where(User.sign_in_name == PEOPLE[role])) if PEOPLE[role] else None
        url = urls_for(app, rule, parameter_values(user))[0]
        targets.append((rule.endpoint, role, url, {name: [""] for name in names}))
    assert len(found) >= len(targets) // 2, sorted(set(r.endpoint for r in routes(app, "POST")) - set(found))

    failures = []
    for _endpoint, role, url, fields in targets:
        _sign_in(client, role)
        try:
            _poster(client, role, url, fields)()
        except AssertionError as error:
            failures.append(str(error).splitlines()[0][:600])
    assert not failures, "\n".join(failures)


def _poster(client, role, url, fields):
    """Hypothesis posts junk (or an offered value) into each field of one form."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(st.data())
    def post_anything(data):
        form = {}
        for name, values in fields.items():
            if data.draw(st.booleans(), label=name):
                form[name] = data.draw(JUNK, label=name)
            elif values:
                form[name] = data.draw(st.sampled_from(values), label=name)
        response = client.post(url, data=form)
        assert response.status_code < 500, f"{role} POST {url} {form!r}: {response.status_code}"

    return post_anything
