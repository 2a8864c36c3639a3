"""expediente: a searchable, citable archive of Mexican official letters and press releases."""

__version__ = "0.1.0"
