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
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from la_render.presets import Preset

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LA_CORE_DIR = PROJECT_ROOT / "la_core"
SCENES_DIR = PROJECT_ROOT / "scenes"
SHARED_SCENE_FILES = ("__init__.py", "base.py", "style.py")
#: Pipeline sources whose edits change the pixels or bytes of every output.
PIPELINE_FILES = ("la_render/worker.py", "la_render/encode.py", "la_render/presets.py",
                  "la_render/avif.py", "la_render/isobmff.py")

#: Human names of the key parts, for `list` and `--dry-run`.
PART_NAMES = {
    "scene": "scene code",
    "shared": "shared scene code",
    "core": "core",
    "data": "data",
    "settings": "settings",
    "narration": "narration",
}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes, read in chunks (outputs can be tens of MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _hash_files(files: list[tuple[str, Path]]) -> str:
    """sha256 over (name, content) pairs in name order; a missing file hashes as absent."""
    digest = hashlib.sha256()
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def module_file(module: str) -> Path:
    """The source file of an importable module, found without executing it or its parents.

    Only the top-level name goes through importlib (which imports nothing for a top-level
    name); submodules are looked up on disk, so `scenes.base` never pulls in manim.
    """
    top, *rest = module.split(".")
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
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
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
    return {name for name in names if name}


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


@functools.cache
def core_digest() -> str:
    """Every source file of la_core (the default lesson data is hashed as data, not here)."""
    return _hash_files([(p.name, p) for p in LA_CORE_DIR.glob("*.py")])


@functools.cache
def shared_digest() -> str:
    return _hash_files([(name, SCENES_DIR / name) for name in SHARED_SCENE_FILES])


@functools.cache
def scene_digest(module: str) -> str:
    return _hash_files([(name, path) for name, path in local_sources(module).items()])


def _first_line(command: list[str]) -> str:
    """The first line a tool prints for --version ("missing" when it is not installed)."""
    if shutil.which(command[0]) is None:
        return "missing"
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unavailable"
    text = (result.stdout or result.stderr).strip()
    return text.splitlines()[0] if text else ""


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


@functools.cache
def tool_versions() -> dict[str, str]:
    """Versions of everything that shapes the pixels or bytes, read without importing manim."""
    versions = {
        name: _version(name) for name in ("manim", "numpy", "pycairo", "ManimPango", "av", "Pillow")
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
    versions["latex"] = _first_line(["latex", "--version"])
    versions["ffmpeg"] = _first_line(["ffmpeg", "-version"])
    versions["gifsicle"] = _first_line(["gifsicle", "--version"])
    versions["tex_template"] = _manim_tex_template_digest()
    return versions


def _manim_tex_template_digest() -> str:
    try:
        dist = importlib.metadata.distribution("manim")
    except importlib.metadata.PackageNotFoundError:
        return "missing"
    names = ("manim/utils/tex.py", "manim/utils/tex_templates.py", "manim/utils/tex_file_writing.py")
    return _hash_files([(name, Path(str(dist.locate_file(name)))) for name in names])


@functools.cache
def pipeline_digest() -> str:
    return _hash_files([(name, PROJECT_ROOT / name) for name in PIPELINE_FILES])


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
        "pipeline": pipeline_digest(),
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


def figures_key(lesson: Any) -> str:
    """Content key of the static figures: their module, the style, la_core, the data, the versions.

    Lives here (not in figures.py) so a no-op run can check it without importing matplotlib.
    """
    digest = hashlib.sha256()
    narrative = sorted((SCENES_DIR / "narrative").glob("*.py"))  # the alt texts' words
    figure_modules = [PROJECT_ROOT / "la_render" / name for name in ("figures.py", "figures_layer.py",
                                                                          "figures_more.py")]
    for path in (*figure_modules, SCENES_DIR / "style.py", *narrative):
        digest.update(path.read_bytes() if path.is_file() else b"-")
    digest.update(core_digest().encode())
    digest.update(lesson.digest().encode())
    for name in ("matplotlib", "numpy"):
        digest.update(_version(name).encode())
    return digest.hexdigest()
