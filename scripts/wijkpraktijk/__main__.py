from .cli import main

if __name__ == "__main__":  # worker processes (parallel.py) import this module under another name
    raise SystemExit(main())
