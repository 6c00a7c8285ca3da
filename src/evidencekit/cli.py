"""The command line: parse options, call one core function, print its result.

stdout carries only results (``--json`` documents); messages and progress go to
stderr. Errors become exit codes in one place: ``_run``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from evidencekit import __version__
from evidencekit.errors import EvidencekitError, ExitCode, SigningFailed, Terminated
from evidencekit.visible import json_safe, visible

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("evidencekit")


class Settings:
    def __init__(self, lang: str, verbose: int, quiet: bool) -> None:
        self.lang = lang
        self.verbose = verbose
        self.quiet = quiet


def _echo(text: str = "", *, err: bool = False, nl: bool = True, multiline: bool = False) -> None:
    """The one way text reaches stdout or stderr: names from files and folders can hold escape
    sequences and bidi overrides that would repaint the terminal (issue 8), so every line is
    shown with them made visible. ``multiline`` keeps the line feeds of text made of lines."""
    click.echo(visible(text, multiline=multiline), err=err, nl=nl)


def _say(message: str) -> None:
    _echo(message, err=True)


def _say_traceback() -> None:
    _echo(traceback.format_exc(), err=True, nl=False, multiline=True)


def _run(func: F) -> F:
    """Translate core errors into messages and documented exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        settings: Settings = click.get_current_context().find_object(Settings) or Settings("zh", 0, False)
        try:
            with _sigterm_raises():
                return func(*args, **kwargs)
        except EvidencekitError as exc:
            _say(f"evidencekit: error: {exc.message}")
            if exc.hint:
                _say(f"  → {exc.hint}")
            if settings.verbose:
                _say_traceback()
            sys.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            _say("evidencekit: interrupted; nothing half-written was left behind")
            sys.exit(int(ExitCode.INTERRUPTED))
        except Terminated:
            _say("evidencekit: terminated (SIGTERM); nothing half-written was left behind")
            sys.exit(int(ExitCode.TERMINATED))
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - a bug: short message, traceback with -v
            _say(f"evidencekit: internal error: {type(exc).__name__}: {exc}")
            if settings.verbose:
                _say_traceback()
            else:
                _say("  → run again with -v for the details, and report it")
            sys.exit(int(ExitCode.INTERNAL))

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM raises Terminated, which unwinds through every atomic output's cleanup.

    A second SIGTERM is ignored so that it cannot cut the cleanup short (SIGKILL still
    works). The previous handler is restored afterwards (tests run many commands).
    """

    def handler(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _VisibleFormatter(logging.Formatter):
    """Log lines name files: shown like everything else on stderr (see ``_echo``)."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return visible(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:
        return visible(super().formatException(ei), multiline=True)

    def formatStack(self, stack_info: str) -> str:
        return visible(super().formatStack(stack_info), multiline=True)


def _setup_logging(verbose: int, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_VisibleFormatter("evidencekit: %(message)s"))
    logger = logging.getLogger("evidencekit")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose else (logging.ERROR if quiet else logging.INFO))
    # pyHanko logs every untrusted self-signed certificate with a traceback, pypdf every odd
    # byte of a damaged PDF: noise for users (our own warnings say what matters); -vv shows it
    for name in ("pyhanko", "pyhanko_certvalidator", "pypdf", "fontTools", "PIL"):
        other = logging.getLogger(name)
        other.handlers[:] = [handler] if verbose > 1 else [logging.NullHandler()]
        other.propagate = False


def _progress() -> Callable[[str, int, int], None] | None:
    if not sys.stderr.isatty():
        return None
    names = {"hash": "hashing", "place": "placing images", "attach": "attaching", "render": "laying out pages",
             "seal": "sealing"}

    def report(stage: str, done: int, total: int) -> None:
        # the only raw control sequences we print: our own, around text made visible
        click.echo(f"\r{visible(names.get(stage, stage))} {done}/{total}\033[K", err=True, nl=False)
        if stage == "seal":
            click.echo("\r\033[K", err=True, nl=False)

    return report


