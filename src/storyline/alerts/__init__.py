"""Alerts: saved queries over merged events, checked after each ingest, written to
stdout, a JSON Lines file or a webhook once per matching event (and again when its
toll or status changes).

- :mod:`storyline.alerts.query`: the query line (``type=ASSAULT country=UKR killed>=5``);
- :mod:`storyline.alerts.sinks`: where firings go;
- :mod:`storyline.alerts.check`: adding alerts and checking them.
"""

from __future__ import annotations

from .check import CheckReport, add_alert, check_alerts, fingerprint
from .query import parse_query
from .sinks import parse_sink

__all__ = ["CheckReport", "add_alert", "check_alerts", "fingerprint", "parse_query",
           "parse_sink"]
