"""``python -m samennw``: the same as the ``samennw`` command."""

from samennw.cli import main

raise SystemExit(main())
