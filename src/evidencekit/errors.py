"""One exception hierarchy; each error carries its exit code and a hint.

The CLI turns these into messages and exit codes in one place (``cli.py``).
"""

from __future__ import annotations

from enum import IntEnum

from evidencekit.i18n import Message


class ExitCode(IntEnum):
    """Documented exit codes (DESIGN.md); scripts rely on them."""

    OK = 0
    INTERNAL = 1
    USAGE = 2
    BAD_INPUT = 3
    VERIFICATION_FAILED = 4
    CANNOT_VERIFY = 5
    REQUIREMENTS_UNMET = 6
    SIGNING_FAILED = 7
    UNTRUSTED = 8  # intact, but not sealed by anyone given with --trust
    CASES_FAILED = 9  # batch: some cases failed (each one's own code is on its line), the others are sealed
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # stdout closed by its reader (`| head`): ended quietly, as SIGPIPE would
    TERMINATED = 143


class EvidencekitError(Exception):
    """Base error: ``message`` says what went wrong, ``hint`` what to do next.

    Both are given as catalog messages (``msg("err.…", path=…)``), rendered in the
    user's language where they are shown (:meth:`text`, :meth:`hint_text`); ``message``
    and ``hint`` keep the English text, as before, for scripts and logs. A plain string
    is still accepted (and shown as it is in every language).
    """

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str | Message, hint: str | Message | None = None, *, path: str | None = None):
        super().__init__(str(message))
        self.msg = message if isinstance(message, Message) else None
        self.hint_msg = hint if isinstance(hint, Message) else None
        self.message = str(message)
        self.hint = str(hint) if hint is not None else None
        self.path = path

    def text(self, lang: str) -> str:
        """What went wrong, in ``lang``."""
        return self.msg.text(lang) if self.msg is not None else self.message

    def hint_text(self, lang: str) -> str | None:
        """What to do next, in ``lang`` (None when there is no hint)."""
        return self.hint_msg.text(lang) if self.hint_msg is not None else self.hint

    def __str__(self) -> str:
        return self.message


class BadInput(EvidencekitError):
    """Unreadable path, bad case.toml, or a file that blocks the run."""

    exit_code = ExitCode.BAD_INPUT


class OutputExists(BadInput):
    """The output file exists and ``--force`` was not given."""


class OutputUnwritable(BadInput):
    """The output cannot be written: disk full, name too long, read-only, no permission.

    The message names the output file or its folder, never an input.
    """


class CannotVerify(EvidencekitError):
    """Not an evidencekit dossier, or a structure we cannot check."""

    exit_code = ExitCode.CANNOT_VERIFY


class ManifestDamaged(CannotVerify):
    """The sealed manifest is not what the schema says (e.g. an item that is not an object)."""


class VerificationFailed(EvidencekitError):
    """Raised only where a command must stop on a failed check (``extract``)."""

    exit_code = ExitCode.VERIFICATION_FAILED


class SigningFailed(EvidencekitError):
    """No usable identity, wrong passphrase, signer or TSA failure."""

    exit_code = ExitCode.SIGNING_FAILED


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that every ``finally`` and atomic output
    cleans up on the way out (a BaseException, like KeyboardInterrupt, so that no
    ``except Exception`` swallows it)."""
