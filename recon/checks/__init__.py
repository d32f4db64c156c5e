"""Check: run the expectation suites in ``expectations/`` over matched facts.

Entry point: :func:`check_facts`. Each failed or passed row of a comparison table becomes a
finding (``recon.schemas.Finding``); thresholds live in the suites, not in code.
"""
