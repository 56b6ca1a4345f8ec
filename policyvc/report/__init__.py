"""Reporters: the only code that prints what ``build`` and ``site`` computed (text for people, JSON for tools)."""
