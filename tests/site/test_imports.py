"""No import cycle anywhere in the portal's code.

grimp (the graph import-linter checks its contracts on) records imports written inside functions
too, so an import moved into a function to dodge a circle is still found here.
"""

import tomllib
from pathlib import Path

import grimp

PACKAGES = ("bansos_portal", "programs", "faq")


def drop_package_imports_of_own_submodules(graph):
    """Importing `pkg.sub` runs `pkg/__init__.py` first, so a package that imports its submodules
    is how packages are built, not a circle worth failing."""
    for package in graph.modules:
        for imported in graph.find_modules_directly_imported_by(package):
            if imported.startswith(f"{package}."):
                graph.remove_import(importer=package, imported=imported)


def import_cycles(graph):
    """Every cycle that runs through an import, as a tuple of modules that starts at its least name."""
    drop_package_imports_of_own_submodules(graph)
    edges = {
        (importer, imported)
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
    }
    cycles = set()
    for importer, imported in edges:
        back = graph.find_shortest_chain(importer=imported, imported=importer)
        if back:
            cycle = (importer, *back[:-1])
            start = cycle.index(min(cycle))
            cycles.add(cycle[start:] + cycle[:start])
    return sorted(cycles)


def describe(graph, cycle):
    """One line per import of the cycle, with the lines of the importing file that make it."""
    links = []
    for importer, imported in zip(cycle, cycle[1:] + cycle[:1], strict=True):
        details = graph.get_import_details(importer=importer, imported=imported)
        lines = ", ".join(str(line) for line in sorted(detail["line_number"] for detail in details))
        links.append(f"  {importer} -> {imported} (l.{lines})")
    return "\n".join(links)


def test_no_module_imports_itself_through_other_modules():
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)

    cycles = import_cycles(graph)

    report = "\n\n".join(describe(graph, cycle) for cycle in cycles)
    assert not cycles, f"{len(cycles)} import cycle(s), imports inside functions included:\n{report}"


PRIMITIVES = {"publishing", "rich_text", "formatting", "personal_data"}


def test_the_layer_contracts_name_every_module_of_the_site_layer():
    """A new wing joins the site layer: the contracts that keep programs, faq and the primitives below it
    must name it, or they would silently let those import it."""
    root = Path(__file__).resolve().parents[2]
    contracts = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    site_layer = {
        f"bansos_portal.{path.stem if path.suffix == '.py' else path.name}"
        for path in (root / "bansos_portal").iterdir()
        if (path.suffix == ".py" and path.stem not in PRIMITIVES | {"__init__"})
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    layer_contracts = [
        c for c in contracts if c["type"] == "forbidden" and c["source_modules"][0] != "bansos_portal.page_cache"
    ]

    assert len(layer_contracts) == 3
    for contract in layer_contracts:
        assert site_layer <= set(contract["forbidden_modules"]), contract["name"]
