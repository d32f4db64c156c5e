"""``write_table``: the CSV it writes is what ``DataFrame.to_csv`` writes, byte for byte."""

import numpy as np
import pandas as pd
import pytest

from recon.cli import write_table
from recon.pipeline import extract_facts


def test_facts_of_the_corpus_are_written_as_pandas_writes_them(corpus_dir, tmp_path):
    facts = extract_facts([corpus_dir]).facts
    write_table(facts, tmp_path / "facts.csv")
    assert (tmp_path / "facts.csv").read_bytes() == facts.to_csv(index=False).encode()


@pytest.mark.parametrize("rows", [0, 1, 7])
def test_quotes_missing_values_and_floats_as_the_csv_module_does(tmp_path, rows):
    texts = ['他说,"增长"', "plain", "", None, "two\nlines", "tab\there", "carriage\rreturn"]
    floats = [1.0, 0.1 + 0.2, 1e16, 1.5e-05, np.nan, -0.0, 123456789012.5]
    df = pd.DataFrame({
        "text": pd.array(texts[:rows], dtype="str"),
        "value": np.array(floats[:rows], dtype="float64"),
        "count": pd.array([1, None, 3, 4, 5, None, 7][:rows], dtype="Int64"),
        "line": np.arange(rows, dtype="int64"),
        'a "quoted", header': pd.array(["x"] * rows, dtype="str"),
    })
    write_table(df, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes() == df.to_csv(index=False).encode()


def test_other_column_types_are_left_to_pandas(tmp_path):
    df = pd.DataFrame({"flag": [True, False], "name": pd.array(["a", ""], dtype="str")})
    write_table(df, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes() == df.to_csv(index=False).encode()
