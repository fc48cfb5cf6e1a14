"""Which site a document belongs to: the unit of per-site statistics and boilerplate rules.

Cleaning rules learn per-site boilerplate, so `www.example.com`, `Example.com` and
`example.com:443` must all be one site; and when there is no URL, scrapers conventionally put
each site's files in its own folder, so the first folder is the next best answer.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

__all__ = ["host_of", "site_for"]

# "example.com/path" without a scheme, as feeds often write it.
_BARE_HOST = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?(/|$)")


def site_for(rel_path: str, url: str | None, input_dir_name: str) -> str:
    """Host of `url` (lowercased, without `www.`), else the first folder of `rel_path`.

    A file directly in the input folder has no folder of its own, so it belongs to the input
    folder itself (`input_dir_name`): never "", which would merge unrelated loose files with
    documents whose site is unknown elsewhere.
    """
    host = host_of(url)
    if host:
        return host
    parts = PurePosixPath(rel_path).parts
    if len(parts) > 1:
        return parts[0]
    return input_dir_name


def host_of(url: str | None) -> str | None:
    """Normalized host of a URL, or None when there is no usable host."""
    if not url:
        return None
    url = url.strip()
    if "://" not in url and not url.startswith("//") and _BARE_HOST.match(url):
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[len("www.") :]
    return host or None
