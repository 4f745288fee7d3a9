"""Several requests at the same moment, as real threads on the `shared_app` fixture's database
(a SQLite file, or a PostgreSQL schema with TEST_DATABASE_URL)."""

import threading

from webapp.extensions import db
from webapp.transaction import unit_of_work


def at_once(shared_app, work, times: int) -> list:
    """Run `work()` in `times` threads that start together, each as one unit of work with its
    own session; what each returned, or the exception it raised."""
    start = threading.Barrier(times)
    outcomes = [None] * times

    def run(index):
        with shared_app.app_context():
            db.session.connection()  # every thread holds its connection before the start
            start.wait()
            try:
                outcomes[index] = unit_of_work(work)()
            except Exception as error:  # noqa: BLE001 - the test inspects what each thread met
                outcomes[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes
