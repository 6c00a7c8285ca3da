"""The command line: parse options, call one core function, print its result.

stdout carries only results (``--json`` documents); messages and progress go to
stderr. Errors become exit codes in one place: ``_run``. Every word shown, ``--help``
included, comes from the message catalog (``i18n.py``) in the language of the run:
``--lang``, else ``EVIDENCEKIT_LANG``, else the locale, else Chinese.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import os
import re
import signal
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from evidencekit import __version__
from evidencekit.errors import EvidencekitError, ExitCode, SigningFailed, Terminated
from evidencekit.i18n import CATALOG, Lang, Message, msg, resolve_lang, t, text_of
from evidencekit.option_values import PAGE_IMAGE_MODES, BadValue, parse_password, parse_size
from evidencekit.visible import json_safe, visible

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("evidencekit")


class Settings:
    def __init__(self, lang: Lang, verbose: int, quiet: bool) -> None:
        self.lang = lang
        self.verbose = verbose
        self.quiet = quiet


_LANG_KEY = "evidencekit.lang"


def _lang_of(ctx: click.Context | None) -> Lang:
    """The language of this run, also while --help is shown (before any command runs)."""
    if ctx is not None:
        settings = ctx.find_object(Settings)
        if settings is not None:
            return settings.lang
        return resolve_lang(ctx.find_root().meta.get(_LANG_KEY))
    return resolve_lang()


def _current_lang() -> Lang:
    return _lang_of(click.get_current_context(silent=True))


def _t(code: str, **params: Any) -> str:
    """A catalog text in the language of this run."""
    return t(code, _current_lang(), **params)


def _help_text(text: str | None, lang: str) -> str | None:
    """Help given as a catalog code is shown in ``lang``; other text as it is."""
    return t(text, lang) if text in CATALOG else text


_WIDE = "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
_TOKENS = re.compile(f"\\s+|[{_WIDE}]|[^\\s{_WIDE}]+")
_NO_LINE_START = set("，。、；：？！）」』”’》】,.;:!?)")


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` terminal cells: Chinese characters are two cells wide and
    a line may break between any two of them (Click's wrapping counts characters and
    breaks only at spaces). Closing punctuation never starts a line."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        line, pending_space = "", False
        for token in _TOKENS.findall(paragraph.replace("\n", " ")):
            if token.isspace():
                pending_space = bool(line)
                continue
            gap = " " if pending_space else ""
            if line and _cells(line + gap + token) > width and token not in _NO_LINE_START:
                lines.append(line)
                line, gap = "", ""
            line += gap + token
            pending_space = False
        lines += [line, ""]
    return lines[:-1]


class _HelpFormatter(click.HelpFormatter):
    """Click's help layout, wrapped by terminal cells (see ``_wrap``); headings are
    catalog texts with their own colon (``选项：``, ``Options:``)."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in _wrap(text, max(self.width - self.current_indent, 20)):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((_cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            width = max(self.width - first_col - self.current_indent, 10)
            lines = [line for line in _wrap(second, width) if line]
            self.write((lines[0] if lines else "") + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class _Context(click.Context):
    formatter_class = _HelpFormatter


class _Localized:
    """A Click command whose whole help page speaks the language of the run: its help and
    every option's come from the catalog (``help="help.bundle"``), and so do Click's own
    words (Usage, Options, Commands, the --help option)."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "help.help"
        return option  # type: ignore[no-any-return]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("help.usage", _lang_of(ctx)))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = _help_text(self.help, _lang_of(ctx))  # type: ignore[attr-defined]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(text).partition("\f")[0])

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = _lang_of(ctx)
        rows = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if isinstance(param, click.Argument):
                continue
            code = param.help
            param.help = _help_text(code, lang)
            try:
                row = param.get_help_record(ctx)
            finally:
                param.help = code
            if row is not None:
                rows.append((row[0], row[1].replace("[required]", f"[{t('help.required', lang)}]")))
        if rows:
            with formatter.section(t("help.options", lang)):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = _lang_of(ctx)
        rows = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            command = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if command is not None and not command.hidden:
                text = _help_text(command.help, lang) or ""
                rows.append((name, inspect.cleandoc(text).split("\n", 1)[0]))
        if rows:
            with formatter.section(t("help.commands", lang)):
                formatter.write_dl(rows)


class _UsageError(click.UsageError):
    """Click's usage error, said in the language of the run (exit 2, as before)."""

    def __init__(self, original: click.UsageError) -> None:
        super().__init__(original.message, original.ctx)
        self.original = original

    def show(self, file: Any = None) -> None:
        lang = _lang_of(self.ctx)
        if self.ctx is not None:
            _echo(self.ctx.get_usage(), err=True, multiline=True)
        _say(t("cli.usage_error", lang, message=_usage_problem(self.original, lang)))
        command = self.ctx.command_path if self.ctx is not None else "evidencekit"
        _say("  → " + t("cli.usage_hint", lang, command=command))


def _usage_problem(error: click.UsageError, lang: str) -> str:
    """The usual usage errors in the catalog's words; any other in Click's (English) words."""
    ctx = error.ctx
    param = getattr(error, "param", None)
    hint = param.get_error_hint(ctx) if param is not None and ctx is not None else ""
    if isinstance(error, click.NoSuchOption):
        text = t("cli.usage.no_such_option", lang, option=error.option_name)
        if error.possibilities:
            text += t("cli.usage.did_you_mean", lang, options=sorted(error.possibilities))
        return text
    if isinstance(error, click.MissingParameter) and hint:
        return t("cli.usage.missing", lang, param=hint)
    if isinstance(error, click.BadParameter) and hint and param is not None:
        if isinstance(param.type, click.Choice):
            return t("cli.usage.choice", lang, param=hint, choices=[str(c) for c in param.type.choices])
        return t("cli.usage.bad_value", lang, param=hint, detail=error.message)
    extra = re.match(r"Got unexpected extra arguments? \((.*)\)$", error.message)
    if extra:
        return t("cli.usage.extra", lang, arguments=extra.group(1))
    command = re.match(r"No such command '(.*)'\.$", error.message)
    if command:
        return t("cli.usage.no_such_command", lang, command=command.group(1))
    return t("cli.usage.other", lang, detail=error.message)


class _Parsing:
    """Usage errors met while parsing a command line come out in the user's language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        except click.UsageError as error:
            if isinstance(error, _UsageError):
                raise
            raise _UsageError(error) from error


class _Command(_Parsing, _Localized, click.Command):
    context_class = _Context


class _Group(_Parsing, _Localized, click.Group):
    context_class = _Context
    command_class = _Command
    group_class = type  # sub-groups are _Group too

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            if isinstance(error, _UsageError):
                raise
            raise _UsageError(error) from error


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
    """Translate core errors into messages (in the user's language) and documented exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        settings: Settings = click.get_current_context().find_object(Settings) or Settings(resolve_lang(), 0, False)
        lang = settings.lang
        try:
            with _sigterm_raises():
                return func(*args, **kwargs)
        except EvidencekitError as exc:
            _say(t("cli.error", lang, message=exc.text(lang)))
            hint = exc.hint_text(lang)
            if hint:
                _say(f"  → {hint}")
            if settings.verbose:
                _say_traceback()
            sys.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            _say(t("cli.interrupted", lang))
            sys.exit(int(ExitCode.INTERRUPTED))
        except Terminated:
            _say(t("cli.terminated", lang))
            sys.exit(int(ExitCode.TERMINATED))
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:
            # the reader of stdout has gone (`| head`): nothing more can be said there, and saying
            # it on stderr would be noise; the atomic outputs' cleanup has run on the way here
            sys.exit(int(ExitCode.BROKEN_PIPE))
        except Exception as exc:  # noqa: BLE001 - a bug: short message, traceback with -v
            _say(t("cli.internal_error", lang, error=f"{type(exc).__name__}: {exc}"))
            if settings.verbose:
                _say_traceback()
            else:
                _say("  → " + t("cli.internal_error.hint", lang))
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
    """Log lines name files: shown like everything else on stderr (see ``_echo``). A record
    whose message is a catalog Message is said in the user's language."""

    def __init__(self, fmt: str, lang: Lang) -> None:
        super().__init__(fmt)
        self.lang = lang

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.msg, Message) and not record.args:
            record = logging.makeLogRecord({**record.__dict__, "msg": record.msg.text(self.lang)})
        return super().format(record)

    def formatMessage(self, record: logging.LogRecord) -> str:
        return visible(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:
        return visible(super().formatException(ei), multiline=True)

    def formatStack(self, stack_info: str) -> str:
        return visible(super().formatStack(stack_info), multiline=True)


def _setup_logging(verbose: int, quiet: bool, lang: Lang) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_VisibleFormatter("evidencekit: %(message)s", lang))
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
    lang = _current_lang()

    def report(stage: str, done: int, total: int) -> None:
        name = t(f"cli.progress.{stage}", lang) if f"cli.progress.{stage}" in CATALOG else stage
        # the only raw control sequences we print: our own, around text made visible
        click.echo(f"\r{visible(name)} {done}/{total}\033[K", err=True, nl=False)
        if stage == "seal":
            click.echo("\r\033[K", err=True, nl=False)

    return report


def _emit_json(data: Any) -> None:
    """JSON on stdout, unsafe characters as \\uXXXX escapes: it parses to the exact strings."""
    _echo(json_safe(data), multiline=True)


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Eager, so that a --help after it (``evidencekit --lang en --help``) already knows it."""
    ctx.meta[_LANG_KEY] = value
    return value


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help="help.main")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, is_eager=True, callback=_remember_lang,
              expose_value=True, help="help.main.lang")
@click.option("-v", "--verbose", count=True, help="help.main.verbose")
@click.option("-q", "--quiet", is_flag=True, help="help.main.quiet")
@click.version_option(__version__, prog_name="evidencekit", help="help.version")
@click.pass_context
def main(ctx: click.Context, lang: str | None, verbose: int, quiet: bool) -> None:
    chosen = resolve_lang(lang)
    ctx.obj = Settings(chosen, verbose, quiet)
    _setup_logging(verbose, quiet, chosen)


def _settings() -> Settings:
    return click.get_current_context().find_object(Settings)  # type: ignore[return-value]


def _passphrase_for(path: Path | None) -> str | None:
    """Ask for a passphrase only when a person is at a terminal and the identity needs one."""
    from evidencekit.identity import PASSPHRASE_ENV, default_identity_path, identity_needs_passphrase

    if os.environ.get(PASSPHRASE_ENV) is not None:
        return None
    target = path or default_identity_path()
    if target.exists() and sys.stdin.isatty() and identity_needs_passphrase(target):
        return click.prompt(visible(_t("cli.passphrase_for", path=str(target))), hide_input=True, err=True)
    return None


def _passwords(values: tuple[str, ...]) -> dict[str, str]:
    """``--password NAME=SECRET`` options as {NAME: SECRET} (a secret may hold "=", a name not)."""
    found: dict[str, str] = {}
    for value in values:
        try:
            name, secret = parse_password(value)
        except BadValue as exc:
            raise click.BadParameter(exc.message.text(_current_lang()), param_hint="--password") from None
        found[name] = secret
    return found


def _password_prompt() -> Callable[[str, bool], str | None] | None:
    """Ask for a container's password only when a person is at the terminal (stdin and stderr)."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return None

    def ask(path: str, failed: bool) -> str | None:
        text = _t("cli.password_retry" if failed else "cli.password_for", path=path)
        click.echo("\r\033[K", nl=False, err=True)  # off the progress line
        answer = click.prompt(visible(text), hide_input=True, default="", show_default=False, err=True)
        return str(answer) or None

    return ask


def _timestamp_options(func: F) -> F:
    """--tsa, --no-tsa, --tsa-optional, --archive: spliced into a command, kept in ctx.meta."""

    @functools.wraps(func)
    def wrapper(*args: Any, tsa: str | None, no_tsa: bool, tsa_optional: bool, archive: bool, **kwargs: Any) -> Any:
        click.get_current_context().meta["evidencekit.tsa"] = (tsa, no_tsa, tsa_optional, archive)
        return func(*args, **kwargs)

    for option in reversed([
        click.option("--tsa", metavar="URL", help="help.tsa"),
        click.option("--no-tsa", is_flag=True, help="help.no_tsa"),
        click.option("--tsa-optional", is_flag=True, help="help.tsa_optional"),
        click.option("--archive", is_flag=True, help="help.archive"),
    ]):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def _tsa_settings() -> tuple[str | None, bool, bool]:
    """(TSA URL or None, tsa_optional, archive) from the spliced options and the configured default."""
    from evidencekit.timestamping import configured_tsa

    tsa, no_tsa, optional, archive = click.get_current_context().meta.get(
        "evidencekit.tsa", (None, False, False, False))
    return configured_tsa(tsa, disabled=no_tsa).url, optional, archive


def _say_tsa(result: Any, lang: Lang) -> None:
    if result.tsa:
        name = result.tsa.get("name") or result.tsa.get("url")
        _say(t("cli.tsa", lang, name=name, url=result.tsa.get("url")))
    for warning in result.warnings:
        _say(f"  ! {text_of(warning, lang)}")


class _ByteSize(click.ParamType):
    """``20MB``, ``500KB``, ``1.5GB``, a number of bytes; ``0`` or ``off``: never warn.
    Decimal units, as web forms state their limits."""

    name = "SIZE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        if value is None:
            return None
        try:
            return parse_size(value)
        except BadValue as exc:
            self.fail(exc.message.text(_current_lang()), param, ctx)


@main.command(help="help.bundle")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="help.bundle.output")
@click.option("--case", "case_path", type=click.Path(path_type=Path, dir_okay=False), help="help.case")
@click.option("--channel", help="help.bundle.channel")
@click.option("--identity", "identity_path", type=click.Path(path_type=Path, dir_okay=False),
              help="help.bundle.identity")
