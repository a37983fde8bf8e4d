"""Plumbing every stage shares, written once: running ffmpeg and the other encoders
(`ffmpeg`), atomic writes and file hashes (`io`), time codes (`timecode`), byte sizes (`sizes`)
and tool version probes (`versions`). Imports nothing else of la_render.
"""
