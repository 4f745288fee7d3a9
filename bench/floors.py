"""The two floors the load benchmark compares Vägen with, served by the same gunicorn:

- /bare: a Flask route returning two bytes;
- /plain: a plain Flask + SQLAlchemy + Jinja page: two queries, fifteen rows, a table.

    gunicorn -w 2 --threads 4 --chdir bench floors:app    (BENCH_DATABASE_URL: the same database)
"""

import os

from flask import Flask
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ.get("BENCH_DATABASE_URL", "sqlite://"), pool_pre_ping=True)
PAGE = app.jinja_env.from_string("""<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1>
<table><thead><tr><th>Namn</th><th>Inloggning</th></tr></thead><tbody>
{% for row in rows %}<tr><td>{{ row.full_name }}</td><td>{{ row.sign_in_name }}</td></tr>
{% endfor %}</tbody></table></body></html>""")


@app.get("/bare")
def bare():
    return "ok"


@app.get("/plain")
def plain():
    with engine.connect() as connection:
        title = connection.execute(text("SELECT name FROM programme ORDER BY id LIMIT 1")).scalar() or "Vägen"
        rows = connection.execute(text("SELECT full_name, sign_in_name FROM app_user ORDER BY id LIMIT 15")).all()
    return PAGE.render(title=title, rows=rows)
