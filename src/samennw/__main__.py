"""``python -m samennw``: the same as the ``samennw`` command."""

from samennw.cli.app import main

raise SystemExit(main())
