"""Our node types (``workflows.nodes``): what they leave out of viewflow's writing must not change what a flow is."""

from types import SimpleNamespace

from viewflow import this
from viewflow.workflow import flow

from process.workflows.flows import DossierFlow
from process.workflows.nodes import _one_path


def _flow_of(*nodes):
    return type("Made", (), {"instance": SimpleNamespace(nodes=lambda: nodes)})


def test_an_end_skips_its_search_for_open_tasks_only_in_a_flow_of_one_path():
    """The end looks for other open tasks (viewflow's rule) unless every node passes one token on."""
    assert _one_path(DossierFlow)
    assert _one_path(_flow_of(flow.If(lambda a: True), flow.End()))
    assert not _one_path(_flow_of(flow.Split().Next(this.a), flow.End()))
    assert not _one_path(_flow_of(flow.Join(), flow.End()))
