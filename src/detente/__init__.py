"""detente: political event data from news text.

>>> import detente
>>> result = detente.extract("Poland expelled two Russian diplomats on Tuesday.", published="2024-03-01")
>>> [(e.type, e.source.country, e.target.country) for e in result.events]
"""

from .errors import DetenteError, InputError, KnowledgeBaseError
from .ingest import read_documents
from .pipeline import Pipeline, extract, extract_many
from .records import Actor, ActorSummary, Document, Event, Quote, Result
from .store import IngestSummary, Store

__version__ = "0.1.0"

__all__ = [
    "Actor", "ActorSummary", "DetenteError", "Document", "Event", "IngestSummary", "InputError",
    "KnowledgeBaseError", "Store",
    "Pipeline", "Quote", "Result", "extract", "extract_many", "read_documents", "__version__",
]
