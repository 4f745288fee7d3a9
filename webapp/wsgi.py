"""The app as a server runs it: `gunicorn webapp.wsgi:app`.

What the app builds at start (modules, routes, templates, translations: some 180,000
objects) lives as long as the worker. Python's garbage collector would walk all of it on
every full collection, about every twenty requests of a busy page: 100 ms each at national
scale, 7-11 ms a request on average on the participant's home and the openings search.
`gc.freeze()` sets it aside, so collections walk only what requests make. Not in
create_app: tests build many apps, and frozen objects are never freed."""

import gc

from . import create_app

app = create_app()
gc.collect()
gc.freeze()
