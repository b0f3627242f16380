"""Text helpers shared by the ingest and report modules (one codebase, two modules)."""

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def normalize(text):
    """NFKC-normalises, strips accents, lower-cases and collapses whitespace."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = unicodedata.normalize("NFKC", without_accents).casefold()
    return " ".join(folded.split())


def words(text):
    """The words of a text, normalised; apostrophes inside a word are kept ("don't")."""
    return [word.replace("’", "'") for word in _WORD.findall(normalize(text))]


def count_words(text):
    """Word -> count, most frequent first (ties in alphabetical order)."""
    counts = Counter(words(text))
    return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))


def top_words(counts, limit=5):
    """The `limit` most frequent words of a word -> count mapping, as [{"word", "count"}]."""
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [{"word": word, "count": count} for word, count in ordered[: max(0, int(limit))]]
