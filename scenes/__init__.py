"""Manim scenes, one per lesson concept; they draw what la_core computes and never compute."""
