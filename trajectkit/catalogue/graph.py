"""The catalogue as a networkx graph, and the questions rules ask of it.

Nodes are tuples ``(kind, id)`` (with the trajectory id where a thing is local to a
trajectory) and carry ``kind`` and ``label`` attributes; edges carry ``rel``:

- ``contains``   qualification → competence, partial qualification → competence
- ``part``       professional qualification → partial qualification
- ``includes``   educational qualification → professional qualification (``scope``) or goal
- ``qualifies``  trajectory → educational qualification (or professional qualification, for a
  beroepskwalificerende trajectory)
- ``place``      trajectory → learning place
- ``allocates``  trajectory → allocation → competence (``phase``)
- ``learn``, ``assess`` or ``learn+assess``  learning place → allocation
- ``requires``   allocation → allocation (prerequisite, same trajectory)
- ``groups``     trajectory → cluster → competence
- ``earns``      trajectory → certificate → cluster / qualification
- ``recognised`` workplace → trajectory (``periods``: valid from, until, capacity)
- ``mentor``     workplace → mentor; ``cannot_offer`` workplace → competence
- ``offers``     provider → trajectory (``periods``: from, until); ``coach`` provider → coach
- ``follows`` learner → trajectory; ``placed`` learner → workplace; ``mentored`` learner → mentor;
  ``school`` learner → provider; ``coached`` learner → coach
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from trajectkit.catalogue.catalogue import Catalogue
    from trajectkit.catalogue.model import Provider, StandardTrajectory, Workplace

Node = tuple[str, ...]


def competence_node(ident: str) -> Node:
    return ("competence", ident)


def allocation_node(trajectory: str, competence: str) -> Node:
    return ("allocation", trajectory, competence)


def build_graph(catalogue: Catalogue) -> nx.DiGraph:
    """One graph of the whole catalogue.

    Nodes and edges are collected in lists and added in bulk: adding them one by one
    costs more than everything the rules do with the graph afterwards.
    """
    import networkx as nx

    nodes: list[tuple[Node, dict[str, object]]] = []
    edges: list[tuple[Node, Node, dict[str, object]]] = []
    for bk in catalogue.professional_qualifications.values():
        nodes.append((("bk", bk.id), {"kind": "bk", "label": bk.title}))
        for competence in bk.competences:
            nodes.append((competence_node(competence.id), {"kind": "competence", "label": competence.title}))
            edges.append((("bk", bk.id), competence_node(competence.id), {"rel": "contains"}))
        for part in bk.partial_qualifications:
            nodes.append((("dbk", part.id), {"kind": "dbk", "label": part.title}))
            edges.append((("bk", bk.id), ("dbk", part.id), {"rel": "part"}))
            edges.extend((("dbk", part.id), competence_node(ident), {"rel": "contains"}) for ident in part.competences)
    for ok in catalogue.educational_qualifications.values():
        nodes.append((("ok", ok.id), {"kind": "ok", "label": ok.title}))
        for scope in ok.professional_qualifications:
            edges.append((("ok", ok.id), ("bk", scope.ref), {"rel": "includes", "scope": scope.scope}))
        for goal in ok.general_education:
            nodes.append((competence_node(goal.id), {"kind": "goal", "label": goal.title}))
            edges.append((("ok", ok.id), competence_node(goal.id), {"rel": "includes"}))
    for trajectory in catalogue.trajectories.values():
        _add_trajectory(nodes, edges, trajectory, "bk" if catalogue.is_professional(trajectory) else "ok")
    for workplace in catalogue.workplaces.values():
        _add_workplace(nodes, edges, workplace)
    for provider in catalogue.providers.values():
        _add_provider(nodes, edges, provider)
    for learner in catalogue.learners.values():
        node = ("learner", learner.id)
        nodes.append((node, {"kind": "learner", "label": learner.name}))
        edges.append((node, ("trajectory", learner.trajectory), {"rel": "follows"}))
        for placement in learner.placements:
            edges.append((node, ("workplace", placement.workplace), {"rel": "placed"}))
            if placement.mentor:
                edges.append((node, ("mentor", placement.workplace, placement.mentor), {"rel": "mentored"}))
        school = learner.school
        if school is not None and school.provider is not None:
            edges.append((node, ("provider", school.provider), {"rel": "school"}))
            if school.coach_id:
                edges.append((node, ("coach", school.provider, school.coach_id), {"rel": "coached"}))
    graph: nx.DiGraph = nx.DiGraph()
    # Edges first: a node named only by a reference still appears; the node list
    # then adds the attributes of every node the catalogue defines.
    graph.add_edges_from(edges)
    graph.add_nodes_from(nodes)
    return graph


def _add_trajectory(
    nodes: list[tuple[Node, dict[str, object]]],
    edges: list[tuple[Node, Node, dict[str, object]]],
    trajectory: StandardTrajectory,
    qualification_kind: str = "ok",
) -> None:
    tid = trajectory.id
    node = ("trajectory", tid)
    nodes.append((node, {"kind": "trajectory", "label": trajectory.title}))
    edges.append((node, (qualification_kind, trajectory.qualification), {"rel": "qualifies"}))
    for place in trajectory.learning_places:
        nodes.append((("place", tid, place.id), {"kind": "place", "label": place.id, "type": place.type}))
        edges.append((node, ("place", tid, place.id), {"rel": "place"}))
    for allocation in trajectory.allocations:
        alloc = allocation_node(tid, allocation.competence)
        nodes.append((alloc, {"kind": "allocation", "label": allocation.competence, "phase": allocation.phase}))
        edges.append((node, alloc, {"rel": "allocates"}))
        edges.append((alloc, competence_node(allocation.competence), {"rel": "allocates", "phase": allocation.phase}))
        for place_id in dict.fromkeys((*allocation.at, *allocation.assessed_by)):
            rel = "+".join(
                name for name, at in (("learn", allocation.at), ("assess", allocation.assessed_by)) if place_id in at
            )
            edges.append((("place", tid, place_id), alloc, {"rel": rel}))
        edges.extend((alloc, allocation_node(tid, required), {"rel": "requires"}) for required in allocation.requires)
    for cluster in trajectory.clusters:
        cnode = ("cluster", tid, cluster.id)
        nodes.append((cnode, {"kind": "cluster", "label": cluster.title}))
        edges.append((node, cnode, {"rel": "groups"}))
        edges.extend((cnode, competence_node(ident), {"rel": "groups"}) for ident in cluster.competences)
    for index, certificate in enumerate(trajectory.certificates):
        cert = ("certificate", tid, str(index))
        nodes.append((cert, {"kind": "certificate", "label": certificate.type}))
        edges.append((node, cert, {"rel": "earns"}))
        clusters = (
            [cluster.id for cluster in trajectory.clusters] if certificate.all_clusters else certificate.clusters or ()
        )
        edges.extend((cert, ("cluster", tid, cluster_id), {"rel": "earns"}) for cluster_id in clusters)
        if certificate.qualification:
            kind = "dbk" if certificate.type == "partial-qualification" else "bk"
            edges.append((cert, (kind, certificate.qualification), {"rel": "earns"}))


def _add_workplace(
    nodes: list[tuple[Node, dict[str, object]]], edges: list[tuple[Node, Node, dict[str, object]]], workplace: Workplace
) -> None:
    node = ("workplace", workplace.id)
    nodes.append((node, {"kind": "workplace", "label": workplace.name}))
    periods: dict[str, list[tuple[object, object, int]]] = {}
    for recognition in workplace.recognitions:
        periods.setdefault(recognition.trajectory, []).append(
            (recognition.valid_from, recognition.valid_until, recognition.capacity)
        )
    for trajectory, spans in periods.items():
        edges.append((node, ("trajectory", trajectory), {"rel": "recognised", "periods": spans}))
    for mentor in workplace.mentors:
        nodes.append((("mentor", workplace.id, mentor.id), {"kind": "mentor", "label": mentor.name}))
        edges.append((node, ("mentor", workplace.id, mentor.id), {"rel": "mentor"}))
    edges.extend((node, competence_node(ident), {"rel": "cannot_offer"}) for ident in workplace.cannot_offer)


def _add_provider(
    nodes: list[tuple[Node, dict[str, object]]], edges: list[tuple[Node, Node, dict[str, object]]], provider: Provider
) -> None:
    node = ("provider", provider.id)
    nodes.append((node, {"kind": "provider", "label": provider.name}))
    periods: dict[str, list[tuple[object, object]]] = {}
    for offer in provider.offers:
        periods.setdefault(offer.trajectory, []).append((offer.start, offer.until))
    for trajectory, spans in periods.items():
        edges.append((node, ("trajectory", trajectory), {"rel": "offers", "periods": spans}))
    for coach in provider.coaches:
        nodes.append((("coach", provider.id, coach.id), {"kind": "coach", "label": coach.name}))
        edges.append((node, ("coach", provider.id, coach.id), {"rel": "coach"}))


def _targets(graph: nx.DiGraph, node: Node, rel: str) -> Iterator[Node]:
    if node not in graph:
        return
    for target, data in graph.adj[node].items():
        if data.get("rel") == rel:
            yield target


def allocated_competences(graph: nx.DiGraph, trajectory: str) -> set[str]:
    """Competences the trajectory allocates somewhere."""
    return {
        competence[1]
        for alloc in _targets(graph, ("trajectory", trajectory), "allocates")
        for competence in _targets(graph, alloc, "allocates")
    }


def clustered_competences(graph: nx.DiGraph, trajectory: str) -> set[str]:
    """Competences that sit in at least one cluster of the trajectory."""
    return {
        competence[1]
        for cluster in _targets(graph, ("trajectory", trajectory), "groups")
        for competence in _targets(graph, cluster, "groups")
    }


def prerequisite_cycles(graph: nx.DiGraph, trajectory: str, limit: int = 50) -> list[list[str]]:
    """Each elementary cycle of ``requires`` among the trajectory's allocations, as competence ids.

    At most ``limit`` cycles: a tangle of prerequisites can hold exponentially many.
    """
    import itertools

    import networkx as nx

    requires: nx.DiGraph = nx.DiGraph()
    for alloc in _targets(graph, ("trajectory", trajectory), "allocates"):
        for target in _targets(graph, alloc, "requires"):
            requires.add_edge(alloc[2], target[2])
    return sorted(itertools.islice(nx.simple_cycles(requires), limit))
