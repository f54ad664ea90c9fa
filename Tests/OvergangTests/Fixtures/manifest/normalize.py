"""Normalizes a manifest.json written on sample-data/ for comparison: the repository and output
folders become <repo> and <output>, the start and finish times <time>, the stage timings 0.

Usage: python3 normalize.py MANIFEST REPO OUTPUT > FIXTURE.json
ManifestTests applies the same rules to the manifest a run writes now.
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
