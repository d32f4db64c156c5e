"""Typed errors for bad usage and bad configuration.

Bad *data* (an unreadable report) is a result, not an exception: it becomes a row in the
documents table. These exceptions are for what the user must fix before a run can mean anything.
The CLI renders every ``ReconError`` once, as ``Error: <path>: <reason>``, and exits 2.
"""

from __future__ import annotations


class ReconError(Exception):
    """Base class: something the user must fix, located at ``path`` (and ``key`` when known)."""

    def __init__(self, path: str | None, reason: str, key: str | None = None):
        self.path = str(path) if path is not None else None
        self.reason = reason
        self.key = key
        super().__init__(self.render())

    def render(self) -> str:
        """``<path>: <key>: <reason>``, the line the CLI prints after ``Error:`` (key only when known)."""
        where = self.path or "recon"
        if self.key:
            where = f"{where}: {self.key}"
        return f"{where}: {self.reason}"


class SourceNotFoundError(ReconError):
    """A path given on the command line does not exist."""


class UnreadableSourceError(ReconError):
    """A report could not be read (binary, corrupt PDF, undecodable, empty)."""


class ConfigError(ReconError):
    """A glossary, suite or settings file in ``expectations/`` is malformed."""


class ReviewsFileError(ReconError):
    """The reviews file cannot be read or written."""


class FindingIdError(ReconError):
    """A review's finding id names none, or several, of the latest ``findings.json`` (or there is none)."""


class RunDirectoryError(ReconError):
    """A directory given to ``recon diff`` does not hold the outputs of a ``recon audit`` run."""


class BaselineError(ReconError):
    """A ``--baseline`` file is not the ``findings.json`` of an earlier ``recon audit`` run."""


class OutputError(ReconError):
    """An output file or directory cannot be written."""
