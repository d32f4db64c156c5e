"""recon: audit the figures quoted in research reports."""

__version__ = "0.1.0"
