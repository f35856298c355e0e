"""Events: the lexicon of triggers and the coder that turns parsed sentences into events."""

from .lexicon import Lexicon, LexiconEntry, load_lexicon

__all__ = ["Lexicon", "LexiconEntry", "load_lexicon"]
