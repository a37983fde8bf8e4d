"""The gallery page renders/index.html (`build`), with its pause-on-request motion controls
(`motion`), built from the manifest alone.
"""

from la_render.page.build import build_page, render_page

__all__ = ["build_page", "render_page"]
