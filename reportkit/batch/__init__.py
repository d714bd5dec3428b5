"""Many reports in one run: which files the command line names, where each one's output goes, and the
worker processes that render or check them."""
