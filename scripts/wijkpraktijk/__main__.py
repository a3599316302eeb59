import gc

gc.disable()  # importing pydantic, Jinja2 and the models allocates a lot and frees little: ~10% faster without the collector
from .cli import main  # noqa: E402

gc.enable()  # each command pauses it again where that pays (pipeline.without_cycle_collector); serve runs for hours

if __name__ == "__main__":  # worker processes (parallel.py) import this module under another name
    raise SystemExit(main())
