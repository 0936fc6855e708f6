"""Spreadsheets in and out: the allocation matrix, workbooks and CSV, competence lists."""
