"""Reusable widgets: data in through constructors and reactives, results out as messages."""