@click.option("--font", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="help.bundle.font")
@click.option("--public", is_flag=True, help="help.bundle.public")
@click.option("--public-copy", "public_copy", type=click.Path(path_type=Path, dir_okay=False),
              help="help.bundle.public_copy")
@click.option("--ocr", type=click.Choice(["auto", "all", "none"]), default="auto", help="help.ocr")
@click.option("--password", "password_args", multiple=True, metavar="NAME=SECRET", help="help.password")
@click.option("--force", is_flag=True, help="help.bundle.force")
@click.option("--json", "as_json", is_flag=True, help="help.json")
@click.option("--dry-run", is_flag=True, help="help.bundle.dry_run")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB", help="help.bundle.exclude")
@click.option("--hash-only", "hash_only", multiple=True, metavar="GLOB", help="help.bundle.hash_only")
@click.option("--page-images", type=click.Choice(PAGE_IMAGE_MODES), default="full", help="help.bundle.page_images")
@click.option("--size-warn", type=_ByteSize(), default="20MB", help="help.bundle.size_warn")
@_timestamp_options
@_run
def bundle(folder: Path, output: Path | None, case_path: Path | None, channel: str | None,
           identity_path: Path | None, font: Path | None, public: bool, public_copy: Path | None, ocr: str,
           password_args: tuple[str, ...], force: bool, as_json: bool, dry_run: bool, exclude: tuple[str, ...],
           hash_only: tuple[str, ...], page_images: str, size_warn: int | None) -> None:
    from evidencekit.channels import get_channel
    from evidencekit.clock import system_clock
    from evidencekit.identity import home_dir
    from evidencekit.pipeline import BundleOptions, build_dossier, ensure_default_identity, preview_dossier

    if channel:
        get_channel(channel)  # an unknown id is bad input, before any work
    settings = _settings()
    lang = settings.lang
    if dry_run:  # what would go in; no identity, no dossier, nothing written anywhere
        planned = BundleOptions(output=output, case_path=case_path, lang=lang, channel=channel, public=public,
                                ocr=ocr, ocr_home=home_dir(), passwords=_passwords(password_args), ask_password=_password_prompt(),
                                exclude=exclude, hash_only=hash_only, page_images=page_images, size_warn=size_warn)
        preview = preview_dossier(folder, planned, progress=_progress())
        if as_json:
            _emit_json(preview.to_dict())
        else:
            _echo(t("summary.title", lang))
            for line in preview.lines(lang):
                _echo(line)
        return
    options = BundleOptions(output=output, case_path=case_path, identity_path=identity_path,
                            passphrase=_passphrase_for(identity_path), force=force, lang=lang,
                            font=font, channel=channel, public=public, ocr=ocr, ocr_home=home_dir(),
                            sealer_name=None if as_json else _ask_sealer_name(folder, case_path, identity_path),
                            passwords=_passwords(password_args), ask_password=_password_prompt(),
                            exclude=exclude, hash_only=hash_only, page_images=page_images, size_warn=size_warn)
    options.tsa_url, options.tsa_optional, options.archive = _tsa_settings()
    made = None if identity_path else ensure_default_identity(options.sealer_name, system_clock())

    def say_summary(summary: Any) -> None:  # before sealing: what goes in, counts only
        if not settings.quiet and not as_json:
            _say(t("summary.title", lang))
            for line in summary.lines(lang, concise=True):
                _say(f"  {line}")

    result = build_dossier(folder, options, progress=_progress(), identity=made, on_summary=say_summary)
    result.identity_created = made is not None
    copy = None
    if public_copy is not None:
        from evidencekit.public_copy import PublicOptions, make_public_copy

        copy = make_public_copy(result.output, PublicOptions(
            output=public_copy, identity_path=identity_path, passphrase=options.passphrase, force=force,
            lang=settings.lang, font=font), progress=_progress())
    if as_json:
        _emit_json(result.to_dict() | ({"public_copy": copy.to_dict()} if copy is not None else {}))
        return
    _echo(str(result.output))
    if copy is not None:
        _echo(str(copy.output))
    if not settings.quiet:
        _say(t("cli.sealed", lang, path=str(result.output)))
        _say(t("cli.dossier_id", lang, id=result.dossier_id))
        _say(t("cli.bundle_summary", lang, items=len(result.items), pages=result.pages,
               kb=f"{result.size / 1024:.0f}", signer=result.signer.name))
        _say_tsa(result, lang)
        for item in result.items:
            for warning in item.warnings:
                _say(f"  ! {item.id} {item.path}: {_without_name(text_of(warning, lang), item.path)}")
        for skipped in result.skipped:
            _say(t("cli.not_included", lang, path=skipped.path, reason=skipped.text(lang)))
        if result.plan is not None and result.plan.checks is not None:
            _say_requirements(result.plan.checks, result.output, lang)
        if copy is not None:
            _say_public(copy, lang)
    if result.summary is not None and result.summary.too_large:  # after sealing, even with --quiet
        for warning in result.summary.warnings:
            if warning.code != "summary.empty_named":
                _say(f"  ! {warning.text(lang)}")


