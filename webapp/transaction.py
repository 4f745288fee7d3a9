"""The request is the unit of work: services flush, this module commits.

One commit at the end of a request that did not fail (any status below 500: a form
re-rendered with 422 still keeps, say, the failed sign-in attempt it recorded), and a
rollback on an exception or a 5xx. A view that catches a service's refusal after the
service changed something calls `db.session.rollback()` itself before answering.
CLI commands get the same rule from `unit_of_work`."""

from functools import wraps

from flask import Flask, Response

from .extensions import db


def init_transactions(app: Flask) -> None:
    @app.after_request
    def commit_the_request(response: Response) -> Response:
        # A request that never touched the database (a static page, a sign-in form) has
        # nothing to commit: skip the session machinery.
        if not db.session.registry.has() or not db.session().in_transaction():
            return response
        if response.status_code < 500:
            db.session.commit()
        else:
            db.session.rollback()
        return response

    @app.teardown_request
    def roll_back_on_error(error):
        if error is not None:
            db.session.rollback()


def unit_of_work(command):
    """For CLI commands: commit when the command returns, roll back when it raises."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            result = command(*args, **kwargs)
        except BaseException:
            db.session.rollback()
            raise
        db.session.commit()
        return result

    return run
