"""The base class of every service class."""


class BaseServiceRunner:
    """Base class of the class named by a module's ``className``.

    The worker builds the class once per replica with the service's ``initParams`` as keyword arguments
    (``ServiceRunner(**initParams)``), so ``__init__`` is the place to load models or open clients. Each public
    method named in the module's ``functions`` can then be invoked, concurrently when the service's
    ``concurrency`` is above 1: keep per-call state in locals, not on ``self``.
    """

    def on_shutdown(self) -> None:
        """Called once when the replica stops, after running calls drained; release resources here.

        It runs on the worker's main thread; an exception is written to the worker's stderr and does not
        change the exit code.
        """
