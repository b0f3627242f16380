"""report module of the multi-module sample: summarises documents with the shared common.text."""

import os
import sys
from collections import Counter

try:
    from common import text as shared
except ImportError:  # the worker puts the codebase root on sys.path; this also lets the file run on its own
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from common import text as shared

import faas


class ReportRunner(faas.BaseServiceRunner):
    def __init__(self, title: str = "Word report"):
        self.title = str(title).strip() or "Word report"

    def summary(self, documents):
        if isinstance(documents, str):
            documents = [documents]
        if not isinstance(documents, list):
            raise TypeError("documents must be a string or a list of strings")
        totals = Counter()
        for document in documents:
            totals.update(shared.count_words(document))
        return {
            "title": self.title,
            "documents": len(documents),
            "words": sum(totals.values()),
            "distinctWords": len(totals),
            "topWords": shared.top_words(totals, limit=5),
        }
