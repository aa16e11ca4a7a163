"""Why an application's state refuses a change; each message is for the person acting."""


class ApplicationError(Exception):
    """A change the application's state does not allow; the message says why."""


class SubmissionRefused(ApplicationError):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


class TransitionRefused(ApplicationError):
    """A status change the lifecycle does not allow."""
