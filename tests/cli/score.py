#!/usr/bin/env python3
"""Runs the shared scorer (../shared/tools/score.py, not part of this repository) with one
correction, for the accuracy tests (real_data_test.sh, gold_test.sh).

The scorer keys a gold priority marker by ordinal_of(marker): the number of its ordinal word
("Thứ ba" -> 3), but for a marker written with digits ("Thứ 3") the string "3", while trich's
`index` is the number 3. A marker trich finds right would count as one miss and one extra.
Here ordinal_of gives digits as a number too; everything else is the scorer's own code.

usage: score.py SCORER TRICH GOLD_DIR CORPUS_DIR [score.py's options]
"""
import runpy
import sys

scorer = sys.argv[1]
sys.argv = [scorer] + sys.argv[2:]
g = runpy.run_path(scorer)  # defines the scorer's functions; its main() is not run yet
# run_path returns a copy of the module's globals: the functions look names up in their own.
g = g["main"].__globals__
original = g["ordinal_of"]


def ordinal_of(marker):
    o = original(marker)
    return int(o) if isinstance(o, str) and o.isdigit() else o


g["ordinal_of"] = ordinal_of  # gold_keys looks it up in these globals when it runs
sys.exit(g["main"]())
