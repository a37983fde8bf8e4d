"""One time-code formatter for every caption, chapter and transcript la-render writes."""

from __future__ import annotations


def timecode(seconds: float, separator: str = ".") -> str:
    """HH:MM:SS<separator>mmm, rounded to the millisecond ("," for SubRip, "." for WebVTT)."""
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def clock(seconds: float) -> str:
    """m:ss (h:mm:ss from an hour on) as a reader sees a position: whole seconds, truncated like a
    player's clock, so the page's chapter list and the transcript's links agree."""
    whole = int(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
