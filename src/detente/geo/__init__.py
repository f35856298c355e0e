"""Where events happened: place mentions, the offline gazetteer and the geolocation stage."""

from .gazetteer import Gazetteer, Place, gazetteer, haversine_km
from .locate import Locator

__all__ = ["Gazetteer", "Locator", "Place", "gazetteer", "haversine_km"]
