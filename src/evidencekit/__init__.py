"""evidencekit: complaint evidence into one hashed, sealed, verifiable PDF dossier.

The library API (the CLI is a thin layer over it)::

    from evidencekit import BundleOptions, build_dossier, load_identity, verify_dossier
    identity = load_identity(Path("me.p12"))
    result = build_dossier(Path("case"), BundleOptions(output=Path("case.pdf")), identity=identity)
    report = verify_dossier(result.output)          # report.exit_code, report.verdict, report.findings

Every function takes what it needs explicitly (an identity, a clock, a progress callback);
none prints, none writes a signing key as a side effect, and none calls ``sys.exit``. Errors
are :class:`EvidencekitError` subclasses carrying their :class:`ExitCode`.

Names are loaded on first use, so ``import evidencekit`` (and the CLI's ``--help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it
_EXPORTS = {
    # the stages and the commands
    "build_dossier": "evidencekit.pipeline", "BundleOptions": "evidencekit.pipeline",
    "BundleResult": "evidencekit.pipeline",
    "preview_dossier": "evidencekit.pipeline", "Summary": "evidencekit.summary",
    "inspect_folder": "evidencekit.inspection", "Inspection": "evidencekit.inspection",
    "plan_dossier": "evidencekit.plan", "DossierPlan": "evidencekit.plan",
    "check_dossier": "evidencekit.checking", "CheckOutcome": "evidencekit.checking",
    "check_case": "evidencekit.channels", "CheckReport": "evidencekit.channels",
    "verify_dossier": "evidencekit.verify", "VerifyReport": "evidencekit.verify", "Finding": "evidencekit.verify",
    "save_sealed": "evidencekit.verify", "load_trust_anchors": "evidencekit.verify",
    "extract_originals": "evidencekit.unpack", "ExtractResult": "evidencekit.unpack",
    "countersign": "evidencekit.countersigning", "CountersignResult": "evidencekit.countersigning",
    "run_batch": "evidencekit.batch", "load_cases": "evidencekit.batch", "BatchSettings": "evidencekit.batch",
    "CaseSpec": "evidencekit.batch", "CaseResult": "evidencekit.batch", "local_executor": "evidencekit.batch",
    "dask_executor": "evidencekit.batch",
    "make_public_copy": "evidencekit.public_copy", "PublicOptions": "evidencekit.public_copy",
    "PublicResult": "evidencekit.public_copy",
    "verify_against": "evidencekit.public_verify", "AgainstReport": "evidencekit.public_verify",
    # identities
    "Identity": "evidencekit.identity", "load_identity": "evidencekit.identity",
    "create_identity": "evidencekit.identity",
    # case data, clocks
    "CaseFile": "evidencekit.case", "load_case": "evidencekit.case",
    "fixed_clock": "evidencekit.clock", "system_clock": "evidencekit.clock",
    # exit codes and errors
    "ExitCode": "evidencekit.errors", "EvidencekitError": "evidencekit.errors", "BadInput": "evidencekit.errors",
    "OutputExists": "evidencekit.errors", "OutputUnwritable": "evidencekit.errors",
    "CannotVerify": "evidencekit.errors", "VerificationFailed": "evidencekit.errors",
    "SigningFailed": "evidencekit.errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evidencekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    from evidencekit.batch import (
        BatchSettings,
        CaseResult,
        CaseSpec,
        dask_executor,
        load_cases,
        local_executor,
        run_batch,
    )
    from evidencekit.case import CaseFile, load_case
    from evidencekit.channels import CheckReport, check_case
    from evidencekit.checking import CheckOutcome, check_dossier
    from evidencekit.clock import fixed_clock, system_clock
    from evidencekit.countersigning import CountersignResult, countersign
    from evidencekit.errors import (
        BadInput,
        CannotVerify,
        EvidencekitError,
        ExitCode,
        OutputExists,
        OutputUnwritable,
        SigningFailed,
        VerificationFailed,
    )
    from evidencekit.identity import Identity, create_identity, load_identity
    from evidencekit.inspection import Inspection, inspect_folder
    from evidencekit.pipeline import BundleOptions, BundleResult, build_dossier, preview_dossier
    from evidencekit.plan import DossierPlan, plan_dossier
    from evidencekit.public_copy import PublicOptions, PublicResult, make_public_copy
    from evidencekit.public_verify import AgainstReport, verify_against
    from evidencekit.summary import Summary
    from evidencekit.unpack import ExtractResult, extract_originals
    from evidencekit.verify import Finding, VerifyReport, load_trust_anchors, save_sealed, verify_dossier
