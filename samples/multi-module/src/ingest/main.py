"""ingest module of the multi-module sample: normalises and counts text with the shared common.text."""

import os
import sys

try:
    from common import text as shared
except ImportError:  # the worker puts the codebase root on sys.path; this also lets the file run on its own
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from common import text as shared

import faas


class IngestRunner(faas.BaseServiceRunner):
    def normalize(self, text: str):
        normalized = shared.normalize(text)
        return {"text": normalized, "words": len(shared.words(normalized))}

    def count_words(self, text: str):
        counts = shared.count_words(text)
        return {"total": sum(counts.values()), "distinct": len(counts), "counts": counts}