@main.command(help="help.batch")
@click.argument("cases", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="help.batch.output")
@click.option("--identity", "identity_path", type=click.Path(path_type=Path, dir_okay=False),
              help="help.batch.identity")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="help.batch.jobs")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", help="help.batch.executor")
@click.option("--scheduler", metavar="ADDR", help="help.batch.scheduler")
@click.option("--force", is_flag=True, help="help.batch.force")
@click.option("--tsa-limit", type=click.IntRange(min=1), default=4, show_default=True, help="help.batch.tsa_limit")
@click.option("--ocr", type=click.Choice(["auto", "all", "none"]), default="auto", help="help.ocr")
@click.option("--font", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="help.bundle.font")
@click.option("--password", "password_args", multiple=True, metavar="NAME=SECRET", help="help.batch.password")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB", help="help.bundle.exclude")
@click.option("--hash-only", "hash_only", multiple=True, metavar="GLOB", help="help.bundle.hash_only")
@click.option("--page-images", type=click.Choice(PAGE_IMAGE_MODES), default="full", help="help.bundle.page_images")
@click.option("--size-warn", type=_ByteSize(), default="20MB", help="help.bundle.size_warn")
@click.option("--json", "as_json", is_flag=True, help="help.batch.json")
@_timestamp_options
@_run
def batch(cases: Path, outdir: Path, identity_path: Path | None, jobs: int | None, executor: str,
          scheduler: str | None, force: bool, tsa_limit: int, ocr: str, font: Path | None,
          password_args: tuple[str, ...], exclude: tuple[str, ...], hash_only: tuple[str, ...], page_images: str,
          size_warn: int | None, as_json: bool) -> None:
    from evidencekit.batch import (
        BatchSettings,
        dask_executor,
        default_jobs,
        load_cases,
        local_executor,
        run_batch,
        summary,
        worker_identity,
        write_receipt,
    )
    from evidencekit.clock import system_clock
    from evidencekit.identity import default_identity_path, home_dir
    from evidencekit.pipeline import ensure_default_identity
    from evidencekit.timestamping import TimestampFailed

    if executor == "dask" and not scheduler:
        raise click.UsageError(_t("cli.batch.scheduler_needed"))
    passwords = _passwords(password_args)
    settings = _settings()
    specs = load_cases(cases, outdir)
    if executor == "dask" and (passwords or any(spec.passwords for spec in specs)):
        raise click.UsageError(_t("cli.batch.no_passwords_on_dask"))
    if identity_path is None:
        ensure_default_identity(None, system_clock())  # no prompt: a batch is a script
    identity_file = (identity_path or default_identity_path()).absolute()
    if executor == "local":
        worker_identity(identity_file)  # a locked or missing identity stops the batch before any case
    elif not identity_file.is_file():  # on a cluster the passphrase is in the workers' environment
        raise SigningFailed(msg("err.no_identity", path=str(identity_file)), msg("err.no_identity.hint"))
    tsa_url, tsa_optional, archive = _tsa_settings()
    shared = BatchSettings(identity_path=identity_file, lang=settings.lang, tsa_url=tsa_url,
                           tsa_optional=tsa_optional, archive=archive, force=force,
                           source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH") or None, tsa_limit=tsa_limit,
                           ocr=ocr, ocr_home=home_dir(), font=font.absolute() if font else None, exclude=exclude,
                           hash_only=hash_only, page_images=page_images, size_warn=size_warn,
                           passwords=passwords)
    run = dask_executor(scheduler or "") if executor == "dask" else local_executor(jobs or default_jobs())
    lang = settings.lang
    at_terminal = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if at_terminal and not settings.quiet:
            click.echo(f"\r{_t('cli.batch.progress')} {done}/{total}\033[K", err=True, nl=False)

    results = []
    for result in run_batch(specs, shared, outdir, run, progress):
        results.append(result)
        if at_terminal and not settings.quiet:
            click.echo("\r\033[K", err=True, nl=False)
        if as_json:
            _echo(json_safe(result.to_dict(), indent=None))  # one line per case: JSON Lines
        elif result.status == "failed":
            _echo(t("cli.batch.failed", lang, case=result.case, exit_code=result.exit_code, error=result.error))
        else:
            _echo(t(f"cli.batch.{result.status}", lang, case=result.case, output=result.output,
                    id=result.dossier_id))
        sys.stdout.flush()
    if not settings.quiet:
        _say(summary(results).text(lang))
    receipt = None
    if tsa_url:
        try:
            receipt = write_receipt(results, outdir, tsa_url)
        except TimestampFailed as exc:
            if not tsa_optional:
                raise
            _say(t("cli.batch.no_receipt", lang, reason=exc.text(lang)))
    if receipt is not None and not settings.quiet:
        _say(t("cli.batch.receipt", lang, path=str(receipt)))
    if not all(result.ok for result in results):
        sys.exit(int(ExitCode.CASES_FAILED))


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
    name = click.prompt(_t("cli.sealer_name"), default=suggested or "", show_default=bool(suggested),
                        err=True).strip()
    return name or None


