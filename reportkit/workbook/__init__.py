"""Excel workbooks: a unit's return to fill in, a report's figures, the county's sum (openpyxl).

Importing this package does not import openpyxl: the command line loads the modules below only when a
workbook is written or read.
"""


class WorkbookWarning(UserWarning):
    """Something in a workbook that was taken, but not as written: a number typed as text."""

