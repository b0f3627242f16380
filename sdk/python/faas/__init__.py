"""Faas.Serverless Python SDK: write a service class, the worker runs it on the platform.

    import faas

    class ServiceRunner(faas.BaseServiceRunner):
        def __init__(self, threshold: float = 0.5):
            self.threshold = threshold

        def run(self, item: faas.Item, progress: faas.Progress, context: faas.Context):
            progress.update(status="inProgress", progress=50)
            context.logger.info("tagging %s", item.id)
            return {"itemId": item.id}
"""

from .context import Context, ExecutionLogger
from .entities import Annotation, Assignment, Dataset, Entity, Item, Model, Resource, Task
from .errors import ExecutionTerminated
from .progress import Progress
from .runner import BaseServiceRunner

__version__ = "0.1.0"

__all__ = [
    "Annotation",
    "Assignment",
    "BaseServiceRunner",
    "Context",
    "Dataset",
    "Entity",
    "ExecutionLogger",
    "ExecutionTerminated",
    "Item",
    "Model",
    "Progress",
    "Resource",
    "Task",
    "__version__",
]
