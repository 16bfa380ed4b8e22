#!/usr/bin/env python3
"""Turns a synthetic moteplass corpus (Benchmarks/make-corpus.py) into an equivalent Hugo site.

    Benchmarks/make-hugo-site.py CORPUS OUT_DIR

The same Markdown bodies, one page per recommendation in a section per set, a `parties`
taxonomy (so Hugo renders a page per party), and small layouts that render the responsibilities
table (each duty through markdownify) — the work moteplass does for the same content, without
the rest (validation, API, FHIR, calendars, search).
"""
import shutil
import sys
from pathlib import Path

import yaml

# libyaml's C reader and writer when PyYAML has them: 10,000 files in seconds, not a minute.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

CONFIG = """baseURL = "https://bench.example/"
languageCode = "nb"
title = "Benchmark"
[taxonomies]
party = "parties"
[markup.goldmark.renderer]
unsafe = false
"""

LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.id }} · versjon {{ .Params.version }} · {{ .Params.status }}</p>
<table><thead><tr><th>Hvem</th><th>Oppgave</th></tr></thead><tbody>
{{ range .Params.responsible }}<tr><th><a href="{{ (printf "/parties/%s/" .party) | relURL }}">{{ .party }}</a></th><td>{{ .duty | markdownify }}</td></tr>
{{ end }}</tbody></table>
{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
""",
    "_default/term.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>:
{{ $party := $.Data.Term }}{{ range .Params.responsible }}{{ if eq .party $party }}{{ .duty | markdownify }}{{ end }}{{ end }}</li>{{ end }}</ul>{{ end }}
""",
}


def split(text):
    _, front, body = text.split("---\n", 2)
    return yaml.load(front, Loader=Loader), body


def main(corpus, out):
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    (out / "hugo.toml").write_text(CONFIG)
    for path, text in LAYOUTS.items():
        (out / "layouts" / path).parent.mkdir(parents=True, exist_ok=True)
        (out / "layouts" / path).write_text(text)
    count = 0
    for folder in sorted((corpus / "recommendations").iterdir()):
        section = out / "content" / folder.name
        section.mkdir()
        meta, _ = split((folder / "_set.md").read_text())
        (section / "_index.md").write_text(yaml.dump({"title": meta["title"]}, Dumper=Dumper, allow_unicode=True, sort_keys=False).join(["---\n", "---\n"]))
        for file in sorted(folder.glob("[!_]*.md")):
            meta, body = split(file.read_text())
            responsible = meta.get("responsible") or []
            front = {
                "title": meta["title"], "id": meta["id"], "version": str(meta["version"]), "status": meta["status"],
                "parties": [r["party"] for r in responsible], "responsible": responsible, "tags": meta.get("tags") or [],
            }
            (section / file.name).write_text("---\n" + yaml.dump(front, Dumper=Dumper, allow_unicode=True, sort_keys=False) + "---\n" + body)
            count += 1
    print(f"== Hugo site: {count} recommendations in {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
