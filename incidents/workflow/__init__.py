"""Every state change of the shared record, in one place.

Views, API endpoints, admin actions, commands and tasks call these functions; models, forms,
serializers and signals hold no workflow rules. Split by noun:
- incidents.py: create, update (optimistic locking), publish, reject, retract, merge;
- reports.py: receive an upload and queue its parse;
- parsing.py: run the parse into draft incidents, find their possible duplicates, sweep lost parses.
"""

from incidents.workflow.errors import StaleVersion, TransitionError
from incidents.workflow.incidents import (
    create_incident,
    merge,
    publish,
    reject,
    reopen,
    retract,
    set_actors,
    update_incident,
)
from incidents.workflow.parsing import parse_report, sweep_stuck_reports
from incidents.workflow.reports import UploadRejected, queue_parse, receive_report

__all__ = [
    "StaleVersion",
    "TransitionError",
    "create_incident",
    "merge",
    "publish",
    "reject",
    "reopen",
    "retract",
    "set_actors",
    "update_incident",
    "parse_report",
    "sweep_stuck_reports",
    "UploadRejected",
    "queue_parse",
    "receive_report",
]
