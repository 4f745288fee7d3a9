"""Every full page the browser journeys receive is kept and checked with the W3C Nu HTML
checker (vnu.jar, installed by .ci/install-vnu). The only errors let through are htmx's
own attributes (hx-*), which HTML does not know.

Run by the e2e session: `python -m pytest e2e` (or one journey file) ends with the check, and
fails when the checker reports an error. To check the pages by hand:

    java -jar .ci/node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --errors-only \\
         --filterpattern '.*hx-.*' FOLDER_OF_PAGES
"""

import hashlib
import os
import subprocess
from pathlib import Path

from flask import Flask, request

VNU_JAR = Path(__file__).resolve().parent.parent / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = ".*hx-.*"  # htmx attributes: not HTML, and meant to be there


def keep_pages(app: Flask, folder: Path) -> None:
    """Save each full HTML page the app sends (not htmx fragments), once per distinct content."""

    @app.after_request
    def keep(response):
        if (
            response.mimetype == "text/html"
            and not response.direct_passthrough
            and not request.headers.get("HX-Request")
        ):
            body = response.get_data()
            digest = hashlib.sha256(body).hexdigest()[:16]
            name = request.path.strip("/").replace("/", "_") or "index"
            (folder / f"{name[:80]}-{response.status_code}-{digest}.html").write_bytes(body)
        return response


def check(folder: Path) -> str | None:
    """The checker's report on every kept page, or None when it finds no error."""
    pages = sorted(folder.glob("*.html"))
    if not pages:
        return None
    if not VNU_JAR.exists():
        if os.environ.get("CI"):
            return f"The Nu HTML checker is missing ({VNU_JAR}): run .ci/install-vnu"
        print(f"\nNu HTML checker not installed ({VNU_JAR}); run .ci/install-vnu to check {len(pages)} pages.")
        return None
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--skip-non-html",
            "--errors-only",
            "--filterpattern",
            ALLOWED,
            *map(str, pages),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode == 0:
        return None
    return f"The Nu HTML checker found errors in the pages the journeys visited:\n{result.stderr}{result.stdout}"
