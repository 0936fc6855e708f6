"""The catalogue graph and the questions rules ask of it."""

from __future__ import annotations

from pathlib import Path

from plan_support import TRAJECTORY, copy_samples, edit, load

from trajectkit.catalogue.graph import allocated_competences, build_graph, clustered_competences, prerequisite_cycles


def test_the_graph_holds_every_kind_with_its_relations(samples: Path) -> None:
    catalogue, _ = load(samples)
    graph = build_graph(catalogue)
    kinds = {data.get("kind") for _, data in graph.nodes(data=True)}
    assert {
        "bk",
        "ok",
        "competence",
        "goal",
        "trajectory",
        "place",
        "allocation",
        "cluster",
        "workplace",
        "mentor",
        "learner",
    } <= kinds
    assert graph.edges[("learner", "L-2026-0001"), ("workplace", "WP-0001")]["rel"] == "placed"
    assert graph.edges[("trajectory", "OT-00214"), ("ok", "OK-afwerking-bouw-duaal")]["rel"] == "qualifies"
    periods = graph.edges[("workplace", "WP-0001"), ("trajectory", "OT-00214")]["periods"]
    assert [capacity for _, _, capacity in periods] == [2]


def test_allocated_and_clustered_competences_match_the_trajectory(samples: Path) -> None:
    catalogue, _ = load(samples)
    trajectory = catalogue.trajectories["OT-00214"]
    graph = build_graph(catalogue)
    assert allocated_competences(graph, "OT-00214") == {item.competence for item in trajectory.allocations}
    assert clustered_competences(graph, "OT-00214") == {
        ident for cluster in trajectory.clusters for ident in cluster.competences
    }
    assert allocated_competences(graph, "OT-99999") == set()


def test_prerequisite_cycles_are_found_and_named(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path)
    catalogue, _ = load(folder)
    assert prerequisite_cycles(build_graph(catalogue), "OT-00214") == []
    # bkc0051283 already requires bkc0051280; the other way round closes a cycle.
    edit(
        folder / TRAJECTORY,
        "  - competence: bkc0051280    # Veiligheid, milieu, kwaliteit en welzijn\n",
        "  - competence: bkc0051280    # Veiligheid, milieu, kwaliteit en welzijn\n    requires: [bkc0051283]\n",
    )
    catalogue, _ = load(folder)
    assert [sorted(cycle) for cycle in prerequisite_cycles(build_graph(catalogue), "OT-00214")] == [
        ["bkc0051280", "bkc0051283"]
    ]
