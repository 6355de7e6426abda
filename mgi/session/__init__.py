"""A live working-group session: weights collected in the room, the ranking on the screen,
decisions recorded.

``mgi session start`` serves, from the facilitator's laptop, a page for each participant
(points, a ranking or pairwise comparisons of the criteria, from a phone) and a facilitator and
projector page (submissions, the group's weights and agreement, the ranking under every method,
what-if sliders, why each objective ranks where it does, the group's decisions). The state is
one SQLite file (:mod:`mgi.session.store`); every number comes from the library through
:mod:`mgi.session.engine`; :mod:`mgi.session.export` writes the files the rest of mgi reads.
See ``docs/session.md``.
"""

from mgi.session.store import DECISIONS, SCHEMA_VERSION, SessionStore

__all__ = ["DECISIONS", "SCHEMA_VERSION", "SessionStore"]
