"""The command line: a thin Typer layer over the operations."""

from samennw.cli.app import main

__all__ = ["main"]
