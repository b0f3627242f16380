"""Exceptions that user code may see or raise."""


class ExecutionTerminated(BaseException):
    """Raised inside a call's thread when the platform terminates its execution.

    It derives from BaseException, like KeyboardInterrupt, so that the common ``except Exception:`` in user
    code does not swallow a termination. Catch it only to clean up, then re-raise.
    """
