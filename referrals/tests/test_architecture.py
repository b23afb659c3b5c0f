"""The referrals package's own dependency rules (issue 14): no import cycle between its
modules (lifecycle ↔ notifications was one), no function-local import to hide one (only
``apps.ready()`` imports late, as Django wants), and no module over 400 lines."""

import ast
from pathlib import Path

import referrals

PACKAGE = Path(referrals.__file__).parent
MAX_LINES = 400


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if "migrations" in parts:
            continue
        name = ".".join(("referrals", *parts)).removesuffix(".__init__")
        yield name, path


def imported(name, path, tree):
    """The referrals modules ``name`` imports, each with whether the import is at the top."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        for target in targets:
            if target == "referrals" or target.startswith("referrals."):
                yield target, id(node) in top


def graph():
    known = dict(modules())
    edges, late = {}, []
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges[name] = set()
        for target, at_top in imported(name, path, tree):
            if target in known and target != name:
                edges[name].add(target)
                if not at_top and not name.endswith(".apps") and ".tests" not in name:
                    late.append((name, target))
    return edges, late


def test_no_import_cycle_in_referrals():
    edges, _late = graph()
    state, cycles = {}, []

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles
    assert "referrals.lifecycle" not in edges["referrals.notifications"]
    assert "referrals.services" not in edges["referrals.notifications"]


def test_no_function_local_imports_outside_apps_ready():
    _edges, late = graph()
    assert not late, late


def test_no_module_over_400_lines():
    long = {
        name: count
        for name, path in modules()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long