def _say_requirements(report: Any, dossier: Path, lang: str) -> None:
    """One line on the chosen channel's requirements (from the plan, not by re-reading the
    sealed file), so nobody submits a bounced complaint."""
    channel = report.channel_id
    if report.escalation:  # advice for the complainant: printed here, not sealed on the cover
        _say(t("cli.escalation", lang, reason=report.escalation.reason(lang)))
    failed = [r for r in report.results if r.status == "fail"]
    if not failed:
        _say(t("cli.requirements_met", lang, channel=report.channel_name))
        return
    _say(t("cli.requirements_unmet", lang, channel=report.channel_name, count=len(failed),
           names=[r.requirement or r.rule_id for r in failed], dossier=str(dossier), channel_id=channel))


@main.command(help="help.verify")
@click.argument("dossier", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--trust", "trust_paths", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="help.verify.trust")
@click.option("--save-sealed", "save_to", type=click.Path(path_type=Path, dir_okay=False),
              help="help.verify.save_sealed")
@click.option("--force", is_flag=True, help="help.verify.force")
@click.option("--batch-receipt", "receipt", type=click.Path(path_type=Path, dir_okay=False),
              help="help.verify.batch_receipt")
@click.option("--against", "against", type=click.Path(path_type=Path, dir_okay=False), help="help.verify.against")
@click.option("--json", "as_json", is_flag=True, help="help.verify.json")
@click.option("--originals", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="help.verify.originals")
@_run
def verify(dossier: Path, trust_paths: tuple[Path, ...], save_to: Path | None, force: bool, receipt: Path | None,
           against: Path | None, as_json: bool, originals: Path | None) -> None:
    from evidencekit.verdict_text import render_report
    from evidencekit.verify import load_trust_anchors, save_sealed, verify_dossier

    if against is not None:
        _verify_against(dossier, against, load_trust_anchors(list(trust_paths)), as_json)
        return
    report = verify_dossier(dossier, load_trust_anchors(list(trust_paths)), originals=originals,
                            batch_receipt=receipt)
    if not as_json:  # the verdict first: a --save-sealed that cannot be written must not hide it
        for line in render_report(report, _settings().lang):
            _echo(line)
    saved = save_sealed(report, save_to, force=force) if save_to is not None else None
    if as_json:
        data = report.to_dict()
        if save_to is not None:
            data["saved_sealed"] = {"path": str(save_to), "bytes": saved}
        _emit_json(data)
    if save_to is not None:
        _say(_t("cli.saved_sealed", bytes=saved, path=str(save_to)))
    sys.exit(int(report.exit_code))


def _verify_against(public: Path, sealed: Path, trust: list[Any], as_json: bool) -> None:
    from evidencekit.public_verify import verify_against
    from evidencekit.verdict_text import render_report

    report = verify_against(public, sealed, trust)
    if as_json:
        _emit_json(report.to_dict())
        sys.exit(int(report.exit_code))
    lang = _current_lang()
    for line in render_report(report.public, lang):
        _echo(line)
    _echo()
    if report.ok:
        _echo(t("against.matches", lang, checked=report.checked, total=report.total))
    else:
        _echo(t("against.differs", lang))
    for finding in report.findings:
        _echo(visible(f"  {'✗' if finding.severity == 'fail' else '!'} {finding.message(lang)}"))
    sys.exit(int(report.exit_code))


@main.command(help="help.public")
@click.argument("sealed", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="help.public.output")
@click.option("--identity", "identity_path", type=click.Path(path_type=Path, dir_okay=False),
              help="help.public.identity")
@click.option("--font", type=click.Path(path_type=Path, dir_okay=False, exists=True), help="help.bundle.font")
@click.option("--trust", "trust_paths", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="help.public.trust")
@click.option("--dry-run", "dry_run", is_flag=True, help="help.public.dry_run")
@click.option("--force", is_flag=True, help="help.public.force")
@click.option("--json", "as_json", is_flag=True, help="help.json")
@_run
def public(sealed: Path, output: Path | None, identity_path: Path | None, font: Path | None,
           trust_paths: tuple[Path, ...], dry_run: bool, force: bool, as_json: bool) -> None:
    from evidencekit.clock import system_clock
    from evidencekit.pipeline import ensure_default_identity
    from evidencekit.public_copy import PublicOptions, make_public_copy
    from evidencekit.verify import load_trust_anchors

    settings = _settings()
    if not dry_run and identity_path is None:
        ensure_default_identity(None, system_clock())
    options = PublicOptions(output=output, identity_path=identity_path, passphrase=_passphrase_for(identity_path),
                            force=force, lang=settings.lang, font=font, dry_run=dry_run,
                            trust=load_trust_anchors(list(trust_paths)))
    result = make_public_copy(sealed, options, progress=_progress())
    if as_json:
        _emit_json(result.to_dict())
        return
    if result.output is not None:
        _echo(str(result.output))
    if not settings.quiet:
        _say_public(result, settings.lang)


def _say_public(result: Any, lang: Lang) -> None:
    """Per exhibit: how many boxes and of what (never the values hidden), and what could not be judged."""
    if result.output is not None:
        _say(t("cli.public.made", lang, path=str(result.output), pages=result.pages, id=result.public_id))
    for exhibit in result.exhibits:
        parts = [f"{t(f'public.category.{c}', lang)} {n}" for c, n in exhibit.categories.items()]
        categories = (f"（{'、'.join(parts)}）" if lang == "zh" else f" ({', '.join(parts)})") if parts else ""
        _say(t("cli.public.exhibit", lang, id=exhibit.id, kind=t(f"public.kind.{_kind_code(exhibit.kind)}", lang),
               shown=t(f"public.shown.{exhibit.shown}", lang), n=exhibit.masked, categories=categories))
        for note in exhibit.notes:
            _say(t("cli.public.note", lang, note=note.text(lang)))
    for path in result.previews:
        _say(t("cli.public.preview", lang, path=str(path)))
    _say(t("cli.public.look", lang))


def _kind_code(kind: str) -> str:
    return kind if f"public.kind.{kind}" in CATALOG else "other"


@main.command(help="help.extract")
@click.argument("dossier", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-d", "--dir", "dest", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="help.extract.dir")
@click.option("--force", is_flag=True, help="help.extract.force")
@click.option("--json", "as_json", is_flag=True, help="help.json")
@_run
def extract(dossier: Path, dest: Path, force: bool, as_json: bool) -> None:
    from evidencekit.unpack import extract_originals

    result = extract_originals(dossier, dest, force=force)
    if as_json:
        _emit_json(result.to_dict())
    else:
        lang = _current_lang()
        for entry in result.written:
            _echo(t("cli.extract.ok", lang, id=entry["id"], path=entry["path"]))
        for entry in result.failed:
            _echo(t("cli.extract.fail", lang, id=entry["id"], path=entry["path"], reason=entry["reason"]))
        for entry in result.inside:
            _echo(t("cli.extract.inside", lang, id=entry["id"], path=entry["path"], note=entry["note"]))
        for entry in result.not_embedded:
            _echo(t("cli.extract.not_embedded", lang, id=entry["id"], path=entry["path"]))
    sys.exit(0 if result.ok else int(ExitCode.VERIFICATION_FAILED))


@main.group(help="help.identity")
def identity() -> None:
    pass


@identity.command("create", help="help.identity.create")
@click.option("--name", required=True, help="help.identity.name")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="help.identity.output")
@click.option("--passphrase/--no-passphrase", default=False, help="help.identity.passphrase")
@click.option("--force", is_flag=True, help="help.identity.force")
@click.option("--json", "as_json", is_flag=True, help="help.json")
@_run
def identity_create(name: str, output: Path | None, passphrase: bool, force: bool, as_json: bool) -> None:
    from evidencekit.clock import system_clock
    from evidencekit.identity import PASSPHRASE_ENV, create_identity, default_identity_path

    secret = None
    if passphrase:
        secret = os.environ.get(PASSPHRASE_ENV)
        if secret is None:
            if not sys.stdin.isatty():
                raise SigningFailed(msg("err.passphrase_no_terminal"), msg("err.set_env.hint", env=PASSPHRASE_ENV))
            secret = click.prompt(_t("cli.passphrase"), hide_input=True, confirmation_prompt=True, err=True)
    made = create_identity(output or default_identity_path(), name, now=system_clock(), passphrase=secret,
                           force=force)
    _print_identity(made, as_json)


@identity.command("show", help="help.identity.show")
@click.option("--identity", "path", type=click.Path(path_type=Path, dir_okay=False), help="help.identity.file")
@click.option("--json", "as_json", is_flag=True, help="help.json")
@_run
def identity_show(path: Path | None, as_json: bool) -> None:
    from evidencekit.identity import default_identity_path, load_identity

    target = path or default_identity_path()
    if not target.exists():
        raise SigningFailed(msg("err.no_identity", path=str(target)), msg("err.no_identity.hint"))
    _print_identity(load_identity(target, _passphrase_for(target)), as_json)


@identity.command("export", help="help.identity.export")
@click.option("--identity", "path", type=click.Path(path_type=Path, dir_okay=False), help="help.identity.file")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="help.identity.export.output")
@_run
def identity_export(path: Path | None, output: Path | None) -> None:
    from cryptography.hazmat.primitives import serialization

    from evidencekit.identity import default_identity_path, load_identity

    target = path or default_identity_path()
    if not target.exists():
        raise SigningFailed(msg("err.no_identity", path=str(target)), msg("err.no_identity.hint"))
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
        return
    lang = _current_lang()
    for key, value in data.items():
        if key == "self_signed":
            value = t("label.yes" if value else "label.no", lang)
        _echo(t(f"cli.identity.{'fingerprint' if key == 'fingerprint_sha256' else key}", lang, value=value))


