"""image-tagger: a package with init inputs, an entity input, progress reports and a retry demo.

The service is deployed with initParams {"model_name": ..., "threshold": ...}. __init__ runs once per
replica and rejects a threshold outside 0..1, the way a real model loader fails on bad configuration.
"tag" stands in for a model: it scores a fixed label set with a hash of the model name, the label and the
item's name and metadata, so the same item always gets the same tags.
"""

import hashlib
import os
import re
import tempfile

import faas

# label -> words that make it certain (score 1.0); other labels get a deterministic pseudo-score.
LABELS = {
    "animal": {"animal", "bird", "cat", "dog", "horse"},
    "building": {"building", "house", "tower"},
    "car": {"car", "truck", "vehicle"},
    "document": {"document", "invoice", "receipt", "scan"},
    "food": {"food", "pizza", "salad"},
    "landscape": {"beach", "landscape", "mountain", "valley"},
    "person": {"face", "people", "person", "portrait"},
    "plant": {"flower", "plant", "tree"},
    "sky": {"cloud", "sky", "sunset"},
    "water": {"lake", "river", "sea", "water"},
}


def _words(value):
    """Lower-case words found in a string, or in the keys and values of a (nested) dict or list."""
    if value is None:
        return []
    if isinstance(value, dict):
        words = []
        for key, inner in sorted(value.items(), key=lambda pair: str(pair[0])):
            words += _words(str(key)) + _words(inner)
        return words
    if isinstance(value, (list, tuple)):
        words = []
        for inner in value:
            words += _words(inner)
        return words
    return re.findall(r"[a-z0-9]+", str(value).lower())


class ServiceRunner(faas.BaseServiceRunner):
    def __init__(self, model_name: str, threshold: float):
        if not model_name or not str(model_name).strip():
            raise ValueError("model_name must not be empty")
        try:
            threshold = float(threshold)
        except (TypeError, ValueError):
            raise ValueError(f"threshold must be a number between 0 and 1, got {threshold!r}") from None
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.model_name = str(model_name).strip()
        self.threshold = threshold

    def _score(self, label, words):
        if LABELS[label] & set(words):
            return 1.0
        digest = hashlib.sha256(f"{self.model_name}|{label}|{' '.join(words)}".encode("utf-8")).digest()
        return int.from_bytes(digest[:4], "big") / 0xFFFFFFFF

    def tag(self, item: faas.Item, progress: faas.Progress):
        name = getattr(item, "name", None) or ""
        progress.update(status="inProgress", progress=0, message=f"tagging {name or item.id} with {self.model_name}")

        words = _words(name) + _words(getattr(item, "metadata", None))
        progress.update(status="inProgress", progress=25, message=f"read {len(words)} words from name and metadata")

        scores = {label: self._score(label, words) for label in LABELS}
        progress.update(status="inProgress", progress=50, message=f"scored {len(LABELS)} labels")

        tags = [
            {"label": label, "score": round(score, 4)}
            for label, score in sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
            if score >= self.threshold
        ]
        progress.update(status="inProgress", progress=75, message=f"{len(tags)} labels reach {self.threshold}")

        progress.update(status="inProgress", progress=100, message="tagging done")
        return {
            "itemId": item.id,
            "model": self.model_name,
            "threshold": self.threshold,
            "tags": tags,
        }

    def flaky(self, key: str):
        state_dir = os.environ.get("FAAS_SAMPLE_STATE_DIR") or tempfile.gettempdir()
        os.makedirs(state_dir, exist_ok=True)
        marker = os.path.join(state_dir, "image-tagger-flaky-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32])
        try:
            # O_EXCL: exactly one attempt creates the marker, even when attempts race.
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return {"key": key, "status": "succeeded", "message": "an earlier attempt failed; this one succeeds"}
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key)
        raise RuntimeError(f"first attempt for key {key!r} fails on purpose; the retry will succeed")
