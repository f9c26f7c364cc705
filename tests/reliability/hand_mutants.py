"""Hand-made mutants of budget.tabular's separator rules (`_decimal_point`, `_grouped`,
`_SCIENTIFIC`), which mutmut 2.5.1 cannot mutate: its cache crashes on those lines ("Attribute
Mutant.line is required"). Each mutant is written into budget/tabular.py, the rule tests run
(tests/reliability/mutation_runner.py), and the file is put back. Run it in a copy of the tree:

    .venv/bin/python tests/reliability/hand_mutants.py
"""
import pathlib
import subprocess
import sys

path = pathlib.Path("budget/tabular.py")
original = path.read_text()
mutants = [
    ('decimal = "," if compact.rfind(",") > compact.rfind(".") else "."', 'decimal = "," if compact.rfind(",") < compact.rfind(".") else "."'),
    ('thousands = "." if decimal == "," else ","', 'thousands = "," if decimal == "," else "."'),
    ('        if not _grouped(whole, thousands):\n            raise _not_a_number(text)\n', ''),
    ('return whole.replace(thousands, "") + "." + fraction', 'return whole.replace(thousands, ".") + "." + fraction'),
    ('separator = "," if commas else "." if dots else ""', 'separator = "." if commas else "," if dots else ""'),
    ('if compact.count(separator) > 1:', 'if compact.count(separator) > 2:'),
    ('if len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0"):', 'if len(fraction) == 3 and len(whole) < 3 and not whole.startswith("0"):'),
    ('if len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0"):', 'if len(fraction) == 3 and len(whole) <= 3:'),
    ('if len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0"):', 'if len(fraction) >= 3 and len(whole) <= 3 and not whole.startswith("0"):'),
    ('if len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0"):', 'if False:'),
    ('return re.fullmatch(r"\\d{1,3}(?:%s\\d{3})+" % re.escape(separator), digits) is not None', 'return re.fullmatch(r"\\d{1,4}(?:%s\\d{3})+" % re.escape(separator), digits) is not None'),
    ('return re.fullmatch(r"\\d{1,3}(?:%s\\d{3})+" % re.escape(separator), digits) is not None', 'return re.fullmatch(r"\\d{1,3}(?:%s\\d{2,3})+" % re.escape(separator), digits) is not None'),
    ('            return compact.replace(separator, "")\n', '            return compact\n'),
    ('_SCIENTIFIC = re.compile(r"[\\d.,]+[eE][+-]?\\d+")', '_SCIENTIFIC = re.compile(r"[\\d.,]+[eE]\\d+")'),
]
killed = 0
try:
    for old, new in mutants:
        assert old in original, old
        path.write_text(original.replace(old, new, 1))
        survived = subprocess.run([sys.executable, "tests/reliability/mutation_runner.py"],
                                  capture_output=True).returncode == 0
        print("SURVIVED" if survived else "killed  ", new.strip()[:90])
        killed += not survived
finally:
    path.write_text(original)
print(f"{killed}/{len(mutants)} killed")
sys.exit(0 if killed == len(mutants) else 1)