@main.command("inspect", help="help.inspect")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--case", "case_path", type=click.Path(path_type=Path, dir_okay=False), help="help.case")
@click.option("--ocr", type=click.Choice(["auto", "all", "none"]), default="auto", help="help.ocr")
@click.option("--password", "password_args", multiple=True, metavar="NAME=SECRET", help="help.password")
@click.option("--json", "as_json", is_flag=True, help="help.inspect.json")
@_run
def inspect_cmd(folder: Path, case_path: Path | None, ocr: str, password_args: tuple[str, ...], as_json: bool) -> None:
    from evidencekit.containers import Passwords
    from evidencekit.identity import home_dir
    from evidencekit.inspection import inspect_folder

    passwords = Passwords(_passwords(password_args), _password_prompt())
    result = inspect_folder(folder, case_path, progress=_progress(), plan=True, lang=_settings().lang,
                            passwords=passwords, ocr=ocr, ocr_home=home_dir())
    if as_json:
        _emit_json(result.to_dict())
        return
    lang = _current_lang()
    for item in result.items:
        summary = _facts_summary(item.kind, item.facts, lang)
        _echo(f"{item.id}  {item.kind:<10} {item.path}" + (f"  — {summary}" if summary else ""))
        for warning in item.warnings:
            _echo(f"      ! {_without_name(text_of(warning, lang), item.path)}")
    for skipped in result.skipped:
        _echo(t("cli.inspect.not_included", lang, path=skipped.path, reason=skipped.text(lang)))
    for name in passwords.unused():
        _say(t("bundle.password_unused", lang, name=name))
    for conflict in result.plan.cross_checks.disputed_conflicts() if result.plan else []:
        _say(f"  ! {conflict.message().text(lang)}")


