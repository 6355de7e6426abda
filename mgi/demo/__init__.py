"""The demo: illustrative inputs for "Albania (illustrative)" and the whole pipeline run on them.

:mod:`mgi.demo.inputs` generates the inputs (deterministically); :mod:`mgi.demo.run` runs
validate → score → compare → prioritise → report on them (``mgi demo``).
"""
