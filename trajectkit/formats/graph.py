"""One trajectory's part of the catalogue graph, as DOT (Graphviz) or GraphML (Gephi, yEd).

The subgraph holds the trajectory, its learning places, allocations, clusters and
certificates, its educational qualification, the professional and partial
qualifications it includes or certifies, and its competences and goals, with the
edges among them (see :mod:`trajectkit.catalogue.graph` for the relations). Learners and
workplaces are left out: a file meant for drawing tools should not carry names of
people.

Node ids are the graph's tuple nodes joined with ``:`` (``allocation:OT-00214:bkc0051279``);
node attributes are ``kind`` and ``label`` (plus ``type`` for places and ``phase`` for
allocations), edge attributes ``rel`` (plus ``scope`` or ``phase`` where the graph has them).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from trajectkit.catalogue.catalogue import Catalogue
from trajectkit.catalogue.graph import Node, competence_node
from trajectkit.catalogue.model import StandardTrajectory

if TYPE_CHECKING:
    import networkx as nx

#: First lines that mark a file as trajectkit's, so a later run may replace it (``trajectkit.atomic``).
DOT_MARK = "// Written by trajectkit"
GRAPHML_MARK = "<!-- Written by trajectkit -->"
#: Kinds of nodes that are local to one trajectory: (kind, trajectory id, local id).
_LOCAL_KINDS = ("place", "allocation", "cluster", "certificate")
#: Shapes in DOT, so a plain ``dot -Tsvg`` is readable without styling.
_SHAPES = {
    "trajectory": "doubleoctagon",
    "ok": "house",
    "bk": "folder",
    "dbk": "tab",
    "place": "box3d",
    "allocation": "point",
    "cluster": "component",
    "certificate": "note",
    "competence": "ellipse",
    "goal": "ellipse",
}


def trajectory_subgraph(graph: nx.DiGraph, catalogue: Catalogue, trajectory: StandardTrajectory) -> nx.DiGraph:
    """The nodes of ``trajectory`` (see the module doc) and every edge among them,
    relabelled to string ids, with attributes fit for GraphML, in a stable order."""
    import networkx as nx

    tid = trajectory.id
    qualification_kind = "bk" if catalogue.is_professional(trajectory) else "ok"
    wanted: set[Node] = {("trajectory", tid), (qualification_kind, trajectory.qualification)}
    wanted.update(node for node in graph if len(node) == 3 and node[0] in _LOCAL_KINDS and node[1] == tid)
    for scope in catalogue.scopes_of(trajectory):
        wanted.add(("bk", scope.ref))
    for certificate in trajectory.certificates:
        if certificate.qualification:
            wanted.add(("dbk" if certificate.type == "partial-qualification" else "bk", certificate.qualification))
    competences = set(catalogue.required_competences(trajectory))
    competences.update(item.competence for item in trajectory.allocations)
    competences.update(ident for cluster in trajectory.clusters for ident in cluster.competences)
    wanted.update(competence_node(ident) for ident in competences)
    wanted &= set(graph.nodes)

    exported: nx.DiGraph = nx.DiGraph(name=tid)
    for node in sorted(wanted):
        exported.add_node(node_id(node), **_clean(graph.nodes[node]))
    edges = sorted(
        (node_id(source), node_id(target), sorted(_clean(data).items()))
        for source, target, data in graph.edges(data=True)
        if source in wanted and target in wanted
    )
    for source, target, data in edges:
        exported.add_edge(source, target, **dict(data))
    return exported


def node_id(node: Node) -> str:
    return ":".join(node)


def _clean(attributes: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML can hold: no ``None``; dates as ISO text."""
    cleaned = {}
    for key, value in attributes.items():
        if value is None:
            continue
        cleaned[key] = value.isoformat() if isinstance(value, dt.date) else value
    return cleaned


def graph_graphml(graph: nx.DiGraph) -> str:
    """GraphML text (``networkx.generate_graphml``)."""
    import networkx as nx

    return "\n".join([GRAPHML_MARK, *nx.generate_graphml(graph)]) + "\n"


def graph_dot(graph: nx.DiGraph) -> str:
    """Graphviz DOT text; every id and value is a quoted string."""
    lines = [
        DOT_MARK,
        f"digraph {dot_quote(graph.graph.get('name', 'trajectory'))} {{",
        "  rankdir=LR;",
        "  node [shape=box];",
    ]
    for node, data in graph.nodes(data=True):
        attributes = dict(data)
        shape = _SHAPES.get(str(attributes.get("kind")))
        if shape:
            attributes["shape"] = shape
        lines.append(f"  {dot_quote(node)}{_dot_attributes(attributes)};")
    for source, target, data in graph.edges(data=True):
        attributes = dict(data)
        if "rel" in attributes:
            attributes.setdefault("label", attributes["rel"])
        lines.append(f"  {dot_quote(source)} -> {dot_quote(target)}{_dot_attributes(attributes)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_quote(value: object) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as ``\\n``."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _dot_attributes(attributes: dict[str, Any]) -> str:
    if not attributes:
        return ""
    return " [" + ", ".join(f"{dot_quote(key)}={dot_quote(value)}" for key, value in sorted(attributes.items())) + "]"


FORMATS = {"dot": graph_dot, "graphml": graph_graphml}
