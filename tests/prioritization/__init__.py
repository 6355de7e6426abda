"""Tests of the multi-criteria decision engine :mod:`mgi.prioritization`."""
