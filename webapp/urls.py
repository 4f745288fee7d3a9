"""URLs in templates, each built once per address the app is served under.

Every page's header and footer build the same dozen URLs (the static files with their
content hash, home, the language form, the privacy pages); werkzeug builds each anew, some
15 microseconds apiece, a tenth of a signed-out page. A URL that names no values (or only a
static file's name) is the same for every request that reaches the app under the same
script root, so templates keep it. URLs with other values, relative endpoints (".index"),
anchors, schemes and external URLs are built as before; Python code keeps Flask's url_for."""

from flask import Flask, has_request_context, request


def init_template_urls(app: Flask) -> None:
    build = app.url_for
    kept: dict[tuple, str] = {}

    def url_for(endpoint: str, /, **values) -> str:
        plain = not values or (endpoint == "static" and values.keys() == {"filename"})
        if not plain or endpoint[:1] == "." or not has_request_context():
            return build(endpoint, **values)
        key = (request.script_root, endpoint, values.get("filename"))
        url = kept.get(key)
        if url is None:
            url = kept[key] = build(endpoint, **values)
        return url

    app.jinja_env.globals["url_for"] = url_for
