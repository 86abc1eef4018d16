"""`python -m mentorjournal`: the same entry point as the console script."""

from __future__ import annotations

from mentorjournal.cli.main import main

raise SystemExit(main())
