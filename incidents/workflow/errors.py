class TransitionError(Exception):
    """The incident or report is not in a state that allows this change (the API answers 409)."""


class StaleVersion(TransitionError):
    """The change was based on an older version than the one stored: someone saved in between."""

    def __init__(self, incident_id: int, expected: int, current: int):
        self.incident_id, self.expected, self.current = incident_id, expected, current
        super().__init__(
            f"Incident {incident_id} was changed by someone else (you edited version {expected}, "
            f"it is now at version {current}). Reload it and apply your change again."
        )
