"""Reference pipeline for the throughput comparison in the README.

scikit-learn's CountVectorizer (uni- and bigrams) + MultinomialNB, trained
on the embedded corpus and run as one process over a file of claims, one a
line, writing one predicted label a line:

    python3 tools/sklearn/baseline.py claims.txt > labels.txt
"""
import json
import pathlib
import sys

from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

root = pathlib.Path(__file__).resolve().parents[2] / "corpus"
texts, labels = [], []
for name in ("claims.jsonl", "extra.jsonl"):
    for line in open(root / name, encoding="utf-8"):
        rec = json.loads(line)
        texts.append(rec["text"])
        labels.append(rec["label"])

vec = CountVectorizer(ngram_range=(1, 2))
model = MultinomialNB().fit(vec.fit_transform(texts), labels)

out = sys.stdout
batch = []
def flush():
    for label in model.predict(vec.transform(batch)):
        out.write(label + "\n")
    batch.clear()

with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line:
            batch.append(line)
            if len(batch) == 10000:
                flush()
if batch:
    flush()
