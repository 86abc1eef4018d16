"""mentorjournal: a private terminal journal for a mentoring pair."""

__version__ = "0.1.0"
