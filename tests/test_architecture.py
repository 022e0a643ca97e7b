"""The build reads in one direction and uses Pelican only through its public API: read from
the code itself (every import, inside functions too), so that a change that reaches inside
Pelican or python-markdown, or closes an import cycle, fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# Our code: the spotlight package and the Pelican plugin (the namespace package).
PACKAGES = {"spotlight": ROOT / "spotlight", "pelican.plugins.spotlight": ROOT / "pelican" / "plugins" / "spotlight"}
PLUGIN = "pelican.plugins.spotlight"
# The one module allowed to know python-markdown's internals (version-gated, see its docstring).
KNOWS_MARKDOWN_INTERNALS = {"spotlight.mdfast"}
# What may import the plugin and Pelican's machinery: the build and what drives it.
DRIVERS = {"spotlight.build", "spotlight.serve", "spotlight.cli", "spotlight.__main__"}


def _ours(target: str) -> bool:
    return any(target == p or target.startswith(p + ".") for p in PACKAGES)


def _modules() -> dict[str, ast.Module]:
    out = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            name = ".".join([package, *(parts[:-1] if parts[-1] == "__init__" else parts)])
            out[name] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return out


def _is_package(name: str) -> bool:
    for package, folder in PACKAGES.items():
        if name == package:
            return True
        if name.startswith(package + "."):
            return (folder / Path(*name[len(package) + 1:].split(".")) / "__init__.py").is_file()
    return False


def _imports(name: str, tree: ast.Module, known: set[str]) -> list[tuple[str, list[str], int]]:
    """Every module of ours ``name`` imports (at any depth), with the names taken from it."""
    is_package = _is_package(name)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, [], node.lineno) for a in node.names if _ours(a.name)]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not _ours(target):
                continue
            names = [a.name for a in node.names]
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
            out += [(m, [], node.lineno) for m in submodules]
            out.append((target, [n for n in names if f"{target}.{n}" not in known], node.lineno))
    return out


def test_no_import_cycle_counting_imports_inside_functions() -> None:
    modules = _modules()
    graph = {name: {t for t, _, _ in _imports(name, tree, set(modules)) if t in modules and t != name} for name, tree in modules.items()}
    # A package's own __init__ importing its submodules is how a package is made, not a cycle.
    for name in graph:
        graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, cycles


def test_no_module_imports_another_modules_private_names() -> None:
    modules = _modules()
    found = [
        f"{name}:{line} imports {n} from {target}"
        for name, tree in modules.items()
        for target, names, line in _imports(name, tree, set(modules))
        for n in names
        if n.startswith("_") and not n.startswith("__")
    ]
    assert not found, found


def test_one_direction_cli_build_plugin_pure_modules() -> None:
    modules = _modules()
    wrong = []
    for name, tree in modules.items():
        for target, _, line in _imports(name, tree, set(modules)):
            plugin_target = target == PLUGIN or target.startswith(PLUGIN + ".")
            if plugin_target and not name.startswith(PLUGIN) and name not in DRIVERS:
                wrong.append(f"{name}:{line} imports the plugin ({target})")
            if target.split(".")[:2] in (["spotlight", "build"], ["spotlight", "cli"], ["spotlight", "serve"]) and name not in DRIVERS:
                wrong.append(f"{name}:{line} imports {target}, which is above it")
        if name.startswith("spotlight.cleanup"):
            for node in ast.walk(tree):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                    wrong += [f"{name}:{node.lineno} imports {m}" for m in mods if m.split(".")[0] == "pelican"]
    assert not wrong, wrong


def _foreign_modules(tree: ast.Module) -> set[str]:
    """Local names bound to Pelican's or python-markdown's modules and objects."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] in ("pelican", "markdown")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("pelican", "markdown") and not node.level:
            names |= {a.asname or a.name for a in node.names}
    return names


def test_only_public_api_of_pelican_and_python_markdown() -> None:
    """No private attribute read or written outside our own objects (``self``, ``cls``), no
    assignment to an attribute of their modules or classes, no ``__class__`` swap, and no
    private key in the settings."""
    found = []
    for name, tree in _modules().items():
        if name in KNOWS_MARKDOWN_INTERNALS or name.startswith("spotlight.cleanup"):
            continue
        foreign = _foreign_modules(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                attr = node.attr
                owner = node.value.id if isinstance(node.value, ast.Name) else None
                # (lxml's etree._Element is its documented element type; os._exit, the documented
                # way for a forked child to leave)
                public = (owner, attr) in (("etree", "_Element"), ("os", "_exit"))
                if attr.startswith("_") and not attr.startswith("__") and owner not in ("self", "cls") and not public:
                    found.append(f"{name}:{node.lineno} .{attr}")
                if attr == "__class__" and isinstance(getattr(node, "ctx", None), ast.Store):
                    found.append(f"{name}:{node.lineno} assigns __class__")
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id in foreign:
                        found.append(f"{name}:{node.lineno} assigns {t.value.id}.{t.attr}")
                    if isinstance(t, ast.Attribute) and t.attr == "__class__":
                        found.append(f"{name}:{node.lineno} assigns __class__")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Name) and first.id in foreign:
                    found.append(f"{name}:{node.lineno} setattr on {first.id}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("_SPOTLIGHT"):
                found.append(f"{name}:{node.lineno} private settings key {node.value}")
    assert not found, found
