"""The hostile corpus's large items, made on demand: a 100 MB file has no place in Git.

The small items are committed beside this script; ``tests/test_hostile.py`` makes the
large ones in a temporary folder through the functions below. To get them on disk:

    python tests/data/hostile/generate.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

MB = 1024 * 1024


def alias_bomb(levels: int = 10, width: int = 10) -> str:
    """Billion laughs: each level lists the one before ``width`` times (10**10 leaves)."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    return "kind: Learner\nid: L-BOMB\n" + "\n".join(f"x-{line}" for line in lines) + "\n"


def deep_nesting(depth: int = 10_000, mapping: bool = False) -> str:
    """``depth`` nested flow sequences (or mappings ``{a: {a: ...}}``) in one value."""
    if mapping:
        return "kind: Learner\nid: L-DEEP\nx-deep: " + "{a: " * depth + "1" + "}" * depth + "\n"
    return "kind: Learner\nid: L-DEEP\nx-deep: " + "[" * depth + "]" * depth + "\n"


def many_keys(count: int = 200_000) -> str:
    """One mapping with ``count`` keys, none of them known to the schema."""
    return "kind: Learner\nid: L-KEYS\n" + "".join(f"key{i}: {i}\n" for i in range(count))


def long_line(size: int = MB) -> str:
    """A single line of ``size`` characters: an id with spaces, which the schema refuses."""
    return "kind: Learner\nid: " + ("ab " * (size // 3)).strip() + "\n"


def repeated_long_value(size: int = 500_000, copies: int = 900) -> str:
    """One long invalid value placed ``copies`` times by aliases: a report that quoted it
    whole would be ``size * copies`` characters long."""
    lines = ["kind: Learner", "id: L-ECHO", "name: Echo", f"x-long: &long '{'x ' * (size // 2)}'", "attained:"]
    lines += ["  - {competence: *long, date: 2026-01-01}"] * copies
    return "\n".join(lines) + "\n"


def write_sparse(path: Path, size: int = 100 * MB) -> Path:
    """A file of ``size`` bytes that takes no disk space (a hole); reads give zeros."""
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


def write_real(path: Path, size: int = 100 * MB) -> Path:
    """A file of ``size`` real bytes of valid-looking YAML, written a megabyte at a time."""
    chunk = b"- x\n" * (MB // 4)
    with path.open("wb") as stream:
        for _ in range(size // len(chunk)):
            stream.write(chunk)
        stream.write(b"- x\n" * ((size % len(chunk)) // 4 + 1))
    return path


TEXT_ITEMS = {
    "alias-bomb.yaml": alias_bomb,
    "deep-sequences.yaml": deep_nesting,
    "deep-mappings.yaml": lambda: deep_nesting(mapping=True),
    "many-keys.yaml": many_keys,
    "long-line.yaml": long_line,
    "repeated-long-value.yaml": repeated_long_value,
}


def main(out: str) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in TEXT_ITEMS.items():
        (folder / name).write_text(make(), encoding="utf-8")
    write_sparse(folder / "sparse-100mb.yaml")
    write_real(folder / "real-100mb.yaml")
    for name in sorted(os.listdir(folder)):
        print(f"{(folder / name).stat().st_size:>12,}  {folder / name}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-out")
