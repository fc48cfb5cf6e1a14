"""The dataset's tables: one Arrow schema each, versioned, so downstream readers can rely on them.

`articles/` holds kept articles, `duplicates/` the near-duplicates pointing at the article they
copy, `quarantine/` every input unit that could not become an article. Together they account
for every input: inputs = articles + duplicates + quarantined.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "2.0"

REMOVAL = pa.struct([("rule", pa.string()), ("line", pa.int32()), ("text", pa.string())])
EDIT = pa.struct([("rule", pa.string()), ("before", pa.string()), ("after", pa.string())])

ARTICLES = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_path", pa.string()),
        ("site", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("author", pa.string()),
        ("published", pa.string()),
        ("language", pa.string()),
        ("language_prob", pa.float32()),
        ("text", pa.large_string()),
        ("word_count", pa.int32()),
        ("removed", pa.list_(REMOVAL)),
        ("edits", pa.list_(EDIT)),
        ("content_sha256", pa.string()),
        ("input_format", pa.string()),
        ("encoding", pa.string()),
        ("run_id", pa.string()),
    ]
)

DUPLICATES = pa.schema(
    [
        ("source_path", pa.string()),
        ("doc_id", pa.string()),
        ("duplicate_of", pa.string()),
        ("duplicate_of_path", pa.string()),
        ("similarity", pa.float32()),
        ("measure", pa.string()),
        ("site", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("word_count", pa.int32()),
        ("run_id", pa.string()),
    ]
)

QUARANTINE = pa.schema(
    [
        ("source_path", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("site", pa.string()),
        ("run_id", pa.string()),
    ]
)

TABLES = {"articles": ARTICLES, "duplicates": DUPLICATES, "quarantine": QUARANTINE}
