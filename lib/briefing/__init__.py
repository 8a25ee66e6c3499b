"""The briefing book's helper library: content model, views and exporter."""

from .content import DataError, load_briefing
from .model import Briefing

__all__ = ["Briefing", "DataError", "load_briefing"]
