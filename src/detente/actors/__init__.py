"""Actors: the knowledge base of states, organisations and office holders, and mention resolution."""

from .kb import Entry, KnowledgeBase, load_knowledge_base
from .resolve import ActorResolver, Resolution

__all__ = ["ActorResolver", "Entry", "KnowledgeBase", "Resolution", "load_knowledge_base"]
