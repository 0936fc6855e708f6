"""The catalogue as a networkx graph, and the questions rules ask of it.

Nodes are tuples ``(kind, id)`` (with the trajectory id where a thing is local to a
trajectory) and carry ``kind`` and ``label`` attributes; edges carry ``rel``:

- ``contains``   qualification → competence, partial qualification → competence
- ``part``       professional qualification → partial qualification
- ``includes``   educational qualification → professional qualification (``scope``) or goal
- ``qualifies``  trajectory → educational qualification
- ``place``      trajectory → learning place
- ``allocates``  trajectory → allocation → competence (``phase``)
- ``learn`` / ``assess``  learning place → allocation
- ``requires``   allocation → allocation (prerequisite, same trajectory)
- ``groups``     trajectory → cluster → competence
- ``earns``      trajectory → certificate → cluster / qualification
- ``recognised`` workplace → trajectory (``capacity``, ``valid_from``, ``valid_until``)
- ``mentor``     workplace → mentor; ``cannot_offer`` workplace → competence
- ``follows`` learner → trajectory; ``placed`` learner → workplace; ``mentored`` learner → mentor
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from trajectkit.catalogue import Catalogue
    from trajectkit.model import StandardTrajectory

Node = tuple[str, ...]


def competence_node(ident: str) -> Node:
    return ("competence", ident)


def allocation_node(trajectory: str, competence: str) -> Node:
    return ("allocation", trajectory, competence)


def build_graph(catalogue: Catalogue) -> nx.MultiDiGraph:
    """One graph of the whole catalogue."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    add = graph.add_edge
    for bk in catalogue.professional_qualifications.values():
        graph.add_node(("bk", bk.id), kind="bk", label=bk.title)
        for competence in bk.competences:
            graph.add_node(competence_node(competence.id), kind="competence", label=competence.title)
            add(("bk", bk.id), competence_node(competence.id), rel="contains")
        for part in bk.partial_qualifications:
            graph.add_node(("dbk", part.id), kind="dbk", label=part.title)
            add(("bk", bk.id), ("dbk", part.id), rel="part")
            for ident in part.competences:
                add(("dbk", part.id), competence_node(ident), rel="contains")
    for ok in catalogue.educational_qualifications.values():
        graph.add_node(("ok", ok.id), kind="ok", label=ok.title)
        for scope in ok.professional_qualifications:
            add(("ok", ok.id), ("bk", scope.ref), rel="includes", scope=scope.scope)
        for goal in ok.general_education:
            graph.add_node(competence_node(goal.id), kind="goal", label=goal.title)
            add(("ok", ok.id), competence_node(goal.id), rel="includes")
    for trajectory in catalogue.trajectories.values():
        _add_trajectory(graph, trajectory)
    for workplace in catalogue.workplaces.values():
        node = ("workplace", workplace.id)
        graph.add_node(node, kind="workplace", label=workplace.name)
        for recognition in workplace.recognitions:
            add(
                node,
                ("trajectory", recognition.trajectory),
                rel="recognised",
                capacity=recognition.capacity,
                valid_from=recognition.valid_from,
                valid_until=recognition.valid_until,
            )
        for mentor in workplace.mentors:
            graph.add_node(("mentor", workplace.id, mentor.id), kind="mentor", label=mentor.name)
            add(node, ("mentor", workplace.id, mentor.id), rel="mentor")
        for ident in workplace.cannot_offer:
            add(node, competence_node(ident), rel="cannot_offer")
    for learner in catalogue.learners.values():
        node = ("learner", learner.id)
        graph.add_node(node, kind="learner", label=learner.name)
        add(node, ("trajectory", learner.trajectory), rel="follows")
        if learner.workplace:
            add(node, ("workplace", learner.workplace), rel="placed")
            if learner.mentor:
                add(node, ("mentor", learner.workplace, learner.mentor), rel="mentored")
    return graph


def _add_trajectory(graph: nx.MultiDiGraph, trajectory: StandardTrajectory) -> None:
    tid = trajectory.id
    node = ("trajectory", tid)
    add = graph.add_edge
    graph.add_node(node, kind="trajectory", label=trajectory.title)
    add(node, ("ok", trajectory.qualification), rel="qualifies")
    for place in trajectory.learning_places:
        graph.add_node(("place", tid, place.id), kind="place", label=place.id, type=place.type)
        add(node, ("place", tid, place.id), rel="place")
    for allocation in trajectory.allocations:
        alloc = allocation_node(tid, allocation.competence)
        graph.add_node(alloc, kind="allocation", label=allocation.competence, phase=allocation.phase)
        add(node, alloc, rel="allocates")
        add(alloc, competence_node(allocation.competence), rel="allocates", phase=allocation.phase)
        for place in allocation.at:
            add(("place", tid, place), alloc, rel="learn")
        for place in allocation.assessed_by:
            add(("place", tid, place), alloc, rel="assess")
        for required in allocation.requires:
            add(alloc, allocation_node(tid, required), rel="requires")
    for cluster in trajectory.clusters:
        cnode = ("cluster", tid, cluster.id)
        graph.add_node(cnode, kind="cluster", label=cluster.title)
        add(node, cnode, rel="groups")
        for ident in cluster.competences:
            add(cnode, competence_node(ident), rel="groups")
    for index, certificate in enumerate(trajectory.certificates):
        cert = ("certificate", tid, str(index))
        graph.add_node(cert, kind="certificate", label=certificate.type)
        add(node, cert, rel="earns")
        clusters = (
            [cluster.id for cluster in trajectory.clusters] if certificate.all_clusters else certificate.clusters or ()
        )
        for cluster_id in clusters:
            add(cert, ("cluster", tid, cluster_id), rel="earns")
        if certificate.qualification:
            kind = "dbk" if certificate.type == "partial-qualification" else "bk"
            add(cert, (kind, certificate.qualification), rel="earns")


def _targets(graph: nx.MultiDiGraph, node: Node, rel: str) -> Iterator[Node]:
    for _, target, data in graph.out_edges(node, data=True):
        if data.get("rel") == rel:
            yield target


def allocated_competences(graph: nx.MultiDiGraph, trajectory: str) -> set[str]:
    """Competences the trajectory allocates somewhere."""
    return {
        competence[1]
        for alloc in _targets(graph, ("trajectory", trajectory), "allocates")
        for competence in _targets(graph, alloc, "allocates")
    }


def clustered_competences(graph: nx.MultiDiGraph, trajectory: str) -> set[str]:
    """Competences that sit in at least one cluster of the trajectory."""
    return {
        competence[1]
        for cluster in _targets(graph, ("trajectory", trajectory), "groups")
        for competence in _targets(graph, cluster, "groups")
    }


def prerequisite_cycles(graph: nx.MultiDiGraph, trajectory: str, limit: int = 50) -> list[list[str]]:
    """Each elementary cycle of ``requires`` among the trajectory's allocations, as competence ids.

    At most ``limit`` cycles: a tangle of prerequisites can hold exponentially many.
    """
    import itertools

    import networkx as nx

    requires = nx.DiGraph()
    for alloc in _targets(graph, ("trajectory", trajectory), "allocates"):
        for target in _targets(graph, alloc, "requires"):
            requires.add_edge(alloc[2], target[2])
    return sorted(itertools.islice(nx.simple_cycles(requires), limit))
