"""Content keys for outputs (the cache contract in DESIGN.md), computed without importing manim.

An output's key is a sha256 over named parts, so `la-render list` can say *why* an output is
stale:

- ``scene``: the scene module's source and the project modules it imports (transitively);
- ``shared``: the shared scene modules (``scenes/__init__.py``, ``base.py``, ``style.py``);
- ``core``: every source file of ``la_core/``;
- ``data``: the lesson data, only the sections the catalogue says the scene reads
  (``Lesson.digest(sections)``), so editing ``[lora]`` re-renders only the LoRA scene;
- ``settings``: the preset, the format and its options, the pipeline's worker and encoder
  sources, and the versions of manim, numpy, cairo, pango, PyAV, ffmpeg, gifsicle and LaTeX
  (plus manim's LaTeX template sources);
- ``narration`` (narrated outputs only): the voice's identity (engine, version, model bytes,
  settings, or the recordings folder's files) and the narration modules' sources. With the
  scene, data and settings fixed, that fixes every cue's text and speech, hence its timings.
  Silent outputs leave the part out, so a voice change re-renders only the narrated outputs.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from la_render.common.io import sha256_bytes
from la_render.common.versions import dist_version, tool_version
from la_render.pipeline.presets import Preset

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LA_CORE_DIR = PROJECT_ROOT / "la_core"
SCENES_DIR = PROJECT_ROOT / "scenes"
SHARED_SCENE_FILES = ("__init__.py", "base.py", "style.py")
#: The top-level packages of this project: the only imports a code walk follows.
PROJECT_PACKAGES = ("la_core", "scenes", "la_render")

#: Human names of the key parts, for `list` and `--dry-run`.
PART_NAMES = {
    "scene": "scene code",
    "shared": "shared scene code",
    "core": "core",
    "data": "data",
    "settings": "settings",
    "narration": "narration",
}


def _hash_files(files: list[tuple[str, Path]]) -> str:
    """sha256 over (name, content) pairs in name order; a missing file hashes as absent."""
    digest = hashlib.sha256()
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def module_file(module: str, root: Path | None = None) -> Path:
    """The source file of an importable module, found without executing it or its parents.

    The project's own packages are looked up under `root` (default: this checkout); any other
    top-level name goes through importlib (which imports nothing for a top-level name).
    Submodules are looked up on disk, so `scenes.base` never pulls in manim.
    """
    top, *rest = module.split(".")
    if top in PROJECT_PACKAGES:
        base = (root or PROJECT_ROOT).joinpath(top, *rest)
        for candidate in (base / "__init__.py", base.with_name(base.name + ".py")):
            if candidate.is_file():
                return candidate
        raise ModuleNotFoundError(f"cannot find the source of module {module!r}")
    spec = importlib.util.find_spec(top)
    if spec is None:
        raise ModuleNotFoundError(f"cannot find the source of module {module!r}")
    if not rest:
        if spec.origin is None or not spec.origin.endswith(".py"):
            raise ModuleNotFoundError(f"cannot find the source of module {module!r}")
        return Path(spec.origin)
    for location in spec.submodule_search_locations or ():
        base = Path(location).joinpath(*rest)
        for candidate in (base.with_name(base.name + ".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    raise ModuleNotFoundError(f"cannot find the source of module {module!r}")


def _imported_modules(path: Path, package: str) -> set[str]:
    """Absolute names of the modules `path` imports (relative imports resolved against `package`)."""
    stat = path.stat()
    return set(_imports_of(str(path), stat.st_mtime_ns, stat.st_size, package))


@functools.lru_cache(maxsize=4096)
def _imports_of(path: str, mtime_ns: int, size: int, package: str) -> frozenset[str]:
    """The parse behind `_imported_modules`, kept while the file is unchanged (walks re-read many
    files; a key is recomputed after an edit, and the edit changes the file's size or time)."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"), filename=path)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".") if package else []
                parts = parts[: len(parts) - node.level + 1] if node.level > 1 else parts
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(name for name in names if name)


def local_sources(module: str) -> dict[str, Path]:
    """The scene module and every module it imports from its own top-level package or `scenes`.

    `la_core` and the shared scene files have their own key parts, so they are left out here.
    """
    roots = {module.split(".")[0], "scenes"}
    shared = {f"scenes.{name.removesuffix('.py')}" for name in SHARED_SCENE_FILES} | {"scenes"}
    found: dict[str, Path] = {}
    pending = [module]
    while pending:
        name = pending.pop()
        if name in found or name in shared:
            continue
        try:
            path = module_file(name)
        except (ModuleNotFoundError, ValueError):
            if name == module:
                raise
            continue  # `from pkg import function` names a function, not a module
        found[name] = path
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for imported in _imported_modules(path, package):
            if imported.split(".")[0] in roots:
                pending.append(imported)
    return found


def package_files(package: str, root: Path | None = None) -> dict[str, Path]:
    """Every source file under a package's folder, by module name (found by walking the folder)."""
    folder = (root or PROJECT_ROOT).joinpath(*package.split("."))
    files = {}
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(folder).with_suffix("").parts
        name = ".".join((package, *parts)).removesuffix(".__init__")
        files[name] = path
    return files


def stage_packages(root: Path | None = None) -> tuple[str, ...]:
    """la_render's stage packages (cli, pipeline, formats, ...), found on disk."""
    folder = (root or PROJECT_ROOT) / "la_render"
    return tuple(sorted(f"la_render.{path.parent.name}" for path in folder.glob("*/__init__.py")))


def code_files(entries: tuple[str, ...], *, skip: tuple[str, ...] = (), root: Path | None = None
               ) -> dict[str, Path]:
    """The code an output comes from: every file under the `entries` packages (or the entry
    modules) and every project module they import, transitively (imports inside functions too).

    The walk does not enter a package in `skip`: one with a key part of its own (la_core,
    narration) or one that produces other outputs (another stage, another format's module).
    """
    def skipped(name: str) -> bool:
        return any(name == s or name.startswith(s + ".") for s in skip)

    found: dict[str, Path] = {}
    pending: list[str] = []
    for entry in entries:
        path = module_file(entry, root)
        if path.name == "__init__.py" and not skipped(entry):
            inside = package_files(entry, root)
            found.update({name: file for name, file in inside.items() if not skipped(name)})
        pending.append(entry)
    pending.extend(found)
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            path = found.get(name) or module_file(name, root)
        except (ModuleNotFoundError, ValueError):
            continue  # `from pkg import function` names a function, not a module
        found[name] = path
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for imported in _imported_modules(path, package):
            if imported.split(".")[0] in PROJECT_PACKAGES and not skipped(imported):
                pending.append(imported)
                parent = imported.rpartition(".")[0]
                while parent:  # importing a.b.c runs a/__init__ and a/b/__init__ too
                    if not skipped(parent):
                        pending.append(parent)
                    parent = parent.rpartition(".")[0]
    return found


def code_digest(entries: tuple[str, ...], *, skip: tuple[str, ...] = (), root: Path | None = None) -> str:
    """sha256 over `code_files` (module names and contents)."""
    return _hash_files(list(code_files(entries, skip=skip, root=root).items()))


def other_stages(*own: str, root: Path | None = None) -> tuple[str, ...]:
    """Every stage package of la_render but `own`: where a code walk for `own`'s outputs stops."""
    return tuple(stage for stage in stage_packages(root) if stage not in own)


@functools.cache
def core_digest() -> str:
    """Every source file of la_core (the default lesson data is hashed as data, not here)."""
    return _hash_files(list(package_files("la_core").items()))


@functools.cache
def shared_digest() -> str:
    return _hash_files([(name, SCENES_DIR / name) for name in SHARED_SCENE_FILES])


@functools.cache
def scene_digest(module: str) -> str:
    return _hash_files([(name, path) for name, path in local_sources(module).items()])


@functools.cache
def tool_versions() -> dict[str, str]:
    """Versions of everything that shapes the pixels or bytes, read without importing manim."""
    versions = {
        name: dist_version(name) for name in ("manim", "numpy", "pycairo", "ManimPango", "av", "Pillow")
    }
    try:
        import cairo  # small C extension: the system cairo's own version

        versions["cairo"] = cairo.cairo_version_string()
    except ImportError:
        versions["cairo"] = "missing"
    try:
        import manimpango  # bundles or links pango; its version string names the pango in use

        versions["pango"] = manimpango.pango_version()
    except ImportError:
        versions["pango"] = "missing"
    versions["latex"] = tool_version("latex", "--version")
    versions["ffmpeg"] = tool_version("ffmpeg", "-version")
    versions["gifsicle"] = tool_version("gifsicle", "--version")
    versions["tex_template"] = _manim_tex_template_digest()
    return versions


def _manim_tex_template_digest() -> str:
    try:
        dist = importlib.metadata.distribution("manim")
    except importlib.metadata.PackageNotFoundError:
        return "missing"
    names = ("manim/utils/tex.py", "manim/utils/tex_templates.py", "manim/utils/tex_file_writing.py")
    return _hash_files([(name, Path(str(dist.locate_file(name)))) for name in names])


def format_code_skip(root: Path | None = None) -> tuple[str, ...]:
    """Where the walk for a format's outputs stops: la_core and scenes (parts of their own) and
    the stages that produce other outputs. Other formats' modules are not imported by the pipeline
    (the registry names them as strings), so only those a format itself imports are walked."""
    return ("la_core", "scenes", *other_stages("la_render.pipeline", "la_render.formats",
                                                "la_render.common", root=root))


def pipeline_code_digest(fmt: str, root: Path | None = None) -> str:
    """The code every output of format `fmt` passes through: the pipeline (presets, planning,
    the worker), the shared plumbing, and the format's own module with what it imports (the
    format registry, helpers such as the AVIF box patcher)."""
    from la_render.formats import FORMAT_MODULES

    entries = ("la_render.pipeline", "la_render.common", FORMAT_MODULES[fmt])
    return code_digest(entries, skip=format_code_skip(root), root=root)


@functools.cache
def pipeline_digest(fmt: str) -> str:
    return pipeline_code_digest(fmt)


def format_options(fmt: str, *, gif_budget_kb: int) -> dict[str, Any]:
    """Options that change one format's bytes (only the GIF has any today)."""
    return {"gif_budget_kb": gif_budget_kb} if fmt == "gif" else {}


@dataclass(frozen=True)
class KeyParts:
    """The named digests an output's key is made of."""

    scene: str
    shared: str
    core: str
    data: str
    settings: str
    narration: str = ""  # empty for silent outputs (the part is then left out of the key)

    def as_dict(self) -> dict[str, str]:
        parts = {name: getattr(self, name) for name in PART_NAMES}
        return {name: value for name, value in parts.items() if value or name != "narration"}

    def key(self) -> str:
        return sha256_bytes(json.dumps(self.as_dict(), sort_keys=True).encode())


def settings_digest(preset: Preset, fmt: str, options: dict[str, Any]) -> str:
    payload = {
        "preset": preset.settings(),
        "format": fmt,
        "options": options,
        "tools": tool_versions(),
        "pipeline": pipeline_digest(fmt),
    }
    return sha256_bytes(json.dumps(payload, sort_keys=True).encode())


def output_key_parts(
    *, module: str, data_digest: str, preset: Preset, fmt: str, options: dict[str, Any], narration: str = ""
) -> KeyParts:
    """The key parts of one output of one scene at one preset."""
    return KeyParts(
        scene=scene_digest(module),
        shared=shared_digest(),
        core=core_digest(),
        data=data_digest,
        settings=settings_digest(preset, fmt, options),
        narration=narration,
    )


def changed_parts(old: dict[str, str] | None, new: KeyParts) -> list[str]:
    """Human names of the parts that differ (all of them when nothing was recorded)."""
    if not old:
        return ["no record"]
    current = new.as_dict()
    return [PART_NAMES[name] for name in PART_NAMES
            if (name in old or name in current) and old.get(name) != current.get(name)]


def clear_caches() -> None:
    """Forget memoised digests (watch mode re-reads sources after an edit)."""
    for cached in (core_digest, shared_digest, scene_digest, pipeline_digest):
        cached.cache_clear()


def figures_code_digest(root: Path | None = None) -> str:
    """The figures' code: la_render/figures/ and what it imports (the style, the narrative that
    writes the alt texts), la_core aside (hashed as the core part)."""
    return code_digest(("la_render.figures",), skip=("la_core", *other_stages("la_render.figures",
                                                                              "la_render.common", root=root)),
                       root=root)


def figures_key(lesson: Any) -> str:
    """Content key of the static figures: their code, la_core, the data, the versions.

    Lives here (not in figures/) so a no-op run can check it without importing matplotlib.
    """
    digest = hashlib.sha256(figures_code_digest().encode())
    digest.update(core_digest().encode())
    digest.update(lesson.digest().encode())
    for name in ("matplotlib", "numpy"):
        digest.update(dist_version(name).encode())
    return digest.hexdigest()


def page_code_digest(root: Path | None = None) -> str:
    """The page's code: la_render/page/ and what it imports (the transcript writer, sizes, ...)."""
    return code_digest(("la_render.page",), skip=("la_core", *other_stages(
        "la_render.page", "la_render.common", "la_render.formats", root=root)), root=root)


def narration_code_digest(root: Path | None = None) -> str:
    """The narration's code: la_render/narration/ and what it imports."""
    return code_digest(("la_render.narration",), skip=("la_core", "scenes", *other_stages(
        "la_render.narration", "la_render.common", root=root)), root=root)


def lecture_code_digest(root: Path | None = None) -> str:
    """The lecture cut's code: la_render/lecture/ and what it imports (formats' transcript, the
    narration it speaks the cards with)."""
    return code_digest(("la_render.lecture",), skip=("la_core", *other_stages(
        "la_render.lecture", "la_render.common", "la_render.formats", "la_render.narration", root=root)),
        root=root)
