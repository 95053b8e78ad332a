"""pantau: Ombudsman RI public-service scores from Indonesian news."""

__version__ = "0.1.0"
