"""Load, validate and generate the site from content/; run as `python -m scripts <command>`."""
