"""Reports: what the postmortems of a repository say together.

``records`` loads each postmortem's facts, ``metrics`` computes closure, SLO and
cause figures, ``followups`` lists follow-ups, ``exports`` writes them out, and
``renderers`` and ``dashboard`` render a computed report.
"""
