"""Renders JSON documents with the aws CLI's own output formatters (text, table, yaml).

Reads a JSON list of {"title", "format", "data"} on stdin and writes a JSON list of the rendered
strings, so one interpreter start serves a whole test. Used by AwsOutputFormatsTest only.
"""
import io
import json
import sys
from types import SimpleNamespace

from awscli import formatter

FORMATTERS = {
    "text": formatter.TextFormatter,
    "table": formatter.TableFormatter,
    "yaml": formatter.YAMLFormatter,
}

out = []
for case in json.load(sys.stdin):
    stream = io.StringIO()
    FORMATTERS[case["format"]](SimpleNamespace(color="off", query=None))(case["title"], case["data"], stream)
    out.append(stream.getvalue())
json.dump(out, sys.stdout)
