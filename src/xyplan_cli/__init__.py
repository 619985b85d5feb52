"""xyplan: target-compliance checker for Xianyang's Women's and Children's Development Plans 2021-2030."""

__version__ = "0.1.0"
