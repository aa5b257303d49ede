"""``storyline alert add|list|remove|check|firings``: saved queries over merged events."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from ..errors import StorylineError
from . import app
from .common import fail, report, setting_option
from .query import FORMAT, Format, emit

if TYPE_CHECKING:
    from ..store import Database

alert_app = typer.Typer(
    name="alert", no_args_is_help=True,
    help="Alerts: saved queries over merged events, checked after each ingest and watch cycle.")
app.add_typer(alert_app, name="alert")

DB = setting_option("db", "--db")


@alert_app.command("add")
def add_command(
    query: str = typer.Argument(
        ..., metavar="QUERY",
        help='Conditions, all of which must hold: key=value for actor, country, type, status, '
        'from, to, place, q, story, article (as `storyline events`); killed>=N, injured>=N. '
        'E.g. "type=ASSAULT country=UKR killed>=5".'),
    to: str = typer.Option(
        "stdout", "--to",
        help="Where firings go: stdout (JSON Lines on the standard output of the command that "
        "checks: watch, ingest, alert check), a file (JSON Lines, appended) or an http(s) "
        "URL (a webhook: one POST of JSON per firing)."),
    name: str = typer.Option(None, "--name", help="A name to show (default: the query)."),
    fire_existing: bool = typer.Option(
        False, "--fire-existing",
        help="Fire for the events that already match too (default: only what comes next)."),
    db: str = DB,
) -> None:
    """Save an alert. It fires once per matching merged event, and again only when that
    event's toll or status changes."""
    from ..alerts import add_alert
    from ..store import open_db

    try:
        with open_db(db) as database:
            alert_id = add_alert(database, query, to, name=name, fire_existing=fire_existing)
            sink = database.alert(alert_id)["sink"]
    except StorylineError as err:
        raise fail(err) from None
    sys.stderr.write(f"storyline: alert {alert_id} saved: {query} → {sink}\n")


@alert_app.command("list")
def list_command(fmt: Format = FORMAT, db: str = DB) -> None:
    """Every alert, how often it fired and when it last did."""
    from .query import _run

    rows = _run(db, lambda d: d.alerts())
    emit(rows, fmt, ("id", "name", "query", "sink", "n_fired", "last_fired", "n_failed"),
         "alerts")


@alert_app.command("remove")
def remove_command(alert_id: int = typer.Argument(..., metavar="ID"), db: str = DB) -> None:
    """Delete an alert and its history."""
    from ..store import open_db

    try:
        with open_db(db) as database:
            database.remove_alert(alert_id)
    except StorylineError as err:
        raise fail(err) from None
    sys.stderr.write(f"storyline: alert {alert_id} removed\n")


def check_and_report(database: Database) -> int:
    """Check every alert (firings to their sinks, delivery failures on stderr); returns
    the number of failed deliveries. Called after ingests."""
    from ..alerts import check_alerts

    checked = check_alerts(database)
    for err in checked.failures:
        report(err)
    if checked.fired:
        sys.stderr.write(f"storyline: {len(checked.fired)} alert(s) fired\n")
    return len(checked.failures)


@alert_app.command("check")
def check_command(db: str = DB) -> None:
    """Check every alert now (as watch and ingest do after storing articles)."""
    from ..store import open_db

    try:
        with open_db(db) as database:
            failed = check_and_report(database)
    except StorylineError as err:
        raise fail(err) from None
    if failed:
        raise typer.Exit(code=1)


@alert_app.command("firings")
def firings_command(
    alert_id: int = typer.Option(None, "--alert", help="Only this alert's firings."),
    limit: int = typer.Option(50, "--limit", help="Firings to show, newest first."),
    fmt: Format = FORMAT, db: str = DB,
) -> None:
    """Past firings, newest first (with failed deliveries)."""
    from .query import _run

    rows = _run(db, lambda d: d.firings(alert_id, 0, limit))
    for r in rows:
        event = (r.get("payload") or {}).get("event") or {}
        r["summary"] = event.get("summary")
        if fmt is Format.table:
            r.pop("payload", None)
    emit(rows, fmt, ("id", "alert_id", "fired_at", "kind", "cluster_id", "summary", "delivered",
                     "error"), "alert firings")
