"""Shared test set-up. Qt must see the offscreen platform before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("PLANPROGRESS_HOME", None)  # tests always choose their own home
