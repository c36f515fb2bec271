"""Entry point: ``python -m dashboard <command>``."""

from dashboard.cli import main

raise SystemExit(main())
