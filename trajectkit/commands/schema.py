"""``trajectkit schema``: the shipped JSON Schemas, for editors and other tools.

An editor with the YAML language server (VS Code's YAML extension, Neovim, Helix,
JetBrains) completes keys and flags errors as you type when a file starts with

    # yaml-language-server: $schema=../schemas/standard-trajectory.schema.json

(a path relative to the YAML file, or a URL). The schemas are copied byte for byte
from the ones ``validate`` uses, so editor and CLI agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trajectkit.atomic import check_folder, check_output, write_atomic
from trajectkit.catalogue.kinds import KIND_SCHEMAS
from trajectkit.errors import UsageError
from trajectkit.resources import schemas_dir
from trajectkit.translation import _

SUFFIX = ".schema.json"

#: The document kinds and the configuration file, by the name a user may type.
KINDS: dict[str, str] = {**KIND_SCHEMAS, "trajectkit.yaml": "config"}


@dataclass(frozen=True)
class SchemaFile:
    """One shipped schema: the kind it describes and its file name."""

    kind: str
    name: str

    @property
    def file_name(self) -> str:
        return f"{self.name}{SUFFIX}"

    @property
    def path(self) -> Path:
        return schemas_dir() / self.file_name


def schema_files() -> list[SchemaFile]:
    """Every shipped schema, in the order of ``KINDS``."""
    return [SchemaFile(kind, name) for kind, name in KINDS.items() if (schemas_dir() / f"{name}{SUFFIX}").is_file()]


def find_schema(kind: str) -> SchemaFile:
    """The schema for ``kind``: ``StandardTrajectory``, ``standard-trajectory`` or ``config``."""
    wanted = kind.strip().lower().removesuffix(SUFFIX)
    for schema in schema_files():
        if wanted in (schema.kind.lower(), schema.name):
            return schema
    choices = ", ".join(schema.kind for schema in schema_files())
    raise UsageError(_("unknown kind '%(kind)s'; choose one of: %(choices)s") % {"kind": kind, "choices": choices})


def export_schemas(kind: str | None, out: str | Path, force: bool = False) -> list[Path]:
    """Write one schema (``kind``) or all of them into the folder ``out``; the paths written.

    A file there is replaced when it is a trajectkit schema (``trajectkit.atomic``), any
    other only with ``force``; if one is in the way, none is written.
    """
    chosen = [find_schema(kind)] if kind else schema_files()
    folder = check_folder(out)
    targets = [check_output(folder / schema.file_name, force=force) for schema in chosen]
    try:
        written = []
        for schema, target in zip(chosen, targets, strict=True):
            write_atomic(target, schema.path.read_bytes())
            written.append(target)
    except OSError as error:
        raise UsageError(
            _("%(folder)s: cannot write the schemas: %(reason)s") % {"folder": folder, "reason": error.strerror}
        ) from error
    return written


def schema_text(kind: str) -> str:
    return find_schema(kind).path.read_text(encoding="utf-8")


def modeline(schema: SchemaFile, relative_to: str = "../schemas") -> str:
    """The first line that points the YAML language server at ``schema``."""
    return f"# yaml-language-server: $schema={relative_to}/{schema.file_name}"


def kinds_table() -> str:
    """What ``trajectkit schema`` prints without arguments: kinds and their files."""
    width = max(len(schema.kind) for schema in schema_files())
    lines = [f"{schema.kind:<{width}}  {schema.file_name}" for schema in schema_files()]
    lines.append("")
    lines.append("trajectkit schema KIND prints one; --out DIR writes them (all, or KIND) to DIR.")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class SchemaOptions:
    kind: str | None = None
    out: str | None = None
    force: bool = False


def run(options: SchemaOptions) -> int:
    """Export the schemas to a folder, print one, or list the kinds."""
    from trajectkit.terminal import note, say

    if options.out is not None:
        for path in export_schemas(options.kind, options.out, options.force):
            note(_("wrote %(file)s") % {"file": path.as_posix()})
    elif options.kind is not None:
        say(schema_text(options.kind), nl=False)
    else:
        say(kinds_table(), nl=False)
    return 0
