"""`python -m briefing check|export`: see cli.py."""

from .cli import main

raise SystemExit(main())
