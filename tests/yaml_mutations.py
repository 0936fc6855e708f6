"""Small edits that break YAML files in the ways people and tools do, for the fuzz tests."""

from __future__ import annotations

from hypothesis import strategies as st

#: One edit: a line deleted, duplicated, given another value or indented, or bytes put in.
mutation = st.one_of(
    st.tuples(st.just("delete-line"), st.integers(0, 10_000)),
    st.tuples(st.just("duplicate-line"), st.integers(0, 10_000)),
    st.tuples(
        st.just("swap-value"),
        st.integers(0, 10_000),
        st.sampled_from(["[]", "{}", "42", "-1", "''", "~", "yes", "2025-02-30", "*x", "&a b", "!!str"]),
    ),
    st.tuples(st.just("bytes"), st.integers(0, 100_000), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("indent"), st.integers(0, 10_000)),
)


def mutate(raw: bytes, mutation: tuple) -> bytes:
    lines = raw.split(b"\n")
    kind, position = mutation[0], mutation[1]
    index = position % len(lines)
    if kind == "delete-line":
        del lines[index]
    elif kind == "duplicate-line":
        lines.insert(index, lines[index])
    elif kind == "swap-value":
        key, colon, _ = lines[index].partition(b":")
        lines[index] = key + b": " + mutation[2].encode() if colon else mutation[2].encode()
    elif kind == "indent":
        lines[index] = b"   " + lines[index]
    else:
        offset = position % (len(raw) + 1)
        return raw[:offset] + mutation[2] + raw[offset:]
    return b"\n".join(lines)
