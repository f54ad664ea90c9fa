"""Normalizes a manifest.json written on sample-data/ for comparison: the repository and output
folders become <repo> and <output>, the start and finish times <time>, the stage timings 0.

Usage: python3 normalize.py MANIFEST REPO OUTPUT > FIXTURE.json
ManifestTests applies the same rules to the manifest a run writes now.

sample.json and sample-min-cell-5.json were written by overgang at f2be4f5, before the typed
manifest (so without formatVersion), from the repository folder REPO:
  overgang run --config REPO/pipeline.json --output OUT --no-cache
  overgang run --config REPO/pipeline.json --output OUT --no-cache --min-cell 5 --comparison 2023-02..2023-10
When sample-data/ or what a run records changes, write them again the same way with the current
overgang and delete the line `"formatVersion" : 1,` (the test checks it is there and then
compares the rest).
"""
import re
import sys

path, repo, output = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
text = text.replace(output, "<output>").replace(repo, "<repo>")
text = re.sub(r'"(startedAt|finishedAt)" : "[^"]*"', r'"\1" : "<time>"', text)
head, tail = text.split('"timings" : {', 1)
block, rest = tail.split("}", 1)
block = re.sub(r": [0-9.e+-]+", ": 0", block)
sys.stdout.write(head + '"timings" : {' + block + "}" + rest)