def _without_name(warning: str, path: str) -> str:
    """Extractor warnings start with the file's name; the line already shows its path."""
    name = path.rsplit("/", 1)[-1]
    for prefix in (f"{name}: ", f"{name}：", f"{name} "):
        if warning.startswith(prefix):
            return warning[len(prefix):]
    return warning


def _facts_summary(kind: str, facts: dict[str, Any], lang: Lang) -> str:
    if facts.get("container") == "zip":
        return t("cli.facts.zip", lang, n=facts.get("entry_count", 0), opened=len(facts.get("contents") or []),
                 encryption=t(f"container.zip.{facts.get('encryption') or 'plain'}", lang))
    if facts.get("container") == "eml":
        return t("cli.facts.eml", lang, subject=facts.get("subject") or "", n=len(facts.get("attachments") or []))
    if "transactions" in facts:
        rows = facts["transactions"]
        disputed = sum(1 for r in rows if r.get("disputed"))
        return t("cli.facts.bill_disputed" if disputed else "cli.facts.bill", lang,
                 format=facts.get("format", "bill"), rows=len(rows), disputed=disputed)
    if "messages" in facts:
        return t("cli.facts.chat", lang, format=facts.get("format", "chat"), messages=len(facts["messages"]))
    if "duration_seconds" in facts and facts.get("duration_seconds") is not None:
        return t("cli.facts.media", lang, container=facts.get("container", ""),
                 seconds=f"{facts['duration_seconds']:.1f}")
    if "width" in facts and "height" in facts:
        size = f"{facts['width']}x{facts['height']}"
        return t("cli.facts.image_gps", lang, size=size) if facts.get("gps_present") else size
    if "pages" in facts:
        pages = (t("cli.facts.pages", lang, pages=facts["pages"]) if facts.get("pages") is not None
                 else t("cli.facts.pages_unknown", lang))
        return t("cli.facts.encrypted", lang, pages=pages) if facts.get("encrypted") else pages
    return ""


