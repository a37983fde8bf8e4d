"""la-render: the render pipeline and the `la-render` command, one package per stage.

`cli` parses and delegates; `pipeline` plans, keys, runs and records renders; `formats` writes
each output format; `narration` speaks the scenes; `lecture` cuts them into one video; `figures`
draws the static figures; `page` builds the gallery; `common` is the plumbing they share.
See docs/DESIGN.md, "Where to look for X".
"""