def _emit_json(data: Any) -> None:
    """JSON on stdout, unsafe characters as \\uXXXX escapes: it parses to the exact strings."""
    _echo(json_safe(data), multiline=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["zh", "en"]), default=lambda: os.environ.get("EVIDENCEKIT_LANG", "zh"),
              show_default="zh, or EVIDENCEKIT_LANG", help="Language of messages and dossier labels.")
@click.option("-v", "--verbose", count=True, help="More detail; tracebacks on errors.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.version_option(__version__, prog_name="evidencekit")
@click.pass_context
def main(ctx: click.Context, lang: str, verbose: int, quiet: bool) -> None:
    """evidencekit: turn complaint evidence into one sealed, verifiable PDF dossier.

    把投诉证据整理成一份经哈希、签名封存、可核验的 PDF 证据卷宗。
    """
    if lang not in ("zh", "en"):
        lang = "zh"
    ctx.obj = Settings(lang, verbose, quiet)
    _setup_logging(verbose, quiet)


def _settings() -> Settings:
    return click.get_current_context().find_object(Settings)  # type: ignore[return-value]


def _passphrase_for(path: Path | None) -> str | None:
    """Ask for a passphrase only when a person is at a terminal and the identity needs one."""
    from evidencekit.identity import PASSPHRASE_ENV, default_identity_path, identity_needs_passphrase

    if os.environ.get(PASSPHRASE_ENV) is not None:
        return None
    target = path or default_identity_path()
    if target.exists() and sys.stdin.isatty() and identity_needs_passphrase(target):
        return click.prompt(visible(f"Passphrase for {target}"), hide_input=True, err=True)
    return None


def _timestamp_options(func: F) -> F:
    """--tsa, --no-tsa, --tsa-optional, --archive: spliced into a command, kept in ctx.meta."""

    @functools.wraps(func)
    def wrapper(*args: Any, tsa: str | None, no_tsa: bool, tsa_optional: bool, archive: bool, **kwargs: Any) -> Any:
        click.get_current_context().meta["evidencekit.tsa"] = (tsa, no_tsa, tsa_optional, archive)
        return func(*args, **kwargs)

    for option in reversed([
        click.option("--tsa", metavar="URL", help="RFC 3161 timestamp authority for a trusted sealing time "
                     "(default: EVIDENCEKIT_TSA, or tsa = \"URL\" in settings.toml in EVIDENCEKIT_HOME)."),
        click.option("--no-tsa", is_flag=True, help="Do not use the configured default TSA."),
        click.option("--tsa-optional", is_flag=True,
                     help="If the TSA fails, seal without a timestamp (and say so) instead of exit 7."),
        click.option("--archive", is_flag=True, help="Long-term validation: embed the validation data and "
                     "add a document timestamp (PAdES B-LTA); needs a TSA."),
    ]):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def _tsa_settings() -> tuple[str | None, bool, bool]:
    """(TSA URL or None, tsa_optional, archive) from the spliced options and the configured default."""
    from evidencekit.timestamping import configured_tsa

    tsa, no_tsa, optional, archive = click.get_current_context().meta.get(
        "evidencekit.tsa", (None, False, False, False))
    return configured_tsa(tsa, disabled=no_tsa).url, optional, archive


def _say_tsa(result: Any, zh: bool) -> None:
    if result.tsa:
        name = result.tsa.get("name") or result.tsa.get("url")
        _say(f"可信时间戳：{name}（{result.tsa.get('url')}）" if zh
              else f"trusted timestamp: {name} ({result.tsa.get('url')})")
    for warning in result.warnings:
        _say(f"  ! {warning}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Dossier file to write (default: FOLDER-dossier.pdf beside the folder).")
@click.option("--case", "case_path", type=click.Path(path_type=Path, dir_okay=False),
              help="case.toml to use instead of FOLDER/case.toml.")
@click.option("--channel", help="Channel the dossier is for (default: case.toml's [case] channel).")
@click.option("--identity", "identity_path", type=click.Path(path_type=Path, dir_okay=False),
              help="PKCS#12 identity to sign with (default: your evidencekit identity).")
@click.option("--font", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="TrueType font with Chinese glyphs to use instead of the bundled one.")
@click.option("--public", is_flag=True, help="Mask personal data for public channels (social media).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON on stdout.")
@_timestamp_options
@_run
def bundle(folder: Path, output: Path | None, case_path: Path | None, channel: str | None,
           identity_path: Path | None, font: Path | None, public: bool, force: bool, as_json: bool) -> None:
    """Bundle the evidence in FOLDER into one sealed PDF dossier.

    FOLDER is never changed; the dossier is written atomically outside it.
    """
    from evidencekit.channels import get_channel
    from evidencekit.clock import system_clock
    from evidencekit.pipeline import BundleOptions, build_dossier, ensure_default_identity

    if channel:
        get_channel(channel)  # an unknown id is bad input, before any work
    settings = _settings()
    options = BundleOptions(output=output, case_path=case_path, identity_path=identity_path,
                            passphrase=_passphrase_for(identity_path), force=force, lang=settings.lang,
                            font=font, channel=channel, public=public,
                            sealer_name=None if as_json else _ask_sealer_name(folder, case_path, identity_path))
    options.tsa_url, options.tsa_optional, options.archive = _tsa_settings()
    made = None if identity_path else ensure_default_identity(options.sealer_name, system_clock())
    result = build_dossier(folder, options, progress=_progress(), identity=made)
    result.identity_created = made is not None
    if as_json:
        _emit_json(result.to_dict())
        return
    zh = settings.lang == "zh"
    _echo(str(result.output))
    if not settings.quiet:
        _say(("已封存：" if zh else "sealed: ") + str(result.output))
        _say(("材料编号：" if zh else "dossier id: ") + result.dossier_id)
        _say(f"证据 {len(result.items)} 件，{result.pages} 页，{result.size / 1024:.0f} KB；签名人 {result.signer.name}"
              if zh else f"{len(result.items)} items, {result.pages} pages, {result.size / 1024:.0f} KB; "
              f"signed by {result.signer.name}")
        _say_tsa(result, zh)
        for item in result.items:
            for warning in item.warnings:
                _say(f"  ! {item.id} {item.path}: {_without_name(warning, item.path)}")
        for skipped in result.skipped:
            _say(("  未纳入 " if zh else "  not included: ") + f"{skipped.path}: {skipped.text(settings.lang)}")
        if result.plan is not None and result.plan.checks is not None:
            _say_requirements(result.plan.checks, result.output, settings.lang)


def _at_terminal() -> bool:
    return sys.stdin.isatty()


def _ask_sealer_name(folder: Path, case_path: Path | None, identity_path: Path | None) -> str | None:
    """At the first bundle, with a person at the terminal, ask whose name the new identity seals
    under, offering the case's complainant. An existing identity is never renamed per case."""
    from evidencekit.identity import default_identity_path

    if identity_path or default_identity_path().exists() or not _at_terminal():
        return None
    suggested = ""
    try:
        from evidencekit.inspection import load_case_for

        suggested = str(load_case_for(folder, case_path).complainant.get("name") or "")
    except Exception:  # noqa: BLE001 - a bad case.toml is reported by bundle itself, with its line
        pass
    zh = _settings().lang == "zh"
    name = click.prompt("封存人姓名（印在封面上；以后每次封存都用它）" if zh
                        else "Sealer's name (printed on the cover; used for every later seal)",
                        default=suggested or "", show_default=bool(suggested), err=True).strip()
    return name or None


def _say_requirements(report: Any, dossier: Path, lang: str) -> None:
    """One line on the chosen channel's requirements (from the plan, not by re-reading the
    sealed file), so nobody submits a bounced complaint."""
    channel = report.channel_id
    if report.escalation:  # advice for the complainant: printed here, not sealed on the cover
        _say(("升级：" if lang == "zh" else "escalation: ") + report.escalation.reason(lang))
    failed = [r for r in report.results if r.status == "fail"]
    if not failed:
        _say(f"{report.channel_name}：材料要求均已满足" if lang == "zh"
              else f"{report.channel_name}: every requirement is met")
        return
    names = "、".join(r.requirement or r.rule_id for r in failed) if lang == "zh" else \
        ", ".join(r.requirement or r.rule_id for r in failed)
    _say(f"{report.channel_name}：{len(failed)} 项要求未满足（{names}）；运行 evidencekit check {dossier} "
          f"--channel {channel} 查看依据和补救办法" if lang == "zh" else
          f"{report.channel_name}: {len(failed)} requirement(s) unmet ({names}); run evidencekit check "
          f"{dossier} --channel {channel} for the sources and fixes")


@main.command()
@click.argument("dossier", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--trust", "trust_paths", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Certificate of a trusted signer or CA (PEM/DER); repeatable.")
@click.option("--save-sealed", "save_to", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the file as it was sealed (what the signatures cover) to this file.")
@click.option("--force", is_flag=True, help="Replace the --save-sealed file if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@_run
def verify(dossier: Path, trust_paths: tuple[Path, ...], save_to: Path | None, force: bool, as_json: bool) -> None:
    """Check that DOSSIER is intact: signatures, changes after sealing, every original.

    Exit 0 valid, 4 changed or tampered, 5 cannot verify, 8 intact but not sealed by a --trust anchor.
    """
    from evidencekit.verdict_text import render_report
    from evidencekit.verify import load_trust_anchors, save_sealed, verify_dossier

    report = verify_dossier(dossier, load_trust_anchors(list(trust_paths)))
    saved = save_sealed(report, save_to, force=force) if save_to is not None else None
    if as_json:
        data = report.to_dict()
        if save_to is not None:
            data["saved_sealed"] = {"path": str(save_to), "bytes": saved}
        _emit_json(data)
    else:
        for line in render_report(report, _settings().lang):
            _echo(line)
    if save_to is not None:
        _say(f"封存时的文件（前 {saved} 字节）已保存到 {save_to}；可用 evidencekit verify 核验它。"
             if _settings().lang == "zh" else
             f"The file as sealed (the first {saved} bytes) was saved to {save_to}; check it with evidencekit verify.")
    sys.exit(int(report.exit_code))


@main.command()
@click.argument("dossier", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-d", "--dir", "dest", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write the originals into.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist in the folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON on stdout.")
@_run
def extract(dossier: Path, dest: Path, force: bool, as_json: bool) -> None:
    """Write the sealed originals out of DOSSIER, each re-hashed against the manifest."""
    from evidencekit.unpack import extract_originals

    result = extract_originals(dossier, dest, force=force)
    if as_json:
        _emit_json(result.to_dict())
    else:
        for entry in result.written:
            _echo(f"OK    {entry['id']}  {entry['path']}")
        for entry in result.failed:
            _echo(f"FAIL  {entry['id']}  {entry['path']}: {entry['reason']}")
    sys.exit(0 if result.ok else int(ExitCode.VERIFICATION_FAILED))


@main.group()
def identity() -> None:
    """The signing identity: a key and certificate (PKCS#12)."""


@identity.command("create")
@click.option("--name", required=True, help="Your name, as it should appear on the seal.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write it (default: the evidencekit identity in EVIDENCEKIT_HOME).")
@click.option("--passphrase/--no-passphrase", default=False,
              help="Protect the key with a passphrase (asked, or EVIDENCEKIT_PASSPHRASE).")
@click.option("--force", is_flag=True, help="Replace an existing identity (its key is lost).")
@click.option("--json", "as_json", is_flag=True)
@_run
def identity_create(name: str, output: Path | None, passphrase: bool, force: bool, as_json: bool) -> None:
    """Make a key and a self-signed certificate (file mode 0600)."""
    from evidencekit.clock import system_clock
    from evidencekit.identity import PASSPHRASE_ENV, create_identity, default_identity_path

    secret = None
    if passphrase:
        secret = os.environ.get(PASSPHRASE_ENV)
        if secret is None:
            if not sys.stdin.isatty():
                raise SigningFailed("a passphrase was asked for but there is no terminal to ask it",
                                    f"Set {PASSPHRASE_ENV}.")
            secret = click.prompt("Passphrase", hide_input=True, confirmation_prompt=True, err=True)
    made = create_identity(output or default_identity_path(), name, now=system_clock(), passphrase=secret,
                           force=force)
    _print_identity(made, as_json)


@identity.command("show")
@click.option("--identity", "path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
@_run
def identity_show(path: Path | None, as_json: bool) -> None:
    """Show the identity's name and certificate fingerprint."""
    from evidencekit.identity import default_identity_path, load_identity

    target = path or default_identity_path()
    if not target.exists():
        raise SigningFailed(f"{target}: no identity yet", "Run `evidencekit identity create --name NAME`.")
    _print_identity(load_identity(target, _passphrase_for(target)), as_json)


@identity.command("export")
@click.option("--identity", "path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the certificate (PEM) here instead of stdout.")
@_run
def identity_export(path: Path | None, output: Path | None) -> None:
    """Export the certificate (public part only, PEM) to give to a verifier for --trust."""
    from cryptography.hazmat.primitives import serialization

    from evidencekit.identity import default_identity_path, load_identity

    target = path or default_identity_path()
    if not target.exists():
        raise SigningFailed(f"{target}: no identity yet", "Run `evidencekit identity create --name NAME`.")
    pem = load_identity(target, _passphrase_for(target)).certificate.public_bytes(serialization.Encoding.PEM)
    if output:
        from evidencekit.fileio import atomic_output

        with atomic_output(output, force=True) as out:
            out.file.write(pem)
    else:
        _echo(pem.decode(), nl=False, multiline=True)


def _print_identity(made: Any, as_json: bool) -> None:
    data = {"path": str(made.path), "name": made.name, "fingerprint_sha256": made.fingerprint,
            "self_signed": made.self_signed,
            "not_after": made.certificate.not_valid_after_utc.isoformat()}
    if as_json:
        _emit_json(data)
    else:
        for key, value in data.items():
            _echo(f"{key}: {value}")


@main.command("inspect")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--case", "case_path", type=click.Path(path_type=Path, dir_okay=False),
              help="case.toml to use instead of FOLDER/case.toml.")
@click.option("--json", "as_json", is_flag=True, help="Print every item's kind, facts and warnings as JSON.")
@_run
def inspect_cmd(folder: Path, case_path: Path | None, as_json: bool) -> None:
    """Show what bundle would take from FOLDER: items, kinds, facts, warnings. Writes nothing."""
    from evidencekit.inspection import inspect_folder

    result = inspect_folder(folder, case_path, progress=_progress())
    if as_json:
        _emit_json(result.to_dict())
        return
    for item in result.items:
        summary = _facts_summary(item.kind, item.facts)
        _echo(f"{item.id}  {item.kind:<10} {item.path}" + (f"  — {summary}" if summary else ""))
        for warning in item.warnings:
            _echo(f"      ! {_without_name(warning, item.path)}")
    for skipped in result.skipped:
        _echo(f"--   not included  {skipped.path}: {skipped.reason}")


def _without_name(warning: str, path: str) -> str:
    """Extractor warnings start with the file's name; the line already shows its path."""
    name = path.rsplit("/", 1)[-1]
    for prefix in (f"{name}: ", f"{name} "):
        if warning.startswith(prefix):
            return warning[len(prefix):]
    return warning


def _facts_summary(kind: str, facts: dict[str, Any]) -> str:
    if "transactions" in facts:
        rows = facts["transactions"]
        disputed = sum(1 for r in rows if r.get("disputed"))
        return f"{facts.get('format', 'bill')}, {len(rows)} rows" + (f", {disputed} disputed" if disputed else "")
    if "messages" in facts:
        return f"{facts.get('format', 'chat')}, {len(facts['messages'])} messages"
    if "duration_seconds" in facts and facts.get("duration_seconds") is not None:
        return f"{facts.get('container', '')} {facts['duration_seconds']:.1f} s"
    if "width" in facts and "height" in facts:
        return f"{facts['width']}x{facts['height']}" + (", GPS" if facts.get("gps_present") else "")
    if "pages" in facts:
        pages = f"{facts['pages']} page(s)" if facts.get("pages") is not None else "pages unknown"
        return pages + (", encrypted" if facts.get("encrypted") else "")
    return ""


@main.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--channel", required=True, help="A channel id (see `evidencekit channels`), or 'all'.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@_run
def check(target: Path, channel: str, as_json: bool) -> None:
    """Check a case folder or a sealed dossier against a channel's requirements.

    Exit 0 when nothing fails, 6 when a requirement is unmet.
    """
    from evidencekit.checking import check_dossier
    from evidencekit.clock import system_clock

    lang = _settings().lang
    outcome = check_dossier(target, channel, system_clock().date(), lang)
    if as_json:
        _emit_json(outcome.to_dict())
    elif channel == "all":
        _print_matrix(outcome, lang)
    else:
        _print_check(next(iter(outcome.reports.values())), lang)
    sys.exit(0 if outcome.ok else int(ExitCode.REQUIREMENTS_UNMET))


_MARKS = {"pass": "✓", "fail": "✗", "warn": "!"}


def _print_check(report: Any, lang: str) -> None:
    zh = lang == "zh"
    _echo(f"{report.channel_name} ({report.channel_id})")
    for result in report.results:
        _echo(f"  {_MARKS.get(result.status, '?')} {result.message}")
        if result.status != "pass":
            _echo(("      依据：" if zh else "      source: ") + result.source)
            _echo(("      怎么办：" if zh else "      fix: ") + result.fix)
    if report.escalation:
        esc = report.escalation
        _echo(("升级：" if zh else "Escalation: ") + (esc.reason_zh if zh else esc.reason_en))
    counts = report.counts()
    _echo(f"结果：{counts.get('fail', 0)} 项不符合，{counts.get('warn', 0)} 项提醒，{counts.get('pass', 0)} 项符合"
                if zh else f"Result: {counts.get('fail', 0)} failed, {counts.get('warn', 0)} warnings, "
                f"{counts.get('pass', 0)} passed")


def _print_matrix(outcome: Any, lang: str) -> None:
    reports = outcome.reports
    ids = list(reports)
    rules: list[str] = []
    for report in reports.values():
        for result in report.results:
            if result.rule_id not in rules:
                rules.append(result.rule_id)
    width = max((len(r) for r in rules), default=10) + 2
    _echo(" " * width + " ".join(f"{cid:>9}" for cid in ids))
    for rule in rules:
        cells = []
        for cid in ids:
            found = reports[cid].by_rule().get(rule)
            cells.append(f"{_MARKS.get(found.status, '?') if found else '·':>9}")
        _echo(f"{rule:<{width}}" + " ".join(cells))
    _echo(" " * width + " ".join(f"{'OK' if reports[cid].ok else 'UNMET':>9}" for cid in ids))
    zh = lang == "zh"
    _echo("✓ 符合  ✗ 不符合  ! 提醒  · 该渠道不要求" if zh else
               "✓ pass  ✗ fail  ! warning  · not required by that channel")
    names: dict[str, str] = {}
    for report in reports.values():
        for result in report.results:
            names.setdefault(result.rule_id, result.requirement or result.rule_id)
    _echo("")
    for rule in rules:
        _echo(f"{rule:<{width}}{names[rule]}")


@main.command()
@click.argument("channel_id", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the requirements as JSON.")
@_run
def channels(channel_id: str | None, as_json: bool) -> None:
    """List the complaint channels, or what one channel requires, in words."""
    from evidencekit.channels import get_channel, load_channels

    lang = _settings().lang
    if channel_id:
        described = get_channel(channel_id).describe(lang)
        if as_json:
            _emit_json(described)
            return
        _print_channel(described, lang)
        return
    all_channels = load_channels()
    if as_json:
        _emit_json({cid: ch.describe(lang) for cid, ch in all_channels.items()})
        return
    for cid, ch in all_channels.items():
        described = ch.describe(lang)
        _echo(f"{cid:<9} {described.get('name')} — {described.get('authority')}")


def _print_channel(described: dict[str, Any], lang: str) -> None:
    zh = lang == "zh"
    _echo(f"{described.get('name')} ({described.get('id')})")
    if described.get("authority"):
        _echo(("主管机构：" if zh else "Authority: ") + str(described["authority"]))
    if described.get("how"):
        _echo(("怎么投诉：" if zh else "How: ") + str(described["how"]))
    rules = described.get("rules") or []
    if rules:
        _echo("要求：" if zh else "Requirements:")
        for rule in rules:
            level = ("必须" if zh else "must") if rule.get("severity") == "fail" else ("建议" if zh else "should")
            _echo(f"  [{level}] {rule.get('requirement')}  ({rule.get('source')})")
    for key, title in (("time_limits", ("时限", "Time limits")), ("advice", ("建议", "Advice"))):
        notes = described.get(key) or []
        if notes:
            _echo((title[0] if zh else title[1]) + ("：" if zh else ":"))
            for note in notes:
                text = note.get("text") if isinstance(note, dict) else note
                _echo(f"  - {text}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@_run
def init(folder: Path) -> None:
    """Write a commented case.toml (in Chinese) into FOLDER; never overwrites."""
    from evidencekit.case import write_case_template

    written = write_case_template(folder)
    _echo(str(written))
    _say("已写入 case.toml，请用文本编辑器填写。" if _settings().lang == "zh"
          else "case.toml written; fill it in with a text editor.")


@main.command()
@click.argument("dossier", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--identity", "identity_path", type=click.Path(path_type=Path, dir_okay=False),
              help="PKCS#12 identity to countersign with (default: your evidencekit identity).")
@click.option("--note", help="What this signature attests, e.g. '法律援助中心已接收'; shown by verify.")
@click.option("--tsa", metavar="URL", help="RFC 3161 timestamp authority for the countersignature "
              "(default: EVIDENCEKIT_TSA or settings.toml).")
@click.option("--no-tsa", is_flag=True, help="Do not use the configured default TSA.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the countersigned dossier here instead of replacing DOSSIER.")
@click.option("--trust", "trust_paths", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Trust anchor used when checking the dossier first; repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON on stdout.")
@_run
def countersign(dossier: Path, identity_path: Path | None, note: str | None, tsa: str | None, no_tsa: bool,
                output: Path | None, trust_paths: tuple[Path, ...], as_json: bool) -> None:
    """Add your signature to a sealed DOSSIER as a receipt (chain of custody).

    The dossier must verify first. The signature is appended as an incremental update;
    the file is replaced atomically, never left half-written.
    """
    from evidencekit.countersigning import countersign as add_countersignature
    from evidencekit.identity import default_identity_path, load_identity
    from evidencekit.timestamping import configured_tsa
    from evidencekit.verify import load_trust_anchors

    target = identity_path or default_identity_path()
    if not target.exists():
        raise SigningFailed(f"{target}: no identity yet", "Run `evidencekit identity create --name NAME`, "
                            "or give --identity FILE.p12.")
    signer = load_identity(target, _passphrase_for(target))
    result = add_countersignature(dossier, signer, note=note, tsa_url=configured_tsa(tsa, disabled=no_tsa).url,
                                  output=output, trust=load_trust_anchors(list(trust_paths)))
    if as_json:
        _emit_json(result.to_dict())
        return
    zh = _settings().lang == "zh"
    _echo(str(result.output))
    if not _settings().quiet:
        _say(f"已加签：{result.signer}（第 {result.signatures} 个签名，字段 {result.field}）；备注：{result.note}" if zh
              else f"countersigned by {result.signer} (signature {result.signatures}, field {result.field}); "
              f"note: {result.note}")
        if result.tsa:
            _say(f"可信时间戳：{result.tsa['name']}" if zh else f"trusted timestamp: {result.tsa['name']}")