@main.command(help="help.check")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--channel", required=True, help="help.check.channel")
@click.option("--json", "as_json", is_flag=True, help="help.check.json")
@_run
def check(target: Path, channel: str, as_json: bool) -> None:
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
    _echo(f"{report.channel_name} ({report.channel_id})")
    for result in report.results:
        _echo(f"  {_MARKS.get(result.status, '?')} {text_of(result.message, lang)}")
        if result.status != "pass":
            _echo(t("cli.check.source", lang, source=text_of(result.source, lang)))
            _echo(t("cli.check.fix", lang, fix=text_of(result.fix, lang)))
    if report.escalation:
        _echo(t("cli.check.escalation", lang, reason=report.escalation.reason(lang)))
    counts = report.counts()
    _echo(t("cli.check.result", lang, failed=counts.get("fail", 0), warned=counts.get("warn", 0),
            passed=counts.get("pass", 0)))


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
    _echo(" " * width + " ".join(f"{t('cli.check.ok' if reports[cid].ok else 'cli.check.unmet', lang):>9}"
                                 for cid in ids))
    _echo(t("cli.check.legend", lang))
    names: dict[str, str] = {}
    for report in reports.values():
        for result in report.results:
            names.setdefault(result.rule_id, result.requirement or result.rule_id)
    _echo("")
    for rule in rules:
        _echo(f"{rule:<{width}}{names[rule]}")


