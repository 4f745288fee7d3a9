"""webapp.wsgi: the app gunicorn serves, with what it built at start set aside from the
garbage collector."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SERVE = """
import gc
from webapp.wsgi import app
frozen = gc.get_freeze_count()
page = app.test_client().get("/sign-in", headers={"Accept-Language": "sv"})
print(frozen, page.status_code, "Logga in" in page.get_data(as_text=True))
"""


def test_the_served_app_answers_with_what_it_built_at_start_frozen(tmp_path):
    env = {
        **os.environ,
        "SECRET_KEY": "test-only",
        "PUBLIC_BASE_URL": "https://vagen.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'wsgi.db'}",
    }
    env.pop("FLASK_RUN_FROM_CLI", None)
    out = subprocess.run([sys.executable, "-c", SERVE], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    frozen, status, signed_out_page = out.stdout.split()
    assert int(frozen) > 50_000
    assert (status, signed_out_page) == ("200", "True")
