"""samennw: the secretariat of Nationaal Programma Samen Nieuw-West as code."""

__version__ = "0.1.0"