@main.command(help="help.channels")
@click.argument("channel_id", required=False)
@click.option("--json", "as_json", is_flag=True, help="help.channels.json")
@_run
def channels(channel_id: str | None, as_json: bool) -> None:
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
    _echo(f"{described.get('name')} ({described.get('id')})")
    if described.get("authority"):
        _echo(t("cli.channel.authority", lang, text=str(described["authority"])))
    if described.get("how"):
        _echo(t("cli.channel.how", lang, text=str(described["how"])))
    rules = described.get("rules") or []
    if rules:
        _echo(t("cli.channel.requirements", lang))
        for rule in rules:
            level = t("cli.channel.must" if rule.get("severity") == "fail" else "cli.channel.should", lang)
            _echo(f"  [{level}] {rule.get('requirement')}  ({rule.get('source')})")
    for key, title in (("time_limits", "cli.channel.time_limits"), ("advice", "cli.channel.advice")):
        notes = described.get(key) or []
        if notes:
            _echo(t(title, lang))
            for note in notes:
                text = note.get("text") if isinstance(note, dict) else note
                _echo(f"  - {text}")


@main.command(help="help.init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@_run
def init(folder: Path) -> None:
    from evidencekit.case import write_case_template
    from evidencekit.identity import home_dir
    from evidencekit.prefill import prefilled_case

    prefilled = prefilled_case(folder, home=home_dir())
    written = write_case_template(folder, prefilled[0]) if prefilled else write_case_template(folder)
    _echo(str(written))
    if prefilled:
        _say(_t("cli.init.prefilled", count=prefilled[1], transactions=prefilled[2]))
    _say(_t("cli.init.written"))


@main.command(help="help.countersign")
@click.argument("dossier", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--identity", "identity_path", type=click.Path(path_type=Path, dir_okay=False),
              help="help.countersign.identity")
@click.option("--note", help="help.countersign.note")
@click.option("--tsa", metavar="URL", help="help.countersign.tsa")
@click.option("--no-tsa", is_flag=True, help="help.no_tsa")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="help.countersign.output")
@click.option("--trust", "trust_paths", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="help.countersign.trust")
@click.option("--json", "as_json", is_flag=True, help="help.json")
@_run
def countersign(dossier: Path, identity_path: Path | None, note: str | None, tsa: str | None, no_tsa: bool,
                output: Path | None, trust_paths: tuple[Path, ...], as_json: bool) -> None:
    from evidencekit.countersigning import countersign as add_countersignature
    from evidencekit.identity import default_identity_path, load_identity
    from evidencekit.timestamping import configured_tsa
    from evidencekit.verify import load_trust_anchors

    target = identity_path or default_identity_path()
    if not target.exists():
        raise SigningFailed(msg("err.no_identity", path=str(target)), msg("err.no_identity.hint_countersign"))
    signer = load_identity(target, _passphrase_for(target))
    result = add_countersignature(dossier, signer, note=note, tsa_url=configured_tsa(tsa, disabled=no_tsa).url,
                                  output=output, trust=load_trust_anchors(list(trust_paths)))
    if as_json:
        _emit_json(result.to_dict())
        return
    _echo(str(result.output))
    if not _settings().quiet:
        _say(_t("cli.countersigned", signer=result.signer, n=result.signatures, field=result.field, note=result.note))
        if result.tsa:
            _say(_t("cli.countersign.tsa", name=result.tsa["name"]))


def run() -> None:
    """The ``evidencekit`` program: :func:`main`, then an exit that nothing can turn into another.

    After Ctrl-C the cleanup has already run when ``_run`` exits 130; CPython's finalisation
    then sometimes re-raises SIGINT on itself (the process dies with -2 instead of 130, seen
    1 run in 5 with a worker thread still hashing). So the documented codes for an interrupted
    or terminated run leave through ``os._exit`` once the output streams are flushed.
    """
    try:
        main()
    except BrokenPipeError:  # stdout closed while click itself wrote (help, usage)
        _quiet_exit(int(ExitCode.BROKEN_PIPE))
    except SystemExit as exc:
        if exc.code == int(ExitCode.BROKEN_PIPE):
            _quiet_exit(int(ExitCode.BROKEN_PIPE))
        if exc.code in (int(ExitCode.INTERRUPTED), int(ExitCode.TERMINATED)):
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):  # a closed or broken pipe: nothing more to say
                    pass
            os._exit(int(exc.code))
        try:
            sys.stdout.flush()  # what is still buffered, so a reader gone by now ends us quietly too
        except BrokenPipeError:
            _quiet_exit(int(ExitCode.BROKEN_PIPE))
        except (OSError, ValueError):
            pass
        raise


def _quiet_exit(code: int) -> None:
    """Exit at once with ``code``, stdout pointed at /dev/null first: Python's own flush of a
    broken stdout at exit would otherwise print "Exception ignored … BrokenPipeError"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)
