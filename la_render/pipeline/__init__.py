"""The render pipeline: presets, what a command reads (`inputs`), planning and running jobs
locally or on Dask (`jobs`, `cluster`), what runs in a worker (`worker`, `intermediate`), content
keys (`cache`), the manifest and its lock, one render run (`run`), the watcher and `clean`.
"""
