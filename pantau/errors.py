"""Errors a person can act on, and the exit codes they map to.

Every failure the CLI reports is one of these: the message is a single line that names the
problem and what to do about it; the exit code tells scripts what kind of failure it was.
"""

EXIT_OK = 0
EXIT_PARTIAL = 1  # the job finished, but some sources or inputs failed (see the log)
EXIT_USAGE = 2  # bad arguments or configuration: nothing was done
EXIT_DATA = 3  # an input or database cannot be used: nothing was changed


class PantauError(Exception):
    """A problem the user must fix; `str(err)` is the one-line explanation."""

    exit_code = EXIT_USAGE


class ConfigError(PantauError):
    """The sources file or another setting is missing or malformed."""

    exit_code = EXIT_USAGE


class DataError(PantauError):
    """A database, archive or input file cannot be read."""

    exit_code = EXIT_DATA
