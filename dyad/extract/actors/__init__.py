"""The actors stage: mentions of states, organisations, people and places linked to the actor
knowledge (:mod:`.link`), people by name, title and date (:mod:`.people`)."""

from dyad.extract.actors.link import link_actors

__all__ = ["link_actors"]
