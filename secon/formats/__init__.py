"""The one way each interface language writes dates, on pages, in e-mails and in PDFs (FORMAT_MODULE_PATH).

Templates and code use the named formats (`|date:"DATE_FORMAT"`, `formats.date_format(d,
"DATETIME_FORMAT")`), never a pattern of their own. The short formats are the same as the long ones,
so a page, a CSV-free document and a PDF written with either never disagree.
"""
